package dev.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.nn.Activation;
import dev.gan4j.nn.MlpSpec;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Parameter;
import dev.gan4j.nn.Pass;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The penalties' formulas on a known gradient, and their parameter gradients through a real network
 * checked against finite differences computed independently in float64: the network is re-implemented in
 * plain Java doubles, its input gradient taken by central differences, the penalty built from those,
 * and the penalty differentiated in each parameter by central differences again.
 */
class PenaltiesTest {
  /** A context whose D is D(x) = Σ 2x: every input gradient is 2 in every coordinate. */
  static PenaltyContext constantGradient(NDManager m, NDArray real, NDArray fake, int pack) {
    return new PenaltyContext() {
      public NDArray real() {
        return real;
      }

      public NDArray fake() {
        return fake;
      }

      public NDArray inputGradient(NDArray x) {
        return x.onesLike().mul(2f);
      }

      public int pack() {
        return pack;
      }

      public NDManager manager() {
        return m;
      }

      public Rng rng() {
        return new Rng(1);
      }
    };
  }

  @Test
  void gradientNormFourGivesPenaltyNine() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.zeros(new Shape(3, 4));
      PenaltyContext ctx = constantGradient(m, x, x.add(1f), 1);
      // ‖(2, 2, 2, 2)‖ = 4: (4 - 1)² = 9 per sample, λ = 1.
      assertEquals(9.0f, new GradientPenalty(1f, false).apply(ctx).getFloat(), 1e-5f);
      assertEquals(9.0f, new GradientPenalty(1f, true).apply(ctx).getFloat(), 1e-5f);
      assertEquals(90.0f, Penalties.byName("gradient", 10f).apply(ctx).getFloat(), 1e-4f);
      assertEquals(9.0f, new DraganPenalty(1f).apply(ctx).getFloat(), 1e-5f);
      // R1: (γ/2) ‖∇‖² = 0.5 × 16
      assertEquals(8.0f, new R1Penalty(1f).apply(ctx).getFloat(), 1e-5f);
      // Packs of 2 samples: one norm over 8 coordinates, sqrt(32); the one-sided form still counts it.
      double packed = Math.pow(Math.sqrt(32) - 1, 2);
      PenaltyContext pc = constantGradient(m, m.zeros(new Shape(4, 4)), m.ones(new Shape(4, 4)), 2);
      assertEquals(packed, new GradientPenalty(1f, false).apply(pc).getFloat(), 1e-4);
    }
  }

  @Test
  void oneSidedIgnoresSmallGradients() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.zeros(new Shape(2, 1));
      PenaltyContext half =
          new PenaltyContext() {
            public NDArray real() {
              return x;
            }

            public NDArray fake() {
              return x;
            }

            public NDArray inputGradient(NDArray y) {
              return y.onesLike().mul(0.5f);
            }

            public int pack() {
              return 1;
            }

            public NDManager manager() {
              return m;
            }

            public Rng rng() {
              return new Rng(1);
            }
          };
      assertEquals(0.25f, new GradientPenalty(1f, false).apply(half).getFloat(), 1e-6f);
      assertEquals(0f, new GradientPenalty(1f, true).apply(half).getFloat(), 1e-6f);
    }
  }

  @Test
  void registryKnowsNoneAndRejectsUnknownNamesAndNegativeWeights() {
    assertNull(Penalties.byName("none", 10f));
    assertThrows(InvalidConfigException.class, () -> Penalties.byName("gp", 10f));
    assertThrows(InvalidConfigException.class, () -> Penalties.byName("gradient", -1f));
  }

  // ---- float64 finite-difference check through a real network ----

  private static final int IN = 2;
  private static final int HID = 3;
  private static final float SLOPE = 0.2f;

  /** D(x) = W2ᵀ leaky(W1ᵀ x + b1) + b2 in doubles, parameters in the network's order. */
  static double forward(double[][] p, double[] x) {
    double[] w1 = p[0];
    double[] b1 = p[1];
    double[] w2 = p[2];
    double out = p[3][0];
    for (int j = 0; j < HID; j++) {
      double h = b1[j];
      for (int i = 0; i < IN; i++) {
        h += x[i] * w1[i * HID + j];
      }
      out += (h > 0 ? h : SLOPE * h) * w2[j];
    }
    return out;
  }

  static double[] gradX(double[][] p, double[] x) {
    double[] g = new double[IN];
    double h = 1e-6;
    for (int i = 0; i < IN; i++) {
      double[] a = x.clone();
      double[] b = x.clone();
      a[i] += h;
      b[i] -= h;
      g[i] = (forward(p, a) - forward(p, b)) / (2 * h);
    }
    return g;
  }

  interface Points {
    double[][] at(double[][] real, double[][] fake);
  }

  static double penalty64(String kind, double[][] p, double[][] real, double[][] fake, double[] eps) {
    double sum = 0;
    for (int s = 0; s < real.length; s++) {
      double[] x = new double[IN];
      for (int i = 0; i < IN; i++) {
        x[i] = kind.equals("r1") ? real[s][i] : eps[s] * real[s][i] + (1 - eps[s]) * fake[s][i];
      }
      double[] g = gradX(p, x);
      double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1]);
      sum += kind.equals("r1") ? norm * norm / 2 : (norm - 1) * (norm - 1);
    }
    return sum / real.length;
  }

  @Test
  void penaltyParameterGradientsMatchFloat64FiniteDifferences() {
    Engines.init();
    for (String kind : List.of("gradient", "r1")) {
      try (NDManager m = NDManager.newBaseManager()) {
        Network d = Network.mlp(
            MlpSpec.plain(IN, new int[] {HID}, 1, Activation.LEAKY_RELU, SLOPE, Activation.IDENTITY, 0f),
            m, new Rng(3));
        float[] realV = {0.5f, -1.0f, 1.5f, 0.3f, -0.7f, 0.9f};
        float[] fakeV = {-0.2f, 0.4f, 0.1f, -1.3f, 0.8f, 0.6f};
        NDArray real = HostArrays.upload(m, realV, new Shape(3, IN));
        NDArray fake = HostArrays.upload(m, fakeV, new Shape(3, IN));
        Penalty penalty = kind.equals("r1") ? new R1Penalty(1f) : new GradientPenalty(1f, false);
        float[] eps = new float[3];
        new Rng(77).fillUniform(eps, 0f, 1f); // what GradientPenalty draws from the same stream
        PenaltyContext ctx =
            new PenaltyContext() {
              final Rng rng = new Rng(77);

              public NDArray real() {
                return real;
              }

              public NDArray fake() {
                return fake;
              }

              public NDArray inputGradient(NDArray x) {
                return d.inputGradient(x, Pass.inference(m));
              }

              public int pack() {
                return 1;
              }

              public NDManager manager() {
                return m;
              }

              public Rng rng() {
                return rng;
              }
            };
        for (Parameter p : d.parameters()) {
          ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.array());
        }
        float value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray pen = penalty.apply(ctx);
          value = pen.getFloat();
          gc.backward(pen);
        }
        double[][] params = new double[4][];
        for (int i = 0; i < 4; i++) {
          float[] f = d.parameters().get(i).array().toFloatArray();
          params[i] = new double[f.length];
          for (int j = 0; j < f.length; j++) {
            params[i][j] = f[j];
          }
        }
        double[][] r64 = {{0.5, -1.0}, {1.5, 0.3}, {-0.7, 0.9}};
        double[][] f64 = {{-0.2, 0.4}, {0.1, -1.3}, {0.8, 0.6}};
        double[] e64 = {eps[0], eps[1], eps[2]};
        assertEquals(penalty64(kind, params, r64, f64, e64), value, 1e-4, kind + " value");
        for (int i = 0; i < 4; i++) {
          float[] grad = d.parameters().get(i).array().getGradient().toFloatArray();
          for (int j = 0; j < params[i].length; j++) {
            double h = 1e-4;
            double keep = params[i][j];
            params[i][j] = keep + h;
            double up = penalty64(kind, params, r64, f64, e64);
            params[i][j] = keep - h;
            double down = penalty64(kind, params, r64, f64, e64);
            params[i][j] = keep;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, grad[j], 1e-3 + 1e-3 * Math.abs(fd),
                kind + " ∂/∂" + d.parameters().get(i).name() + "[" + j + "]");
          }
        }
      }
    }
  }
}
