package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.data.Mixture2d;
import dev.gan4j.data.TrainingSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditional families: labels stay with their samples, and a trained model honours the label. */
class ConditionalGanTest {
  private static int nearestMode(Mixture2d mix, float x, float y) {
    double[] c = mix.centres();
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int k = 0; k < mix.modes(); k++) {
      double d = Math.hypot(x - c[2 * k], y - c[2 * k + 1]);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  }

  @Test
  void labelsStayWithTheirSamplesThroughShufflingEpochsAndResume() {
    Engines.init();
    TrainingSet ring = TrainingSet.load("ring8", 300, 5, null);
    assertTrue(ring.hasLabels());
    assertEquals(8, ring.classes());
    Mixture2d mix = Mixture2d.ring8();
    float[] rows = new float[300 * 3];
    for (int i = 0; i < 300; i++) {
      rows[3 * i] = ring.values()[2 * i];
      rows[3 * i + 1] = ring.values()[2 * i + 1];
      rows[3 * i + 2] = ring.labels()[i];
      assertEquals(ring.labels()[i], nearestMode(mix, rows[3 * i], rows[3 * i + 1]),
          "a mixture's label is the mode the point was drawn from");
    }
    try (NDManager m = NDManager.newBaseManager()) {
      MinibatchSampler sampler = new MinibatchSampler(HostArrays.upload(m, rows, new Shape(300, 3)), 9);
      float[] before = null;
      for (int b = 0; b < 25; b++) { // 25 × 64 rows: five epochs, batches crossing their ends
        if (b == 11) {
          int epoch = sampler.epoch();
          int cursor = sampler.cursor();
          before = sampler.next(64, m).toFloatArray();
          sampler.restore(epoch, cursor); // as a resumed run does
          float[] again = sampler.next(64, m).toFloatArray();
          assertTrue(java.util.Arrays.equals(before, again), "resume draws the same labelled rows");
        }
        float[] batch = sampler.next(64, m).toFloatArray();
        for (int i = 0; i < 64; i++) {
          assertEquals((int) batch[3 * i + 2], nearestMode(mix, batch[3 * i], batch[3 * i + 1]));
        }
      }
    }
  }

  @Test
  void aTrainedCganPutsSamplesAtTheModeAskedFor() {
    RunConfig c = ConfigLoader.resolve("ring8", null, Map.of("model.family", "cgan",
        "loop.steps", "1500", "data.size", "20000"));
    TrainingSet data = TrainingSet.load("ring8", c.data().size(), c.seed(), null);
    Mixture2d mix = Mixture2d.ring8();
    try (GanTrainer t = new GanTrainer(c, data)) {
      assertEquals(8, t.model().classes());
      for (int i = 0; i < 1500; i++) {
        t.step();
      }
      int n = 400;
      int hits = 0;
      float[] z = t.drawNoise(n, new Rng(3));
      int[] asked = new int[n];
      for (int i = 0; i < n; i++) {
        asked[i] = (i * 5) % 8;
      }
      float[] xy = t.generate(z, n, asked);
      for (int i = 0; i < n; i++) {
        hits += nearestMode(mix, xy[2 * i], xy[2 * i + 1]) == asked[i] ? 1 : 0;
      }
      // A generator that ignored its label would hit the asked mode about 1 time in 8.
      assertTrue(hits >= 0.9 * n, hits + " of " + n + " samples at the mode asked for");
    }
  }

  @Test
  void conditionalFamiliesNeedLabelsAndAcganTakesNoPenalty() {
    RunConfig c = ConfigLoader.resolve("ring8", null, Map.of("model.family", "cgan"));
    TrainingSet unlabelled = new TrainingSet("points", 4, new int[] {2}, new float[8]);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> new GanTrainer(c, unlabelled).close());
    assertTrue(e.getMessage().contains("cgan") && e.getMessage().contains("labels"), e.getMessage());
    RunConfig gp = ConfigLoader.resolve("ring8", null, Map.of("model.family", "acgan",
        "penalty.name", "r1"));
    TrainingSet ring = TrainingSet.load("ring8", 100, 1, null);
    e = assertThrows(InvalidConfigException.class, () -> new GanTrainer(gp, ring).close());
    assertTrue(e.getMessage().contains("acgan"), e.getMessage());
  }

  @Test
  void acganAddsOneClassOutputPerClassAndCganOneInputPerClass() {
    TrainingSet ring = TrainingSet.load("ring8", 100, 1, null);
    RunConfig ac = ConfigLoader.resolve("ring8", null, Map.of("model.family", "acgan"));
    RunConfig cg = ConfigLoader.resolve("ring8", null, Map.of("model.family", "cgan"));
    try (GanTrainer a = new GanTrainer(ac, ring); GanTrainer b = new GanTrainer(cg, ring)) {
      NDArray lastA = last(a.discriminator().parameters());
      assertEquals(1 + 8, lastA.getShape().get(lastA.getShape().dimension() - 1),
          "acgan's D: one adversarial output and eight class logits");
      NDArray firstB = b.discriminator().parameters().get(0).array();
      assertEquals(2 + 8, firstB.getShape().get(0), "cgan's D reads the point and its one-hot label");
      NDArray firstG = b.generators().parameters().get(0).array();
      assertEquals(cg.model().latentDim() + 8, firstG.getShape().get(0));
    }
  }

  private static NDArray last(java.util.List<dev.gan4j.nn.Parameter> params) {
    NDArray w = null;
    for (dev.gan4j.nn.Parameter p : params) {
      if (p.name().endsWith(".weight")) {
        w = p.array();
      }
    }
    return w;
  }
}
