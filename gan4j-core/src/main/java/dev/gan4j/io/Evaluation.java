package dev.gan4j.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.DataException;
import dev.gan4j.Rng;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import dev.gan4j.data.ImageDatasets.Split;
import dev.gan4j.data.Mixture2d;
import dev.gan4j.data.StackedMnist;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.eval.ClassHistogram;
import dev.gan4j.eval.EvalClassifier;
import dev.gan4j.eval.EvalSet;
import dev.gan4j.eval.GanMetric;
import dev.gan4j.eval.MetricResult;
import dev.gan4j.eval.RealData;
import dev.gan4j.eval.Samples;
import dev.gan4j.eval.StackedMnistModes;
import dev.gan4j.train.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures generated samples against a dataset: builds the {@link RealData} (for images, embedded by the
 * cached {@link EvalClassifier}), runs the chosen {@link GanMetric}s with their real-versus-real
 * references, and renders the {@link Report} as a text table or JSON. Used by {@code gan4j eval} and by
 * evaluation during training; an {@code Evaluation} holds the real data's embeddings and the references,
 * so repeated evaluations (every N training steps) pay for them once.
 *
 * <pre>{@code try (Evaluation e = Evaluation.open("mnist", dataDir, 10_000, log)) {
 *   Evaluation.Report r = e.evaluate(e.embed(samples, n), Metrics.parse("all", e.real()), "my run"); }}</pre>
 */
public final class Evaluation implements AutoCloseable {
  /** Image samples measured when no count is given: the Parzen-window protocol's 10,000. */
  public static final int DEFAULT_SAMPLES = 10_000;

  /** 2-D samples measured when no count is given: PacGAN's mode-coverage protocol uses 2,500. */
  public static final int DEFAULT_MIXTURE_SAMPLES = 2_500;

