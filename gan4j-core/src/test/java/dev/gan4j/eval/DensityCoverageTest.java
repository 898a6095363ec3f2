package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import org.junit.jupiter.api.Test;

class DensityCoverageTest {
  @Test
  void theSamePointsCoverEverythingWithDensityAboveOne() {
    Samples a = EvalFixtures.gaussian(500, 3, 0, 1);
    DensityCoverage.Result r = DensityCoverage.compute(a, a);
    assertEquals(1, r.coverage());
    // Each ball holds its own centre and its k nearest neighbours, so density is (k + 1) / k up to
    // rounding at ball boundaries; at least 1 is the part that rounding cannot break.
    assertTrue(r.density() >= 1, r.toString());
    assertEquals(DensityCoverage.DEFAULT_K, r.k());
  }

  @Test
  void independentSamplesOfOneDistributionHaveDensityNearOneAndHighCoverage() {
    DensityCoverage.Result r =
        DensityCoverage.compute(EvalFixtures.gaussian(2000, 4, 0, 2), EvalFixtures.gaussian(2000, 4, 0, 3));
    assertTrue(r.density() >= 0.8 && r.density() <= 1.2, r.toString());
    // For equal sizes, a real ball is empty of generated points with probability about 2^-k = 3%.
    assertTrue(r.coverage() > 0.93, r.toString());
  }

  @Test
  void farApartSetsHaveNoDensityAndNoCoverage() {
    DensityCoverage.Result r =
        DensityCoverage.compute(EvalFixtures.gaussian(400, 5, 0, 1), EvalFixtures.gaussian(300, 5, 100, 2));
    assertEquals(0, r.density());
    assertEquals(0, r.coverage());
  }

  @Test
  void droppingHalfTheModesHalvesCoverageButNotDensity() {
    // Generated points that all sit in one of two real clusters are each as realistic as real ones, so
    // density stays near 1; the missing cluster shows in coverage alone.
    Samples real = PrecisionRecallTest.twoClusters(1000, 2, 3);
    Samples oneMode = EvalFixtures.gaussian(1000, 2, -50, 4);
    DensityCoverage.Result r = DensityCoverage.compute(real, oneMode);
    assertTrue(r.density() > 0.8 && r.density() < 1.2, r.toString());
    assertTrue(r.coverage() > 0.45 && r.coverage() <= 0.5, r.toString());
  }

  @Test
  void outlyingGeneratedPointsLowerDensityButNotCoverage() {
    Samples real = EvalFixtures.gaussian(2000, 3, 0, 5);
    float[] v = new float[2000 * 3];
    System.arraycopy(EvalFixtures.gaussian(1000, 3, 0, 6).values(), 0, v, 0, 3000);
    System.arraycopy(EvalFixtures.gaussian(1000, 3, 100, 7).values(), 0, v, 3000, 3000);
    DensityCoverage.Result r = DensityCoverage.compute(real, new Samples(2000, 3, v));
    assertTrue(r.density() > 0.4 && r.density() < 0.6, r.toString());
    // 1,000 good points against 2,000 real: a ball stays empty with probability about (2/3)^k = 13%.
    assertTrue(r.coverage() > 0.8, r.toString());
  }

  @Test
  void rejectsNeighbourCountsBelowOne() {
    Samples a = EvalFixtures.gaussian(10, 2, 0, 1);
    assertThrows(InvalidConfigException.class, () -> DensityCoverage.compute(a, a, 0));
  }
}
