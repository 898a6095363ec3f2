package dev.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every loss, penalty and InfoGAN's mutual-information term gives the same gradients whether or not the garbage collector runs between
 * forward and backward: none of them leaves a constant in the graph that the collector can free.
 */
class GradientsSurviveGcTest {
  private static final float[] REAL = {-5.0f, 1.4f, 12.5f, 2.7f};
  private static final float[] FAKE = {10.0f, 4.4f, -5.5f, 3.6f};

  static float[] gradients(GanLoss loss, boolean churn) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray r = m.create(REAL).reshape(4, 1);
      NDArray f = m.create(FAKE).reshape(4, 1);
      NDArray feats = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 9}, new Shape(4, 2));
      r.setRequiresGradient(true);
      f.setRequiresGradient(true);
      feats.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss.discriminatorLoss(new Critique(r, feats), new Critique(f, feats))
            .add(loss.generatorLoss(new Critique(f, feats), new Critique(r, feats)));
        if (churn) {
          dev.gan4j.ScalarsTest.churn(m);
        }
        gc.backward(l);
      }
      float[] out = new float[12];
      System.arraycopy(r.getGradient().toFloatArray(), 0, out, 0, 4);
      System.arraycopy(f.getGradient().toFloatArray(), 0, out, 4, 4);
      System.arraycopy(feats.getGradient().toFloatArray(), 0, out, 8, 4);
      return out;
    }
  }

  @Test
  void lossGradientsDoNotDependOnTheCollector() {
    LossSettings s = new LossSettings(0.2f, 0.1f, 0f, 1f, 0.1f, 0.5f, 0.001f, 1, 0);
    for (GanLoss loss : List.of(
        new MinimaxLoss(s), new NonSaturatingLoss(s), GanLosses.wasserstein(),
        GanLosses.leastSquares(), GanLosses.hinge(), GanLosses.relativisticAverage(),
        beganWithK(), new EbganLoss(s), new FeatureMatching(GanLosses.nonSaturating()))) {
      assertArrayEquals(gradients(loss, false), gradients(loss, true), loss.name());
    }
  }

  @Test
  void mutualInformationGradientsDoNotDependOnTheCollector() {
    assertArrayEquals(mutualInformationGradient(false), mutualInformationGradient(true));
  }

  // InfoGAN's term for one categorical code of 3 and two continuous codes, weights 1 and 0.5.
  static float[] mutualInformationGradient(boolean churn) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray q = m.create(new float[] {0.2f, -1f, 0.5f, 0.3f, -0.7f, 1.5f, 0.1f, 0.4f, 2f, -0.2f},
          new Shape(2, 5));
      NDArray codes = m.create(new float[] {0, 1, 0, 0.5f, -0.5f, 1, 0, 0, -1f, 0.25f},
          new Shape(2, 5));
      q.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = MutualInformation.loss(q, codes, new int[] {3}, 2, 1f, 0.5f);
        if (churn) {
          dev.gan4j.ScalarsTest.churn(m);
        }
        gc.backward(l);
      }
      return q.getGradient().toFloatArray();
    }
  }

  private static GanLoss beganWithK() {
    BeganLoss b = new BeganLoss(LossSettings.DEFAULT);
    b.restoreState(java.util.Map.of("k", 0.3));
    return b;
  }

  @Test
  void penaltyGradientsDoNotDependOnTheCollector() {
    for (Penalty p : List.of(new GradientPenalty(10f, false), new GradientPenalty(10f, true),
        new DraganPenalty(10f), new R1Penalty(10f))) {
      float[] a = penaltyGradient(p, false);
      float[] b = penaltyGradient(p, true);
      assertArrayEquals(a, b, p.name());
    }
  }

  // A linear critic D(x) = x·w: ∂D/∂x = w for every sample, a differentiable function of w.
  static float[] penaltyGradient(Penalty p, boolean churn) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {0.3f, -2f});
      w.setRequiresGradient(true);
      NDArray real = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
      NDArray fake = m.create(new float[] {0, 1, 1, 0}, new Shape(2, 2));
      PenaltyContext ctx =
          new PenaltyContext() {
            final Rng rng = new Rng(4);

            public NDArray real() {
              return real;
            }

            public NDArray fake() {
              return fake;
            }

            public NDArray inputGradient(NDArray x) {
              return x.zerosLike().add(w);
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
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray v = p.apply(ctx);
        if (churn) {
          dev.gan4j.ScalarsTest.churn(m);
        }
        gc.backward(v);
      }
      return w.getGradient().toFloatArray();
    }
  }
}
