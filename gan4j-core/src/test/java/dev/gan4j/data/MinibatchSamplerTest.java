package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MinibatchSamplerTest {
  @Test
  void eachEpochVisitsEveryRowOnceInANewOrder() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      float[] rows = new float[10 * 2];
      for (int i = 0; i < 10; i++) {
        rows[2 * i] = i;
        rows[2 * i + 1] = -i;
      }
      MinibatchSampler s = new MinibatchSampler(m.create(rows, new Shape(10, 2)), 3);
      float[] epoch0 = firstColumn(s, m, 5, 2);
      assertEquals(1, s.epoch());
      assertEquals(0, s.cursor());
      float[] epoch1 = firstColumn(s, m, 5, 2);
      float[] sorted0 = epoch0.clone();
      Arrays.sort(sorted0);
      assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted0);
      assertNotEquals(Arrays.toString(epoch0), Arrays.toString(epoch1));
      // Restoring a position replays the same batches.
      s.restore(0, 4);
      float[] again = firstColumn(s, m, 3, 2);
      assertArrayEquals(Arrays.copyOfRange(epoch0, 4, 10), again);
    }
  }

  private static float[] firstColumn(MinibatchSampler s, NDManager m, int batches, int size) {
    float[] out = new float[batches * size];
    for (int b = 0; b < batches; b++) {
      try (NDManager step = m.newSubManager()) {
        NDArray x = s.next(size, step);
        assertEquals(new Shape(size, 2), x.getShape());
        float[] v = x.toFloatArray();
        for (int i = 0; i < size; i++) {
          out[b * size + i] = v[2 * i];
          assertEquals(-v[2 * i], v[2 * i + 1], 0f); // rows stay whole
        }
      }
    }
    return out;
  }
}
