package dev.gan4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;

/**
 * Kernel Inception Distance (Bińkowski, Sutherland, Arbel and Gretton 2018, "Demystifying MMD GANs"): the
 * unbiased estimate of the squared maximum mean discrepancy between two feature sets under the cubic
 * polynomial kernel k(x, y) = (x·y / d + 1)³,
 *
 * <pre>  MMD²ᵤ = mean_{i≠j} k(xᵢ, xⱼ) + mean_{i≠j} k(yᵢ, yⱼ) − 2 mean_{i,j} k(xᵢ, yⱼ)</pre>
 *
 * <p>averaged over random subsets: each subset takes m rows of each set without replacement,
 * independently per set and per subset. Unlike the Fréchet distance the estimator is unbiased, so it can be
 * slightly negative when the sets match and does not depend on the sample size in expectation. The
 * result's spread is the standard deviation of the subset estimates (population form, dividing by the
 * number of subsets, the convention of the common reference implementations). Lower is better; about 0
 * means indistinguishable.
 *
 * <p>The inner products are one float32 matrix product per Gram matrix on the tensor engine; the kernel
 * and all sums are then taken in double. As with the Fréchet distance, on gan4j's classifier features
 * this is not the Inception-feature KID of the paper: name it for its features (e.g. {@code kid-lenet}).
 *
 * <pre>{@code Estimate kid = KernelInceptionDistance.compute(real, fake, new Rng(7));}</pre>
 */
public final class KernelInceptionDistance {
  /** Subsets averaged by default (the paper's setting). */
  public static final int DEFAULT_SUBSETS = 100;

  /** Rows per subset by default (the paper's setting); smaller sets use all their rows. */
  public static final int DEFAULT_SUBSET_SIZE = 1000;

  private KernelInceptionDistance() {}

  /** KID with the default 100 subsets of 1000 rows. */
  public static Estimate compute(Samples a, Samples b, Rng rng) {
    return compute(a, b, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, rng);
  }

  /**
   * KID over {@code subsets} subsets of min(subsetSize, a.count, b.count) rows of each set.
   *
   * @throws InvalidConfigException if {@code subsets < 1} or {@code subsetSize < 2}
   * @throws IllegalArgumentException if the dimensions differ or a set has fewer than 2 rows
   */
  public static Estimate compute(Samples a, Samples b, int subsets, int subsetSize, Rng rng) {
    if (subsets < 1) {
      throw new InvalidConfigException("KID subsets must be at least 1, got " + subsets);
    }
    if (subsetSize < 2) {
      throw new InvalidConfigException("KID subset size must be at least 2, got " + subsetSize);
    }
    SquaredDistances.requireSameDim(a, b);
    if (a.count() < 2 || b.count() < 2) {
      throw new IllegalArgumentException(
          "KID needs at least 2 rows in each set, got " + a.count() + " and " + b.count());
    }
    int m = Math.min(subsetSize, Math.min(a.count(), b.count()));
    int d = a.dim();
    Engines.init();
    double[] estimates = new double[subsets];
    try (NDManager base = NDManager.newBaseManager()) {
      for (int s = 0; s < subsets; s++) {
        float[] xs = subset(a, m, rng);
        float[] ys = subset(b, m, rng);
        try (NDManager sub = base.newSubManager()) {
          NDArray x = HostArrays.upload(sub, xs, new Shape(m, d));
          NDArray y = HostArrays.upload(sub, ys, new Shape(m, d));
          double offXx = kernelSum(x, x, d, true);
          double offYy = kernelSum(y, y, d, true);
          double xy = kernelSum(x, y, d, false);
          double pairs = (double) m * (m - 1);
          estimates[s] = offXx / pairs + offYy / pairs - 2 * xy / ((double) m * m);
        }
      }
    }
    return Estimate.ofPopulation(estimates);
  }

  /**
   * Σ (x·y / d + 1)³ over all pairs of rows, or over pairs i ≠ j when {@code skipDiagonal}. The products
   * come from one float32 matrix product on the engine; the kernel and the sum are taken here, in double
   * (measured faster than the same element-wise passes in double on the engine).
   */
  private static double kernelSum(NDArray x, NDArray y, int d, boolean skipDiagonal) {
    float[] gram;
    try (NDArray product = x.matMul(y.transpose())) {
      gram = product.toFloatArray();
    }
    int cols = (int) y.getShape().get(0);
    int rows = gram.length / cols;
    double scale = 1.0 / d;
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (skipDiagonal && i == j) {
          continue;
        }
        double k = gram[i * cols + j] * scale + 1;
        sum += k * k * k;
      }
    }
    return sum;
  }

  /** m rows of s without replacement, by a partial Fisher-Yates shuffle of the row indices. */
  private static float[] subset(Samples s, int m, Rng rng) {
    int n = s.count();
    int d = s.dim();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    float[] out = new float[m * d];
    for (int i = 0; i < m; i++) {
      int j = i + rng.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      System.arraycopy(s.values(), idx[i] * d, out, i * d, d);
    }
    return out;
  }
}
