package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.Rng;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import dev.gan4j.data.ImageDatasets.Split;
import dev.gan4j.data.StackedMnist;
import dev.gan4j.nn.LeNet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackedMnistModesTest {
  private static final int D = StackedMnist.CHANNEL_DIM;

  @Test
  void everyModeEquallyOftenIsAllModesAndZeroKl() {
    int[] labels = new int[26_000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 1000;
    }
    StackedMnistModes.Result r = StackedMnistModes.fromLabels(labels);
    assertEquals(1000, r.modes());
    assertEquals(0, r.klToUniform(), 1e-12);
    assertEquals(1000, r.counts().length);
    assertTrue(Arrays.stream(r.counts()).allMatch(c -> c == 26));
  }

  @Test
  void oneModeIsTotalCollapseWithKlLogThousand() {
    int[] labels = new int[500];
    Arrays.fill(labels, 437);
    StackedMnistModes.Result r = StackedMnistModes.fromLabels(labels);
    assertEquals(1, r.modes());
    assertEquals(Math.log(1000), r.klToUniform(), 1e-12);
    assertEquals(500, r.counts()[437]);
  }

  @Test
  void twoModesByHand() {
    // p = (3/4, 1/4): KL = 3/4 log 750 + 1/4 log 250 = log 1000 - H(3/4, 1/4)
    //                   = 6.9077553 - 0.5623351 = 6.3454201
    StackedMnistModes.Result r = StackedMnistModes.fromLabels(new int[] {7, 999, 7, 7});
    assertEquals(2, r.modes());
    assertEquals(6.345420134363328, r.klToUniform(), 1e-12);
    assertEquals(3, r.counts()[7]);
    assertEquals(1, r.counts()[999]);
    assertEquals(4, Arrays.stream(r.counts()).sum());
  }

  @Test
  void rejectsLabelsThatAreNoModes() {
    for (int[] bad : new int[][] {{}, {1000}, {3, -1}}) {
      assertThrows(IllegalArgumentException.class, () -> StackedMnistModes.fromLabels(bad));
    }
  }

  @Test
  void probabilitiesAreReadPerChannelWithTiesToTheLowerDigit() {
    float[] p = new float[2 * 30];
    p[4] = 0.9f; // sample 0: channel 0 says 4,
    p[10 + 9] = 0.6f; // channel 1 says 9,
    p[20 + 2] = 0.5f; // channel 2 ties 2 and 6: 2
    p[20 + 6] = 0.5f;
    p[30] = 0.1f; // sample 1: channels say 0, 0 (all zero: the first) and 5
    p[30 + 20 + 5] = 3f;
    StackedMnistModes.Result r = StackedMnistModes.fromProbabilities(new Samples(2, 30, p));
    assertEquals(1, r.counts()[492]);
    assertEquals(1, r.counts()[5]);
    assertEquals(2, r.modes());
    assertThrows(IllegalArgumentException.class,
        () -> StackedMnistModes.fromProbabilities(EvalFixtures.oneHot(new int[] {3}, 10)));
  }

  @Test
  void theMetricReportsModesAndKlOfAnEmbeddedSet() {
    float[] p = new float[3 * 30];
    for (int i = 0; i < 3; i++) {
      p[i * 30 + 1] = 1f; // every sample is 1, 2, 3: mode 123
      p[i * 30 + 12] = 1f;
      p[i * 30 + 23] = 1f;
    }
    EvalSet set = new EvalSet(
        new Samples(3, StackedMnist.SAMPLE_DIM, new float[3 * StackedMnist.SAMPLE_DIM]),
        new Samples(3, 1, new float[3]), new Samples(3, 30, p));
    GanMetric m = StackedMnistModes.metric();
    assertEquals("stacked-mnist", m.name());
    Map<String, Double> v = m.compute(null, set);
    assertEquals(java.util.List.of("modes", "kl_to_uniform"), java.util.List.copyOf(v.keySet()));
    assertEquals(1.0, v.get("modes"));
    assertEquals(Math.log(1000), v.get("kl_to_uniform"), 1e-12);
  }

  /** Class k: a bright 5 × 5 square, jittered by a pixel, in cell k of a 4 × 3 grid, on noise. */
  static ImageDataset squares(int n, long seed) {
    Rng rng = new Rng(seed);
    float[] px = new float[n * D];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int k = i % 10;
      labels[i] = (byte) k;
      for (int q = 0; q < D; q++) {
        px[i * D + q] = -1f + 0.3f * (float) rng.nextDouble();
      }
      int top = 7 * (k / 4) + 1 + rng.nextInt(2);
      int left = 7 * (k % 4) + 1 + rng.nextInt(2);
      for (int r = top; r < top + 5; r++) {
        Arrays.fill(px, i * D + r * 28 + left, i * D + r * 28 + left + 5, 1f);
      }
    }
    return new ImageDataset("squares", n, 28, 28, px, labels);
  }

  @Test
  void measureReadsEachChannelWithTheClassifier() {
    EvalClassifier.Recipe recipe =
        new EvalClassifier.Recipe(new LeNet.Spec(28, 8, 16, 16, 10, 0.1f), 3, 4, 32, 3e-3f, 0);
    try (EvalClassifier c = EvalClassifier.train(squares(600, 1), recipe, s -> {})) {
      ImageDataset test = squares(100, 2);
      assertTrue(c.accuracy(test) >= 0.9, "accuracy " + c.accuracy(test));
      // 400 draws over 1,000 even modes reach about 1000 (1 - e^-0.4) = 330 of them.
      assertTrue(stackAndMeasure(c, test, 400, 3).modes() > 250);
      StackedMnist.Stacked s = StackedMnist.build(test, 400, new Rng(3));
      EvalSet e = StackedMnistModes.embed(c, s.pixels(), s.count());
      assertEquals(3 * 16, e.features().dim());
      assertEquals(30, e.probabilities().dim());
      assertEquals(StackedMnist.SAMPLE_DIM, e.raw().dim());
      // Row i's second block of features is what the classifier makes of sample i's channel 1.
      float[] ch1 =
          c.embed(StackedMnist.channel(s.pixels(), s.count(), 1), s.count()).features().values();
      for (int i : new int[] {0, 5, 399}) {
        assertArrayEquals(Arrays.copyOfRange(ch1, i * 16, (i + 1) * 16),
            Arrays.copyOfRange(e.features().values(), i * 48 + 16, i * 48 + 32), 1e-6f);
      }
      EvalClassifier.Recipe twoClasses = EvalClassifierTest.TINY;
      try (EvalClassifier bars = EvalClassifier.train(EvalClassifierTest.bars(64, 1), twoClasses,
          x -> {})) {
        assertThrows(IllegalArgumentException.class,
            () -> StackedMnistModes.measure(bars, s.pixels(), s.count()));
      }
    }
  }

  @Test
  void realDigitsStackIntoTheModesTheClassifierReadsPerDigit() {
    Path dataDir = dev.gan4j.TestData.dirWith("mnist");
    ImageDataset train = ImageDatasets.load("mnist", dataDir, Split.TRAIN);
    ImageDataset test = ImageDatasets.load("mnist", dataDir, Split.TEST);
    // A small, quick classifier: 2,000 digits, two epochs. Its errors do not matter here; what is
    // checked is that the stacked measurement reads each channel as the classifier reads the digit.
    ImageDataset few = new ImageDataset("mnist-2000", 2000, 28, 28,
        Arrays.copyOf(train.pixels(), 2000 * D), Arrays.copyOf(train.labels(), 2000));
    EvalClassifier.Recipe recipe =
        new EvalClassifier.Recipe(new LeNet.Spec(28, 8, 16, 32, 10, 0.1f), 1, 2, 32, 3e-3f, 0);
    try (EvalClassifier c = EvalClassifier.train(few, recipe, s -> {})) {
      assertTrue(c.accuracy(test) > 0.8, "accuracy " + c.accuracy(test));
      StackedMnistModes.Result r = stackAndMeasure(c, test, 1500, 9);
      // 1,500 draws over 1,000 nearly even modes reach about 1000 (1 - e^-1.5) = 777 of them.
      assertTrue(r.modes() > 650, "modes " + r.modes());

      // A "generator" that only draws ones: the classifier finds mode 111 almost everywhere.
      float[] onesPixels = new float[test.count() * D];
      int ones = 0;
      for (int j = 0; j < test.count(); j++) {
        if (test.labels()[j] == 1) {
          System.arraycopy(test.pixels(), j * D, onesPixels, ones++ * D, D);
        }
      }
      ImageDataset onlyOnes = new ImageDataset("ones", ones, 28, 28,
          Arrays.copyOf(onesPixels, ones * D), new byte[ones]);
      StackedMnist.Stacked collapsed = StackedMnist.build(onlyOnes, 500, new Rng(4));
      StackedMnistModes.Result rc = StackedMnistModes.measure(c, collapsed.pixels(), 500);
      assertTrue(rc.counts()[111] > 0.6 * 500, "mode 111 holds " + rc.counts()[111]);
      assertTrue(rc.klToUniform() > 5, "KL " + rc.klToUniform());
    }
  }

  /**
   * Stacks {@code n} triples of {@code digits} drawn here (not by StackedMnist.build), measures
   * them, and checks that each stacked image counts for the mode the classifier reads from its
   * three digits one at a time.
   */
  private static StackedMnistModes.Result stackAndMeasure(
      EvalClassifier c, ImageDataset digits, int n, long seed) {
    int[] digit = argmaxRows(c.embed(digits.pixels(), digits.count()).probabilities());
    Rng rng = new Rng(seed);
    float[] stacked = new float[n * StackedMnist.SAMPLE_DIM];
    int[] expected = new int[n];
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < 3; ch++) {
        int j = rng.nextInt(digits.count());
        System.arraycopy(digits.pixels(), j * D, stacked, (3 * i + ch) * D, D);
        expected[i] = expected[i] * 10 + digit[j];
      }
    }
    StackedMnistModes.Result r = StackedMnistModes.measure(c, stacked, n);
    assertArrayEquals(StackedMnistModes.fromLabels(expected).counts(), r.counts());
    return r;
  }

  private static int[] argmaxRows(Samples p) {
    int[] out = new int[p.count()];
    for (int i = 0; i < p.count(); i++) {
      for (int k = 1; k < p.dim(); k++) {
        if (p.values()[i * p.dim() + k] > p.values()[i * p.dim() + out[i]]) {
          out[i] = k;
        }
      }
    }
    return out;
  }
}
