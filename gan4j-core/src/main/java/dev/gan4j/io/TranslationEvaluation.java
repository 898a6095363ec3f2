package dev.gan4j.io;

import dev.gan4j.DataException;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.TranslationTasks;
import dev.gan4j.eval.ClassHistogram;
import dev.gan4j.eval.EvalClassifier;
import dev.gan4j.eval.EvalSet;
import dev.gan4j.eval.GanMetric;
import dev.gan4j.eval.MetricResult;
import dev.gan4j.eval.Metrics;
import dev.gan4j.eval.RealData;
import dev.gan4j.eval.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures a trained image-to-image run (pix2pix, CycleGAN) on its built-in task's test split with
 * the metrics that measure translations ({@link Metrics#parseTranslation}, today {@code
 * translation}): the first n test inputs of each direction are translated by the run's newest
 * checkpoint, and each value stands beside the same value for the input itself. A two-way run's
 * values for B to A carry the prefix {@code b2a_}. {@link Evaluation#evaluateRun} comes here for
 * such runs.
 *
 * <pre>{@code Evaluation.Report r = TranslationEvaluation.evaluateRun(run, "all", 2000, dataDir, log);}</pre>
 */
public final class TranslationEvaluation {
  /** Test inputs measured per direction when no count is given. */
  public static final int DEFAULT_SAMPLES = 2000;

  /** The prefix of the B-to-A direction's values. */
  public static final String BACKWARD = "b2a_";

  private TranslationEvaluation() {}

  /**
   * Measures the run in {@code runDir} on the first {@code n} test inputs of each direction and
   * writes the report to the run's {@code eval.json}.
   *
   * @param metricList comma-separated metric names, or null / "all"
   * @param n inputs per direction, or null for {@link #DEFAULT_SAMPLES}
   * @throws dev.gan4j.InvalidConfigException when a metric does not measure translations
   * @throws DataException when the run trained on a folder, which has no test split
   */
  public static Evaluation.Report evaluateRun(Path runDir, String metricList, Integer n,
      Path dataDir, Consumer<String> log) {
    List<GanMetric> metrics = Metrics.parseTranslation(metricList);
    int count = n != null ? n : DEFAULT_SAMPLES;
    OutputPaths.checkReplaceable(runDir.resolve("eval.json"));
    Evaluation.Report r = measure(runDir, metrics, count, dataDir, log);
    try {
      AtomicFiles.writeString(runDir.resolve("eval.json"), r.toJson());
    } catch (IOException ex) {
      throw new WriteFailedException(runDir.resolve("eval.json"), ex);
    }
    return r;
  }

  /**
   * The report of {@code metrics} on the run in {@code runDir} ({@code count} inputs per direction),
   * written nowhere: what a study reads.
   */
  public static Evaluation.Report measure(Path runDir, List<GanMetric> metrics, int count,
      Path dataDir, Consumer<String> log) {
    try (RunTranslator t = RunTranslator.open(runDir)) {
      String task = t.config().data().name();
      if (!TranslationTasks.isTask(task)) {
        throw new DataException(runDir + " trained on " + task + ", which has no test split or"
            + " evaluation classifier; the translation metric measures the built-in tasks ("
            + String.join(", ", TranslationTasks.names()) + ")");
      }
      TranslationTasks.Pairs test = TranslationTasks.load(task, dataDir, ImageDatasets.Split.TEST);
      try (ClassifierCache.Cached c =
          ClassifierCache.obtain(TranslationTasks.source(task), dataDir, log)) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        Map<String, Map<String, Double>> refs = new LinkedHashMap<>();
        int measured = direction(t, test.a().head(count), test.b(), test.paired(), false,
            c.classifier(), metrics, "", values, refs);
        if (t.bothWays()) {
          direction(t, test.b().head(count), test.a(), false, true, c.classifier(), metrics,
              BACKWARD, values, refs);
        }
        List<MetricResult> results = new ArrayList<>();
        for (GanMetric m : metrics) {
          results.add(new MetricResult(m.name(), values.get(m.name()), refs.get(m.name()),
              m.referenceDescription() + " (" + measured + ")", measured, 0));
        }
        return new Evaluation.Report(task, runDir + " at step " + t.step() + ", test split", measured,
            results, c.provenance());
      }
    }
  }

  // One direction: the inputs translated, then every metric on the outputs and on the inputs.
  private static int direction(RunTranslator t, TranslationTasks.Domain from,
      TranslationTasks.Domain to, boolean paired, boolean toA, EvalClassifier classifier,
      List<GanMetric> metrics, String prefix, Map<String, Map<String, Double>> values,
      Map<String, Map<String, Double>> refs) {
    int n = from.count();
    int dim = from.pixels().length / n;
    EvalSet target = embed(classifier, to);
    EvalSet inputs = embed(classifier, from);
    EvalSet targets = paired
        ? EvalSet.points(new Samples(n, dim, to.head(n).pixels())) : null;
    RealData real = new RealData(t.config().data().name(), null, target, target, inputs,
        ClassHistogram.frequencies(to.labels(), classifier.classes()), targets);
    EvalSet outputs = embed(classifier, new TranslationTasks.Domain(n,
        t.translate(from.pixels(), n, toA), from.labels()));
    for (GanMetric m : metrics) {
      m.compute(real, outputs).forEach((k, v) ->
          values.computeIfAbsent(m.name(), x -> new LinkedHashMap<>()).put(prefix + k, v));
      m.compute(real, m.reference(real)).forEach((k, v) ->
          refs.computeIfAbsent(m.name(), x -> new LinkedHashMap<>()).put(prefix + k, v));
    }
    return n;
  }

  // Images with the classifier's views, labelled with their classes.
  private static EvalSet embed(EvalClassifier classifier, TranslationTasks.Domain d) {
    int dim = d.pixels().length / d.count();
    EvalClassifier.Embedding e = classifier.embed(d.pixels(), d.count());
    return new EvalSet(new Samples(d.count(), dim, d.pixels()), e.features(), e.probabilities(),
        d.labels());
  }
}
