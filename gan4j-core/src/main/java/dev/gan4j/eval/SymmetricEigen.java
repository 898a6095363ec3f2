package dev.gan4j.eval;

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method (Jacobi 1846; see Golub and
 * Van Loan, <i>Matrix Computations</i>, section 8.5): plane rotations zero the off-diagonal entries one
 * pair at a time, sweep after sweep, until the matrix is diagonal to working precision. It is slower than
 * a tridiagonal QR solver (about 2n³ operations per sweep, 6 to 10 sweeps) but short, always converges,
 * and keeps the eigenvectors orthonormal to rounding, which is what the matrix square roots of
 * {@link FrechetDistance} need for feature sizes up to a few hundred.
 *
 * <pre>{@code SymmetricEigen.Decomposition e = SymmetricEigen.decompose(covariance, 128);}</pre>
 */
public final class SymmetricEigen {
  private static final int MAX_SWEEPS = 100;

  private SymmetricEigen() {}

  /**
   * Eigenvalues and eigenvectors: {@code m = V diag(values) Vᵀ}.
   *
   * @param n the matrix order
   * @param values the eigenvalues, in descending order
   * @param vectors V, n x n row-major; column j (entries {@code vectors[i * n + j]}) is the unit eigenvector
   *     of {@code values[j]}
   */
  public record Decomposition(int n, double[] values, double[] vectors) {}

  /**
   * Decomposes the symmetric n x n matrix {@code m} (row-major; not modified).
   *
   * @throws IllegalArgumentException if the size does not match, an entry is not finite, or the matrix is
   *     not symmetric to within 1e-9 of its largest entry
   */
  public static Decomposition decompose(double[] m, int n) {
    double[] a = checkedSymmetricCopy(m, n);
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1;
    }
    double total = 0;
    for (double x : a) {
      total += x * x;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p * n + q] * a[p * n + q];
        }
      }
      // Off-diagonal entries are only ever mixed with other off-diagonal entries, so their rounding is
      // relative to their own (shrinking) size and this test is reached rather than stalling.
      if (off == 0 || off <= 1e-30 * total) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(a, v, n, p, q);
        }
      }
    }
    return sorted(a, v, n);
  }

  /**
   * The symmetric positive semi-definite square root {@code V diag(sqrt(max(λ, 0))) Vᵀ} of the symmetric
   * matrix {@code m}: negative eigenvalues, which in a covariance matrix can only be rounding, count as 0.
   */
  public static double[] sqrtPsd(double[] m, int n) {
    Decomposition e = decompose(m, n);
    double[] v = e.vectors();
    double[] root = new double[n];
    for (int j = 0; j < n; j++) {
      root[j] = Math.sqrt(Math.max(e.values()[j], 0));
    }
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = i; k < n; k++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += v[i * n + j] * root[j] * v[k * n + j];
        }
        out[i * n + k] = s;
        out[k * n + i] = s;
      }
    }
    return out;
  }

  /** Applies the rotation in the (p, q) plane that zeroes a[p][q], and accumulates it into v. */
  private static void rotate(double[] a, double[] v, int n, int p, int q) {
    double apq = a[p * n + q];
    if (apq == 0) {
      return;
    }
    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
    // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle under π/4, which is what makes the
    // cyclic method converge; written so that no difference of nearly equal numbers appears.
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < n; k++) {
      double akp = a[k * n + p];
      double akq = a[k * n + q];
      a[k * n + p] = c * akp - s * akq;
      a[k * n + q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p * n + k];
      double aqk = a[q * n + k];
      a[p * n + k] = c * apk - s * aqk;
      a[q * n + k] = s * apk + c * aqk;
    }
    a[p * n + q] = 0;
    a[q * n + p] = 0;
    for (int k = 0; k < n; k++) {
      double vkp = v[k * n + p];
      double vkq = v[k * n + q];
      v[k * n + p] = c * vkp - s * vkq;
      v[k * n + q] = s * vkp + c * vkq;
    }
  }

  private static double[] checkedSymmetricCopy(double[] m, int n) {
    if (n < 1 || m == null || m.length != (long) n * n) {
      throw new IllegalArgumentException(
          "need an n x n matrix with n >= 1; n = " + n + ", length = " + (m == null ? "null" : m.length));
    }
    double scale = 0;
    for (int i = 0; i < m.length; i++) {
      if (!Double.isFinite(m[i])) {
        throw new IllegalArgumentException("matrix entry " + i + " is not finite: " + m[i]);
      }
      scale = Math.max(scale, Math.abs(m[i]));
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = m[i * n + i];
      for (int j = i + 1; j < n; j++) {
        double x = m[i * n + j];
        double y = m[j * n + i];
        if (Math.abs(x - y) > 1e-9 * scale) {
          throw new IllegalArgumentException(
              String.format(
              "matrix is not symmetric: entry (%d, %d) = %s but (%d, %d) = %s", i, j, x, j, i, y));
        }
        // Averaging removes the rounding asymmetry of products such as S A S.
        a[i * n + j] = 0.5 * (x + y);
        a[j * n + i] = a[i * n + j];
      }
    }
    return a;
  }

  private static Decomposition sorted(double[] a, double[] v, int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y * n + y], a[x * n + x]));
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int j = 0; j < n; j++) {
      int src = order[j];
      values[j] = a[src * n + src];
      for (int i = 0; i < n; i++) {
        vectors[i * n + j] = v[i * n + src];
      }
    }
    return new Decomposition(n, values, vectors);
  }
}
