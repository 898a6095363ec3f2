package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.nn.Pass;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * pix2pix end to end on a tiny synthetic task, with the L1 term off so only the adversarial term
 * teaches G: with the right sign G's outputs move to the targets' level; with the sign flipped
 * (G helping D) they move away.
 */
class Pix2PixTest {
  private static final int SIDE = 8;
  private static final int DIM = SIDE * SIDE;
  private static final float TARGET_LEVEL = -0.8f;

  // Rows [input | target]: inputs uniform noise, targets near -0.8 (a dark image).
  private static float[] rows(int n) {
    Rng rng = new Rng(5);
    float[] v = new float[n * 2 * DIM];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < DIM; j++) {
        v[i * 2 * DIM + j] = (float) (2 * rng.nextDouble() - 1);
        v[i * 2 * DIM + DIM + j] = TARGET_LEVEL + (float) (0.1 * (rng.nextDouble() - 0.5));
      }
    }
    return v;
  }

  private static float meanOutputAfter(int steps, float sign) {
    RunConfig base = ConfigLoader.resolve("edges2digits-pix2pix", null, Map.of(
        "model.generator.hidden", "8", "model.discriminator.hidden", "8",
        "model.translation.l1Weight", "0", "optim.generator.lr", "2e-3",
        "optim.discriminator.lr", "2e-3", "loop.batchSize", "16"));
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      int n = 64;
      Pix2Pix[] model = new Pix2Pix[1];
      model[0] = new Pix2Pix(TestContexts.translation(base, SIDE, rows(n), m, steps, model), sign);
      for (int i = 0; i < steps; i++) {
        model[0].iterate();
      }
      try (NDManager s = m.newSubManager()) {
        NDArray x = HostArrays.upload(s, rows(n), new Shape(n, 2 * DIM))
            .get(new ai.djl.ndarray.index.NDIndex(":, :" + DIM));
        return model[0].translate(x, false, Pass.inference(s)).mean().getFloat();
      }
    }
  }

  @Test
  void adversarialTermPullsOutputsTowardTargetsAndItsFlipPushesThemAway() {
    float right = meanOutputAfter(60, 1f);
    float flipped = meanOutputAfter(60, -1f);
    assertTrue(Math.abs(right - TARGET_LEVEL) < 0.3f, "right sign: mean output " + right);
    assertTrue(Math.abs(flipped - TARGET_LEVEL) > 0.6f, "flipped sign: mean output " + flipped);
  }
}
