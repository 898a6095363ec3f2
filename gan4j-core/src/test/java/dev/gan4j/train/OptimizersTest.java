package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against its textbook update, computed here in plain Java doubles: three updates of a
 * 4-vector under gradients that change sign and scale, so bias correction, momentum and the running
 * averages all show. A wrong β, a missing bias correction or a sign error moves the weights far beyond
 * the float tolerance.
 */
class OptimizersTest {
  private static final double[] W0 = {0.5, -1.0, 2.0, 0.0};
  private static final double[][] GRADS = {
    {1.0, -2.0, 0.5, 3.0},
    {-0.5, -1.0, 4.0, 0.1},
    {2.0, 0.3, -1.5, -3.0},
  };

  /** Runs {@code config}'s optimizer through {@link #GRADS} and returns the weights after each update. */
  private static float[][] run(RunConfig.Optimizer config) {
    Engines.init();
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] w0 = new float[W0.length];
      for (int i = 0; i < w0.length; i++) {
        w0[i] = (float) W0[i];
      }
      NDArray w = manager.create(w0);
      w.setRequiresGradient(true);
      ParameterOptimizer opt = ParameterOptimizer.create(config, List.of(new Parameter("w", w)), manager);
      float[][] out = new float[GRADS.length][];
      for (int s = 0; s < GRADS.length; s++) {
        try (NDManager step = manager.newSubManager()) {
          float[] g = new float[W0.length];
          for (int i = 0; i < g.length; i++) {
            g[i] = (float) GRADS[s][i];
          }
          NDArray c = step.create(g);
          JniUtils.zeroGrad((PtNDArray) w); // the engine accumulates: start from zero
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = w.mul(c).sum(); // ∂loss/∂w = c
            loss.attach(step);
            gc.backward(loss);
          }
          opt.update(step);
        }
        out[s] = w.toFloatArray();
      }
      assertEquals(GRADS.length, opt.updates());
      return out;
    }
  }

  private static void assertClose(double[] expected, float[] actual) {
    float[] e = new float[expected.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) expected[i];
    }
    assertArrayEquals(e, actual, 2e-5f);
  }

  @Test
  void adamMatchesKingmaAndBaWithBiasCorrection() {
    double lr = 0.1;
    double b1 = 0.5;
    double b2 = 0.9;
    double eps = 1e-8;
    float[][] got = run(new RunConfig.Optimizer("adam", (float) lr, (float) b1, (float) b2, 0f,
        (float) eps));
    double[] w = W0.clone();
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    for (int t = 1; t <= GRADS.length; t++) {
      for (int i = 0; i < w.length; i++) {
        double g = GRADS[t - 1][i];
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        double mHat = m[i] / (1 - Math.pow(b1, t));
        double vHat = v[i] / (1 - Math.pow(b2, t));
        w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
      }
      assertClose(w, got[t - 1]);
    }
    // The first Adam step moves every weight with a non-zero gradient by lr, against its sign.
    assertEquals(W0[0] - lr, got[0][0], 1e-6);
    assertEquals(W0[1] + lr, got[0][1], 1e-6);
  }

  @Test
  void sgdWithMomentumMatchesThePaperAlgorithm() {
    double lr = 0.05;
    double mu = 0.5;
    float[][] got = run(new RunConfig.Optimizer("sgd", (float) lr, 0.9f, 0.999f, (float) mu, 1e-8f));
    double[] w = W0.clone();
    double[] vel = new double[w.length];
    for (int t = 0; t < GRADS.length; t++) {
      for (int i = 0; i < w.length; i++) {
        vel[i] = mu * vel[i] + GRADS[t][i];
        w[i] -= lr * vel[i];
      }
      assertClose(w, got[t]);
    }
  }

  @Test
  void rmsPropMatchesTielemanAndHinton() {
    double lr = 0.01;
    double rho = 0.9;
    double eps = 1e-8;
    float[][] got = run(new RunConfig.Optimizer("rmsprop", (float) lr, 0.9f, (float) rho, 0f,
        (float) eps));
    double[] w = W0.clone();
    double[] sq = new double[w.length];
    for (int t = 0; t < GRADS.length; t++) {
      for (int i = 0; i < w.length; i++) {
        double g = GRADS[t][i];
        sq[i] = rho * sq[i] + (1 - rho) * g * g;
        w[i] -= lr * g / (Math.sqrt(sq[i]) + eps);
      }
      assertClose(w, got[t]);
    }
  }
}
