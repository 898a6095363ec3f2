package dev.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Convolution#apply}, whichever way {@link EngineConvolution} routes it, against float64 math
 * for the convolutions gan4j's architectures run (outputs, input gradients, kernel gradients), and the
 * check itself: it refuses a convolution whose input gradient is wrong, leaves autograd's switch and
 * the engine's random generator as they were, and is bypassed when turned off.
 */
class EngineConvolutionTest {
  private static NDArray random(NDManager m, Shape shape, long seed, float scale) {
    float[] v = new float[Math.toIntExact(shape.size())];
    new Rng(seed).fillGaussian(v);
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return HostArrays.upload(m, v, shape);
  }

  /**
   * Convolutions (n, c, o, k, s, p, side) of gan4j's networks: mnist-dcgan's D (1 → 64 → 128, k4 s2
   * p1) and the stride-1 2 × 2 phase convolutions of its G's transposed layers and their input
   * gradients, Stacked MNIST's three channels, a ResNet's 3 × 3 convolutions, and small odd cases.
   */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(16, 1, 64, 4, 2, 1, 28),
        Arguments.of(16, 64, 128, 4, 2, 1, 14),
        Arguments.of(16, 128, 256, 2, 1, 0, 9),
        Arguments.of(16, 64, 4, 2, 1, 0, 16),
        Arguments.of(16, 1, 64, 4, 2, 1, 28),
        Arguments.of(16, 4, 64, 2, 1, 0, 16),
        Arguments.of(16, 3, 64, 4, 2, 1, 28),
        Arguments.of(8, 64, 12, 2, 1, 0, 16),
        Arguments.of(8, 32, 32, 3, 1, 1, 8),
        Arguments.of(4, 32, 3, 3, 1, 1, 16),
        Arguments.of(3, 2, 4, 3, 1, 0, 6),
        Arguments.of(2, 1, 1, 4, 2, 1, 7));
  }

  @ParameterizedTest(name = "n{0} {1}->{2} k{3} s{4} p{5} on {6}")
  @MethodSource("shapes")
  void convolutionAgreesWithFloat64MathInOutputAndBothGradients(
      int n, int c, int o, int k, int s, int p, int side) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = random(m, new Shape(n, c, side, side), 1, 1f);
      NDArray w = random(m, new Shape(o, c, k, k), 2, 0.1f);
      long oh = (side + 2L * p - k) / s + 1;
      NDArray r = random(m, new Shape(n, o, oh, oh), 3, 1f);
      NDArray[] got = outputAndGradients(x, w, r, s, p, false);
      NDArray[] want =
          outputAndGradients(
              x.toType(DataType.FLOAT64, false),
              w.toType(DataType.FLOAT64, false),
              r.toType(DataType.FLOAT64, false),
              s,
              p,
              true);
      String[] what = {"output", "input gradient", "kernel gradient"};
      for (int i = 0; i < 3; i++) {
        double diff = got[i].toType(DataType.FLOAT64, false).sub(want[i]).abs().max().getDouble();
        double scale = want[i].abs().max().getDouble();
        assertTrue(diff <= 1e-5 * scale, what[i] + ": max error " + diff + " of " + scale);
      }
    }
  }

  // Convolution.apply's output and the gradients of Σ y·r; the float64 reference is gan4j's own.
  private static NDArray[] outputAndGradients(
      NDArray x0, NDArray w0, NDArray r, int s, int p, boolean reference) {
    NDArray[] leaves = {x0.duplicate(), w0.duplicate()};
    for (NDArray leaf : leaves) {
      leaf.setRequiresGradient(true);
    }
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray y = reference
          ? Convolution.windows(leaves[0], leaves[1], null, s, p)
          : Convolution.apply(leaves[0], leaves[1], null, s, p);
      gc.backward(y.mul(r).sum());
      return new NDArray[] {y.stopGradient(), leaves[0].getGradient(), leaves[1].getGradient()};
    }
  }

  @Test
  void checkRefusesAConvolutionWhoseInputGradientIsWrong() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Shape x = new Shape(2, 1, 8, 8);
      Shape w = new Shape(4, 1, 4, 4);
      EngineConvolution.Op own = (a, k, s, p) -> Convolution.windows(a, k, null, s, p);
      // Right outputs and kernel gradients, input gradient 0: what was once recorded on this CPU.
      EngineConvolution.Op noInputGradient =
          (a, k, s, p) -> EngineConvolution.apply(a.stopGradient(), k, null, s, p);
      EngineConvolution.Op scaledKernel =
          (a, k, s, p) -> EngineConvolution.apply(a, k.mul(1.01f), null, s, p);
      assertFalse(EngineConvolution.agrees(noInputGradient, own, x, w, 2, 1, DataType.FLOAT32, m));
      assertFalse(EngineConvolution.agrees(scaledKernel, own, x, w, 2, 1, DataType.FLOAT32, m));
      assertTrue(EngineConvolution.agrees(own, own, x, w, 2, 1, DataType.FLOAT32, m));
    }
  }

  @Test
  void checkLeavesAutogradOffAndTheEnginesRandomNumbersAsTheyWere() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      float[] expected = m.randomUniform(0f, 1f, new Shape(4)).toFloatArray();
      Engine.getInstance().setRandomSeed(5);
      // A configuration no other test uses, so its check runs now.
      NDArray x = random(m, new Shape(1, 5, 9, 9), 4, 1f);
      NDArray w = random(m, new Shape(3, 5, 3, 3), 5, 0.1f);
      Convolution.apply(x, w, null, 2, 1);
      assertFalse(JniUtils.isGradMode());
      assertEquals(
          java.util.Arrays.toString(expected),
          java.util.Arrays.toString(m.randomUniform(0f, 1f, new Shape(4)).toFloatArray()));
    }
  }

  @Test
  void turnedOffEveryConvolutionIsGan4jsOwn() {
    Engines.init();
    boolean was = EngineConvolution.isEnabled();
    try (NDManager m = NDManager.newBaseManager()) {
      EngineConvolution.setEnabled(false);
      NDArray x = random(m, new Shape(2, 3, 8, 8), 6, 1f);
      NDArray w = random(m, new Shape(4, 3, 4, 4), 7, 0.1f);
      assertFalse(EngineConvolution.trusted(x, w, 2, 1));
      assertEquals(
          java.util.Arrays.toString(Convolution.windows(x, w, null, 2, 1).toFloatArray()),
          java.util.Arrays.toString(Convolution.apply(x, w, null, 2, 1).toFloatArray()));
    } finally {
      EngineConvolution.setEnabled(was);
    }
  }
}
