package dev.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network builder's shapes, options and input gradients. */
class NetworkTest {
  static MlpSpec spec(Normalization norm, int pack, int kernels, boolean std, float noise) {
    return spec(Activation.LEAKY_RELU, norm, pack, kernels, std, noise);
  }

  static MlpSpec spec(
      Activation act, Normalization norm, int pack, int kernels, boolean std, float noise) {
    return new MlpSpec(3, new int[] {16, 8}, 1, act, 0.2f, Activation.IDENTITY, 0f,
        norm, false, noise, pack, kernels, std, 0f);
  }

  static NDArray random(NDManager m, int rows, int cols, long seed) {
    float[] v = new float[rows * cols];
    new Rng(seed).fillGaussian(v);
    return HostArrays.upload(m, v, new Shape(rows, cols));
  }

  @Test
  void generatorShapeRangeParameterCountAndSeed() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      MlpSpec spec =
          MlpSpec.plain(10, new int[] {32, 64}, 784, Activation.LEAKY_RELU, 0.2f, Activation.TANH, 0f);
      Network g = Network.mlp(spec, m, new Rng(1));
      assertEquals(10 * 32 + 32 + 32 * 64 + 64 + 64 * 784 + 784, g.parameterCount());
      assertEquals(List.of("layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias",
          "layer2.weight", "layer2.bias"), g.parameters().stream().map(Parameter::name).toList());
      NDArray out = g.forward(random(m, 5, 10, 2), Pass.inference(m)).out();
      assertEquals(new Shape(5, 784), out.getShape());
      for (float v : out.toFloatArray()) {
        assertTrue(v > -1 && v < 1);
      }
      Network g2 = Network.mlp(spec, m, new Rng(1));
      assertArrayEquals(
          g.parameters().get(0).array().toFloatArray(), g2.parameters().get(0).array().toFloatArray());
    }
  }

  @Test
  void dropoutAndNoiseOnlyWhileTraining() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      MlpSpec spec = new MlpSpec(4, new int[] {2000}, 1, Activation.RELU, 0f, Activation.IDENTITY, 0.5f,
          Normalization.NONE, false, 0.3f, 1, 0, false, 0f);
      Network d = Network.mlp(spec, m, new Rng(3));
      NDArray x = m.ones(new Shape(1, 4));
      float eval1 = d.forward(x, Pass.inference(m)).out().getFloat();
      assertEquals(eval1, d.forward(x, Pass.inference(m)).out().getFloat());
      Rng rng = new Rng(4);
      float train1 = d.forward(x, Pass.training(m, rng)).out().getFloat();
      float train2 = d.forward(x, Pass.training(m, rng)).out().getFloat();
      assertTrue(train1 != train2, "fresh masks and noise per pass");
    }
  }

  @Test
  void discriminatorOptionsChangeTheShapesTheyShould() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Network packed = Network.mlp(spec(Normalization.NONE, 4, 0, false, 0f), m, new Rng(1));
      Network.Output o = packed.forward(random(m, 8, 3, 1), Pass.training(m, new Rng(2)));
      assertEquals(new Shape(2, 1), o.out().getShape(), "8 samples in packs of 4: 2 scores");
      assertEquals(12, packed.parameters().get(0).array().getShape().get(0), "pack x input width");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> packed.forward(random(m, 6, 3, 1), Pass.inference(m)));
      assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());

      Network mb = Network.mlp(spec(Normalization.NONE, 1, 5, true, 0f), m, new Rng(1));
      Network.Output f = mb.forward(random(m, 6, 3, 1), Pass.training(m, new Rng(2)));
      assertEquals(new Shape(6, 8 + 1 + 5), f.features().getShape(), "features + stddev + kernels");
      assertTrue(mb.mixesSamples());
    }
  }

  @Test
  void minibatchDiscriminationSeesHowAlikeTheBatchIs() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      MinibatchDiscrimination layer = new MinibatchDiscrimination(3, 4, 5, m, new Rng(1));
      NDArray same = m.ones(new Shape(6, 3));
      NDArray o = layer.forward(same, Pass.inference(m), null).get(":, 3:");
      // Identical samples: every c_b(i, j) = exp(0) = 1, so each o_b = batch size.
      for (float v : o.toFloatArray()) {
        assertEquals(6f, v, 1e-5f);
      }
      NDArray spread = random(m, 6, 3, 9).mul(10f);
      float[] os = layer.forward(spread, Pass.inference(m), null).get(":, 3:").toFloatArray();
      for (float v : os) {
        assertTrue(v >= 1f && v < 6f, "distinct samples are less alike: " + v);
      }
    }
  }

  @Test
  void batchNormUsesBatchStatisticsWhileTrainingAndRunningOnesAfter() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      BatchNormLayer bn = new BatchNormLayer(2, m);
      NDArray x = HostArrays.upload(m, new float[] {1, 10, 3, 20, 5, 30}, new Shape(3, 2));
      float[] y = bn.forward(x, Pass.training(m, new Rng(1)), null).toFloatArray();
      assertEquals(0f, y[0] + y[2] + y[4], 1e-4f);
      assertEquals(-y[4], y[0], 1e-4f);
      // Running mean moved 10% of the way from 0 to the batch mean (3, 20).
      assertArrayEquals(new float[] {0.3f, 2f}, bn.buffers().get("runningMean").toFloatArray(), 1e-5f);
      float[] inference = bn.forward(x, Pass.inference(m), null).toFloatArray();
      assertTrue(Math.abs(inference[0] - y[0]) > 0.1f, "inference uses running statistics");
    }
  }

  @Test
  void aPassKeepingStatisticsNormalizesByTheBatchButLeavesTheRunningStatisticsAlone() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      BatchNormLayer bn = new BatchNormLayer(2, m);
      Pass training = Pass.training(m, new Rng(1));
      NDArray x = HostArrays.upload(m, new float[] {1, 10, 3, 20, 5, 30}, new Shape(3, 2));
      bn.forward(x, training, null); // running mean about (0.3, 2)
      float[] running = bn.buffers().get("runningMean").toFloatArray();
      NDArray other = HostArrays.upload(m, new float[] {-7, 4, 9, 8, 2, -6}, new Shape(3, 2));
      for (NDArray in : List.of(other, other.get("0:1"))) { // the fused path and the one-sample path
        float[] kept = bn.forward(in, training.keepingStatistics(), null).toFloatArray();
        assertArrayEquals(running, bn.buffers().get("runningMean").toFloatArray(), 0f);
        float[] moved = bn.forward(in, training, null).toFloatArray();
        assertArrayEquals(moved, kept, 1e-6f, "the same batch statistics either way");
        assertTrue(bn.buffers().get("runningMean").toFloatArray()[0] != running[0],
            "a training pass moves");
        bn.buffers().get("runningMean").set(new ai.djl.ndarray.index.NDIndex("..."),
            m.create(running));
      }
      assertTrue(Pass.inference(m).keepingStatistics().training() == false);
    }
  }

  @Test
  void batchNormMatchesTheFormulaItsRunningVarianceIsUnbiasedAndItsInputGradientsSumToZero() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      BatchNormLayer bn = new BatchNormLayer(2, m);
      bn.parameters().get("gamma").set(new ai.djl.ndarray.index.NDIndex("..."), m.create(new float[] {2f, 0.5f}));
      bn.parameters().get("beta").set(new ai.djl.ndarray.index.NDIndex("..."), m.create(new float[] {1f, -1f}));
      float[] v = {1, 10, 3, 20, 5, 60, 7, 30};
      NDArray x = HostArrays.upload(m, v, new Shape(4, 2));
      x.setRequiresGradient(true);
      float[] y;
      try (ai.djl.training.GradientCollector gc =
          ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        NDArray out = bn.forward(x, Pass.training(m, new Rng(1)), null);
        y = out.toFloatArray();
        // An uneven weighting, so the gradient is not zero by symmetry alone.
        gc.backward(out.mul(HostArrays.upload(m, new float[] {1, 2, -3, 4, 5, 6, 7, -8}, new Shape(4, 2))).sum());
      }
      double[] gammaOf = {2, 0.5};
      double[] betaOf = {1, -1};
      for (int c = 0; c < 2; c++) {
        double mean = 0;
        for (int r = 0; r < 4; r++) {
          mean += v[r * 2 + c] / 4.0;
        }
        double var = 0;
        for (int r = 0; r < 4; r++) {
          var += Math.pow(v[r * 2 + c] - mean, 2) / 4.0;
        }
        for (int r = 0; r < 4; r++) {
          double expected = (v[r * 2 + c] - mean) / Math.sqrt(var + 1e-5) * gammaOf[c] + betaOf[c];
          assertEquals(expected, y[r * 2 + c], 1e-4);
        }
        // Running variance: 0.9 * 1 + 0.1 * (unbiased batch variance, n / (n - 1) of the biased one).
        assertEquals(0.9 + 0.1 * var * 4 / 3, bn.buffers().get("runningVar").toFloatArray()[c], 1e-3);
      }
      float[] gx = x.getGradient().toFloatArray();
      for (int c = 0; c < 2; c++) {
        assertEquals(0f, gx[c] + gx[2 + c] + gx[4 + c] + gx[6 + c], 1e-4f);
        assertTrue(Math.abs(gx[c]) > 1e-3f, "the input gets a gradient");
      }
      assertTrue(bn.parameters().get("gamma").getGradient().abs().sum().getFloat() > 0f);
    }
  }

  @Test
  void dropoutZeroesAFractionPOfUnitsAndScalesTheRestAndIsOffAtInference() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      DropoutLayer dropout = new DropoutLayer(0.3f);
      NDArray x = m.ones(new Shape(201, 499)); // an odd count: the last unit has its own draw
      float[] y = dropout.forward(x, Pass.training(m, new Rng(4)), null).toFloatArray();
      int zeros = 0;
      for (float v : y) {
        if (v == 0f) {
          zeros++;
        } else {
          assertEquals(1f / 0.7f, v, 1e-6f);
        }
      }
      // 100,299 units: the dropped fraction's standard deviation is 0.0014.
      assertEquals(0.3, zeros / (double) y.length, 0.006);
      float[] again = dropout.forward(x, Pass.training(m, new Rng(4)), null).toFloatArray();
      assertArrayEquals(y, again, "the same stream gives the same mask");
      assertArrayEquals(x.toFloatArray(), dropout.forward(x, Pass.inference(m), null).toFloatArray());
    }
  }

  @Test
  void spectralNormalizationDividesByTheLargestSingularValue() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Dense d = new Dense(6, 4, Dense.Form.SPECTRAL, m, new Rng(5));
      Pass pass = Pass.training(m, new Rng(1));
      NDArray w = null;
      for (int i = 0; i < 50; i++) { // power iteration converges over steps, its vector kept
        w = d.effectiveWeight(pass);
      }
      double sigma = largestSingularValue(w.toType(DataType.FLOAT64, false).toDoubleArray(), 6, 4);
      assertEquals(1.0, sigma, 1e-3);
      assertTrue(d.buffers().containsKey("u"));
    }
  }

  // sqrt of the largest eigenvalue of WᵀW, by plain power iteration in double.
  static double largestSingularValue(double[] w, int rows, int cols) {
    double[] v = new double[cols];
    java.util.Arrays.fill(v, 1);
    double lambda = 0;
    for (int it = 0; it < 500; it++) {
      double[] wv = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          wv[i] += w[i * cols + j] * v[j];
        }
      }
      double[] next = new double[cols];
      for (int j = 0; j < cols; j++) {
        for (int i = 0; i < rows; i++) {
          next[j] += w[i * cols + j] * wv[i];
        }
      }
      double norm = 0;
      for (double x : next) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      lambda = norm;
      for (int j = 0; j < cols; j++) {
        v[j] = next[j] / norm;
      }
    }
    return Math.sqrt(lambda);
  }

  @Test
  void inputGradientMatchesFiniteDifferencesForEveryPerSampleLayer() {
    Engines.init();
    // Smooth activations keep finite differences away from kinks (normalized units sit near 0); the
    // piecewise-linear ones are checked with the plain network.
    List<Object[]> cases = List.of(
        new Object[] {Activation.LEAKY_RELU, Normalization.NONE},
        new Object[] {Activation.RELU, Normalization.NONE},
        new Object[] {Activation.TANH, Normalization.NONE},
        new Object[] {Activation.TANH, Normalization.INSTANCE},
        new Object[] {Activation.TANH, Normalization.WEIGHT},
        new Object[] {Activation.TANH, Normalization.SPECTRAL});
    for (Object[] c : cases) {
      Normalization norm = (Normalization) c[1];
      try (NDManager m = NDManager.newBaseManager()) {
        for (int pack : new int[] {1, 2}) {
          Network net =
              Network.mlp(spec((Activation) c[0], norm, pack, 0, false, 0f), m, new Rng(7));
          NDArray x = random(m, 4, 3, 11);
          // Inference passes: no power-iteration update between the evaluations compared.
          float[] g = net.inputGradient(x, Pass.inference(m)).toFloatArray();
          float[] xs = x.toFloatArray();
          float h = 2e-3f;
          for (int i = 0; i < xs.length; i++) {
            float[] plus = xs.clone();
            float[] minus = xs.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd =
                (sum(net, m, plus) - sum(net, m, minus)) / (2.0 * h);
            assertEquals(fd, g[i], 5e-3 + 2e-2 * Math.abs(fd), c[0] + " " + norm + " pack " + pack + " at " + i);
          }
        }
      }
    }
  }

  private static double sum(Network net, NDManager m, float[] x) {
    return net.forward(HostArrays.upload(m, x, new Shape(4, 3)), Pass.inference(m)).out().sum().getFloat();
  }

  @Test
  void inputGradientRefusesNetworksThatMixSamples() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      for (MlpSpec s : List.of(spec(Normalization.BATCH, 1, 0, false, 0f),
          spec(Normalization.NONE, 1, 3, false, 0f), spec(Normalization.NONE, 1, 0, true, 0f))) {
        Network net = Network.mlp(s, m, new Rng(1));
        assertThrows(InvalidConfigException.class,
            () -> net.inputGradient(random(m, 4, 3, 1), Pass.inference(m)));
      }
    }
  }

  @Test
  void specRejectsBadShapes() {
    assertThrows(InvalidConfigException.class,
        () -> MlpSpec.plain(0, new int[] {1}, 1, Activation.RELU, 0f, Activation.TANH, 0f));
    assertThrows(InvalidConfigException.class,
        () -> MlpSpec.plain(1, new int[] {0}, 1, Activation.RELU, 0f, Activation.TANH, 0f));
    assertThrows(InvalidConfigException.class,
        () -> MlpSpec.plain(1, new int[] {1}, 1, Activation.RELU, 0f, Activation.TANH, 1f));
    assertThrows(InvalidConfigException.class, () -> spec(Normalization.NONE, 0, 0, false, 0f));
    assertThrows(InvalidConfigException.class, () -> spec(Normalization.NONE, 1, -1, false, 0f));
    assertThrows(InvalidConfigException.class, () -> spec(Normalization.NONE, 1, 0, false, -1f));
    assertThrows(InvalidConfigException.class, () -> Normalization.of("group"));
  }
}
