package dev.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every layer's hand-written input gradient (the vector-Jacobian product gradient penalties chain
 * through) against the engine's own backward pass through the same forward pass, and against central
 * finite differences of the forward pass, leaving nothing behind in the layer's long-lived manager; and
 * the transposed convolution against its definition.
 *
 * <p>The finite differences are taken twice: loosely in float32, as the layers train, and tightly
 * in float64 at every coordinate of the input, with the layer's parameters and buffers re-typed in
 * place. The float64 check covers every case but dropout and noise, whose forward pass is random.
 * Batch normalization is in neither: it has no input gradient (it mixes the samples of a batch).
 */
class LayerGradientTest {
  private static final Rng INIT = new Rng(11);

  private static NDArray random(NDManager m, Shape shape, long seed) {
    float[] v = new float[Math.toIntExact(shape.size())];
    new Rng(seed).fillGaussian(v);
    return HostArrays.upload(m, v, shape);
  }

  /** A named layer factory and the batch shape it is fed. */
  record Case(String name, Function<NDManager, Layer> layer, Shape batch) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> layers() {
    Shape img = new Shape(3, 2, 7, 7);
    Shape even = new Shape(2, 3, 8, 8);
    List<Case> cases = new ArrayList<>(List.of(
        new Case("dense", m -> new Dense(5, 4, Dense.Form.PLAIN, m, INIT), new Shape(3, 5)),
        new Case("dense-spectral", m -> new Dense(5, 4, Dense.Form.SPECTRAL, m, INIT), new Shape(3, 5)),
        new Case("dense-weight", m -> new Dense(5, 4, Dense.Form.WEIGHT, m, INIT), new Shape(3, 5)),
        new Case("conv-k4-s2-odd", m -> conv(2, 4, 4, 2, 1, Dense.Form.PLAIN, m), img),
        new Case("conv-k4-s2-even", m -> conv(3, 2, 4, 2, 1, Dense.Form.PLAIN, m), even),
        new Case("conv-k3-s1", m -> conv(2, 3, 3, 1, 1, Dense.Form.PLAIN, m), img),
        new Case("conv-k3-s2-p0", m -> conv(2, 3, 3, 2, 0, Dense.Form.PLAIN, m), img),
        new Case("conv-spectral", m -> conv(2, 3, 4, 2, 1, Dense.Form.SPECTRAL, m), img),
        new Case("conv-weight", m -> conv(2, 3, 4, 2, 1, Dense.Form.WEIGHT, m), img),
        new Case("convT-k4-s2", m -> convT(2, 3, 4, 2, 1, Dense.Form.PLAIN, m), img),
        new Case("convT-k3-s2", m -> convT(3, 2, 3, 2, 1, Dense.Form.PLAIN, m), even),
        new Case("convT-k5-s3-p2", m -> convT(2, 2, 5, 3, 2, Dense.Form.PLAIN, m), img),
        new Case("convT-spectral", m -> convT(2, 3, 4, 2, 1, Dense.Form.SPECTRAL, m), img),
        new Case("convT-weight", m -> convT(2, 3, 4, 2, 1, Dense.Form.WEIGHT, m), img),
        new Case("leaky-relu-image", m -> new ActivationLayer(Activation.LEAKY_RELU, 0.2f), img),
        new Case("tanh-image", m -> new ActivationLayer(Activation.TANH, 0f), img),
        new Case("dropout-image", m -> new DropoutLayer(0.3f), img),
        new Case("noise-image", m -> new GaussianNoiseLayer(0.5f), img),
        new Case("instance-norm-vector", m -> new InstanceNormLayer(5, m), new Shape(3, 5)),
        new Case("instance-norm-image", m -> new InstanceNormLayer(2, m), img),
        new Case("pack-image", m -> new PackLayer(3), img),
        new Case("flatten", m -> ReshapeLayer.flatten(), img),
        new Case("reshape", m -> new ReshapeLayer(Shapes.of(2, 7, 7)), new Shape(3, 98)),
        new Case("upsample", m -> new UpsampleLayer(2), img),
        new Case("avg-pool", m -> new AvgPoolLayer(2), even),
        new Case("maxout", m -> new MaxoutLayer(3), new Shape(3, 6)),
        new Case("residual", m -> new Residual(Chain.builder(Shapes.of(2, 7, 7))
            .add("conv0", conv(2, 2, 3, 1, 1, Dense.Form.PLAIN, m))
            .add("act0", new ActivationLayer(Activation.TANH, 0f))
            .build()), img),
        new Case("skip-concat", m -> new SkipConcat(Chain.builder(Shapes.of(3, 8, 8))
            .add("down", conv(3, 4, 4, 2, 1, Dense.Form.PLAIN, m))
            .add("act", new ActivationLayer(Activation.LEAKY_RELU, 0.2f))
            .add("up", convT(4, 2, 4, 2, 1, Dense.Form.PLAIN, m))
            .build()), even)));
    return cases.stream().map(Arguments::of);
  }

