package dev.gan4j.eval;

/**
 * The Fréchet (2-Wasserstein) distance between Gaussians fitted to two sample sets (Dowson and Landau
 * 1982), the formula behind FID (Heusel et al. 2017, "GANs Trained by a Two Time-Scale Update Rule
 * Converge to a Local Nash Equilibrium"):
 *
 * <pre>  d² = |μ₁ − μ₂|² + tr(Σ₁) + tr(Σ₂) − 2 tr((Σ₁ Σ₂)^½)</pre>
 *
 * <p>The trace of the square root is computed without complex numbers or a non-symmetric matrix root:
 * with S = Σ₁^½ (symmetric PSD), Σ₁Σ₂ = S (S Σ₂ S) S⁻¹ is similar to the symmetric PSD matrix S Σ₂ S, so
 * tr((Σ₁Σ₂)^½) = Σᵢ sqrt(λᵢ) over the eigenvalues of S Σ₂ S, negative ones (rounding) counted as 0. Both
 * decompositions are {@link SymmetricEigen}. Means and covariances are accumulated in double; the
 * covariance is the unbiased one (divided by n − 1). A result that rounding pushes below 0 is reported as
 * 0. Lower is better; 0 means the two fitted Gaussians coincide.
 *
 * <p>On gan4j's own classifier features this is <b>not</b> FID, which is defined on Inception-v3 pool
 * features; report it under a name that says which features it used, e.g. {@code fd-lenet}, and compare
 * it only with numbers computed on the same features.
 *
 * <pre>{@code double fd = FrechetDistance.compute(realFeatures, fakeFeatures);}</pre>
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /**
   * A Gaussian fitted to samples; real-data statistics can be fitted once and reused.
   *
   * @param dim the dimension
   * @param mean the mean, length dim
   * @param covariance the unbiased covariance, dim x dim row-major
   * @param count how many samples it was fitted to
   */
  public record Gaussian(int dim, double[] mean, double[] covariance, int count) {
    public Gaussian {
      if (dim < 1 || mean == null || mean.length != dim || covariance == null
          || covariance.length != (long) dim * dim) {
        throw new IllegalArgumentException(
            "a Gaussian of dimension " + dim + " needs a mean of length dim and a dim x dim covariance");
      }
    }
  }

  /** The Fréchet distance between Gaussians fitted to {@code a} and to {@code b}. */
  public static double compute(Samples a, Samples b) {
    SquaredDistances.requireSameDim(a, b);
    return distance(fit(a), fit(b));
  }

  /** Mean and unbiased covariance of {@code s}, which needs at least 2 rows. */
  public static Gaussian fit(Samples s) {
    int n = s.count();
    int d = s.dim();
    if (n < 2) {
      throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + n);
    }
    float[] v = s.values();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += v[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    // Two passes (centre, then multiply) rather than E[xxᵀ] − μμᵀ, which cancels badly when |μ| is large.
    double[] cov = new double[d * d];
    double[] x = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[j] = v[i * d + j] - mean[j];
      }
      for (int j = 0; j < d; j++) {
        double xj = x[j];
        int row = j * d;
        for (int k = j; k < d; k++) {
          cov[row + k] += xj * x[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      for (int k = j; k < d; k++) {
        cov[j * d + k] /= n - 1;
        cov[k * d + j] = cov[j * d + k];
      }
    }
    return new Gaussian(d, mean, cov, n);
  }

  /** The Fréchet distance between two Gaussians of the same dimension. */
  public static double distance(Gaussian a, Gaussian b) {
    int d = a.dim();
    if (b.dim() != d) {
      throw new IllegalArgumentException(
          "Gaussians must have the same dimension, got " + d + " and " + b.dim());
    }
    double meanTerm = 0;
    for (int j = 0; j < d; j++) {
      double diff = a.mean()[j] - b.mean()[j];
      meanTerm += diff * diff;
    }
    double[] s = SymmetricEigen.sqrtPsd(a.covariance(), d);
    double[] middle = multiply(multiply(s, b.covariance(), d), s, d);
    double traceRoot = 0;
    for (double lambda : SymmetricEigen.decompose(middle, d).values()) {
      traceRoot += Math.sqrt(Math.max(lambda, 0));
    }
    double fd = meanTerm + trace(a.covariance(), d) + trace(b.covariance(), d) - 2 * traceRoot;
    // Mathematically fd >= 0; a negative value can only be rounding of a near-zero distance.
    return Math.max(fd, 0);
  }

  private static double trace(double[] m, int d) {
    double t = 0;
    for (int j = 0; j < d; j++) {
      t += m[j * d + j];
    }
    return t;
  }

  private static double[] multiply(double[] x, double[] y, int d) {
    double[] out = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double xik = x[i * d + k];
        if (xik == 0) {
          continue;
        }
        for (int j = 0; j < d; j++) {
          out[i * d + j] += xik * y[k * d + j];
        }
      }
    }
    return out;
  }
}
