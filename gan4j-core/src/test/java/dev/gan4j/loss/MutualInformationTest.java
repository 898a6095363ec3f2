package dev.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

/**
 * InfoGAN's mutual-information bound L_I = E[log Q(c | x)] + H(c) on constructed Q outputs: zero
 * for a Q that ignores its input and answers with the prior, positive for a Q that recovers the
 * code.
 */
class MutualInformationTest {
  private static final int N = 4000;
  private static final double LOG2 = Math.log(2);
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  // n rows of codes: one-hot categories for the categorical codes, then U(-1, 1) continuous values.
  private static float[] codes(int n, int[] categorical, int continuous, Rng rng) {
    int width = continuous;
    for (int k : categorical) {
      width += k;
    }
    float[] out = new float[n * width];
    for (int r = 0; r < n; r++) {
      int at = r * width;
      for (int k : categorical) {
        out[at + rng.nextInt(k)] = 1f;
        at += k;
      }
      for (int j = 0; j < continuous; j++) {
        out[at + j] = (float) (2 * rng.nextDouble() - 1);
      }
    }
    return out;
  }

  @Test
  void theBoundIsZeroForAQThatIgnoresItsInputAndAnswersWithThePrior() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      int[] categorical = {10, 3};
      NDArray c = m.create(codes(N, categorical, 0, new Rng(1)), new Shape(N, 13));
      // Uniform logits: Q(c | x) = 1/K whatever x is, so E[log Q] = -log K = -H(c) exactly.
      NDArray q = m.zeros(new Shape(N, 13));
      assertEquals(0f, MutualInformation.lowerBound(q, c, categorical, 0).getFloat(), 1e-5f);
      // Any other Q that ignores x (the same logits for every row) is below the prior: -KL < 0.
      float[] fixed = new float[N * 13];
      for (int r = 0; r < N; r++) {
        fixed[r * 13 + 2] = 1.5f;
        fixed[r * 13 + 11] = -0.7f;
      }
      float other = MutualInformation.lowerBound(m.create(fixed, new Shape(N, 13)), c, categorical,
          0).getFloat();
      assertTrue(other < -0.01f, "a constant Q other than the prior: " + other);
    }
  }

  @Test
  void theBoundIsPositiveForAQThatRecoversTheCode() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      int[] categorical = {8};
      NDArray c = m.create(codes(N, categorical, 0, new Rng(2)), new Shape(N, 8));
      // Logits 20 at the true category: Q(c | x) ≈ 1, so the bound reaches H(c) = log 8.
      float exact = MutualInformation.lowerBound(c.mul(20f), c, categorical, 0).getFloat();
      assertEquals(Math.log(8), exact, 1e-4);
      // A Q right more often than not, but unsure: between 0 and log 8.
      float unsure = MutualInformation.lowerBound(c.mul(1.5f), c, categorical, 0).getFloat();
      assertTrue(unsure > 0.1f && unsure < Math.log(8) - 0.1, "unsure Q: " + unsure);
    }
  }

  @Test
  void continuousCodesUseAUnitGaussianWhoseBestConstantGuessIsBelowZero() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray c = m.create(codes(N, new int[0], 2, new Rng(3)), new Shape(N, 2));
      double meanSquare = c.square().sum().getFloat() / (2.0 * N);
      // Mean 0 for every x: E log N(c; 0, 1) + log 2 per code; in expectation log 2 - ½ log 2π -
      // 1/6, the -KL(U(-1, 1) || N(0, 1)) a unit Gaussian ignoring x cannot beat.
      float ignoring = MutualInformation.lowerBound(m.zeros(new Shape(N, 2)), c, new int[0], 2)
          .getFloat();
      assertEquals(2 * (LOG2 - HALF_LOG_TWO_PI - 0.5 * meanSquare), ignoring, 1e-4);
      assertEquals(2 * (LOG2 - HALF_LOG_TWO_PI - 1.0 / 6), ignoring, 0.02);
      float shifted = MutualInformation.lowerBound(m.zeros(new Shape(N, 2)).add(0.4f), c,
          new int[0], 2).getFloat();
      assertTrue(shifted < ignoring, "mean 0 is the best constant guess: " + shifted);
      // Means equal to the codes: the squared error vanishes and the bound rises by E[c²]/2 a code.
      float recovering = MutualInformation.lowerBound(c, c, new int[0], 2).getFloat();
      assertEquals(2 * (LOG2 - HALF_LOG_TWO_PI), recovering, 1e-5);
      assertTrue(recovering > ignoring + 0.3f);
    }
  }

  @Test
  void theTrainingTermIsTheWeightedNegativeBoundWithoutItsConstants() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      int[] categorical = {5};
      Rng rng = new Rng(4);
      NDArray c = m.create(codes(64, categorical, 3, rng), new Shape(64, 8));
      float[] noise = new float[64 * 8];
      rng.fillGaussian(noise);
      NDArray q = m.create(noise, new Shape(64, 8));
      float bound = MutualInformation.lowerBound(q, c, categorical, 3).getFloat();
      float catOnly = MutualInformation.loss(q, c, categorical, 3, 1f, 0f).getFloat();
      float contOnly = MutualInformation.loss(q, c, categorical, 3, 0f, 1f).getFloat();
      assertTrue(catOnly > 0 && contOnly > 0);
      // -bound = CE - log 5 + Σ ½ (c - μ)² + 3 (½ log 2π - log 2).
      assertEquals(-bound, catOnly - Math.log(5) + contOnly + 3 * (HALF_LOG_TWO_PI - LOG2), 1e-4);
      assertEquals(2 * catOnly + 0.1f * contOnly,
          MutualInformation.loss(q, c, categorical, 3, 2f, 0.1f).getFloat(), 1e-5);
    }
  }
}