  private static Layer conv(int in, int out, int k, int s, int p, Dense.Form f, NDManager m) {
    return new Conv2dLayer(in, out, k, s, p, f, Init.pytorch(), m, INIT);
  }

  private static Layer convT(int in, int out, int k, int s, int p, Dense.Form f, NDManager m) {
    return new ConvTranspose2dLayer(in, out, k, s, p, f, Init.pytorch(), m, INIT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void inputGradientMatchesAutogradAndFiniteDifferences(Case c) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Layer layer = c.layer().apply(m);
      for (NDArray p : layer.parameters().values()) {
        p.setRequiresGradient(false); // only the input's gradient is asked for
      }
      long batch = c.batch().get(0) / (layer instanceof PackLayer p ? p.size() : 1);
      Shape expectedOut = Shapes.batch(batch, layer.outputShape(c.batch().slice(1)));
      int arraysBefore = m.getManagedArrays().size();
      try (NDManager step = m.newSubManager()) {
        NDArray x = random(step, c.batch(), 1); // a batch lives in the step's manager, as in training
        x.setRequiresGradient(true);
        Pass pass = Pass.training(step, new Rng(5));
        NDArray g;
        float[] hand;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          List<Object> saved = new ArrayList<>(1);
          NDArray y = layer.forward(x, pass, saved);
          assertEquals(expectedOut, y.getShape(), "outputShape agrees with the forward pass");
          g = random(step, y.getShape(), 2);
          hand = layer.inputGradient(g, saved.isEmpty() ? null : saved.get(0)).toFloatArray();
          gc.backward(y.mul(g).sum());
        }
        NDArray gx = x.getGradient();
        gx.attach(step);
        float[] auto = gx.toFloatArray();
        if (!randomForward(c)) {
          checkFiniteDifferences(layer, x, g, hand, step);
        }
        assertArrayEquals(auto, hand, 1e-4f * (1f + maxAbs(auto)), "VJP vs the engine's backward");
      }
      // Everything the passes made was freed with the step: nothing joined the layer's manager.
      assertEquals(arraysBefore, m.getManagedArrays().size(), "arrays left in the long-lived manager");
    }
  }

  // Central differences of Σ g·f(x) along a few coordinates, in float32 with a step of 1e-2.
  private static void checkFiniteDifferences(Layer layer, NDArray x, NDArray g, float[] vjp,
      NDManager m) {
    float[] base = x.toFloatArray();
    double h = 1e-2;
    int[] coords = {0, base.length / 3, base.length / 2, base.length - 1};
    for (int i : coords) {
      double[] f = new double[2];
      for (int side = 0; side < 2; side++) {
        float[] v = base.clone();
        v[i] += (float) (side == 0 ? h : -h);
        try (NDManager step = m.newSubManager()) {
          NDArray xs = HostArrays.upload(step, v, x.getShape());
          NDArray y = layer.forward(xs, Pass.inference(step), null);
          f[side] = y.mul(g).sum().getFloat();
        }
      }
      double fd = (f[0] - f[1]) / (2 * h);
      assertEquals(fd, vjp[i], 2e-2 * (1 + Math.abs(fd)), "finite difference at " + i);
    }
  }

  /** The cases whose forward pass is a function of the input alone (no dropout, no noise). */
  static Stream<Arguments> deterministicLayers() {
    return layers().filter(a -> !randomForward((Case) a.get()[0]));
  }

  private static boolean randomForward(Case c) {
    return c.name().startsWith("dropout") || c.name().startsWith("noise");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deterministicLayers")
  void inputGradientMatchesFloat64FiniteDifferences(Case c) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Layer layer = c.layer().apply(m);
      for (NDArray p : layer.parameters().values()) {
        toFloat64InPlace(p);
      }
      for (NDArray b : layer.buffers().values()) {
        toFloat64InPlace(b);
      }
      int arraysBefore = m.getManagedArrays().size();
      try (NDManager step = m.newSubManager()) {
        NDArray x = random64(step, c.batch(), 1);
        List<Object> saved = new ArrayList<>(1);
        NDArray y = layer.forward(x, Pass.training(step, new Rng(5)), saved);
        assertEquals(DataType.FLOAT64, y.getDataType(), "the forward pass runs in float64");
        NDArray g = random64(step, y.getShape(), 2);
        NDArray vjp = layer.inputGradient(g, saved.isEmpty() ? null : saved.get(0));
        assertEquals(DataType.FLOAT64, vjp.getDataType(), "the input gradient runs in float64");
        assertEquals(x.getShape(), vjp.getShape(), "the input gradient has the input's shape");
        checkFloat64FiniteDifferences(layer, x, g, vjp.toDoubleArray(), step);
      }
      assertEquals(arraysBefore, m.getManagedArrays().size(), "arrays left in the layer's manager");
    }
  }

  /**
   * The gradients a training step gets through a layer (its input's, its parameters' and, through the
   * hand-written VJP as a gradient penalty uses it, the upstream gradient's) are the same whether or
   * not the garbage collector runs and direct buffers are reallocated between forward and backward:
   * no layer leaves in the graph a constant whose memory the collector may free (DJL's {@code
   * x.div(49f)} does; InstanceNormLayer's did, and CycleGAN's generators' gradients turned NaN).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("deterministicLayers")
  void gradientsDoNotDependOnAGarbageCollectionBeforeBackward(Case c) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Layer layer = c.layer().apply(m);
      // A training pass moves spectral norm's power-iteration vector: both passes start from the same.
      java.util.Map<String, float[]> buffers = new java.util.LinkedHashMap<>();
      layer.buffers().forEach((k, v) -> buffers.put(k, v.toFloatArray()));
      float[] quiet = gradientsAcrossBackward(layer, c.batch(), m, false);
      layer.buffers().forEach((k, v) -> HostArrays.copyInto(v, buffers.get(k)));
      float[] churned = gradientsAcrossBackward(layer, c.batch(), m, true);
      assertArrayEquals(quiet, churned, "gradients after a collection before backward");
    }
  }

  // The gradients of Σ y·g + Σ VJP(g)² with respect to x, g and the layer's parameters, in order.
  private static float[] gradientsAcrossBackward(Layer layer, Shape batch, NDManager m,
      boolean churn) {
    List<NDArray> params = new ArrayList<>(layer.parameters().values());
    try (NDManager step = m.newSubManager()) {
      for (NDArray p : params) {
        ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p);
      }
      NDArray x = random(step, batch, 1);
      x.setRequiresGradient(true);
      NDArray g;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        List<Object> saved = new ArrayList<>(1);
        NDArray y = layer.forward(x, Pass.training(step, new Rng(5)), saved);
        g = random(step, y.getShape(), 2);
        g.setRequiresGradient(true);
        NDArray vjp = layer.inputGradient(g, saved.isEmpty() ? null : saved.get(0));
        NDArray objective = y.mul(g).sum().add(vjp.square().sum());
        if (churn) {
          dev.gan4j.ScalarsTest.churn(step);
        }
        gc.backward(objective);
      }
      List<Float> out = new ArrayList<>();
      List<NDArray> all = new ArrayList<>(List.of(x, g));
      all.addAll(params);
      for (NDArray a : all) {
        NDArray grad = a.getGradient();
        grad.attach(step);
        for (float v : grad.toFloatArray()) {
          out.add(v);
        }
      }
      float[] result = new float[out.size()];
      for (int i = 0; i < result.length; i++) {
        result[i] = out.get(i);
      }
      return result;
    }
  }

  // Gaussian values scaled by π/3, which float32 cannot hold: a float32 step anywhere shows.
  private static NDArray random64(NDManager m, Shape shape, long seed) {
    return random(m, shape, seed).toType(DataType.FLOAT64, false).mul(Math.PI / 3);
  }

  /**
   * Re-types one of a layer's tensors to float64 in place: DJL's {@code intern} moves the converted
   * native tensor under the array object the layer holds. The conversion starts from a duplicate:
   * {@code toType} caches the data type of the array it is called on, and a cached FLOAT32 would
   * outlive the swap.
   */
  private static void toFloat64InPlace(NDArray a) {
    a.setRequiresGradient(false); // only the input's gradient is asked for
    try (NDArray copy = a.duplicate()) {
      a.intern(copy.toType(DataType.FLOAT64, false));
    }
    assertEquals(DataType.FLOAT64, a.getDataType(), "parameter re-typed");
  }

  // Central differences of Σ g·f(x) in float64 with a step of 1e-5, at every coordinate, within
  // 1e-8·(1 + |fd|). The differences' own error stays below 5e-10 for these layers; rounding the
  // hand-written gradient to float32, and nothing else, fails every case.
  private static void checkFloat64FiniteDifferences(Layer layer, NDArray x, NDArray g, double[] vjp,
      NDManager m) {
    double[] base = x.toDoubleArray();
    double h = 1e-5;
    for (int i = 0; i < base.length; i++) {
      double up = base[i] + h;
      double down = base[i] - h;
      double[] f = new double[2];
      for (int side = 0; side < 2; side++) {
        try (NDManager step = m.newSubManager()) {
          NDArray xs = x.duplicate();
          xs.attach(step);
          xs.set(new NDIndex(unravel(i, x.getShape())), side == 0 ? up : down);
          NDArray y = layer.forward(xs, Pass.inference(step), null);
          f[side] = y.mul(g).sum().getDouble();
        }
      }
      double fd = (f[0] - f[1]) / (up - down); // the step actually taken
      assertEquals(fd, vjp[i], 1e-8 * (1 + Math.abs(fd)), "float64 finite difference at " + i);
    }
  }

  // The multi-index of row-major position i in an array of the given shape.
  private static long[] unravel(int i, Shape shape) {
    long[] pos = new long[shape.dimension()];
    long rest = i;
    for (int d = pos.length - 1; d >= 0; d--) {
      pos[d] = rest % shape.get(d);
      rest /= shape.get(d);
    }
    return pos;
  }

  private static float maxAbs(float[] a) {
    float m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Test
  void transposedConvolutionMatchesItsDefinition() {
    Engines.init();
    int[][] settings = {{4, 2, 1}, {3, 2, 1}, {5, 3, 2}, {3, 1, 1}, {2, 2, 0}};
    for (int[] st : settings) {
      int k = st[0];
      int s = st[1];
      int p = st[2];
      try (NDManager m = NDManager.newBaseManager()) {
        int n = 2;
        int in = 3;
        int out = 2;
        int h = 5;
        int w = 4;
        NDArray x = random(m, new Shape(n, in, h, w), 3);
        NDArray kernel = random(m, new Shape(in, out, k, k), 4);
        NDArray bias = random(m, new Shape(out), 5);
        for (long op = 0; op < s; op++) {
          NDArray y = TransposedConvolution.apply(x, kernel, bias, s, p, new long[] {op, op});
          float[] expected = naive(x.toFloatArray(), kernel.toFloatArray(), bias.toFloatArray(),
              n, in, out, h, w, k, s, p, (int) op);
          int oh = (h - 1) * s + k - 2 * p + (int) op;
          int ow = (w - 1) * s + k - 2 * p + (int) op;
          assertEquals(new Shape(n, out, oh, ow), y.getShape(), "k" + k + " s" + s + " p" + p);
          assertArrayEquals(expected, y.toFloatArray(), 1e-4f, "k" + k + " s" + s + " p" + p);
        }
      }
    }
  }

  // y[o] = Σ x[i]·w[k] over o = i·s + k - p: PyTorch's conv_transpose2d, looped.
  private static float[] naive(float[] x, float[] wt, float[] b, int n, int in, int out, int h,
      int w, int k, int s, int p, int op) {
    int oh = (h - 1) * s + k - 2 * p + op;
    int ow = (w - 1) * s + k - 2 * p + op;
    float[] y = new float[n * out * oh * ow];
    for (int b0 = 0; b0 < n; b0++) {
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < oh * ow; i++) {
          y[(b0 * out + o) * oh * ow + i] = b[o];
        }
        for (int c = 0; c < in; c++) {
          for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
              float v = x[((b0 * in + c) * h + iy) * w + ix];
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  int oy = iy * s + ky - p;
                  int ox = ix * s + kx - p;
                  if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                    y[((b0 * out + o) * oh + oy) * ow + ox] +=
                        v * wt[((c * out + o) * k + ky) * k + kx];
                  }
                }
              }
            }
          }
        }
      }
    }
    return y;
  }

  @Test
  void shapesAreCheckedWhenANetworkIsBuilt() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Network.Builder b = Network.builder(784)
          .add("image", new ReshapeLayer(Shapes.of(1, 28, 28)));
      dev.gan4j.InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.gan4j.InvalidConfigException.class,
          () -> b.add("conv0", conv(3, 8, 4, 2, 1, Dense.Form.PLAIN, m)));
      assertTrue(e.getMessage().contains("conv0") && e.getMessage().contains("1x28x28")
          && e.getMessage().contains("3 x h x w"), e.getMessage());
      org.junit.jupiter.api.Assertions.assertThrows(dev.gan4j.InvalidConfigException.class,
          () -> Network.builder(5).add("d", new Dense(4, 2, Dense.Form.PLAIN, m, INIT)));
      org.junit.jupiter.api.Assertions.assertThrows(dev.gan4j.InvalidConfigException.class,
          () -> Network.builder(784).add("r", new ReshapeLayer(Shapes.of(2, 28, 28))));
      // An image output must be flattened before it leaves the network.
      org.junit.jupiter.api.Assertions.assertThrows(dev.gan4j.InvalidConfigException.class,
          () -> Network.builder(784).add("r", new ReshapeLayer(Shapes.of(1, 28, 28))).build());
    }
  }
}
