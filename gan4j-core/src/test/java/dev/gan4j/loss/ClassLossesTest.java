package dev.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import org.junit.jupiter.api.Test;

/** AC-GAN's class terms against TF-GAN's published values (its ACGANLossTest inputs). */
class ClassLossesTest {
  private static final float[] GEN_LOGITS = {
    10.0f, 4.4f, -5.5f, 3.6f, -4.0f, 4.4f, 5.2f, 4.6f, 1.1f, 2.4f, -3.5f, 5.6f, 1.1f, 2.4f, -3.5f, 5.6f
  };
  private static final float[] REAL_LOGITS = {
    -2.0f, 0.4f, 12.5f, 2.7f, -1.2f, 1.9f, 12.3f, 2.6f, -2.4f, -1.7f, 2.5f, 2.7f, 1.1f, 2.4f, -3.5f, 5.6f
  };
  private static final float[] ONE_HOT = {0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0};

  @Test
  void matchesTfGansAcganValues() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray gen = m.create(GEN_LOGITS, new Shape(4, 4));
      NDArray real = m.create(REAL_LOGITS, new Shape(4, 4));
      NDArray labels = m.create(ONE_HOT, new Shape(4, 4));
      assertEquals(3.84974f, ClassLosses.acganGenerator(gen, labels).getFloat(), 1e-5f);
      assertEquals(9.43950f, ClassLosses.acganDiscriminator(gen, real, labels, labels).getFloat(),
          1e-5f);
    }
  }

  @Test
  void crossEntropyOfUniformLogitsIsLogK() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.zeros(new Shape(3, 5));
      NDArray labels = m.create(new float[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1},
          new Shape(3, 5));
      assertEquals((float) Math.log(5), ClassLosses.crossEntropy(logits, labels).getFloat(), 1e-6f);
    }
  }
}
