package dev.gan4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import java.util.Arrays;

/**
 * Squared Euclidean distances between the rows of two sample sets, computed on the tensor engine block by
 * block: the building block of every nearest-neighbour metric (precision/recall, density/coverage,
 * Parzen windows). Each block is ||a||² + ||b||² − 2 a·b for up to {@value #ROW_BLOCK} rows of the first
 * set against up to {@value #COLUMN_BLOCK} rows of the second, computed as one float32 matrix product
 * (the norms are appended to the rows, so the product yields the whole expansion). Beyond a widened copy
 * of both inputs, memory holds one block at a time, whatever the set sizes.
 *
 * <p>Both sets are first shifted by the same vector (the mean of the second set). Distances do not change,
 * but the norms shrink, so the float32 expansion cancels far less when the points sit far from the origin
 * (2-D mixtures on a grid, unnormalised features). What remains is float32 rounding relative to the
 * shifted squared norms (of order 1e-6 of them); it can leave a tiny negative value where the true
 * distance is 0, and those are clamped to 0.
 *
 * <pre>{@code double[] radii = SquaredDistances.kthNearestDistance(realFeatures, 3);}</pre>
 */
public final class SquaredDistances {
  /** Rows of the first set per block. */
  public static final int ROW_BLOCK = 1024;

  /** Rows of the second set per block; a block holds ROW_BLOCK x COLUMN_BLOCK floats (16 MiB). */
  public static final int COLUMN_BLOCK = 4096;

  private SquaredDistances() {}

  /** Receives one block of squared distances. */
  @FunctionalInterface
  public interface BlockConsumer {
    /**
     * Called once per block, blocks in row-major order.
     *
     * @param rowStart index of the block's first row in the first set
     * @param rowCount rows of the first set in this block
     * @param colStart index of the block's first row in the second set
     * @param colCount rows of the second set in this block
     * @param squaredDistances rowCount x colCount values, row-major: entry (i, j) is the squared distance
     *     between row rowStart + i of the first set and row colStart + j of the second; a fresh array the
     *     consumer may keep
     */
    void accept(int rowStart, int rowCount, int colStart, int colCount, float[] squaredDistances);
  }

  /** Streams the squared distances between every row of {@code a} and every row of {@code b}. */
  public static void forEachBlock(Samples a, Samples b, BlockConsumer consumer) {
    forEachBlock(a, b, ROW_BLOCK, COLUMN_BLOCK, consumer);
  }

