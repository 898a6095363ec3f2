package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;

/**
 * Density and coverage (Naeem, Oh, Uh, Choi and Yoo 2020, "Reliable Fidelity and Diversity Metrics for
 * Generative Models"), the outlier-robust successors of improved precision and recall. Only the real set
 * gets balls: B(Xᵢ, NND_k(Xᵢ)) around each of the N real points, its radius the distance to its k-th
 * nearest other real point (default k = 5). With M generated points Yⱼ:
 *
 * <pre>
 *   density  = 1/(kM) Σⱼ Σᵢ 1[Yⱼ ∈ B(Xᵢ, NND_k(Xᵢ))]
 *   coverage = 1/N Σᵢ 1[∃ j: Yⱼ ∈ B(Xᵢ, NND_k(Xᵢ))]
 * </pre>
 *
 * <p>Density counts how many real neighbourhoods hold each generated point, divided by k: about 1 when
 * the generated points are distributed like the real ones, below 1 when some stray outside the data, and
 * above 1 when they pile up where real neighbourhoods overlap most (copies of the real points themselves
 * score (k + 1)/k). It is not capped at 1, and it does not notice missing modes: a generator that
 * reproduces half the modes perfectly still scores about 1. Coverage does: it is the fraction of real
 * points whose neighbourhood holds at least one generated point, in [0, 1], higher is better (about
 * 1 − 2⁻ᵏ for two equal-sized samples of one distribution). A point on a ball's boundary counts as
 * inside. Any feature space works; distances are streamed by {@link SquaredDistances}.
 *
 * <pre>{@code DensityCoverage.Result dc = DensityCoverage.compute(realFeatures, fakeFeatures);}</pre>
 */
public final class DensityCoverage {
  /** Nearest neighbours behind each radius by default (the paper's choice). */
  public static final int DEFAULT_K = 5;

  private DensityCoverage() {}

  /**
   * The two measurements.
   *
   * @param density mean number of real neighbourhoods per generated point, divided by k
   * @param coverage fraction of real neighbourhoods that hold a generated point
   * @param k the neighbour count behind the radii
   */
  public record Result(double density, double coverage, int k) {}

  /** Density and coverage with k = {@value #DEFAULT_K}. */
  public static Result compute(Samples real, Samples generated) {
    return compute(real, generated, DEFAULT_K);
  }

  /**
   * Density and coverage with radii from the k-th nearest real neighbour.
   *
   * @throws InvalidConfigException if {@code k < 1}
   * @throws IllegalArgumentException if the dimensions differ or the real set has k rows or fewer
   */
  public static Result compute(Samples real, Samples generated, int k) {
    SquaredDistances.requireSameDim(real, generated);
    float[] radii = SquaredDistances.kthNearestSquared(real, k);
    boolean[] covered = new boolean[real.count()];
    long[] memberships = new long[1];
    SquaredDistances.forEachBlock(
        real,
        generated,
        (r0, rn, c0, cn, dist) -> {
          long inside = 0;
          for (int i = 0; i < rn; i++) {
            float radius = radii[r0 + i];
            int hits = 0;
            for (int j = 0; j < cn; j++) {
              if (dist[i * cn + j] <= radius) {
                hits++;
              }
            }
            if (hits > 0) {
              covered[r0 + i] = true;
            }
            inside += hits;
          }
          memberships[0] += inside;
        });
    int coveredCount = 0;
    for (boolean c : covered) {
      if (c) {
        coveredCount++;
      }
    }
    double density = memberships[0] / ((double) k * generated.count());
    return new Result(density, (double) coveredCount / real.count(), k);
  }
}
