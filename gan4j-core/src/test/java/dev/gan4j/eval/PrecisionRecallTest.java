package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {
  /** Half the rows around (-50, -50, ...), half around (+50, +50, ...). */
  static Samples twoClusters(int n, int dim, long seed) {
    Samples s = EvalFixtures.gaussian(n, dim, 0, seed);
    float[] v = s.values();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        v[i * dim + j] += i < n / 2 ? -50 : 50;
      }
    }
    return s;
  }

  @Test
  void identicalSetsHavePerfectPrecisionAndRecall() {
    Samples a = EvalFixtures.gaussian(600, 5, 0, 1);
    PrecisionRecall.Result r = PrecisionRecall.compute(a, a);
    assertEquals(1, r.precision());
    assertEquals(1, r.recall());
    assertEquals(PrecisionRecall.DEFAULT_K, r.k());
  }

  @Test
  void farApartSetsHaveNeitherPrecisionNorRecall() {
    PrecisionRecall.Result r =
        PrecisionRecall.compute(EvalFixtures.gaussian(400, 5, 0, 1), EvalFixtures.gaussian(300, 5, 100, 2));
    assertEquals(0, r.precision());
    assertEquals(0, r.recall());
  }

  @Test
  void droppingHalfTheModesKeepsPrecisionAndHalvesRecall() {
    Samples real = twoClusters(1000, 2, 3);
    Samples oneMode = EvalFixtures.gaussian(1000, 2, -50, 4); // only the first cluster
    PrecisionRecall.Result r = PrecisionRecall.compute(real, oneMode);
    assertTrue(r.precision() > 0.9, r.toString());
    assertTrue(r.recall() > 0.4 && r.recall() <= 0.5, r.toString());
  }

  @Test
  void independentSamplesOfOneDistributionScoreAlikeBothWays() {
    PrecisionRecall.Result r =
        PrecisionRecall.compute(EvalFixtures.gaussian(2000, 4, 0, 5), EvalFixtures.gaussian(2000, 4, 0, 6));
    // The setup is symmetric, so the two fractions agree up to sampling noise (each about ±0.01).
    assertEquals(r.precision(), r.recall(), 0.06, r.toString());
    assertTrue(r.precision() > 0.6, r.toString());
  }

  @Test
  void rejectsNeighbourCountsBelowOneAndSetsTooSmallForK() {
    Samples a = EvalFixtures.gaussian(10, 2, 0, 1);
    assertThrows(InvalidConfigException.class, () -> PrecisionRecall.compute(a, a, 0));
    assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.compute(a, a.head(3), 3));
  }
}
