package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;

/**
 * Improved precision and recall (Kynkäänniemi, Karras, Laine, Lehtinen and Aila 2019, "Improved Precision
 * and Recall Metric for Assessing Generative Models"). Each set's manifold is estimated as the union of
 * balls around its points, each ball's radius being the distance from its centre to its k-th nearest
 * other point of the same set (default k = 3). Precision is the fraction of generated points inside the
 * real manifold (are samples realistic?); recall is the fraction of real points inside the generated
 * manifold (is the data's variety covered?). "Inside" means distance ≤ radius. Both lie in [0, 1];
 * higher is better.
 *
 * <p>The paper uses VGG-16 features of images; here any feature space works (raw coordinates for 2-D
 * data, classifier features for images), and the numbers are comparable only within one feature space.
 * Distances are streamed in blocks by {@link SquaredDistances}: memory stays bounded, and one pass over
 * the real-generated distances yields both fractions.
 *
 * <pre>{@code PrecisionRecall.Result pr = PrecisionRecall.compute(realFeatures, fakeFeatures);}</pre>
 */
public final class PrecisionRecall {
  /** Nearest neighbours behind each radius by default (the paper's choice). */
  public static final int DEFAULT_K = 3;

  private PrecisionRecall() {}

  /**
   * The two fractions.
   *
   * @param precision fraction of generated points inside the real manifold
   * @param recall fraction of real points inside the generated manifold
   * @param k the neighbour count behind the radii
   */
  public record Result(double precision, double recall, int k) {}

  /** Precision and recall with k = {@value #DEFAULT_K}. */
  public static Result compute(Samples real, Samples generated) {
    return compute(real, generated, DEFAULT_K);
  }

  /**
   * Precision and recall with radii from the k-th nearest neighbour.
   *
   * @throws InvalidConfigException if {@code k < 1}
   * @throws IllegalArgumentException if the dimensions differ or a set has k rows or fewer
   */
  public static Result compute(Samples real, Samples generated, int k) {
    SquaredDistances.requireSameDim(real, generated);
    // Squared radii against squared distances: no square root per pair, no extra rounding.
    float[] realRadii = SquaredDistances.kthNearestSquared(real, k);
    float[] fakeRadii = SquaredDistances.kthNearestSquared(generated, k);
    boolean[] fakeInsideReal = new boolean[generated.count()];
    boolean[] realInsideFake = new boolean[real.count()];
    SquaredDistances.forEachBlock(
        real,
        generated,
        (r0, rn, c0, cn, dist) -> {
          for (int i = 0; i < rn; i++) {
            float realRadius = realRadii[r0 + i];
            for (int j = 0; j < cn; j++) {
              float d = dist[i * cn + j];
              if (d <= realRadius) {
                fakeInsideReal[c0 + j] = true;
              }
              if (d <= fakeRadii[c0 + j]) {
                realInsideFake[r0 + i] = true;
              }
            }
          }
        });
    return new Result(fraction(fakeInsideReal), fraction(realInsideFake), k);
  }

  private static double fraction(boolean[] flags) {
    int count = 0;
    for (boolean f : flags) {
      if (f) {
        count++;
      }
    }
    return (double) count / flags.length;
  }
}
