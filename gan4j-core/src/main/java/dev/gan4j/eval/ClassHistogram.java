package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;

/**
 * How generated samples spread over the classes of a labelled dataset, as judged by a classifier: each
 * sample counts for its most probable class (ties go to the lower class index), and the histogram is
 * compared with the real class frequencies. It follows the mode counting of the stacked-MNIST
 * experiments (Metz et al. 2017, "Unrolled Generative Adversarial Networks"; Srivastava et al. 2017,
 * "VEEGAN"), with any classifier; the one-tenth threshold below is gan4j's choice. Only each row's
 * largest entry matters, so logits work as well as probabilities.
 *
 * <ul>
 *   <li>{@code modesHit}: classes c with at least max(1, 0.1 · n · p_real(c)) of the n samples, i.e. at
 *       least a tenth of the share the real frequency predicts, so that a class reached by a stray sample
 *       or two out of thousands does not count as covered. A class with p_real(c) = 0 is not a mode of the
 *       data and never counts. Higher is better; the maximum is the number of classes present in the data.
 *   <li>{@code klToReal}: KL(q || p_real) = Σ_c q_c log(q_c / p_real(c)) with q the normalised histogram.
 *       Empty bins of q contribute 0 (the limit of q log q); a generated class that the real data never
 *       shows (p_real(c) = 0, q_c &gt; 0) makes it +∞. Lower is better; 0 means the same class
 *       frequencies.
 *   <li>{@code entropy}: −Σ q_c log q_c in nats, between 0 (total collapse on one class) and log K (an even
 *       spread). Compare it with the entropy of the real frequencies.
 * </ul>
 *
 * <pre>{@code var r = ClassHistogram.compute(probs, ClassHistogram.frequencies(labels, 10));}</pre>
 */
public final class ClassHistogram {
  private static final double FREQUENCY_SUM_TOLERANCE = 1e-6;

  private ClassHistogram() {}

  /**
   * The histogram measurements.
   *
   * @param counts samples predicted in each class
   * @param modesHit classes with at least a tenth of their expected share, as on the class
   * @param klToReal KL(q || p_real) in nats, possibly +∞
   * @param entropy entropy of q in nats
   */
  public record Result(int[] counts, int modesHit, double klToReal, double entropy) {}

  /**
   * Measures {@code probabilities} (one row of K class probabilities per sample) against the real class
   * frequencies (K values, non-negative, summing to 1).
   */
  public static Result compute(Samples probabilities, double[] realClassFrequencies) {
    int k = probabilities.dim();
    double[] real = checkedFrequencies(realClassFrequencies, k);
    int n = probabilities.count();
    float[] v = probabilities.values();
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (v[i * k + c] > v[i * k + best]) {
          best = c;
        }
      }
      counts[best]++;
    }
    int modes = 0;
    double kl = 0;
    double entropy = 0;
    for (int c = 0; c < k; c++) {
      if (real[c] > 0 && counts[c] >= Math.max(1, 0.1 * n * real[c])) {
        modes++;
      }
      if (counts[c] > 0) {
        double q = (double) counts[c] / n;
        kl += real[c] > 0 ? q * Math.log(q / real[c]) : Double.POSITIVE_INFINITY;
        entropy -= q * Math.log(q);
      }
    }
    // KL is non-negative; a tiny negative sum is rounding of an exact match.
    return new Result(counts, modes, Math.max(kl, 0), Math.max(entropy, 0));
  }

  /**
   * Class frequencies of {@code labels} (each in [0, classes)): the p_real argument of {@link #compute}.
   *
   * @throws InvalidConfigException if {@code classes < 1}
   */
  public static double[] frequencies(int[] labels, int classes) {
    if (classes < 1) {
      throw new InvalidConfigException("classes must be at least 1, got " + classes);
    }
    if (labels == null || labels.length == 0) {
      throw new IllegalArgumentException("need at least one label");
    }
    double[] f = new double[classes];
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i];
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(
            "label " + label + " at index " + i + " is outside [0, " + classes + ")");
      }
      f[label]++;
    }
    for (int c = 0; c < classes; c++) {
      f[c] /= labels.length;
    }
    return f;
  }

  private static double[] checkedFrequencies(double[] f, int k) {
    if (f == null || f.length != k) {
      throw new IllegalArgumentException(
          "need " + k + " real class frequencies (one per column of the probabilities), got "
              + (f == null ? "null" : f.length));
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      if (!(f[c] >= 0) || Double.isInfinite(f[c])) {
        throw new IllegalArgumentException("real class frequency " + c + " is not in [0, 1]: " + f[c]);
      }
      sum += f[c];
    }
    if (Math.abs(sum - 1) > FREQUENCY_SUM_TOLERANCE) {
      throw new IllegalArgumentException("real class frequencies must sum to 1, got " + sum);
    }
    double[] out = new double[k];
    for (int c = 0; c < k; c++) {
      out[c] = f[c] / sum;
    }
    return out;
  }
}
