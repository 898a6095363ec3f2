package dev.gan4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
  @Test
  void sameSeedSameStreamAndRestoredStateContinuesIt() {
    Rng a = new Rng(5);
    Rng b = new Rng(5);
    assertEquals(a.nextLong(), b.nextLong());
    long[] state = a.state();
    long next = a.nextLong();
    Rng c = new Rng(99);
    c.setState(state);
    assertEquals(next, c.nextLong());
    assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    assertNotEquals(Rng.derive(1, "noise").nextLong(), Rng.derive(1, "init").nextLong());
  }

  @Test
  void gaussianAndUniformHaveTheRightMoments() {
    float[] g = new float[200_000];
    new Rng(3).fillGaussian(g);
    double mean = 0;
    double sq = 0;
    for (float v : g) {
      mean += v;
      sq += v * v;
    }
    mean /= g.length;
    assertEquals(0, mean, 0.01);
    assertEquals(1, sq / g.length - mean * mean, 0.02);
    float[] u = new float[100_000];
    new Rng(4).fillUniform(u, -1, 1);
    for (float v : u) {
      assertTrue(v >= -1 && v < 1);
    }
    assertEquals(0, Arrays.stream(toDouble(u)).average().orElseThrow(), 0.01);
  }

  @Test
  void permutationAndBoundedIntsAreUnbiasedEnough() {
    int[] p = new Rng(7).permutation(1000);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    int[] identity = new int[1000];
    Arrays.setAll(identity, i -> i);
    assertArrayEquals(identity, sorted);
    int[] counts = new int[3];
    Rng r = new Rng(8);
    for (int i = 0; i < 30_000; i++) {
      counts[r.nextInt(3)]++;
    }
    for (int c : counts) {
      assertEquals(10_000, c, 400);
    }
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
