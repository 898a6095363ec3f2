package dev.gan4j.eval;

/**
 * A metric value with its spread and the number of parts it was computed from. What the spread is depends
 * on the metric, and each metric's Javadoc says which: the standard deviation over splits or subsets (the
 * Inception Score and KID convention, so numbers compare with published tables) or the standard error of
 * a mean (Parzen-window log-likelihood).
 *
 * <pre>{@code Estimate is = ClassifierScore.compute(probs); double low = is.mean() - is.spread();}</pre>
 *
 * @param mean the value
 * @param spread its spread, never negative
 * @param n splits, subsets or points behind the value, at least 1
 */
public record Estimate(double mean, double spread, int n) {
  public Estimate {
    if (n < 1) {
      throw new IllegalArgumentException("an estimate comes from at least one part, got n = " + n);
    }
    if (spread < 0) {
      throw new IllegalArgumentException("spread must not be negative, got " + spread);
    }
  }

  /** Mean and population standard deviation (dividing by n) of {@code values}. */
  static Estimate ofPopulation(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return new Estimate(mean, Math.sqrt(ss / values.length), values.length);
  }

  /** Mean and standard error (sample standard deviation over sqrt(n); 0 when n = 1) of {@code values}. */
  static Estimate ofMeanWithStandardError(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    if (values.length == 1) {
      return new Estimate(mean, 0, 1);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (values.length - 1));
    return new Estimate(mean, sd / Math.sqrt(values.length), values.length);
  }
}
