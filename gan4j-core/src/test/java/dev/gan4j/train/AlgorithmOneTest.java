package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gan4j.data.TrainingSet;
import dev.gan4j.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Algorithm 1's bookkeeping: k discriminator updates per generator update, each net left alone by the other's step. */
class AlgorithmOneTest {
  static RunConfig small(Map<String, String> extra) {
    Map<String, String> o = new java.util.HashMap<>(Map.of(
        "model.generator.hidden", "16,16",
        "model.discriminator.hidden", "16,16",
        "loop.batchSize", "32",
        "data.size", "1000"));
    o.putAll(extra);
    return ConfigLoader.resolve("ring8", null, o);
  }

  static TrainingSet data(RunConfig c) {
    return TrainingSet.load(c.data().name(), c.data().size(), c.seed(), null);
  }

  private static List<float[]> values(List<Parameter> params) {
    List<float[]> out = new ArrayList<>();
    for (Parameter p : params) {
      out.add(p.array().toFloatArray());
    }
    return out;
  }

  private static void assertSame(List<float[]> a, List<float[]> b) {
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
    }
  }

  private static boolean allChanged(List<float[]> before, List<float[]> after) {
    for (int i = 0; i < before.size(); i++) {
      if (Arrays.equals(before.get(i), after.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void kDiscriminatorUpdatesPerGeneratorUpdate() {
    RunConfig c = small(Map.of("loop.dSteps", "3"));
    try (GanTrainer t = new GanTrainer(c, data(c))) {
      for (int i = 0; i < 5; i++) {
        t.step();
      }
      assertEquals(5, t.iteration());
      assertEquals(5, t.generatorOptimizer().updates());
      assertEquals(15, t.discriminatorOptimizer().updates());
      // 3 D steps x 32 real samples per iteration
      assertEquals(5 * 3 * 32, (long) (t.snapshot().counters().get("sampler.cursor")));
    }
  }

  @Test
  void discriminatorStepLeavesGeneratorUntouched() {
    RunConfig c = small(Map.of());
    try (GanTrainer t = new GanTrainer(c, data(c))) {
      t.step(); // warm: both nets have gradients now
      List<float[]> g0 = values(t.generators().parameters());
      List<float[]> d0 = values(t.discriminator().parameters());
      ((AlgorithmOneGan) t.model()).discriminatorStep();
      assertSame(g0, values(t.generators().parameters()));
      assertFalse(!allChanged(d0, values(t.discriminator().parameters())), "every D tensor moves");
    }
  }

  @Test
  void generatorStepLeavesDiscriminatorUntouched() {
    RunConfig c = small(Map.of());
    try (GanTrainer t = new GanTrainer(c, data(c))) {
      t.step();
      List<float[]> g0 = values(t.generators().parameters());
      List<float[]> d0 = values(t.discriminator().parameters());
      ((AlgorithmOneGan) t.model()).generatorStep();
      assertSame(d0, values(t.discriminator().parameters()));
      assertFalse(!allChanged(g0, values(t.generators().parameters())), "every G tensor moves");
    }
  }

  @Test
  void sameSeedSameLossesAndOtherSeedOtherLosses() {
    float[] a = losses(small(Map.of()), 20);
    float[] b = losses(small(Map.of()), 20);
    float[] c = losses(small(Map.of("seed", "2")), 20);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  static float[] losses(RunConfig c, int steps) {
    float[] out = new float[2 * steps];
    try (GanTrainer t = new GanTrainer(c, data(c))) {
      for (int i = 0; i < steps; i++) {
        StepResult r = t.step();
        out[2 * i] = r.lossD();
        out[2 * i + 1] = r.lossG();
      }
    }
    return out;
  }
}
