package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import dev.gan4j.data.ImageDatasets.Split;
import dev.gan4j.eval.EvalSet;
import dev.gan4j.eval.GanMetric;
import dev.gan4j.eval.MetricResult;
import dev.gan4j.eval.Metrics;
import dev.gan4j.train.GeneratorSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code conditional} metric on real MNIST (when GAN4J_DATA_DIR holds it), with a stand-in for
 * a conditional generator that answers each class asked for with real test digits: of that class
 * it scores like the real-versus-real reference, of the next class it is recognised as wrong. Uses the
 * MNIST evaluation classifier of the test cache (trained on first use, as in ImageEvaluationTest).
 */
@Tag("slow")
class ConditionalEvaluationTest {
  private static final int N = 1000;
  private static final int CLASSES = 10;

  private static Path dataDir;

  @BeforeAll
  static void needsMnist() {
    dataDir = RealMnist.dataDirOrSkip();
  }

  @Test
  void digitsOfTheClassAskedForScoreLikeRealDataAndDigitsOfTheNextClassDoNot() {
    ImageDataset test = ImageDatasets.load("mnist", dataDir, Split.TEST);
    int[] asked = GeneratorSet.balancedClasses(N, CLASSES);
    List<GanMetric> conditional = Metrics.parse("conditional", "mnist", true, true);
    try (Evaluation e = Evaluation.open("mnist", dataDir, N, s -> {})) {
      EvalSet right = e.embed(digits(test, asked, 0), N).withLabels(asked);
      MetricResult r = e.evaluate(right, conditional, "right class").results().get(0);
      Map<String, Double> v = r.values();
      Map<String, Double> ref = r.reference();
      double testAccuracy = e.classifierProvenance().get("testAccuracy").asDouble();
      assertEquals(testAccuracy, ref.get("accuracy"), 0.002, "the reference is the test accuracy");
      assertEquals(testAccuracy, v.get("accuracy"), 0.02, "real digits of the class asked for");
      for (int c = 0; c < CLASSES; c++) {
        assertEquals(ref.get("accuracy_" + c), v.get("accuracy_" + c), 0.05, "class " + c);
        double ratio = v.get("fd_" + c) / ref.get("fd_" + c);
        assertTrue(ratio > 0.6 && ratio < 1.5, "class " + c + ": fd " + v.get("fd_" + c)
            + " against the reference " + ref.get("fd_" + c));
      }
      double meanRatio = v.get("fd_mean") / ref.get("fd_mean");
      assertTrue(meanRatio > 0.75 && meanRatio < 1.25,
          v.get("fd_mean") + " vs " + ref.get("fd_mean"));

      EvalSet next = e.embed(digits(test, asked, 1), N).withLabels(asked);
      Map<String, Double> w =
          e.evaluate(next, conditional, "next class").results().get(0).values();
      assertTrue(w.get("accuracy") < 0.05, "accuracy " + w.get("accuracy"));
      assertTrue(w.get("fd_mean") > 10 * ref.get("fd_mean"),
          "fd " + w.get("fd_mean") + " against the reference " + ref.get("fd_mean"));

      // Without the classes asked for (an unconditional generator's samples) it is refused.
      InvalidConfigException refused = assertThrows(InvalidConfigException.class,
          () -> e.evaluate(e.embed(digits(test, asked, 0), N), conditional, "no classes"));
      assertTrue(refused.getMessage().contains("conditional run"), refused.getMessage());
    }
  }