  /**
   * How many samples a published protocol measures on {@code dataset}: 2,500 for the 2-D mixtures
   * (PacGAN's Table 1; the modes a generator is credited with grow with the sample count, so other
   * counts do not compare), 10,000 for images (the 2014 paper's Parzen window).
   */
  public static int defaultSamples(String dataset) {
    if (StackedMnist.NAME.equals(dataset)) {
      return StackedMnist.PROTOCOL_SAMPLES; // the VEEGAN and PacGAN protocol's 26,000
    }
    return TrainingSet.mixture(dataset) != null ? DEFAULT_MIXTURE_SAMPLES : DEFAULT_SAMPLES;
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final RealData real;
  private final ClassifierCache.Cached classifier;
  private final boolean stacked;
  private final Map<String, MetricResult> references = new HashMap<>();

  private Evaluation(RealData real, ClassifierCache.Cached classifier) {
    this.real = real;
    this.classifier = classifier;
    this.stacked = StackedMnist.NAME.equals(real.dataset());
  }

  /**
   * The real data of {@code dataset}: for images, its splits embedded by the evaluation classifier
   * (trained first if it is not cached); for a 2-D mixture, three independent draws of {@code n} points.
   *
   * @param n how many samples the evaluations will measure (sizes the mixture draws)
   */
  public static Evaluation open(String dataset, Path dataDir, int n, Consumer<String> log) {
    if (n < 2) {
      throw new DataException("evaluation needs at least 2 samples, got " + n);
    }
    Mixture2d mixture = TrainingSet.mixture(dataset);
    if (mixture != null) {
      RealData real =
          new RealData(
              dataset,
              mixture,
              draw(mixture, n, "eval-train"),
              draw(mixture, n, "eval-validation"),
              draw(mixture, n, "eval-test"),
              null);
      return new Evaluation(real, null);
    }
    if (StackedMnist.NAME.equals(dataset)) {
      return openStacked(dataDir, n, log);
    }
    if (!ImageDatasets.names().contains(dataset)) {
      throw new DataException(
          "unknown dataset '" + dataset + "'; known: " + TrainingSet.names());
    }
    ClassifierCache.Cached c = ClassifierCache.obtain(dataset, dataDir, log);
    try {
      EvalSet train = embed(c.classifier(), ImageDatasets.load(dataset, dataDir, Split.TRAIN));
      RealData real =
          new RealData(
              dataset,
              null,
              train,
              embed(c.classifier(), ImageDatasets.load(dataset, dataDir, Split.VALIDATION)),
              embed(c.classifier(), ImageDatasets.load(dataset, dataDir, Split.TEST)),
              ClassHistogram.frequencies(train.labels(), c.classifier().classes()));
      return new Evaluation(real, c);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Stacked MNIST's real data: stacks of each MNIST split (n of the train and test splits, at most
   * 1,000 of validation, which only Parzen's bandwidth uses), each channel embedded by the MNIST
   * classifier ({@link StackedMnistModes#embed}).
   */
  private static Evaluation openStacked(Path dataDir, int n, Consumer<String> log) {
    ClassifierCache.Cached c = ClassifierCache.obtain(ImageDatasets.MNIST, dataDir, log);
    try {
      double[] uniform = new double[StackedMnist.MODES];
      java.util.Arrays.fill(uniform, 1.0 / StackedMnist.MODES);
      RealData real = new RealData(StackedMnist.NAME, null,
          stack(c, dataDir, Split.TRAIN, n), stack(c, dataDir, Split.VALIDATION, Math.min(n, 1000)),
          stack(c, dataDir, Split.TEST, n), uniform);
      return new Evaluation(real, c);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static EvalSet stack(ClassifierCache.Cached c, Path dataDir, Split split, int n) {
    StackedMnist.Stacked s = StackedMnist.build(
        ImageDatasets.load(ImageDatasets.MNIST, dataDir, split), n,
        Rng.derive(0, "stacked-mnist-" + split.name().toLowerCase(Locale.ROOT)));
    return StackedMnistModes.embed(c.classifier(), s.pixels(), n);
  }

  /**
   * Evaluates the generator of the run in {@code runDir} (its newest checkpoint) on {@code n} samples
   * drawn from {@code seed}, and writes the report to the run's {@code eval.json}. A conditional
   * run's samples are class-balanced ({@link RunSampler#askedClasses}) and keep the class each was
   * asked for ({@link EvalSet#labels()}), which the {@code conditional} metric reads; "all" includes
   * that metric for such runs only. An image-to-image run (pix2pix, CycleGAN) is measured on its
   * task's test inputs instead ({@link TranslationEvaluation}), with the metrics that measure
   * translations only.
   *
   * @param metricList comma-separated metric names, or null / "all" for every applicable one
   * @param n how many samples, or null for the dataset's {@link #defaultSamples}
   */
  public static Report evaluateRun(
      Path runDir, String metricList, Integer n, long seed, Path dataDir, Consumer<String> log) {
    return evaluateRun(runDir, metricList, n, seed, null, dataDir, log);
  }

  /**
   * As {@link #evaluateRun(Path, String, Integer, long, Path, Consumer)}, drawing the samples with
   * {@code rejection} ({@code none} or {@code drs}, see {@link RunConfig.Sampling}) instead of the
   * run's own {@code sampling.rejection} when it is not null.
   *
   * @throws dev.gan4j.OutputPathException when the run folder cannot take {@code eval.json} (checked
   *     before any sample is drawn)
   * @throws WriteFailedException when writing {@code eval.json} fails at the end (a full disk)
   */
  public static Report evaluateRun(Path runDir, String metricList, Integer n, long seed,
      String rejection, Path dataDir, Consumer<String> log) {
    RunDirectory run = RunDirectory.open(runDir);
    // The report goes into the run folder: a folder that cannot take it fails now, not after the
    // samples are drawn and measured (and without touching the folder).
    OutputPaths.checkReplaceable(runDir.resolve("eval.json"));
    RunConfig config = dev.gan4j.train.ConfigLoader.readJson(run.config());
    String dataset = config.data().name();
    if (n != null) {
      dev.gan4j.Limits.atMost(n, dev.gan4j.Limits.MAX_SAMPLES, "n");
    }
    dev.gan4j.train.ModelFamily family =
        dev.gan4j.train.ModelFamilies.byName(config.model().family());
    if (family.translates()) {
      // An image-to-image run translates its task's test inputs; nothing is drawn from noise.
      if (rejection != null) {
        throw new dev.gan4j.InvalidConfigException("rejection sampling draws samples from noise; a "
            + family.name() + " run translates test inputs and takes no rejection");
      }
      return TranslationEvaluation.evaluateRun(runDir, metricList, n, dataDir, log);
    }
    int count = n != null ? n : defaultSamples(dataset);
    boolean conditional = family.usesLabels();
    // Rejection sampling keeps a subset of the samples, so their code values are not known.
    boolean rejecting = "drs".equals(rejection != null ? rejection : config.sampling().rejection());
    boolean codes = !conditional && !rejecting
        && family.latentCodes(config).categorical().length > 0;
    List<GanMetric> metrics = dev.gan4j.eval.Metrics.parse(
        metricList, dataset, TrainingSet.mixture(dataset) == null, conditional, codes);
    try (RunSampler sampler = RunSampler.open(runDir, rejection, dataDir);
        Evaluation e = open(dataset, dataDir, count, log)) {
      boolean drs = "drs".equals(sampler.config().sampling().rejection());
      if (drs) {
        log.accept("training the rejection critic (" + sampler.config().sampling().criticSteps()
            + " steps)");
      }
      float[] samples = sampler.sample(count, seed);
      // A conditional run's samples are class-balanced, an InfoGAN run's balanced over its first
      // code's categories; each keeps what it was asked for.
      EvalSet generated = e.embed(samples, count);
      int[] asked = drs ? null : sampler.askedLabels(count);
      Report r =
          e.evaluate(asked == null ? generated : generated.withLabels(asked), metrics,
              runDir + " at step " + sampler.step() + ", noise seed " + seed
                  + (drs ? ", discriminator rejection sampling" : ""));
      try {
        AtomicFiles.writeString(runDir.resolve("eval.json"), r.toJson());
      } catch (IOException ex) {
        throw new WriteFailedException(runDir.resolve("eval.json"), ex);
      }
      return r;
    }
  }

  /**
   * Evaluates samples read from {@code file} (see {@link SampleFiles}) against {@code dataset}.
   *
   * @param limit measure at most this many of the file's samples
   */
  public static Report evaluateFile(
      Path file, String dataset, String metricList, int limit, Path dataDir, Consumer<String> log) {
    boolean images = TrainingSet.mixture(dataset) == null;
    if (dev.gan4j.data.TranslationTasks.isTask(dataset)) {
      // A file of outputs carries no inputs to translate nor targets to pair them with.
      throw new DataException("'" + dataset + "' is an image-to-image task: measure a translation"
          + " run with eval --run, or a file of its outputs against the target images with"
          + " --dataset " + dev.gan4j.data.TranslationTasks.source(dataset));
    }
    if (!TrainingSet.names().contains(dataset)) {
      throw new DataException("unknown dataset '" + dataset + "'; known: " + TrainingSet.names());
    }
    List<GanMetric> metrics = dev.gan4j.eval.Metrics.parse(metricList, dataset, images);
    SampleFiles.Loaded s = SampleFiles.read(file);
    int expectedDim =
        java.util.Arrays.stream(TrainingSet.shapeOf(dataset, null)).reduce(1, (a, b) -> a * b);
    if (s.dim() != expectedDim) {
      throw new DataException(file + ": samples have " + s.dim() + " values each; " + dataset
          + " samples have " + expectedDim);
    }
    if (images && !s.images()) {
      for (float v : s.values()) {
        if (v < -1.001f || v > 1.001f) {
          throw new DataException(file + ": pixel value " + v + " is outside [-1, 1]; write"
              + " images scaled to [-1, 1] (or as IDX, uint8)");
        }
      }
    }
    int n = Math.min(limit, s.count());
    if (n < 2) {
      throw new DataException(file + ": needs at least 2 samples, holds " + s.count());
    }
    float[] values =
        n == s.count() ? s.values() : java.util.Arrays.copyOf(s.values(), n * s.dim());
    try (Evaluation e = open(dataset, dataDir, n, log)) {
      return e.evaluate(e.embed(values, n), metrics, file.toString());
    }
  }

  private static EvalSet draw(Mixture2d mixture, int n, String purpose) {
    return EvalSet.points(Samples.of(mixture.sample(n, Rng.derive(0, purpose)), 2));
  }

  // A split with the classifier's views and its labels (from the dataset's IDX label file).
  private static EvalSet embed(EvalClassifier c, ImageDataset d) {
    EvalClassifier.Embedding e = c.embed(d.pixels(), d.count());
    int[] labels = new int[d.count()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = d.labels()[i] & 0xFF;
    }
    return new EvalSet(new Samples(d.count(), d.rows() * d.cols(), d.pixels()), e.features(),
        e.probabilities(), labels);
  }

  /** The real data. */
  public RealData real() {
    return real;
  }

  /** The classifier's provenance (null for 2-D data). */
  public ObjectNode classifierProvenance() {
    return classifier == null ? null : classifier.provenance();
  }

  /**
   * Generated samples ready for the metrics: {@code n} rows of the dataset's sample size (images in
   * [-1, 1], embedded by the classifier; or 2-D points).
   */
  public EvalSet embed(float[] samples, int n) {
    int dim = real.train().raw().dim();
    if (n < 1 || samples.length != (long) n * dim) {
      throw new DataException("expected " + n + " samples of " + dim + " values for "
          + real.dataset() + ", got " + samples.length + " values");
    }
    Samples raw = new Samples(n, dim, samples);
    if (classifier == null) {
      return EvalSet.points(raw);
    }
    if (stacked) {
      return StackedMnistModes.embed(classifier.classifier(), samples, n);
    }
    EvalClassifier.Embedding e = classifier.classifier().embed(samples, n);
    return new EvalSet(raw, e.features(), e.probabilities());
  }

  /**
   * Runs {@code metrics} on {@code generated}, each beside its real-versus-real reference (computed
   * once per Evaluation).
   *
   * @param source what the samples are, for the report (e.g. "runs/a, step 6000")
   */
  public Report evaluate(EvalSet generated, List<GanMetric> metrics, String source) {
    List<MetricResult> results = new ArrayList<>();
    for (GanMetric m : metrics) {
      long t0 = System.nanoTime();
      Map<String, Double> values = m.compute(real, generated);
      double seconds = (System.nanoTime() - t0) / 1e9;
      MetricResult ref = reference(m);
      results.add(
          new MetricResult(
              m.name(), values, ref.values(), ref.referenceDescription(), generated.count(),
              seconds));
    }
    return new Report(real.dataset(), source, generated.count(), results, classifierProvenance());
  }

  /** The metric measured on its real reference set in place of generated samples. */
  public MetricResult reference(GanMetric m) {
    return references.computeIfAbsent(
        m.name(),
        k -> {
          EvalSet ref = m.reference(real);
          long t0 = System.nanoTime();
          Map<String, Double> v = m.compute(real, ref);
          return new MetricResult(
              m.name(), v, v, m.referenceDescription() + " (" + ref.count() + ")", ref.count(),
              (System.nanoTime() - t0) / 1e9);
        });
  }

  @Override
  public void close() {
    if (classifier != null) {
      classifier.close();
    }
  }

  /**
   * An evaluation's results.
   *
   * @param dataset what the samples were measured against
   * @param source where the samples came from
   * @param count how many samples were measured
   * @param results one per metric, in the order asked
   * @param classifier the evaluation classifier's provenance, or null for 2-D data
   */
  public record Report(
      String dataset, String source, int count, List<MetricResult> results, ObjectNode classifier) {
    /** The value {@code key} of metric {@code metric}, or NaN when absent. */
    public double value(String metric, String key) {
      for (MetricResult r : results) {
        if (r.metric().equals(metric)) {
          return r.values().getOrDefault(key, Double.NaN);
        }
      }
      return Double.NaN;
    }

    /** The report as JSON (what {@code eval.json} holds). */
    public String toJson() {
      ObjectNode root = JSON.createObjectNode();
      root.put("dataset", dataset);
      root.put("source", source);
      root.put("samples", count);
      root.put("createdAt", Instant.now().toString());
      root.put("gan4j", Provenance.gan4jVersion());
      if (classifier != null) {
        root.set("classifier", classifier);
      }
      ArrayNode metrics = root.putArray("metrics");
      for (MetricResult r : results) {
        ObjectNode m = metrics.addObject();
        m.put("metric", r.metric());
        putValues(m.putObject("values"), r.values());
        putValues(m.putObject("reference"), r.reference());
        m.put("referenceSet", r.referenceDescription());
        m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
      }
      try {
        return JSON.writeValueAsString(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void putValues(ObjectNode into, Map<String, Double> values) {
      values.forEach(
          (k, v) -> {
            if (Double.isFinite(v)) {
              into.put(k, v);
            } else {
              into.put(k, v.toString()); // JSON has no infinity: "Infinity" / "NaN"
            }
          });
    }

    /**
     * The report as an aligned text table: metric, value name, generated, the reference's value (real
     * data against real data, or for a translation the input itself) and what the reference set is.
     */
    public String toText() {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"metric", "value", "generated", "reference", "reference set"});
      for (MetricResult r : results) {
        boolean first = true;
        for (Map.Entry<String, Double> e : r.values().entrySet()) {
          rows.add(
              new String[] {
                first ? r.metric() : "",
                e.getKey(),
                format(e.getValue()),
                format(r.reference().getOrDefault(e.getKey(), Double.NaN)),
                first ? r.referenceDescription() : ""
              });
          first = false;
        }
      }
      int[] width = new int[5];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          width[i] = Math.max(width[i], row[i].length());
        }
      }
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%s: %d samples from %s%n", dataset, count, source));
      if (classifier != null) {
        sb.append(String.format(Locale.ROOT,
            "classifier: %s, test accuracy %.4f%n", classifier.path("architecture").asText(),
            classifier.path("testAccuracy").asDouble()));
      }
      for (String[] row : rows) {
        sb.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %"
            + width[2] + "s  %" + width[3] + "s  %s", (Object[]) row).stripTrailing()).append('\n');
      }
      return sb.toString();
    }

    private static String format(double v) {
      if (Double.isNaN(v)) {
        return "-";
      }
      if (v == Math.rint(v) && Math.abs(v) < 1e6) {
        return String.format(Locale.ROOT, "%d", (long) v);
      }
      return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.2f" : "%.4f", v);
    }
  }
}
