package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.gan4j.nn.Parameter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code infogan} family: its codes, its Q head, its refusals, and what a short run learns. */
class InfoGanTest {
  private static RunConfig config(String... settings) {
    Map<String, String> o = new HashMap<>(Map.of("model.family", "infogan"));
    for (int i = 0; i < settings.length; i += 2) {
      o.put(settings[i], settings[i + 1]);
    }
    return ConfigLoader.resolve("ring8", null, o);
  }

  private static int nearestMode(Mixture2d mix, float x, float y) {
    return ConditionalGanTest.nearestMode(mix, x, y);
  }

  /**
   * Trains ring8 with one 8-way code (no labels, batch 64) and returns {best one-to-one code-to-mode
   * accuracy, mutual information between code and nearest mode in nats}, over 100 samples per code
   * value.
   */
  static double[] codeModeAgreement(int steps, String... settings) {
    String[] base = {"model.codes.categorical", "8", "model.codes.continuous", "0",
        "loop.steps", Integer.toString(steps), "loop.batchSize", "64", "data.size", "20000"};
    String[] all = new String[base.length + settings.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(settings, 0, all, base.length, settings.length);
    RunConfig c = config(all);
    TrainingSet data = TrainingSet.load("ring8", c.data().size(), c.seed(), null);
    Mixture2d mix = Mixture2d.ring8();
    int perCode = 100;
    int[][] counts = new int[8][8];
    try (GanTrainer t = new GanTrainer(c, data)) {
      assertEquals(0, t.model().classes(), "InfoGAN uses no labels");
      for (int i = 0; i < steps; i++) {
        t.step();
      }
      float[] z = t.drawNoise(perCode, new Rng(3));
      for (int code = 0; code < 8; code++) {
        float[] asked = z.clone();
        t.model().codes().setCategory(asked, c.model().latentDim(), 0, code);
        float[] xy = t.generate(asked, perCode);
        for (int i = 0; i < perCode; i++) {
          counts[code][nearestMode(mix, xy[2 * i], xy[2 * i + 1])]++;
        }
      }
    }
    return new double[] {bestAssignment(counts) / (8.0 * perCode), mutualInformation(counts)};
  }

  // The most samples any one-to-one map from code values to modes puts at their mode (8! maps).
  private static int bestAssignment(int[][] counts) {
    return best(counts, 0, new boolean[counts.length]);
  }

  private static int best(int[][] counts, int row, boolean[] used) {
    if (row == counts.length) {
      return 0;
    }
    int out = 0;
    for (int mode = 0; mode < counts.length; mode++) {
      if (!used[mode]) {
        used[mode] = true;
        out = Math.max(out, counts[row][mode] + best(counts, row + 1, used));
        used[mode] = false;
      }
    }
    return out;
  }

  private static double mutualInformation(int[][] counts) {
    double n = 0;
    double[] rows = new double[counts.length];
    double[] cols = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts.length; j++) {
        n += counts[i][j];
        rows[i] += counts[i][j];
        cols[j] += counts[i][j];
      }
    }
    double mi = 0;
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts.length; j++) {
        if (counts[i][j] > 0) {
          mi += counts[i][j] / n * Math.log(counts[i][j] * n / (rows[i] * cols[j]));
        }
      }
    }
    return mi;
  }

  @Test
  void aShortRunsCategoricalCodeChoosesTheModeWithoutLabels() {
    // A generator ignoring its code gives every code value the same spread over the modes: mutual
    // information 0 and a best one-to-one map near 1/8. With the term, seeds 1 to 4 all reached
    // 1.0 and log 8 = 2.08 nats (1,500 iterations: 0.845, 1.86). With model.codes.categoricalWeight
    // 0, seeds 1 and 2 put all 800 samples on one mode: map 0.125, MI 0.
    double[] r = codeModeAgreement(2000);
    assertTrue(r[0] >= 0.9, "best code-to-mode map: " + r[0] + " of the samples; MI " + r[1]);
    assertTrue(r[1] >= 1.5, "mutual information code; mode " + r[1] + " nats (max log 8 = 2.08)");
  }

  @Test
  void qHasAnOutputPerCodeValueAndTheLatentVectorCarriesTheCodes() {
    RunConfig c = config("model.codes.categorical", "8,3", "model.codes.continuous", "2");
    TrainingSet ring = TrainingSet.load("ring8", 100, 1, null);
    try (GanTrainer t = new GanTrainer(c, ring)) {
      assertEquals(13, t.model().codes().width());
      assertEquals(8 + 13, t.model().latentDim(), "z, then 8 + 3 one-hot values and 2 continuous");
      assertEquals(8 + 13, t.generators().parameters().get(0).array().getShape().get(0));
      NDArray last = null;
      for (Parameter p : t.discriminator().parameters()) {
        if (p.name().endsWith(".weight")) {
          last = p.array();
        }
      }
      assertEquals(1 + 13, last.getShape().get(last.getShape().dimension() - 1),
          "D: one adversarial output, 8 + 3 logits and 2 means");
      float[] z = t.drawNoise(500, new Rng(5));
      double cont = 0;
      int[] hits = new int[8];
      for (int r = 0; r < 500; r++) {
        int at = r * 21 + 8;
        float sum8 = 0;
        float sum3 = 0;
        for (int k = 0; k < 8; k++) {
          sum8 += z[at + k];
          hits[k] += z[at + k] == 1f ? 1 : 0;
        }
        for (int k = 0; k < 3; k++) {
          sum3 += z[at + 8 + k];
        }
        assertEquals(1f, sum8);
        assertEquals(1f, sum3);
        for (int j = 0; j < 2; j++) {
          float v = z[at + 11 + j];
          assertTrue(v >= -1f && v < 1f, "a continuous code is U(-1, 1): " + v);
          cont += v * v;
        }
      }
      assertEquals(1.0 / 3, cont / 1000, 0.05, "E[c²] of U(-1, 1)");
      for (int h : hits) {
        assertTrue(h > 30, "every category drawn: " + java.util.Arrays.toString(hits));
      }
      StepResult s = t.step();
      assertTrue(Double.isFinite(s.lossState().get("mi_bound")), s.lossState().toString());
      assertEquals(List.of("mi_bound"), t.model().reportedState());
    }
  }

  @Test
  void qsOwnHeadReadsDsFeaturesAndOnlyTheInformationTermTrainsIt() {
    TrainingSet ring = TrainingSet.load("ring8", 200, 1, null);
    for (String weight : new String[] {"1", "0"}) {
      RunConfig c = config("model.codes.categorical", "8,3", "model.codes.continuous", "2",
          "model.codes.qHidden", "16", "model.codes.categoricalWeight", weight,
          "model.codes.continuousWeight", weight, "loop.batchSize", "32",
          "model.discriminator.normalization", "batch");
      try (GanTrainer t = new GanTrainer(c, ring)) {
        Map<String, float[]> before = new LinkedHashMap<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Parameter p : t.discriminator().parameters()) {
          before.put(p.name(), p.array().toFloatArray());
          shapes.put(p.name(), p.array().getShape());
        }
        // ring8's D: three hidden layers of 128, then its score alone; Q: 128 -> 16 -> 13.
        assertEquals(128, shapes.get("layer3.weight").size(), "D's last linear layer: the score only");
        assertEquals(128 * 16, shapes.get("q.layer0.weight").size());
        assertEquals(16 * 13, shapes.get("q.layer1.weight").size(), "8 + 3 logits and 2 means");
        assertTrue(shapes.containsKey("q.norm0.gamma"), "Q's hidden layer is normalized as D's: "
            + shapes.keySet());
        assertTrue(t.discriminator().describe().contains("| q. "), t.discriminator().describe());
        t.step();
        for (Parameter p : t.discriminator().parameters()) {
          if (!p.name().startsWith("q.")) {
            continue;
          }
          boolean moved = !java.util.Arrays.equals(before.get(p.name()), p.array().toFloatArray());
          // Q sees nothing but the information term: without it, its gradient is zero and Adam's
          // update of a zero gradient is zero.
          assertEquals("1".equals(weight), moved, p.name() + " with weights " + weight);
        }
      }
    }
  }

  @Test
  void infoganRefusesPenaltiesPackingAutoencodersAndHavingNoCode() {
    TrainingSet ring = TrainingSet.load("ring8", 100, 1, null);
    Map<String[], String> cases = new LinkedHashMap<>();
    cases.put(new String[] {"penalty.name", "r1"}, "Q outputs");
    cases.put(new String[] {"model.pack", "2"}, "pack 1");
    cases.put(new String[] {"loss.name", "began"}, "autoencoder");
    cases.put(new String[] {"loss.name", "began", "model.codes.qHidden", "8"}, "autoencoder");
    cases.put(new String[] {"model.pack", "2", "model.codes.qHidden", "8"}, "pack 1");
    cases.put(new String[] {"model.codes.categorical", "", "model.codes.continuous", "0"},
        "at least one code");
    cases.forEach((settings, fragment) -> {
      RunConfig c = config(settings);
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> new GanTrainer(c, ring).close(), String.join(" ", settings));
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
    });
  }

  @Test
  void codeSettingsAreValidatedWithTheFieldNamed() {
    Map<String[], String> cases = new LinkedHashMap<>();
    cases.put(new String[] {"model.codes.categorical", "10,1"}, "at least 2 categories");
    cases.put(new String[] {"model.codes.categorical", "70000"}, "<= 65,536");
    cases.put(new String[] {"model.codes.continuous", "-1"}, "model.codes.continuous must be >= 0");
    cases.put(new String[] {"model.codes.continuous", "65535", "model.codes.categorical", "2"},
        "the codes' width");
    cases.put(new String[] {"model.codes.categoricalWeight", "-1"},
        "model.codes.categoricalWeight must be a finite number >= 0");
    cases.put(new String[] {"model.codes.continuousWeight", "NaN"},
        "model.codes.continuousWeight must be a finite number >= 0");
    cases.put(new String[] {"model.codes.categorical", "a"}, "model.codes.categorical: expected");
    cases.put(new String[] {"model.codes.categorical", "2,".repeat(257)}, "at most 256 codes");
    cases.put(new String[] {"model.codes.qHidden", "128,0"},
        "model.codes.qHidden layer width must be >= 1");
    cases.put(new String[] {"model.codes.qHidden", "70000"}, "<= 65,536");
    cases.forEach((settings, fragment) -> {
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> config(settings), String.join(" ", settings));
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
    });
    RunConfig ok = config("model.codes.categorical", "4,4", "model.codes.continuousWeight", "0");
    assertArrayEquals(new int[] {4, 4}, ok.model().codes().categorical());
    assertEquals(ok, ConfigLoader.resolve("ring8", null, Map.of("model.family", "infogan",
        "model.codes.categorical", "4,4", "model.codes.continuousWeight", "0")), "equal by value");
    RunConfig preset = Presets.get("mnist-infogan");
    assertEquals("infogan", preset.model().family());
    assertEquals(RunConfig.Codes.DEFAULT.withQHidden(128), preset.model().codes());
    assertArrayEquals(new int[] {128}, preset.model().codes().qHidden(), "Chen et al.'s Q head");
    assertEquals("dcgan-dense", preset.model().discriminator().arch());
    assertEquals(62, preset.model().latentDim());
    assertArrayEquals(new int[0], RunConfig.Codes.DEFAULT.qHidden(), "no head unless asked");
  }

  @Test
  void codeValuesAreParsedAndSetWithOneLineForEachMistake() {
    LatentCodes codes = LatentCodes.of(new RunConfig.Codes(new int[] {10, 3}, 2, 1f, 0.1f));
    assertEquals(List.of("cat0", "cat1", "cont0", "cont1"), codes.names());
    LatentCodes.Fixed fixed = codes.parse("cat1=2, cont1=-0.5,CAT0=0,cont0=3.5");
    float[] rows = new float[2 * (4 + 15)];
    java.util.Arrays.fill(rows, 9f);
    fixed.applyTo(codes, rows, 4);
    for (int r = 0; r < 2; r++) {
      float[] row = java.util.Arrays.copyOfRange(rows, r * 19, (r + 1) * 19);
      assertArrayEquals(new float[] {9, 9, 9, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3.5f, -0.5f},
          row, "z kept; cat0 = 0, cat1 = 2, cont0 = 3.5 (outside the prior: allowed), cont1 = -0.5");
    }
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("cat2=1", "unknown code 'cat2'; this run's codes: cat0 (10 categories, 0..9)");
    bad.put("cat0=10", "cat0 has 10 categories, 0..9");
    bad.put("cat1=-1", "cat1 has 3 categories, 0..2");
    bad.put("cat0=1.5", "a categorical code takes a category 0..9");
    bad.put("cont0=abc", "a continuous code takes a finite number");
    bad.put("cont0=NaN", "a continuous code takes a finite number");
    bad.put("cont1=Infinity", "a continuous code takes a finite number");
    bad.put("cont0=", "a continuous code takes a finite number");
    bad.put("cat0=1,cat0=2", "cat0 is given twice");
    bad.put("cat0", "expected NAME=VALUE, got 'cat0'");
    bad.put("cat0=1,", "expected NAME=VALUE, got ''");
    bad.put(" ", "got nothing");
    bad.forEach((spec, fragment) -> {
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> codes.parse(spec), spec);
      assertTrue(e.getMessage().contains(fragment), spec + ": " + e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    });
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> LatentCodes.NONE.parse("cat0=1"));
    assertTrue(e.getMessage().contains("needs an InfoGAN run"), e.getMessage());
  }

  @Test
  void stepsLeaveNoArrayInTheLongLivedManager() {
    Engines.init();
    RunConfig c = config("model.codes.categorical", "8,2", "model.codes.continuous", "2",
        "loop.batchSize", "32");
    TrainingSet ring = TrainingSet.load("ring8", 200, 1, null);
    Map<String, Rng> streams = new HashMap<>();
    TrainingHook.TrainingState state = new TrainingHook.TrainingState() {
      @Override
      public long iteration() {
        return 0;
      }

      @Override
      public long totalIterations() {
        return 10;
      }

      @Override
      public Map<String, ParameterOptimizer> optimizers() {
        return Map.of();
      }
    };
    try (NDManager m = NDManager.newBaseManager()) {
      MinibatchSampler sampler = new MinibatchSampler(
          HostArrays.upload(m, ring.values(), new Shape(200, 2)), 1);
      ModelContext.RandomStreams random = TestContexts.derived(streams);
      GanModel model = AlgorithmOneGan.INFOGAN.create(new ModelContext(c, new int[] {2}, sampler, m,
          TrainingHooks.none(state), random, 0));
      model.iterate(); // optimizer state is created on the first update
      int arrays = m.getManagedArrays().size();
      for (int i = 0; i < 3; i++) {
        model.iterate();
      }
      assertEquals(arrays, m.getManagedArrays().size(), "no temporaries left in the run's manager");
    }
  }
}
