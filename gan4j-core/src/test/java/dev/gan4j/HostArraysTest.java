package dev.gan4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HostArraysTest {
  @Test
  void uploadsAreCopiesThatLaterUploadsDoNotOverwrite() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = HostArrays.upload(m, new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
      // Reuses the staging buffer, and grows it past its initial size.
      float[] big = new float[100_000];
      java.util.Arrays.fill(big, 7f);
      NDArray b = HostArrays.upload(m, big, new Shape(100_000));
      NDArray c = HostArrays.upload(m, new long[] {9, 8}, new Shape(2));
      assertEquals(new Shape(2, 3), a.getShape());
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloatArray());
      assertEquals(7f * 100_000, b.sum().getFloat(), 1f);
      assertEquals(DataType.INT64, c.getDataType());
      assertArrayEquals(new long[] {9, 8}, c.toLongArray());
      assertEquals(m, a.getManager());
    }
  }

  @Test
  void copyIntoOverwritesInPlaceAndChecksTheSize() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray t = m.zeros(new Shape(2, 2));
      t.setRequiresGradient(true); // a parameter: written outside any gradient collector
      HostArrays.copyInto(t, new float[] {1, 2, 3, 4});
      assertArrayEquals(new float[] {1, 2, 3, 4}, t.toFloatArray());
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> HostArrays.copyInto(t, new float[] {1, 2, 3}));
    }
  }
}
