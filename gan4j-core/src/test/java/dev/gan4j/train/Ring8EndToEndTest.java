package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.gan4j.Rng;
import dev.gan4j.data.Mixture2d;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.eval.MixtureCoverage;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.loss.GanLosses;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Trains the {@code ring8} preset briefly and checks that the generated distribution reached the data:
 * most samples near the unit circle and several modes captured. Two controls train broken variants with
 * the same budget and check that the same criterion then fails, so the criterion has teeth.
 */
@Tag("slow")
class Ring8EndToEndTest {
  private static final int STEPS = 2000;
  private static final Mixture2d RING = Mixture2d.ring8();

  record Outcome(double nearRing, MixtureCoverage.Result coverage) {
    boolean reachedTheData() {
      return nearRing >= 0.8 && coverage.modesCaptured() >= 4;
    }
  }

  @BeforeAll
  static void registerBrokenLoss() {
    GanLosses.register("test-swapped-signs", s -> new SwappedSigns());
  }

  static Outcome train(Map<String, String> overrides) {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    o.put("loop.steps", Integer.toString(STEPS));
    // A short budget needs a faster pace than the preset's 2e-4 over 10,000 steps.
    o.put("optim.generator.lr", "1e-3");
    o.put("optim.discriminator.lr", "1e-3");
    o.putAll(overrides);
    RunConfig c = ConfigLoader.resolve("ring8", null, o);
    try (GanTrainer t = new GanTrainer(c, TrainingSet.load("ring8", c.data().size(), c.seed(), null))) {
      for (int i = 0; i < STEPS; i++) {
        t.step();
      }
      float[] xy = t.generate(2500, new Rng(11));
      int near = 0;
      for (int i = 0; i < xy.length / 2; i++) {
        double r = Math.hypot(xy[2 * i], xy[2 * i + 1]);
        if (Math.abs(r - 1) < 0.1) {
          near++;
        }
      }
      Outcome out = new Outcome(near / 2500.0, MixtureCoverage.compute(RING, xy));
      System.out.printf(
          "ring8 %s: near ring %.3f, modes %d, high quality %.3f, reverse KL %.3f%n",
          overrides, out.nearRing(), out.coverage().modesCaptured(),
          out.coverage().highQualityFraction(), out.coverage().reverseKl());
      return out;
    }
  }

  @Test
  void trainedGeneratorReachesTheRing() {
    Outcome o = train(Map.of());
    assertTrue(o.reachedTheData(), o.toString());
  }

  @Test
  void withoutGeneratorUpdatesTheSameCheckFails() {
    // lr so small that G's parameters cannot move: the update is effectively disabled.
    assertFalse(train(Map.of("optim.generator.lr", "1e-30")).reachedTheData());
  }

  @Test
  void withSwappedLossSignsTheSameCheckFails() {
    assertFalse(train(Map.of("loss.name", "test-swapped-signs")).reachedTheData());
  }

  /** The non-saturating losses with their signs flipped: each player now helps the other's opponent. */
  static final class SwappedSigns implements GanLoss {
    private final GanLoss base = GanLosses.nonSaturating();

    @Override
    public String name() {
      return "test-swapped-signs";
    }

    @Override
    public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
      return base.discriminatorLoss(realOut, fakeOut).neg();
    }

    @Override
    public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
      return base.generatorLoss(fakeOut, realOut).neg();
    }
  }
}
