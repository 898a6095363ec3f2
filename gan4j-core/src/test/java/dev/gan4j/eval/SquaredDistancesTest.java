package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.InvalidConfigException;
import org.junit.jupiter.api.Test;

class SquaredDistancesTest {
  @Test
  void smallBlocksMatchBruteForceAndVisitEveryPairOnce() {
    // Far from the origin on purpose: without the shared shift, float32 cancellation would show.
    Samples a = EvalFixtures.gaussian(37, 5, 50, 1);
    Samples b = EvalFixtures.gaussian(23, 5, 50, 2);
    int[] visits = new int[37 * 23];
    SquaredDistances.forEachBlock(
        a,
        b,
        8,
        6,
        (r0, rn, c0, cn, d) -> {
          assertEquals(rn * cn, d.length);
          for (int i = 0; i < rn; i++) {
            for (int j = 0; j < cn; j++) {
              visits[(r0 + i) * 23 + c0 + j]++;
              double expected = EvalFixtures.squaredDistance(a, r0 + i, b, c0 + j);
              assertEquals(expected, d[i * cn + j], 1e-4 * Math.max(1, expected));
            }
          }
        });
    for (int v : visits) {
      assertEquals(1, v);
    }
  }

  @Test
  void defaultBlocksMatchBruteForceWhenSizesAreNotBlockMultiples() {
    Samples a = EvalFixtures.gaussian(SquaredDistances.ROW_BLOCK + 7, 3, 0, 3);
    Samples b = EvalFixtures.gaussian(SquaredDistances.COLUMN_BLOCK + 5, 3, 0, 4);
    long[] pairs = new long[1];
    double[] worst = new double[1];
    SquaredDistances.forEachBlock(
        a,
        b,
        (r0, rn, c0, cn, d) -> {
          for (int i = 0; i < rn; i++) {
            for (int j = 0; j < cn; j++) {
              double expected = EvalFixtures.squaredDistance(a, r0 + i, b, c0 + j);
              worst[0] = Math.max(worst[0], Math.abs(d[i * cn + j] - expected) / Math.max(1, expected));
              pairs[0]++;
            }
          }
        });
    assertEquals((long) a.count() * b.count(), pairs[0]);
    assertEquals(0, worst[0], 1e-5);
  }

  @Test
  void kthNearestDistanceSkipsTheRowItselfButCountsDuplicates() {
    Samples line = Samples.of(new float[] {0, 1, 3, 6}, 1);
    assertArrayEquals(new double[] {1, 1, 2, 3}, SquaredDistances.kthNearestDistance(line, 1), 1e-6);
    assertArrayEquals(new double[] {3, 2, 3, 5}, SquaredDistances.kthNearestDistance(line, 2), 1e-6);
    Samples twins = Samples.of(new float[] {2, 2, 5}, 1);
    assertArrayEquals(new double[] {0, 0, 3}, SquaredDistances.kthNearestDistance(twins, 1), 1e-6);
  }

  @Test
  void kthNearestDistanceMatchesBruteForceAcrossBlocks() {
    Samples p = EvalFixtures.gaussian(61, 4, 0, 5);
    int k = 3;
    double[] expected = new double[p.count()];
    for (int i = 0; i < p.count(); i++) {
      double[] d = new double[p.count() - 1];
      int n = 0;
      for (int j = 0; j < p.count(); j++) {
        if (j != i) {
          d[n++] = EvalFixtures.squaredDistance(p, i, p, j);
        }
      }
      java.util.Arrays.sort(d);
      expected[i] = Math.sqrt(d[k - 1]);
    }
    assertArrayEquals(expected, SquaredDistances.kthNearestDistance(p, k, 10, 7), 1e-4);
    assertArrayEquals(expected, SquaredDistances.kthNearestDistance(p, k), 1e-4);
  }

  @Test
  void nearestMatchesBruteForce() {
    Samples from = EvalFixtures.gaussian(30, 3, 0, 6);
    Samples to = EvalFixtures.gaussian(45, 3, 1, 7);
    double[] got = SquaredDistances.nearest(from, to);
    for (int i = 0; i < from.count(); i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < to.count(); j++) {
        best = Math.min(best, EvalFixtures.squaredDistance(from, i, to, j));
      }
      assertEquals(Math.sqrt(best), got[i], 1e-4);
    }
  }

  @Test
  void rejectsBadNeighbourCountsTooFewPointsAndMismatchedDimensions() {
    Samples p = EvalFixtures.gaussian(4, 2, 0, 8);
    assertThrows(InvalidConfigException.class, () -> SquaredDistances.kthNearestDistance(p, 0));
    assertThrows(IllegalArgumentException.class, () -> SquaredDistances.kthNearestDistance(p, 4));
    assertThrows(
        IllegalArgumentException.class,
        () -> SquaredDistances.nearest(p, EvalFixtures.gaussian(4, 3, 0, 9)));
  }
}