  @Test
  void anInfoGanCodeThatPermutesTheDigitsIsReadBackThroughTheBestMap() {
    // A stand-in InfoGAN whose code value v draws real test digits of class (v + 3) mod 10: the
    // best map recovers that permutation and the accuracy is the classifier's own.
    ImageDataset test = ImageDatasets.load("mnist", dataDir, Split.TEST);
    int[] codes = GeneratorSet.balancedClasses(N, CLASSES);
    List<GanMetric> metric = Metrics.parse("codes", "mnist", true, false, true);
    try (Evaluation e = Evaluation.open("mnist", dataDir, N, s -> {})) {
      EvalSet permuted = e.embed(digits(test, codes, 3), N).withLabels(codes);
      MetricResult r = e.evaluate(permuted, metric, "permuted code").results().get(0);
      double testAccuracy = e.classifierProvenance().get("testAccuracy").asDouble();
      assertEquals(testAccuracy, r.reference().get("accuracy"), 0.002, "the reference");
      assertEquals(testAccuracy, r.values().get("accuracy"), 0.02);
      for (int v = 0; v < CLASSES; v++) {
        assertEquals((v + 3) % CLASSES, r.values().get("class_" + v).intValue(), "value " + v);
      }
      assertTrue(r.values().get("mutual_information") > 0.9 * Math.log(CLASSES));
      // Codes unrelated to the digits (every value draws all ten classes alike): chance level.
      int[] unrelated = new int[N];
      for (int i = 0; i < N; i++) {
        unrelated[i] = (i / CLASSES) % CLASSES;
      }
      Map<String, Double> w = e.evaluate(permuted.withLabels(unrelated), metric, "unrelated")
          .results().get(0).values();
      assertTrue(w.get("accuracy") < 0.2, "accuracy " + w.get("accuracy"));
    }
  }

  @Test
  void aStudyMeasuresClassesOfConditionalRunsAndCodesOfInfoGanRunsAndLeavesTheOtherCellsBlank(
      @org.junit.jupiter.api.io.TempDir Path tmp) {
    Map<String, String> tiny = Map.of("model.generator.arch", "mlp",
        "model.discriminator.arch", "mlp", "model.generator.hidden", "16",
        "model.discriminator.hidden", "16", "loop.batchSize", "8");
    Study.Section section = new Study.Section("Tiny conditional", "A quick check.", "mnist",
        List.of(new Study.Variant("cgan", "mnist-cgan", tiny),
            new Study.Variant("infogan", "mnist-infogan", tiny),
            new Study.Variant("plain", "mnist-dcgan", tiny)),
        1, 200,
        List.of(new Study.Column("class accuracy %", "conditional", "accuracy", 100, 1, null),
            new Study.Column("code accuracy %", "codes", "accuracy", 100, 1, null),
            new Study.Column("fd-lenet", "fd-lenet", "fd", 1, 2, null)),
        List.of());
    String md = Study.run(new Study.Plan("cond", "Conditional", "Intro.", List.of(section)),
        new Study.Budget(0, 2), tmp.resolve("runs"), dataDir, x -> {}, "test");
    String number = "[0-9]+\\.[0-9]+";
    assertTrue(md.lines().anyMatch(l -> l.matches(
        "\\| cgan \\| " + number + " \\|  \\| " + number + " \\| 1 \\| 2 \\| .*")), md);
    assertTrue(md.lines().anyMatch(l -> l.matches(
        "\\| infogan \\|  \\| " + number + " \\| " + number + " \\| 1 \\| 2 \\| .*")), md);
    assertTrue(md.lines().anyMatch(l -> l.matches(
        "\\| plain \\|  \\|  \\| " + number + " \\| 1 \\| 2 \\| .*")), md);
  }

  // For sample i, a test digit of class (asked[i] + shift) mod 10, cycling through that class's.
  private static float[] digits(ImageDataset d, int[] asked, int shift) {
    int pixels = d.rows() * d.cols();
    int[][] rows = new int[CLASSES][d.count()];
    int[] found = new int[CLASSES];
    for (int i = 0; i < d.count(); i++) {
      int c = d.labels()[i];
      rows[c][found[c]++] = i;
    }
    int[] used = new int[CLASSES];
    float[] out = new float[asked.length * pixels];
    for (int i = 0; i < asked.length; i++) {
      int c = (asked[i] + shift) % CLASSES;
      int row = rows[c][used[c]++ % found[c]];
      System.arraycopy(d.pixels(), row * pixels, out, i * pixels, pixels);
    }
    return out;
  }
}
