package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void ofSplitsValuesIntoRowsAndHeadCopiesTheFirstRows() {
    float[] v = {1, 2, 3, 4, 5, 6};
    Samples s = Samples.of(v, 2);
    assertEquals(3, s.count());
    Samples head = s.head(2);
    assertArrayEquals(new float[] {1, 2, 3, 4}, head.values());
    v[0] = 9;
    assertEquals(1f, head.values()[0]);
  }

  @Test
  void rejectsMismatchedLengthsEmptySetsAndNonFiniteValues() {
    assertThrows(IllegalArgumentException.class, () -> new Samples(2, 2, new float[3]));
    assertThrows(IllegalArgumentException.class, () -> new Samples(0, 2, new float[0]));
    assertThrows(IllegalArgumentException.class, () -> Samples.of(new float[5], 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Samples.of(new float[] {0, Float.NaN}, 1));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Samples.of(new float[] {1, 2}, 1).head(3));
  }

  @Test
  void estimatesRejectNegativeSpreadAndEmptyParts() {
    assertThrows(IllegalArgumentException.class, () -> new Estimate(1, -0.1, 3));
    assertThrows(IllegalArgumentException.class, () -> new Estimate(1, 0, 0));
    Estimate e = Estimate.ofPopulation(new double[] {1, 3});
    assertEquals(2, e.mean());
    assertEquals(1, e.spread(), 1e-15);
    Estimate se = Estimate.ofMeanWithStandardError(new double[] {1, 3});
    assertEquals(Math.sqrt(2) / Math.sqrt(2), se.spread(), 1e-15);
  }
}
