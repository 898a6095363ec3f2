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
  /** The mode of {@code mix} nearest to the point (x, y). */
  static int nearestMode(Mixture2d mix, float x, float y) {
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

  // Trains ring8 with the family for 1,500 iterations and counts samples at the mode asked for (of 400).
  private static int hitsAtAskedMode(String family) {
    RunConfig c = ConfigLoader.resolve("ring8", null, Map.of("model.family", family,
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
      return hits;
    }
  }

  @Test
  void aTrainedCganPutsSamplesAtTheModeAskedFor() {
    // A generator that ignored its label would hit the asked mode about 1 time in 8.
    int hits = hitsAtAskedMode("cgan");
    assertTrue(hits >= 360, hits + " of 400 samples at the mode asked for");
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
    RunConfig packed = ConfigLoader.resolve("ring8", null, Map.of("model.family", "acgan",
        "model.pack", "2"));
    e = assertThrows(InvalidConfigException.class, () -> new GanTrainer(packed, ring).close());
    assertTrue(e.getMessage().contains("acgan") && e.getMessage().contains("model.pack 2"),
        e.getMessage());
  }

  @Test
  void packingKeepsEachLabelBesideItsOwnSample() {
    // cGAN packs D's inputs after the labels join them: each packed row must hold sample i's values
    // followed by sample i's one-hot label, for every sample it packs.
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      float[] xs = {0.1f, 0.2f, 1.1f, 1.2f, 2.1f, 2.2f, 3.1f, 3.2f};
      int[] ys = {2, 0, 1, 2};
      float[] oneHot = new float[4 * 3];
      for (int i = 0; i < 4; i++) {
        oneHot[3 * i + ys[i]] = 1f;
      }
      NDArray in = Conditioning.CONCAT.criticInput(HostArrays.upload(m, xs, new Shape(4, 2)),
          HostArrays.upload(m, oneHot, new Shape(4, 3)), new int[] {2});
      float[] packed = new dev.gan4j.nn.PackLayer(2)
          .forward(in, dev.gan4j.nn.Pass.inference(m), null).toFloatArray();
      assertEquals(2 * 10, packed.length);
      for (int i = 0; i < 4; i++) {
        int at = (i / 2) * 10 + (i % 2) * 5; // packed row i / 2, slot i % 2, 5 values per sample
        assertEquals(xs[2 * i], packed[at], 0f);
        assertEquals(xs[2 * i + 1], packed[at + 1], 0f);
        for (int k = 0; k < 3; k++) {
          assertEquals(k == ys[i] ? 1f : 0f, packed[at + 2 + k], 0f, "sample " + i + " class " + k);
        }
      }
    }
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

  @Test
  void projectionAddsTheClassEmbeddingsInnerProductWithTheFeatures() {
    Engines.init();
    RunConfig c = ConfigLoader.resolve("ring8", null, Map.of("model.family", "projection"));
    TrainingSet ring = TrainingSet.load("ring8", 100, 1, null);
    try (GanTrainer t = new GanTrainer(c, ring); NDManager m = NDManager.newBaseManager()) {
      Critic d = t.discriminator();
      dev.gan4j.nn.Parameter e = d.parameters().get(d.parameters().size() - 1);
      assertEquals("projection.embedding", e.name());
      long features = e.array().getShape().get(1);
      assertEquals(8, e.array().getShape().get(0));
      assertEquals(2, d.parameters().get(0).array().getShape().get(0),
          "the network reads the point alone, not its label");
      float[] embedding = e.array().toFloatArray();
      // One point under each of two classes: the scores differ by <E_a - E_b, phi(x)>.
      float[] rows = new float[2 * 10];
      for (int r = 0; r < 2; r++) {
        rows[10 * r] = 0.7f;
        rows[10 * r + 1] = -1.3f;
      }
      rows[2 + 3] = 1; // class 3
      rows[10 + 2 + 6] = 1; // class 6
      dev.gan4j.loss.Critique out = d.critique(HostArrays.upload(m, rows, new Shape(2, 10)),
          dev.gan4j.nn.Pass.inference(m));
      float[] scores = out.scores().toFloatArray();
      float[] phi = out.features().toFloatArray();
      double expected = 0;
      for (int f = 0; f < features; f++) {
        assertEquals(phi[f], phi[(int) features + f], 1e-6, "the same point, the same features");
        expected += (embedding[(int) (3 * features) + f] - embedding[(int) (6 * features) + f])
            * phi[f];
      }
      assertTrue(Math.abs(expected) > 1e-3, "a test that can fail: the classes' terms differ");
      assertEquals(expected, scores[0] - scores[1], 1e-5);
    }
  }

  @Test
  void aTrainedProjectionGanPutsSamplesAtTheModeAskedFor() {
    // With the projection term removed from D's score, this run put 41 of 400 there.
    int hits = hitsAtAskedMode("projection");
    assertTrue(hits >= 360, hits + " of 400 samples at the mode asked for");
  }

  @Test
  void projectionRefusesPenaltiesPackingAndLossesWithoutOneNetworkScore() {
    TrainingSet ring = TrainingSet.load("ring8", 100, 1, null);
    for (Map<String, String> bad : java.util.List.of(
        Map.of("model.family", "projection", "penalty.name", "r1"),
        Map.of("model.family", "projection", "model.pack", "2"),
        Map.of("model.family", "projection", "loss.name", "madgan", "model.generators", "4"),
        Map.of("model.family", "projection", "loss.name", "began"))) {
      RunConfig c = ConfigLoader.resolve("ring8", null, bad);
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> new GanTrainer(c, ring).close(), bad::toString);
      assertTrue(e.getMessage().contains("projection") || e.getMessage().contains("penalty"),
          e.getMessage());
    }
  }
}
