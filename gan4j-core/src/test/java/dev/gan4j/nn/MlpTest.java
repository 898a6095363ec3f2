package dev.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

class MlpTest {
  @Test
  void generatorShapeRangeAndParameterCount() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      MlpSpec spec =
          new MlpSpec(10, new int[] {32, 64}, 784, Activation.LEAKY_RELU, 0.2f, Activation.TANH, 0f);
      Mlp g = new Mlp(spec, m, new Rng(1));
      assertEquals(10 * 32 + 32 + 32 * 64 + 64 + 64 * 784 + 784, g.parameterCount());
      float[] z = new float[5 * 10];
      new Rng(2).fillGaussian(z);
      NDArray out = g.forward(m.create(z, new Shape(5, 10)), false, null);
      assertEquals(new Shape(5, 784), out.getShape());
      for (float v : out.toFloatArray()) {
        assertTrue(v > -1 && v < 1);
      }
      // Same seed, same weights.
      Mlp g2 = new Mlp(spec, m, new Rng(1));
      assertArrayEquals(
          g.parameters().get(0).array().toFloatArray(),
          g2.parameters().get(0).array().toFloatArray());
    }
  }

  @Test
  void dropoutOnlyWhileTrainingAndScaledToKeepTheMean() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      MlpSpec spec =
          new MlpSpec(4, new int[] {2000}, 1, Activation.RELU, 0f, Activation.IDENTITY, 0.5f);
      Mlp d = new Mlp(spec, m, new Rng(3));
      NDArray x = m.ones(new Shape(1, 4));
      float eval1 = d.forward(x, false, null).getFloat();
      float eval2 = d.forward(x, false, null).getFloat();
      assertEquals(eval1, eval2);
      Rng rng = new Rng(4);
      float train1 = d.forward(x, true, rng).getFloat();
      float train2 = d.forward(x, true, rng).getFloat();
      assertTrue(train1 != train2, "fresh masks per pass");
    }
  }

  @Test
  void specRejectsBadShapes() {
    assertThrows(
        InvalidConfigException.class,
        () -> new MlpSpec(0, new int[] {1}, 1, Activation.RELU, 0f, Activation.TANH, 0f));
    assertThrows(
        InvalidConfigException.class,
        () -> new MlpSpec(1, new int[] {0}, 1, Activation.RELU, 0f, Activation.TANH, 0f));
    assertThrows(
        InvalidConfigException.class,
        () -> new MlpSpec(1, new int[] {1}, 1, Activation.RELU, 0f, Activation.TANH, 1f));
  }
}
