package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;
import java.util.Arrays;

/**
 * Parzen-window log-likelihood, the evaluation of Goodfellow et al. 2014 ("Generative Adversarial Nets",
 * after Breuleux, Bengio and Vincent 2011): an isotropic Gaussian kernel density estimate is placed on a
 * set of generated samples (e.g. 10,000 images with pixels in [0, 1]), and real held-out data is scored
 * under it:
 *
 * <pre>  log p(x) = logsumexp_i(−|x − sᵢ|² / (2σ²)) − log N − (d/2) log(2πσ²)</pre>
 *
 * <p>The bandwidth σ is the candidate with the highest mean log-likelihood on a validation set (default
 * candidates: 10 values log-spaced from 0.1 to 1), and the reported number is the mean log-likelihood of
 * a test set under that σ, with its standard error (sample standard deviation / sqrt(n)) as the
 * estimate's spread. Higher is better. The estimate is known to be poor in high dimensions (Theis, van
 * den Oord and Bethge 2016, "A note on the evaluation of generative models"); gan4j offers it to
 * reproduce the 2014 table, not as a recommended metric.
 *
 * <p>Squared distances are computed once per evaluation set, in blocks ({@link SquaredDistances}), and
 * every candidate σ is evaluated from the same block; the log-sum-exp runs in double per evaluation row
 * and σ, each block shifted by the row's smallest distance in it and merged into a running total, so
 * nothing overflows (a σ of 0.01 gives exponents in the thousands) and memory stays bounded by one block
 * however large the sets are.
 *
 * <pre>{@code var r = ParzenWindow.fit(fake, valid, test, ParzenWindow.defaultSigmas());}</pre>
 */
public final class ParzenWindow {
  private static final double NEGLIGIBLE_EXPONENT = 40;

  private ParzenWindow() {}

  /**
   * The fitted bandwidth and the test log-likelihood.
   *
   * @param sigma the chosen bandwidth
   * @param testLogLikelihood mean log-likelihood of the test set in nats, spread = its standard error
   * @param sigmas the candidates, in the order given
   * @param validationMeans mean validation log-likelihood of each candidate
   */
  public record Result(
      double sigma, Estimate testLogLikelihood, double[] sigmas, double[] validationMeans) {}

  /** The default candidates 10^(−1 + j/9), j = 0..9: from 0.1 to 1, log-spaced. */
  public static double[] defaultSigmas() {
    double[] s = new double[10];
    for (int j = 0; j < s.length; j++) {
      s[j] = Math.pow(10, -1 + j / 9.0);
    }
    return s;
  }

  /**
   * Chooses σ among {@code sigmas} on {@code validation} (the first candidate wins a tie) and scores
   * {@code test} with it, the kernels centred on {@code kernelCentres}.
   *
   * @throws InvalidConfigException if sigmas is empty or holds a value that is not finite and positive
   * @throws IllegalArgumentException if the dimensions differ
   */
  public static Result fit(Samples kernelCentres, Samples validation, Samples test, double[] sigmas) {
    checkSigmas(sigmas);
    SquaredDistances.requireSameDim(kernelCentres, validation);
    SquaredDistances.requireSameDim(kernelCentres, test);
    double[][] validationLl = logLikelihoods(kernelCentres, validation, sigmas);
    double[] means = new double[sigmas.length];
    int best = 0;
    for (int s = 0; s < sigmas.length; s++) {
      double sum = 0;
      for (double ll : validationLl[s]) {
        sum += ll;
      }
      means[s] = sum / validation.count();
      if (means[s] > means[best]) {
        best = s;
      }
    }
    double sigma = sigmas[best];
    double[] testLl = logLikelihoods(kernelCentres, test, sigma);
    return new Result(sigma, Estimate.ofMeanWithStandardError(testLl), sigmas.clone(), means);
  }

  /** The log-likelihood of each row of {@code points} under the kernel estimate on {@code centres}. */
  public static double[] logLikelihoods(Samples centres, Samples points, double sigma) {
    return logLikelihoods(centres, points, new double[] {sigma})[0];
  }

  /** Log-likelihoods for several bandwidths from one pass over the distances: [sigma][point]. */
  static double[][] logLikelihoods(Samples centres, Samples points, double[] sigmas) {
    checkSigmas(sigmas);
    SquaredDistances.requireSameDim(centres, points);
    int n = points.count();
    int ns = sigmas.length;
    double[] scale = new double[ns];
    for (int s = 0; s < ns; s++) {
      scale[s] = 1 / (2 * sigmas[s] * sigmas[s]);
    }
    double[][] lse = new double[ns][n];
    for (double[] row : lse) {
      Arrays.fill(row, Double.NEGATIVE_INFINITY);
    }
    SquaredDistances.forEachBlock(
        points,
        centres,
        (r0, rn, c0, cn, dist) -> {
          for (int i = 0; i < rn; i++) {
            int row = i * cn;
            // Shifting the row by its smallest distance makes its largest term exp(0) = 1 for every σ:
            // the block sum lies in [1, cn], so it neither under- nor overflows.
            float min = Float.POSITIVE_INFINITY;
            for (int j = 0; j < cn; j++) {
              min = Math.min(min, dist[row + j]);
            }
            for (int s = 0; s < ns; s++) {
              double sc = scale[s];
              // Terms below e^-40 (4e-18 of the largest) move a sum of at most cn terms by under 2e-14
              // relative; skipping their exp() makes small bandwidths several times cheaper.
              double cutoff = NEGLIGIBLE_EXPONENT / sc;
              double sum = 0;
              for (int j = 0; j < cn; j++) {
                double shifted = dist[row + j] - min;
                if (shifted <= cutoff) {
                  sum += Math.exp(-shifted * sc);
                }
              }
              double blockLse = Math.log(sum) - min * sc;
              lse[s][r0 + i] = logAddExp(lse[s][r0 + i], blockLse);
            }
          }
        });
    int dim = centres.dim();
    double logN = Math.log(centres.count());
    double[][] out = new double[ns][n];
    for (int s = 0; s < ns; s++) {
      double norm = logN + 0.5 * dim * Math.log(2 * Math.PI * sigmas[s] * sigmas[s]);
      for (int i = 0; i < n; i++) {
        out[s][i] = lse[s][i] - norm;
      }
    }
    return out;
  }

  /** log(eᵃ + eᵇ) without overflow; −∞ is the empty sum. */
  private static double logAddExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    double hi = Math.max(a, b);
    return hi + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  private static void checkSigmas(double[] sigmas) {
    if (sigmas == null || sigmas.length == 0) {
      throw new InvalidConfigException("need at least one Parzen bandwidth sigma");
    }
    for (double s : sigmas) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new InvalidConfigException("Parzen bandwidth sigma must be finite and positive, got " + s);
      }
    }
  }
}
