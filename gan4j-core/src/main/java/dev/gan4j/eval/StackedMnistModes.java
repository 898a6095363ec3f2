package dev.gan4j.eval;

import dev.gan4j.data.StackedMnist;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mode coverage on Stacked MNIST ({@link StackedMnist}), the protocol of VEEGAN (Srivastava et al.
 * 2017) and PacGAN (Lin et al. 2018), Table 2: an MNIST classifier reads each of a sample's three
 * channels separately (its most probable class, ties to the lower digit), the three digits form the
 * sample's mode {@code 100 · d0 + 10 · d1 + d2}, and the histogram of modes over the samples gives
 *
 * <ul>
 *   <li>{@code modes}: modes with at least one sample, out of 1,000 (higher is better);
 *   <li>{@code klToUniform}: KL(p ‖ uniform) = Σ_m p_m log(1000 · p_m) in nats, p the normalised
 *       histogram, empty modes contributing 0 (PacGAN's convention). 0 for an even spread, log
 *       1000 ≈ 6.91 when every sample has the same mode (lower is better).
 * </ul>
 *
 * <p>The papers measure {@value StackedMnist#PROTOCOL_SAMPLES} samples; both values depend on the
 * sample count, so only counts measured on that many compare with their tables. gan4j's classifier
 * is its own {@link EvalClassifier}, not the papers' pretrained one.
 *
 * <pre>{@code int modes = StackedMnistModes.measure(classifier, samples, 26_000).modes();}</pre>
 */
public final class StackedMnistModes {
  private static final int DIGITS = 10;

  private StackedMnistModes() {}

  /**
   * The mode histogram and its summaries.
   *
   * @param modes modes with at least one sample, 0..1000
   * @param klToUniform KL(histogram ‖ uniform over 1,000 modes) in nats, in [0, log 1000]
   * @param counts samples per mode, 1,000 entries, index = mode
   */
  public record Result(int modes, double klToUniform, int[] counts) {}

  /**
   * Classifies each channel of {@code n} stacked samples ({@code n × 3 × 784} values in [-1, 1],
   * channel-major per sample) with {@code classifier}, one batched call per channel, and measures
   * the modes. Use {@value StackedMnist#PROTOCOL_SAMPLES} samples to compare with the papers.
   *
   * @param classifier a 10-class classifier of 28 × 28 digits, e.g. gan4j's MNIST classifier
   */
  public static Result measure(EvalClassifier classifier, float[] samples, int n) {
    return fromProbabilities(embed(classifier, samples, n).probabilities());
  }

  /**
   * What {@code classifier} makes of each channel of {@code n} stacked samples, as one set for the
   * metrics: the samples themselves ({@value StackedMnist#SAMPLE_DIM} values a row), the three
   * channels' feature vectors side by side ({@code 3 × featureDim} a row) and their class
   * probabilities side by side (30 a row: channel 0's ten digits, then channel 1's, then channel
   * 2's). This is the view that {@link #metric()} and {@link #fromProbabilities} read.
   */
  public static EvalSet embed(EvalClassifier classifier, float[] samples, int n) {
    if (classifier.classes() != DIGITS
        || classifier.recipe().spec().side() != StackedMnist.SIDE) {
      int side = classifier.recipe().spec().side();
      throw new IllegalArgumentException("stacked MNIST needs a 10-class classifier of 28 x 28 "
          + "digits, got " + classifier.classes() + " classes of " + side + " x " + side);
    }
    int channels = StackedMnist.CHANNELS;
    int f = classifier.featureDim();
    float[] features = new float[n * channels * f];
    float[] probs = new float[n * channels * DIGITS];
    for (int c = 0; c < channels; c++) {
      EvalClassifier.Embedding e = classifier.embed(StackedMnist.channel(samples, n, c), n);
      interleave(e.features().values(), f, features, c, channels, n);
      interleave(e.probabilities().values(), DIGITS, probs, c, channels, n);
    }
    return new EvalSet(
        new Samples(n, StackedMnist.SAMPLE_DIM, samples),
        new Samples(n, channels * f, features),
        new Samples(n, channels * DIGITS, probs));
  }

  // Row i of src (width w) goes to block `block` of row i of dst (blocks rows of w).
  private static void interleave(float[] src, int w, float[] dst, int block, int blocks, int n) {
    for (int i = 0; i < n; i++) {
      System.arraycopy(src, i * w, dst, (i * blocks + block) * w, w);
    }
  }

  /**
   * The modes of samples from their per-channel class probabilities: one row of 30 per sample,
   * channel 0's ten digits, then channel 1's, then channel 2's (the layout of {@link #embed}). Only
   * each block's largest entry matters, so logits work as well.
   */
  public static Result fromProbabilities(Samples probabilities) {
    int width = StackedMnist.CHANNELS * DIGITS;
    if (probabilities == null || probabilities.dim() != width) {
      throw new IllegalArgumentException("stacked MNIST modes need " + width
          + " class probabilities per sample (10 per channel, see StackedMnistModes.embed), got "
          + (probabilities == null ? "none" : probabilities.dim()));
    }
    float[] v = probabilities.values();
    int[] labels = new int[probabilities.count()];
    for (int i = 0; i < labels.length; i++) {
      int label = 0;
      for (int c = 0; c < StackedMnist.CHANNELS; c++) {
        label = label * DIGITS + argmax(v, (i * StackedMnist.CHANNELS + c) * DIGITS, DIGITS);
      }
      labels[i] = label;
    }
    return fromLabels(labels);
  }

  // The index of the largest of v[from .. from + k), the first one on ties.
  private static int argmax(float[] v, int from, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (v[from + j] > v[from + best]) {
        best = j;
      }
    }
    return best;
  }

  /**
   * The histogram of {@code labels} (modes, each in 0..999) and its summaries: the pure arithmetic
   * of {@link #measure}.
   */
  public static Result fromLabels(int[] labels) {
    if (labels == null || labels.length == 0) {
      throw new IllegalArgumentException("need at least one label");
    }
    int[] counts = new int[StackedMnist.MODES];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= StackedMnist.MODES) {
        throw new IllegalArgumentException("label " + labels[i] + " at index " + i
            + " is outside 0.." + (StackedMnist.MODES - 1));
      }
      counts[labels[i]]++;
    }
    int modes = 0;
    double kl = 0;
    for (int count : counts) {
      if (count > 0) {
        modes++;
        double p = (double) count / labels.length;
        kl += p * Math.log(p * StackedMnist.MODES);
      }
    }
    // KL is non-negative; a tiny negative sum is rounding of an even spread.
    return new Result(modes, Math.max(kl, 0), counts);
  }

  /**
   * The {@link GanMetric} {@code stacked-mnist}: values {@code modes} and {@code kl_to_uniform} of
   * the generated set's per-channel probabilities. It reads sets embedded by {@link #embed} (30
   * probabilities a row), so it measures the {@code stacked-mnist} dataset only.
   */
  public static GanMetric metric() {
    return new Metric();
  }

  private static final class Metric implements GanMetric {
    @Override
    public String name() {
      return StackedMnist.NAME;
    }

    @Override
    public String description() {
      return "stacked MNIST modes (of 1,000) with a sample (higher), KL to uniform (lower)";
    }

    @Override
    public boolean appliesTo(boolean images) {
      return false; // only where the dataset is known to be Stacked MNIST
    }

    @Override
    public boolean appliesTo(String dataset, boolean images) {
      return StackedMnist.NAME.equals(dataset);
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      Result r = fromProbabilities(generated.probabilities());
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("modes", (double) r.modes());
      values.put("kl_to_uniform", r.klToUniform());
      return values;
    }
  }
}
