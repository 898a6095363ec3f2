package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.nn.Pass;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * CycleGAN's objective and training: the cycle and identity terms vanish for identity generators
 * and measure what a non-identity pair does; end to end on a tiny unpaired task, with the cycle and
 * identity terms off so only the adversarial term teaches, G's translations of A move to B's level
 * and F's of B to A's; with the adversarial sign flipped (G and F helping their discriminators)
 * they move away.
 */
class CycleGanTest {
  private static final int SIDE = 8;
  private static final int DIM = SIDE * SIDE;
  private static final float LEVEL_A = 0.8f;
  private static final float LEVEL_B = -0.8f;

  @Test
  void cycleAndIdentityTermsAreExactlyZeroForIdentityGenerators() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = HostArrays.upload(m, values(12, 1), new Shape(3, 4));
      NDArray b = HostArrays.upload(m, values(12, 2), new Shape(3, 4));
      UnaryOperator<NDArray> same = x -> x;
      assertEquals(0f, CycleGan.cycleLoss(a, b, same.apply(b), same.apply(a), same, same)
          .getFloat());
      assertEquals(0f, CycleGan.identityLoss(a, b, same, same).getFloat());
      // G adds 0.5 and F subtracts 0.25: F(G(a)) - a = 0.25, G(F(b)) - b = 0.25; G(b) - b = 0.5,
      // F(a) - a = -0.25.
      UnaryOperator<NDArray> g = x -> x.add(0.5f);
      UnaryOperator<NDArray> f = x -> x.sub(0.25f);
      assertEquals(0.5f, CycleGan.cycleLoss(a, b, f.apply(b), g.apply(a), g, f).getFloat(), 1e-6f);
      assertEquals(0.75f, CycleGan.identityLoss(a, b, g, f).getFloat(), 1e-6f);
    }
  }

  private static float[] values(int n, long seed) {
    float[] v = new float[n];
    new Rng(seed).fillGaussian(v);
    return v;
  }

  // Rows [a | b]: a near LEVEL_A, b near LEVEL_B, unrelated noise in each.
  private static float[] rows(int n) {
    Rng rng = new Rng(5);
    float[] v = new float[n * 2 * DIM];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < DIM; j++) {
        v[i * 2 * DIM + j] = LEVEL_A + (float) (0.2 * (rng.nextDouble() - 0.5));
        v[i * 2 * DIM + DIM + j] = LEVEL_B + (float) (0.2 * (rng.nextDouble() - 0.5));
      }
    }
    return v;
  }

  /** The mean of G(a) and of F(b) over the training rows after {@code steps} iterations. */
  private static float[] meanTranslationsAfter(int steps, float sign) {
    RunConfig base = ConfigLoader.resolve("thin2thick-cyclegan", null, Map.of(
        "model.generator.hidden", "8", "model.discriminator.hidden", "8",
        "model.translation.cycleWeight", "0", "model.translation.resnetBlocks", "1",
        "optim.generator.lr", "1e-3", "optim.discriminator.lr", "1e-3",
        "loop.batchSize", "8", "loop.steps", Integer.toString(steps)));
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      int n = 64;
      CycleGan[] model = new CycleGan[1];
      model[0] = new CycleGan(TestContexts.translation(base, SIDE, rows(n), m, steps, model), sign);
      for (int i = 0; i < steps; i++) {
        model[0].iterate();
      }
      try (NDManager s = m.newSubManager()) {
        NDArray rows = HostArrays.upload(s, rows(n), new Shape(n, 2 * DIM));
        Pass pass = Pass.inference(s);
        float toB = model[0].translate(rows.get(new NDIndex(":, :" + DIM)), false, pass).mean()
            .getFloat();
        float toA = model[0].translate(rows.get(new NDIndex(":, " + DIM + ":")), true, pass)
            .mean().getFloat();
        return new float[] {toB, toA};
      }
    }
  }

  @Test
  void adversarialTermPullsTranslationsTowardTheTargetDomainsAndItsFlipPushesThemAway() {
    float[] right = meanTranslationsAfter(20, 1f);
    float[] flipped = meanTranslationsAfter(20, -1f);
    assertTrue(Math.abs(right[0] - LEVEL_B) < 0.3f, "right sign: mean G(a) " + right[0]);
    assertTrue(Math.abs(right[1] - LEVEL_A) < 0.3f, "right sign: mean F(b) " + right[1]);
    assertTrue(Math.abs(flipped[0] - LEVEL_B) > 0.6f, "flipped sign: mean G(a) " + flipped[0]);
    assertTrue(Math.abs(flipped[1] - LEVEL_A) > 0.6f, "flipped sign: mean F(b) " + flipped[1]);
  }
}
