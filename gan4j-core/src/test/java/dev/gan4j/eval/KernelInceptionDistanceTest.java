package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

class KernelInceptionDistanceTest {
  @Test
  void handComputedCaseMatchesTheUnbiasedEstimator() {
    // d = 1, k(x, y) = (xy + 1)³. x = {0, 1}, y = {1, 2}:
    // mean_{i≠j} k(x) = k(0, 1) = 1; mean_{i≠j} k(y) = k(1, 2) = 27;
    // mean k(x, y) = (1 + 1 + 8 + 27) / 4 = 9.25; MMD² = 1 + 27 − 18.5 = 9.5.
    Samples x = Samples.of(new float[] {0, 1}, 1);
    Samples y = Samples.of(new float[] {1, 2}, 1);
    Estimate kid = KernelInceptionDistance.compute(x, y, 5, 10, new Rng(1));
    assertEquals(9.5, kid.mean(), 1e-12);
    assertEquals(0, kid.spread(), 1e-12); // every subset is the whole of both sets
    assertEquals(5, kid.n());
  }

  @Test
  void sameDistributionGivesAboutZero() {
    Samples a = EvalFixtures.gaussian(2000, 8, 0, 1);
    Samples b = EvalFixtures.gaussian(2000, 8, 0, 2);
    Estimate kid = KernelInceptionDistance.compute(a, b, 20, 500, new Rng(3));
    assertTrue(Math.abs(kid.mean()) < kid.spread(), kid.toString());
    assertEquals(20, kid.n());
  }

  @Test
  void shiftedDistributionGivesAClearlyPositiveValue() {
    Samples a = EvalFixtures.gaussian(2000, 8, 0, 1);
    Samples b = EvalFixtures.gaussian(2000, 8, 0.5, 2);
    Samples c = EvalFixtures.gaussian(2000, 8, 0, 4);
    Estimate same = KernelInceptionDistance.compute(a, c, 20, 500, new Rng(3));
    Estimate kid = KernelInceptionDistance.compute(a, b, 20, 500, new Rng(3));
    assertTrue(kid.mean() > 10 * kid.spread(), kid.toString());
    assertTrue(kid.mean() > 10 * Math.abs(same.mean()), kid + " vs " + same);
  }

  @Test
  void rejectsBadSubsetSettingsAndTinySets() {
    Samples a = EvalFixtures.gaussian(10, 2, 0, 1);
    Rng rng = new Rng(1);
    assertThrows(InvalidConfigException.class, () -> KernelInceptionDistance.compute(a, a, 0, 5, rng));
    assertThrows(InvalidConfigException.class, () -> KernelInceptionDistance.compute(a, a, 5, 1, rng));
    assertThrows(
        IllegalArgumentException.class,
        () -> KernelInceptionDistance.compute(a, Samples.of(new float[] {1, 2}, 2), new Rng(1)));
  }
}
