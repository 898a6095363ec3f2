package dev.gan4j.io;

import dev.gan4j.data.DigitTransforms;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.TranslationTasks;
import dev.gan4j.eval.EvalClassifier;
import dev.gan4j.eval.FrechetDistance;
import dev.gan4j.eval.Samples;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code translation} measurement of a trained image-to-image run on its task's test split:
 * for each direction, the outputs' mean L1 and PSNR against the targets (paired tasks), the share of
 * outputs the evaluation classifier gives the input's class ("class preserved"), fd-lenet of the
 * outputs against the target domain's test images, and the mean stroke thickness; each beside the
 * same numbers for the inputs themselves, the baseline that needs no model. SSIM is not computed yet.
 *
 * <pre>{@code String table = TranslationEvaluation.run(Path.of("runs/p2p"), dataDir, 2000, log);}</pre>
 */
public final class TranslationEvaluation {
  private TranslationEvaluation() {}

  /**
   * Measures the run on the first {@code n} test images of each domain and returns the report as a
   * text table.
   */
  public static String run(Path runDir, Path dataDir, int n, Consumer<String> log) {
    try (RunTranslator t = RunTranslator.open(runDir)) {
      String task = t.config().data().name();
      TranslationTasks.Pairs test = TranslationTasks.load(task, dataDir, ImageDatasets.Split.TEST);
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "translation of %s, checkpoint step %d, test split%n",
          task, t.step()));
      try (ClassifierCache.Cached c = ClassifierCache.obtain(TranslationTasks.source(task), dataDir,
          log)) {
        direction(out, "a2b", t, test.a().head(n), test.b(), test.paired(), false, c.classifier());
        if (t.bothWays()) {
          direction(out, "b2a", t, test.b().head(n), test.a(), false, true, c.classifier());
        }
      }
      return out.toString();
    }
  }

  private static void direction(StringBuilder out, String name, RunTranslator t,
      TranslationTasks.Domain from, TranslationTasks.Domain to, boolean paired, boolean toA,
      EvalClassifier classifier) {
    int n = from.count();
    float[] y = t.translate(from.pixels(), n, toA);
    Map<String, Double> model = measure(y, from, to, paired, classifier);
    Map<String, Double> input = measure(from.pixels(), from, to, paired, classifier);
    out.append(String.format(Locale.ROOT, "%s (%d images)%n%-18s %12s %12s%n", name, n, "value",
        "output", "input itself"));
    model.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-18s %12.4f %12.4f%n", k, v,
        input.get(k))));
    out.append(String.format(Locale.ROOT, "%-18s %12s %12.4f%n", "target thickness", "",
        DigitTransforms.meanThickness(to.pixels(), to.count(), 28)));
  }

  private static Map<String, Double> measure(float[] images, TranslationTasks.Domain from,
      TranslationTasks.Domain to, boolean paired, EvalClassifier classifier) {
    int n = from.count();
    int dim = images.length / n;
    Map<String, Double> v = new LinkedHashMap<>();
    if (paired) {
      double abs = 0;
      double sq = 0;
      for (int i = 0; i < n * dim; i++) {
        double d = images[i] - to.pixels()[i];
        abs += Math.abs(d);
        sq += d * d;
      }
      v.put("l1", abs / (n * dim));
      // Pixels span [-1, 1]: the peak-to-peak range is 2.
      v.put("psnr_db", 10 * Math.log10(4.0 / (sq / (n * dim))));
    }
    EvalClassifier.Embedding e = classifier.embed(images, n);
    int k = e.probabilities().dim();
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (e.probabilities().values()[i * k + c] > e.probabilities().values()[i * k + best]) {
          best = c;
        }
      }
      kept += best == from.labels()[i] ? 1 : 0;
    }
    v.put("class_preserved", (double) kept / n);
    Samples target = classifier.embed(to.pixels(), to.count()).features();
    v.put("fd_lenet", FrechetDistance.compute(e.features(), target));
    v.put("thickness", DigitTransforms.meanThickness(images, n, 28));
    return v;
  }
}
