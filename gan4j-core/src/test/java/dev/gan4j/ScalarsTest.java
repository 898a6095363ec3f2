package dev.gan4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Constants in a recorded graph must survive a garbage collection between forward and backward (DJL's
 * {@code x.mul(2.5f)} does not: its constant aliases a direct buffer the collector frees).
 */
public class ScalarsTest {
  /** The gradient of {@code f} at x = (1, 2, 3, 4), with a collection and buffer churn before backward. */
  static float[] gradientAcrossGc(Function<NDArray, NDArray> f) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1, 2, 3, 4});
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = f.apply(x).sum();
        churn(m);
        gc.backward(y);
      }
      return x.getGradient().toFloatArray();
    }
  }

  /** A collection, and fresh direct buffers that would reuse freed memory. */
  public static void churn(NDManager m) {
    System.gc();
    for (int i = 0; i < 300; i++) {
      m.create(7777f).close();
    }
    System.gc();
  }

  @Test
  void constantsSurviveACollectionBetweenForwardAndBackward() {
    assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, gradientAcrossGc(x -> Scalars.times(x, 2.5f)));
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, gradientAcrossGc(x -> Scalars.over(x, 2f)));
    float[] g = gradientAcrossGc(x -> Scalars.power(x, 2f));
    assertArrayEquals(new float[] {2f, 4f, 6f, 8f}, g, 1e-5f);
  }

  @Test
  void constantsTakeTheInputsTypeAndShapeless() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray c = Scalars.constant(m.ones(new Shape(2)), 3f);
      assertEquals(new Shape(), c.getShape());
      assertEquals(3f, c.getFloat());
    }
  }
}
