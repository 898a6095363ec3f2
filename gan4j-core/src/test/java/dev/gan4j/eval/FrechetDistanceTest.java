package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
  private static Samples shifted(int n, float[] mean, long seed) {
    int d = mean.length;
    float[] v = new float[n * d];
    new Rng(seed).fillGaussian(v);
    for (int i = 0; i < v.length; i++) {
      v[i] += mean[i % d];
    }
    return new Samples(n, d, v);
  }

  private static double[] diagonal(double... values) {
    int d = values.length;
    double[] m = new double[d * d];
    for (int i = 0; i < d; i++) {
      m[i * d + i] = values[i];
    }
    return m;
  }

  @Test
  void shiftedUnitGaussiansAreTheSquaredShiftApart() {
    float[] mu = {1f, -0.5f, 0.5f, 0f};
    double shift2 = 1 + 0.25 + 0.25;
    Samples a = shifted(20_000, new float[4], 1);
    Samples b = shifted(20_000, mu, 2);
    // With n = 20,000 the dominant error is the cross term 2 μ·(ε₁ − ε₂) of the sample means, standard
    // deviation 2|μ| sqrt(2/n) ≈ 0.024; the covariance terms and the 2d/n bias add under 0.002. 0.075 is
    // three standard deviations.
    assertEquals(shift2, FrechetDistance.compute(a, b), 0.075);
  }

  @Test
  void aSetIsAtDistanceZeroFromItselfAndTheDistanceIsSymmetric() {
    Samples a = EvalFixtures.gaussian(500, 6, 0, 3);
    float[] v = EvalFixtures.gaussian(400, 6, 0, 4).values().clone();
    for (int i = 0; i < 400; i++) {
      v[i * 6] = 2 * v[i * 6] + v[i * 6 + 1]; // correlated, so the two covariances do not commute
      v[i * 6 + 5] *= 0.3f;
    }
    Samples b = new Samples(400, 6, v);
    assertEquals(0, FrechetDistance.compute(a, a), 1e-9);
    double ab = FrechetDistance.compute(a, b);
    assertEquals(ab, FrechetDistance.compute(b, a), 1e-9 * ab);
  }

  @Test
  void diagonalCovariancesMatchTheClosedForm() {
    double[] va = {1, 4, 0.25};
    double[] vb = {9, 1, 0.25};
    double[] ma = {0, 1, 2};
    double[] mb = {1, 1, 0};
    FrechetDistance.Gaussian a = new FrechetDistance.Gaussian(3, ma, diagonal(va), 100);
    FrechetDistance.Gaussian b = new FrechetDistance.Gaussian(3, mb, diagonal(vb), 100);
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      expected += Math.pow(Math.sqrt(va[i]) - Math.sqrt(vb[i]), 2) + Math.pow(ma[i] - mb[i], 2);
    }
    assertEquals(expected, FrechetDistance.distance(a, b), 1e-12);
  }

  @Test
  void nonCommutingCovariancesMatchTheClosedFormForAScaledIdentity() {
    // tr((c I Σ)^½) = sqrt(c) Σ sqrt(λ(Σ)); Σ is not diagonal, so the general code path is exercised.
    double[] sigma = {2, 1, 0, 1, 2, 0.5, 0, 0.5, 1};
    double c = 3;
    double[] lambda = SymmetricEigen.decompose(sigma, 3).values();
    double traceRoot = 0;
    for (double l : lambda) {
      traceRoot += Math.sqrt(c * l);
    }
    double expected = 3 * c + (2 + 2 + 1) - 2 * traceRoot;
    FrechetDistance.Gaussian a = new FrechetDistance.Gaussian(3, new double[3], diagonal(c, c, c), 10);
    FrechetDistance.Gaussian b = new FrechetDistance.Gaussian(3, new double[3], sigma, 10);
    assertEquals(expected, FrechetDistance.distance(a, b), 1e-12);
    assertEquals(expected, FrechetDistance.distance(b, a), 1e-12);
  }

  @Test
  void fitUsesTheUnbiasedCovariance() {
    FrechetDistance.Gaussian g = FrechetDistance.fit(Samples.of(new float[] {1, 0, 2, 0, 3, 0, 4, 2}, 2));
    assertArrayEquals(new double[] {2.5, 0.5}, g.mean(), 1e-15);
    // Centred x: -1.5, -0.5, 0.5, 1.5 and y: -0.5, -0.5, -0.5, 1.5; sums of products over n - 1 = 3:
    // var x = 5/3, var y = 1, cov = (0.75 + 0.25 - 0.25 + 2.25) / 3 = 1.
    assertArrayEquals(new double[] {5.0 / 3, 1, 1, 1}, g.covariance(), 1e-15);
    assertEquals(4, g.count());
  }

  @Test
  void rejectsSingleSamplesAndMismatchedDimensions() {
    assertThrows(
        IllegalArgumentException.class, () -> FrechetDistance.fit(Samples.of(new float[] {1, 2}, 2)));
    assertThrows(
        IllegalArgumentException.class,
        () -> FrechetDistance.compute(EvalFixtures.gaussian(5, 2, 0, 1), EvalFixtures.gaussian(5, 3, 0, 1)));
  }
}
