package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.data.StackedMnist;
import dev.gan4j.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of {@link GanMetric}s by name, and the metrics gan4j ships. Adding a metric is one class
 * and one {@link #register} call; reports and the trainer never branch on a metric's name.
 *
 * <table>
 *   <caption>gan4j's metrics</caption>
 *   <tr><th>name</th><th>data</th><th>values</th></tr>
 *   <tr><td>{@code fd-lenet}</td><td>images</td><td>{@code fd}: {@link FrechetDistance} on the classifier's
 *       features (not Inception FID)</td></tr>
 *   <tr><td>{@code kid-lenet}</td><td>images</td><td>{@code kid}, {@code kid_std}: {@link
 *       KernelInceptionDistance} on the same features</td></tr>
 *   <tr><td>{@code is-lenet}</td><td>images</td><td>{@code is}, {@code is_std}: {@link ClassifierScore}
 *       with gan4j's classifier</td></tr>
 *   <tr><td>{@code classes}</td><td>images</td><td>{@code modes}, {@code kl_to_real}, {@code entropy}:
 *       {@link ClassHistogram}</td></tr>
 *   <tr><td>{@code prdc}</td><td>both</td><td>{@code precision}, {@code recall}, {@code density}, {@code
 *       coverage}: {@link PrecisionRecall}, {@link DensityCoverage} on features (images) or coordinates
 *       (points)</td></tr>
 *   <tr><td>{@code mixture}</td><td>points</td><td>{@code modes}, {@code high_quality}, {@code
 *       reverse_kl}: {@link MixtureCoverage}</td></tr>
 *   <tr><td>{@code parzen}</td><td>images</td><td>{@code log_likelihood}, {@code standard_error}, {@code
 *       sigma}: {@link ParzenWindow} on pixels in [0, 1]</td></tr>
 *   <tr><td>{@code stacked-mnist}</td><td>Stacked MNIST</td><td>{@code modes}, {@code kl_to_uniform}:
 *       {@link StackedMnistModes} (is-lenet and classes do not apply there)</td></tr>
 *   <tr><td>{@code conditional}</td><td>images, conditional runs</td><td>{@code accuracy}, {@code
 *       fd_mean}, {@code accuracy_c} and {@code fd_c} per class: {@link ClassConditional}</td></tr>
 *   <tr><td>{@code codes}</td><td>images, InfoGAN runs</td><td>{@code accuracy}, {@code purity},
 *       {@code mutual_information}, {@code class_v} per code value: {@link CodeClasses}</td></tr>
 *   <tr><td>{@code translation}</td><td>image-to-image runs only</td><td>{@code l1}, {@code psnr_db},
 *       {@code ssim}, {@code class_preserved}, {@code fd_lenet}, {@code thickness}: {@link
 *       TranslationQuality}</td></tr>
 * </table>
 *
 * <pre>{@code List<GanMetric> ms = Metrics.parse("fd-lenet,prdc", true);}</pre>
 */
public final class Metrics {
  /** Samples a real set is capped at for the O(n²) nearest-neighbour metrics. */
  public static final int MAX_NEIGHBOUR_SET = 10_000;

  private static final Map<String, GanMetric> REGISTRY = new LinkedHashMap<>();

  static {
    register(new Fd());
    register(new Kid());
    register(new Is());
    register(new Classes());
    register(new Prdc());
    register(new Mixture());
    register(new Parzen());
    register(StackedMnistModes.metric());
    register(ClassConditional.metric());
    register(CodeClasses.metric());
    register(new TranslationQuality());
  }

  private Metrics() {}

  /** Registers (or replaces) a metric under its name. */
  public static synchronized void register(GanMetric metric) {
    REGISTRY.put(metric.name(), metric);
  }

  /** The registered names, in registration order. */
  public static synchronized List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /** The metric called {@code name}; unknown names fail with the list of known ones. */
  public static synchronized GanMetric byName(String name) {
    GanMetric m = REGISTRY.get(name);
    if (m == null) {
      throw new InvalidConfigException("unknown metric '" + name + "'; known: " + names());
    }
    return m;
  }

  /** Every registered metric that applies to images ({@code true}) or to 2-D points. */
  public static synchronized List<GanMetric> applicable(boolean images) {
    return applicable(null, images);
  }

  /**
   * Every registered metric that applies to the dataset called {@code dataset} (null: any), for
   * samples of an unconditional generator.
   */
  public static synchronized List<GanMetric> applicable(String dataset, boolean images) {
    return applicable(dataset, images, false);
  }

  /**
   * Every registered metric that applies to the dataset called {@code dataset} (null: any), for
   * samples of a conditional generator ({@code conditional}, each sample asked for a class: the
   * metrics that {@link GanMetric#needsClasses() need classes} are included) or not.
   */
  public static synchronized List<GanMetric> applicable(
      String dataset, boolean images, boolean conditional) {
    return applicable(dataset, images, conditional, false);
  }

  /**
   * As {@link #applicable(String, boolean, boolean)}, for the samples of an InfoGAN run ({@code
   * codes}: each sample drawn with a known category of the first categorical code, so the metrics
   * that {@link GanMetric#needsCodes() need codes} are included) or not.
   */
  public static synchronized List<GanMetric> applicable(
      String dataset, boolean images, boolean conditional, boolean codes) {
    List<GanMetric> out = new ArrayList<>();
    for (GanMetric m : REGISTRY.values()) {
      if (m.appliesTo(dataset, images) && (conditional || !m.needsClasses())
          && (codes || !m.needsCodes()) && !m.needsTranslation()) {
        out.add(m);
      }
    }
    return out;
  }

  /** The metrics tracked during training when none are named: cheap ones that show collapse. */
  public static List<GanMetric> trainingDefaults(boolean images) {
    return trainingDefaults(null, images);
  }

  /** As {@link #trainingDefaults(boolean)}, for the dataset called {@code dataset}. */
  public static List<GanMetric> trainingDefaults(String dataset, boolean images) {
    if (StackedMnist.NAME.equals(dataset)) {
      return List.of(byName("fd-lenet"), byName(StackedMnist.NAME));
    }
    return images
        ? List.of(byName("fd-lenet"), byName("classes"))
        : List.of(byName("mixture"));
  }

  /**
   * The metrics named in a comma-separated list ("all" or blank: every applicable one), each checked
   * against the kind of data.
   *
   * @param images whether the data are images (else 2-D points)
   * @throws InvalidConfigException for an unknown name or one that does not apply to this data
   */
  public static List<GanMetric> parse(String list, boolean images) {
    return parse(list, null, images);
  }

  /**
   * As {@link #parse(String, boolean)}, checked against the dataset called {@code dataset} too (null:
   * any dataset of that kind).
   */
  public static List<GanMetric> parse(String list, String dataset, boolean images) {
    return parse(list, dataset, images, false);
  }

  /**
   * As {@link #parse(String, String, boolean)}, for the samples of a conditional generator ({@code
   * conditional}: each sample asked for a class) or not. "all" includes the metrics that {@link
   * GanMetric#needsClasses() need classes} only for a conditional generator, and naming one for
   * other samples is refused.
   */
  public static List<GanMetric> parse(
      String list, String dataset, boolean images, boolean conditional) {
    return parse(list, dataset, images, conditional, false);
  }

  /**
   * As {@link #parse(String, String, boolean, boolean)}, for the samples of an InfoGAN run ({@code
   * codes}: each drawn with a known category of its first categorical code) or not. "all" includes
   * the metrics that {@link GanMetric#needsCodes() need codes} only for such samples, and naming one
   * for other samples is refused.
   */
  public static List<GanMetric> parse(
      String list, String dataset, boolean images, boolean conditional, boolean codes) {
    if (list == null || list.isBlank() || list.strip().equals("all")) {
      return applicable(dataset, images, conditional, codes);
    }
    List<GanMetric> out = new ArrayList<>();
    for (String name : list.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      GanMetric m = byName(name.strip());
      if (m.needsTranslation()) {
        throw new InvalidConfigException("metric '" + m.name() + "' measures an image-to-image run"
            + " (model.family pix2pix or cyclegan) on its task's test inputs; these samples are"
            + " drawn from noise");
      }
      if (!m.appliesTo(dataset, images)) {
        String kind = images ? "images" : "2-D points";
        throw new InvalidConfigException("metric '" + m.name() + "' does not apply to "
            + (dataset != null ? dataset + " (" + kind + ")" : kind) + "; applicable: "
            + applicable(dataset, images, conditional, codes).stream().map(GanMetric::name)
                .toList());
      }
      if (m.needsClasses() && !conditional) {
        throw new InvalidConfigException("metric '" + m.name() + "' needs a conditional run"
            + " (model.family cgan, acgan or projection), whose samples are each asked for a class; these"
            + " samples are not (an unconditional run, or a samples file)");
      }
      if (m.needsCodes() && !codes) {
        throw new InvalidConfigException("metric '" + m.name() + "' needs an InfoGAN run"
            + " (model.family infogan with a categorical code), whose samples are each drawn with a"
            + " known code value; these samples are not");
      }
      if (!out.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * The metrics named in a comma-separated list ("all" or blank: every one that measures
   * translations) for an image-to-image run (pix2pix, CycleGAN), whose generators translate test
   * inputs rather than sample from noise.
   *
   * @throws InvalidConfigException for an unknown name or a metric of samples drawn from noise
   */
  public static synchronized List<GanMetric> parseTranslation(String list) {
    List<GanMetric> offered =
        REGISTRY.values().stream().filter(GanMetric::needsTranslation).toList();
    if (list == null || list.isBlank() || list.strip().equals("all")) {
      return offered;
    }
    List<GanMetric> out = new ArrayList<>();
    for (String name : list.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      GanMetric m = byName(name.strip());
      if (!m.needsTranslation()) {
        throw new InvalidConfigException("metric '" + m.name() + "' measures samples drawn from"
            + " noise; an image-to-image run (pix2pix, cyclegan) is measured by: "
            + offered.stream().map(GanMetric::name).toList());
      }
      if (!out.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  private static Map<String, Double> values(Object... keysAndValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
    }
    return m;
  }

  private abstract static class ImageMetric implements GanMetric {
    @Override
    public boolean appliesTo(boolean images) {
      return images;
    }
  }

  /** An image metric that reads one class distribution per sample: not Stacked MNIST's three. */
  private abstract static class ClassMetric extends ImageMetric {
    @Override
    public boolean appliesTo(String dataset, boolean images) {
      return images && !StackedMnist.NAME.equals(dataset);
    }
  }

  /** Fréchet distance between Gaussians fitted to the classifier's features of train and generated. */
  static final class Fd extends ImageMetric {
    @Override
    public String name() {
      return "fd-lenet";
    }

    @Override
    public String description() {
      return "Frechet distance on the evaluation classifier's features (lower is better)";
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      return values("fd", FrechetDistance.compute(real.train().features(), generated.features()));
    }
  }

  /** KID on the classifier's features: unbiased MMD² with the cubic kernel over subsets. */
  static final class Kid extends ImageMetric {
    @Override
    public String name() {
      return "kid-lenet";
    }

    @Override
    public String description() {
      return "kernel distance (unbiased MMD^2, cubic kernel) on the classifier's features (lower is better)";
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      Estimate e =
          KernelInceptionDistance.compute(
              real.train().features(), generated.features(), new Rng(0x4B1D));
      return values("kid", e.mean(), "kid_std", e.spread());
    }
  }

  /** The Inception Score formula with the evaluation classifier's probabilities. */
  static final class Is extends ClassMetric {
    @Override
    public String name() {
      return "is-lenet";
    }

    @Override
    public String description() {
      return "classifier score, exp E KL(p(y|x) || p(y)), in [1, classes] (higher is better)";
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      Estimate e = ClassifierScore.compute(generated.probabilities());
      return values("is", e.mean(), "is_std", e.spread());
    }
  }

  /** The histogram of predicted classes against the real class frequencies. */
  static final class Classes extends ClassMetric {
    @Override
    public String name() {
      return "classes";
    }

    @Override
    public String description() {
      return "predicted-class histogram: modes hit (higher), KL to real (lower), entropy";
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      ClassHistogram.Result r =
          ClassHistogram.compute(generated.probabilities(), real.classFrequencies());
      return values("modes", r.modesHit(), "kl_to_real", r.klToReal(), "entropy", r.entropy());
    }
  }

  /** Improved precision and recall, density and coverage, on features or coordinates. */
  static final class Prdc implements GanMetric {
    @Override
    public String name() {
      return "prdc";
    }

    @Override
    public String description() {
      return "precision, recall (k=3), density, coverage (k=5) from nearest neighbours (higher is better)";
    }

    @Override
    public boolean appliesTo(boolean images) {
      return true;
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      int n = Math.min(MAX_NEIGHBOUR_SET, Math.max(generated.count(), 2));
      EvalSet r = real.train().head(n);
      EvalSet g = generated.head(MAX_NEIGHBOUR_SET);
      Samples rs = real.images() ? r.features() : r.raw();
      Samples gs = real.images() ? g.features() : g.raw();
      PrecisionRecall.Result pr = PrecisionRecall.compute(rs, gs);
      DensityCoverage.Result dc = DensityCoverage.compute(rs, gs);
      return values(
          "precision", pr.precision(), "recall", pr.recall(),
          "density", dc.density(), "coverage", dc.coverage());
    }
  }

  /** PacGAN's mode coverage of a 2-D mixture. */
  static final class Mixture implements GanMetric {
    @Override
    public String name() {
      return "mixture";
    }

    @Override
    public String description() {
      return "PacGAN mode coverage: modes captured, high-quality fraction (higher), reverse KL (lower)";
    }

    @Override
    public boolean appliesTo(boolean images) {
      return !images;
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      MixtureCoverage.Result r = MixtureCoverage.compute(real.mixture(), generated.raw().values());
      return values(
          "modes", r.modesCaptured(), "high_quality", r.highQualityFraction(),
          "reverse_kl", r.reverseKl());
    }
  }

  /** The 2014 paper's Parzen-window log-likelihood of the test split, pixels in [0, 1]. */
  static final class Parzen extends ImageMetric {
    @Override
    public String name() {
      return "parzen";
    }

    @Override
    public String description() {
      return "Parzen-window log-likelihood of the test split in nats, pixels in [0, 1] (higher is better)";
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      ParzenWindow.Result r =
          ParzenWindow.fit(
              unitPixels(generated.raw()), unitPixels(real.validation().raw()),
              unitPixels(real.test().raw()), ParzenWindow.defaultSigmas());
      return values(
          "log_likelihood", r.testLogLikelihood().mean(),
          "standard_error", r.testLogLikelihood().spread(), "sigma", r.sigma());
    }

    // Kernel centres from the training split: what a generator that memorised its data would score.
    @Override
    public EvalSet reference(RealData real) {
      return real.train();
    }

    @Override
    public String referenceDescription() {
      return "train split as kernel centres";
    }

    // The paper's likelihoods are for pixels in [0, 1]; gan4j's images live in [-1, 1].
    private static Samples unitPixels(Samples s) {
      float[] v = new float[s.values().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (s.values()[i] + 1f) * 0.5f;
      }
      return new Samples(s.count(), s.dim(), v);
    }
  }
}
