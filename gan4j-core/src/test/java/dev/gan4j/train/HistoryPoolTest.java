package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

/** CycleGAN's history pool: fills to its capacity, then swaps about half the images it is shown. */
class HistoryPoolTest {
  // Shows the pool ten new images numbered from `first`; returns them and what came back.
  private static float[][] feed(HistoryPool pool, NDManager m, float first) {
    try (NDManager step = m.newSubManager()) {
      float[] v = new float[10];
      for (int i = 0; i < 10; i++) {
        v[i] = first + i;
      }
      return new float[][] {v,
          pool.query(HostArrays.upload(step, v, new Shape(10, 1)), step).toFloatArray()};
    }
  }

  @Test
  void fillsToFiftyThenSwapsWithProbabilityOneHalf() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      HistoryPool pool = new HistoryPool(50, 1, m, new Rng(3));
      float next = 0f;
      // While filling, every image comes back as it is.
      for (int b = 0; b < 5; b++) {
        float[][] r = feed(pool, m, next);
        next += 10;
        assertEquals(java.util.Arrays.toString(r[0]), java.util.Arrays.toString(r[1]));
      }
      assertEquals(50, pool.count());
      // Then each image is swapped for an older one with probability 1/2.
      int swapped = 0;
      int shown = 0;
      for (int b = 0; b < 100; b++) {
        float[][] r = feed(pool, m, next);
        next += 10;
        for (int i = 0; i < 10; i++) {
          shown++;
          if (r[1][i] != r[0][i]) {
            assertTrue(r[1][i] < r[0][i], "a swapped image comes from the history");
            swapped++;
          }
        }
      }
      assertEquals(50, pool.count());
      // 1,000 fair coins: 500 ± 4.5 standard deviations.
      assertTrue(Math.abs(swapped - shown / 2.0) < 71, "swapped " + swapped + " of " + shown);
    }
  }

  @Test
  void cycleGanLearningRateHoldsThenFallsLinearly() {
    assertEquals(1.0, CycleGan.decay(0, 100));
    assertEquals(1.0, CycleGan.decay(49, 100));
    assertEquals(1.0, CycleGan.decay(50, 100));
    assertEquals(0.5, CycleGan.decay(75, 100), 1e-12);
    assertEquals(0.02, CycleGan.decay(99, 100), 1e-12);
  }
}