  /**
   * The norms ride along in the product: rows of a become (a, ||a||², 1) and rows of b become
   * (−2b, 1, ||b||²), so one matrix product of width dim + 2 yields ||a||² + ||b||² − 2 a·b and no
   * element-wise pass over the block is needed on the engine.
   */
  static void forEachBlock(Samples a, Samples b, int rowBlock, int colBlock, BlockConsumer consumer) {
    requireSameDim(a, b);
    if (rowBlock < 1 || colBlock < 1) {
      throw new IllegalArgumentException("block sizes must be positive: " + rowBlock + " x " + colBlock);
    }
    Engines.init();
    int w = a.dim() + 2;
    double[] shift = columnMeans(b);
    float[] left = augmented(a, shift, false);
    float[] right = augmented(b, shift, true);
    try (NDManager base = NDManager.newBaseManager()) {
      for (int r0 = 0; r0 < a.count(); r0 += rowBlock) {
        int rn = Math.min(rowBlock, a.count() - r0);
        float[] rows = Arrays.copyOfRange(left, r0 * w, (r0 + rn) * w);
        for (int c0 = 0; c0 < b.count(); c0 += colBlock) {
          int cn = Math.min(colBlock, b.count() - c0);
          float[] cols = Arrays.copyOfRange(right, c0 * w, (c0 + cn) * w);
          float[] d;
          // Everything a block creates on the engine dies with this manager.
          try (NDManager block = base.newSubManager()) {
            NDArray x = HostArrays.upload(block, rows, new Shape(rn, w));
            NDArray y = HostArrays.upload(block, cols, new Shape(cn, w));
            d = x.matMul(y.transpose()).toFloatArray();
          }
          // Clamping here, in the pass that reads the block anyway, is cheaper than an engine op.
          for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
              d[i] = 0;
            }
          }
          consumer.accept(r0, rn, c0, cn, d);
        }
      }
    }
  }

  /**
   * For each row of {@code points}, the Euclidean (not squared) distance to its k-th nearest other row:
   * the row itself is skipped by index, while a duplicate of it elsewhere in the set counts as a neighbour
   * at distance 0. Memory beyond one block is k floats per row.
   *
   * @throws InvalidConfigException if {@code k < 1}
   * @throws IllegalArgumentException if the set has fewer than k + 1 rows
   */
  public static double[] kthNearestDistance(Samples points, int k) {
    return kthNearestDistance(points, k, ROW_BLOCK, COLUMN_BLOCK);
  }

  static double[] kthNearestDistance(Samples points, int k, int rowBlock, int colBlock) {
    float[] squared = kthNearestSquared(points, k, rowBlock, colBlock);
    double[] radii = new double[squared.length];
    for (int i = 0; i < radii.length; i++) {
      radii[i] = Math.sqrt(squared[i]);
    }
    return radii;
  }

  /** The squared k-th nearest distances, as the metrics compare them with squared block distances. */
  static float[] kthNearestSquared(Samples points, int k) {
    return kthNearestSquared(points, k, ROW_BLOCK, COLUMN_BLOCK);
  }

  private static float[] kthNearestSquared(Samples points, int k, int rowBlock, int colBlock) {
    if (k < 1) {
      throw new InvalidConfigException("k (nearest neighbours) must be at least 1, got " + k);
    }
    int n = points.count();
    if (n < k + 1) {
      throw new IllegalArgumentException(
          "the " + k + "-th nearest other point needs at least " + (k + 1) + " points, got " + n);
    }
    // best[row * k ..] holds the k smallest squared distances seen so far for that row, ascending.
    float[] best = new float[n * k];
    Arrays.fill(best, Float.POSITIVE_INFINITY);
    forEachBlock(
        points,
        points,
        rowBlock,
        colBlock,
        (r0, rn, c0, cn, dist) -> {
          for (int i = 0; i < rn; i++) {
            int row = r0 + i;
            int off = row * k;
            float worst = best[off + k - 1];
            for (int j = 0; j < cn; j++) {
              float v = dist[i * cn + j];
              if (v < worst && c0 + j != row) {
                int p = k - 1;
                while (p > 0 && best[off + p - 1] > v) {
                  best[off + p] = best[off + p - 1];
                  p--;
                }
                best[off + p] = v;
                worst = best[off + k - 1];
              }
            }
          }
        });
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = best[i * k + k - 1];
    }
    return out;
  }

  /** For each row of {@code from}, the Euclidean distance to its nearest row of {@code to}. */
  public static double[] nearest(Samples from, Samples to) {
    float[] best = new float[from.count()];
    Arrays.fill(best, Float.POSITIVE_INFINITY);
    forEachBlock(
        from,
        to,
        (r0, rn, c0, cn, dist) -> {
          for (int i = 0; i < rn; i++) {
            float m = best[r0 + i];
            for (int j = 0; j < cn; j++) {
              m = Math.min(m, dist[i * cn + j]);
            }
            best[r0 + i] = m;
          }
        });
    double[] out = new double[best.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.sqrt(best[i]);
    }
    return out;
  }

  static void requireSameDim(Samples a, Samples b) {
    if (a.dim() != b.dim()) {
      throw new IllegalArgumentException(
          "sample sets must have the same dimension, got " + a.dim() + " and " + b.dim());
    }
  }

  private static double[] columnMeans(Samples s) {
    int d = s.dim();
    double[] mean = new double[d];
    float[] v = s.values();
    for (int i = 0; i < s.count(); i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += v[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= s.count();
    }
    return mean;
  }

  /**
   * Rows shifted by {@code shift} and widened by two columns: (x, ||x||², 1) on the left of the product,
   * (−2x, 1, ||x||²) on the right. The shift (the same for both sets) leaves distances unchanged but keeps
   * the norms small, so the float32 expansion cancels less for points far from the origin.
   */
  private static float[] augmented(Samples s, double[] shift, boolean right) {
    int d = s.dim();
    int w = d + 2;
    float[] v = s.values();
    float[] out = new float[s.count() * w];
    for (int i = 0; i < s.count(); i++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        double x = v[i * d + j] - shift[j];
        norm += x * x;
        out[i * w + j] = (float) (right ? -2 * x : x);
      }
      out[i * w + d] = right ? 1f : (float) norm;
      out[i * w + d + 1] = right ? (float) norm : 1f;
    }
    return out;
  }
}
