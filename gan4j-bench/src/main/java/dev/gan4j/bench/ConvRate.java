package dev.gan4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.gan4j.Engines;
import dev.gan4j.nn.Convolution;
import dev.gan4j.nn.EngineConvolution;
import dev.gan4j.nn.TransposedConvolution;
import dev.gan4j.train.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The forward rate of the plain DCGAN networks' ({@code fashion-dcgan}'s) convolutions: the
 * engine's {@code conv2d} against gan4j's {@link Convolution} and {@link TransposedConvolution} as
 * training runs them (through the engine's {@code conv2d} wherever {@link EngineConvolution}'s
 * check trusts it) and against gan4j's
 * own window-and-product convolutions (the engine's turned off). The engine has no
 * transposed convolution, so for G's layers it times the one ordinary convolution gan4j's reduces
 * to: the s² phase sub-kernels stacked along the output channels, stride 1, on the input padded by
 * one, which does the same multiply-adds (the pixel shuffle after it is not timed).
 *
 * <pre>{@code
 * ConvRate.Result r = ConvRate.measure(ConvRate.layers(preset, 28).get(0), 64, 1.0, 3);
 * }</pre>
 */
final class ConvRate {
  /** DcganArchitecture's kernel, stride and padding. */
  static final int KERNEL = 4;

  static final int STRIDE = 2;
  static final int PADDING = 1;

  private ConvRate() {}

  /**
   * One convolution of a DCGAN network.
   *
   * @param name where it sits, for the report
   * @param transposed whether it upsamples (G) rather than downsamples (D)
   * @param in input channels
   * @param out output channels
   * @param side the input's height and width
   */
  record Layer(String name, boolean transposed, int in, int out, int side) {
    /**
     * Multiply-adds × 2 for {@code n} samples: 2·n·o·c·k²·oh·ow for a convolution; for a transposed
     * one every input pixel meets every tap, 2·n·c·o·k²·h·w.
     */
    double flops(int n) {
      long positions = transposed ? (long) side * side : (long) (side / STRIDE) * (side / STRIDE);
      return 2.0 * n * in * out * KERNEL * KERNEL * positions;
    }

    String describe() {
      return (transposed ? "transposed " : "")
          + String.format(
              Locale.ROOT,
              "%d→%d k%d s%d p%d on %d×%d",
              in,
              out,
              KERNEL,
              STRIDE,
              PADDING,
              side,
              side);
    }
  }

  /**
   * The engine's and gan4j's rates for one layer at one batch size.
   *
   * @param layer the convolution
   * @param batchSize samples per call
   * @param engine the engine's {@code conv2d}
   * @param gan4j gan4j's convolution as training runs it
   * @param own gan4j's convolution with the engine's {@code conv2d} turned off
   */
  record Result(
      Layer layer,
      int batchSize,
      MatmulRate.Result engine,
      MatmulRate.Result gan4j,
      MatmulRate.Result own) {}

  /** The convolutions of a DCGAN preset's networks on one-channel images {@code side} wide. */
  static List<Layer> layers(RunConfig dcgan, int side) {
    List<Layer> layers = new ArrayList<>();
    int channels = 1;
    int s = side;
    int[] d = dcgan.model().discriminator().hidden();
    for (int i = 0; i < d.length; i++, s /= STRIDE) {
      layers.add(new Layer("D layer" + i, false, channels, d[i], s));
      channels = d[i];
    }
    int[] g = dcgan.model().generator().hidden();
    s = side >> g.length;
    for (int i = 0; i < g.length; i++, s *= STRIDE) {
      layers.add(new Layer("G layer" + (i + 1), true, g[i], i + 1 < g.length ? g[i + 1] : 1, s));
    }
    return layers;
  }

  /** Times both implementations' forward pass on random inputs, engine first. */
  static Result measure(Layer l, int batchSize, double minSeconds, int repeats) {
    Engines.init();
    double flops = l.flops(batchSize);
    Shape x = new Shape(batchSize, l.in(), l.side(), l.side());
    Shape stride = new Shape(STRIDE, STRIDE);
    Shape padding = new Shape(PADDING, PADDING);
    Timing t = new Timing(x, flops, minSeconds, repeats);
    if (l.transposed()) {
      int taps = KERNEL / STRIDE;
      Shape phases = new Shape((long) STRIDE * STRIDE * l.out(), l.in(), taps, taps);
      Shape one = new Shape(1, 1);
      return new Result(
          l,
          batchSize,
          t.time(
              m -> {
                NDArray w = m.randomUniform(-1f, 1f, phases);
                NDArray b = m.zeros(new Shape(phases.get(0)));
                return a -> Conv2d.conv2d(a, w, b, one, one).singletonOrThrow();
              }),
          t.time(
              m -> {
                NDArray w = m.randomUniform(-1f, 1f, new Shape(l.in(), l.out(), KERNEL, KERNEL));
                NDArray b = m.zeros(new Shape(l.out()));
                return a -> TransposedConvolution.apply(a, w, b, STRIDE, PADDING, new long[2]);
              }),
          t.time(
              m -> {
                NDArray w = m.randomUniform(-1f, 1f, new Shape(l.in(), l.out(), KERNEL, KERNEL));
                NDArray b = m.zeros(new Shape(l.out()));
                return own(a -> TransposedConvolution.apply(a, w, b, STRIDE, PADDING, new long[2]));
              }));
    }
    Shape kernel = new Shape(l.out(), l.in(), KERNEL, KERNEL);
    return new Result(
        l,
        batchSize,
        t.time(
            m -> {
              NDArray w = m.randomUniform(-1f, 1f, kernel);
              NDArray b = m.zeros(new Shape(l.out()));
              return a -> Conv2d.conv2d(a, w, b, stride, padding).singletonOrThrow();
            }),
        t.time(
            m -> {
              NDArray w = m.randomUniform(-1f, 1f, kernel);
              NDArray b = m.zeros(new Shape(l.out()));
              return a -> Convolution.apply(a, w, b, STRIDE, PADDING);
            }),
        t.time(
            m -> {
              NDArray w = m.randomUniform(-1f, 1f, kernel);
              NDArray b = m.zeros(new Shape(l.out()));
              return own(a -> Convolution.apply(a, w, b, STRIDE, PADDING));
            }));
  }

  /** {@code conv} with the engine's {@code conv2d} turned off while it runs: gan4j's own. */
  private static UnaryOperator<NDArray> own(UnaryOperator<NDArray> conv) {
    return a -> {
      boolean was = EngineConvolution.isEnabled();
      EngineConvolution.setEnabled(false);
      try {
        return conv.apply(a);
      } finally {
        EngineConvolution.setEnabled(was);
      }
    };
  }

  /** One layer's timing set-up: each timing loop gets its own arrays, freed when it ends. */
  private record Timing(Shape input, double flops, double minSeconds, int repeats) {
    /** Times the operation {@code setup} makes with its weights in the loop's manager. */
    MatmulRate.Result time(Function<NDManager, UnaryOperator<NDArray>> setup) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray x = m.randomUniform(-1f, 1f, input);
        UnaryOperator<NDArray> conv = setup.apply(m);
        return MatmulRate.time(
            () -> {
              // Results and intermediates join x's manager: lend x to one per call, freed with it.
              try (NDManager call = m.newSubManager()) {
                x.tempAttach(call);
                conv.apply(x);
              }
            },
            flops,
            minSeconds,
            repeats);
      }
    }
  }
}
