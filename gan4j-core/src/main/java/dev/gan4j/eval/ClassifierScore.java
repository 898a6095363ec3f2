package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;

/**
 * The Inception Score formula (Salimans et al. 2016, "Improved Techniques for Training GANs") applied to
 * any classifier's class probabilities: IS = exp(E_x KL(p(y|x) || p(y))), where p(y) is the mean of p(y|x)
 * over the samples. It is high when each sample is classified confidently (low-entropy p(y|x)) and the
 * samples spread over many classes (high-entropy p(y)); it always lies in [1, K] for K classes, K being
 * reached only by confident predictions spread evenly over all classes. Higher is better.
 *
 * <p>As in the paper the samples are cut into consecutive splits (default 10), each split uses its own
 * p(y), and the result is the mean over splits with the standard deviation over splits (population form,
 * dividing by the number of splits, the convention of the reference code). With a classifier other than
 * Inception-v3 on ImageNet the numbers are not the published Inception Score: name them for the classifier
 * (e.g. {@code is-lenet}).
 *
 * <p>No epsilon is needed: terms with p(y|x) = 0 are 0 (the limit of x log x), and p(y) > 0 wherever some
 * p(y|x) > 0, since p(y) is their mean. Rows are renormalised in double, so a float softmax that sums to
 * 1 ± 1e-6 gives exactly the same score.
 *
 * <pre>{@code Estimate is = ClassifierScore.compute(Samples.of(softmaxOutputs, 10));}</pre>
 */
public final class ClassifierScore {
  /** Splits by default, the paper's protocol. */
  public static final int DEFAULT_SPLITS = 10;

  private static final double ROW_SUM_TOLERANCE = 1e-3;

  private ClassifierScore() {}

  /** The score over {@value #DEFAULT_SPLITS} splits (fewer when there are fewer rows). */
  public static Estimate compute(Samples probabilities) {
    return compute(probabilities, DEFAULT_SPLITS);
  }

  /**
   * The score over {@code min(splits, rows)} consecutive splits of {@code probabilities} (one row of K
   * class probabilities per sample).
   *
   * @throws InvalidConfigException if {@code splits < 1}
   * @throws IllegalArgumentException if a row has a negative entry or does not sum to 1 within 1e-3
   */
  public static Estimate compute(Samples probabilities, int splits) {
    if (splits < 1) {
      throw new InvalidConfigException("splits must be at least 1, got " + splits);
    }
    double[] p = normalisedRows(probabilities);
    int n = probabilities.count();
    int k = probabilities.dim();
    int parts = Math.min(splits, n);
    double[] scores = new double[parts];
    double maxKl = Math.log(k);
    for (int s = 0; s < parts; s++) {
      int from = (int) ((long) s * n / parts);
      int to = (int) ((long) (s + 1) * n / parts);
      double[] marginal = new double[k];
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          marginal[c] += p[i * k + c];
        }
      }
      double[] logMarginal = new double[k];
      for (int c = 0; c < k; c++) {
        marginal[c] /= to - from;
        logMarginal[c] = marginal[c] > 0 ? Math.log(marginal[c]) : 0;
      }
      double kl = 0;
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          double q = p[i * k + c];
          if (q > 0) {
            kl += q * (Math.log(q) - logMarginal[c]);
          }
        }
      }
      kl /= to - from;
      // The mean KL is a mutual information, within [0, log K]; only rounding can step outside.
      scores[s] = Math.exp(Math.min(Math.max(kl, 0), maxKl));
    }
    return Estimate.ofPopulation(scores);
  }

  /** Rows as doubles scaled to sum to exactly 1, after checking they are probability vectors. */
  static double[] normalisedRows(Samples probabilities) {
    int n = probabilities.count();
    int k = probabilities.dim();
    float[] v = probabilities.values();
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        float x = v[i * k + c];
        if (x < 0) {
          throw new IllegalArgumentException(
              "probabilities must not be negative: row " + i + ", class " + c + " is " + x);
        }
        sum += x;
      }
      if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
        throw new IllegalArgumentException(
            "each row of probabilities must sum to 1 (within 1e-3): row " + i + " sums to " + sum);
      }
      for (int c = 0; c < k; c++) {
        out[i * k + c] = v[i * k + c] / sum;
      }
    }
    return out;
  }
}
