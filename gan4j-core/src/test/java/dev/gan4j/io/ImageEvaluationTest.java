package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import dev.gan4j.data.ImageDatasets.Split;
import dev.gan4j.eval.Metrics;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The image metrics on real MNIST (when GAN4J_DATA_DIR holds it): the evaluation classifier reaches the
 * accuracy the metrics rely on and survives its cache, real held-out digits score like real data, and a
 * one-digit "generator" is caught by every diversity metric. The classifier is trained once into the
 * test cache (Surefire's gan4j.cache.dir) and reused by later tests and runs.
 */
@Tag("slow")
class ImageEvaluationTest {
  private static Path dataDir;

  @BeforeAll
  static void needsMnist() {
    dataDir = RealMnist.dataDirOrSkip();
  }

  @Test
  void classifierIsAtLeast98PercentAccurateAndItsCacheRestoresIt() {
    ImageDataset test = ImageDatasets.load("mnist", dataDir, Split.TEST);
    double recorded;
    try (ClassifierCache.Cached c = ClassifierCache.obtain("mnist", dataDir, System.out::println)) {
      recorded = c.testAccuracy();
      assertTrue(recorded >= 0.98, "test accuracy " + recorded);
      assertEquals(recorded, c.classifier().accuracy(test), 1e-12);
      assertEquals(8000, c.provenance().get("trainImages").asInt());
    }
    try (ClassifierCache.Cached again = ClassifierCache.obtain("mnist", dataDir, s -> {})) {
      assertFalse(again.trainedNow(), "the second call loads the cached classifier");
      assertEquals(recorded, again.classifier().accuracy(test), 1e-12);
    }
  }

  @Test
  void realDigitsScoreLikeRealDataAndOneDigitIsACollapse() {
    try (Evaluation e = Evaluation.open("mnist", dataDir, 1000, s -> {})) {
      ImageDataset test = ImageDatasets.load("mnist", dataDir, Split.TEST);
      Evaluation.Report real =
          e.evaluate(e.embed(test.pixels(), test.count()), Metrics.parse("all", true), "test");
      // The same set as the reference: every value equals its real-versus-real reference.
      for (var r : real.results()) {
        if (!r.metric().equals("parzen")) {
          r.values().forEach((k, v) -> assertEquals(r.reference().get(k), v, 1e-9, r.metric() + k));
        }
      }
      assertEquals(10, real.value("classes", "modes"));
      assertTrue(real.value("is-lenet", "is") > 8, "IS of real digits");
      assertTrue(real.value("prdc", "precision") > 0.7 && real.value("prdc", "recall") > 0.7);

      float[] ones = onlyDigit(test, 1, 1000);
      Evaluation.Report collapsed =
          e.evaluate(e.embed(ones, 1000), Metrics.parse("all", true), "ones");
      assertEquals(1, collapsed.value("classes", "modes"));
      assertTrue(collapsed.value("is-lenet", "is") < 1.5, "IS of one digit");
      assertTrue(collapsed.value("fd-lenet", "fd") > 10 * real.value("fd-lenet", "fd"));
      assertTrue(collapsed.value("kid-lenet", "kid") > real.value("kid-lenet", "kid"));
      assertTrue(collapsed.value("prdc", "recall") < 0.2, "one digit recalls little");
      assertTrue(collapsed.value("prdc", "coverage") < 0.3);
      // Parzen: a density on one digit explains the test digits worse than one on the train split.
      assertTrue(collapsed.value("parzen", "log_likelihood") < real.results().get(5).reference()
          .get("log_likelihood"));
    }
  }

  // n images of `digit`, cycling through its test images.
  private static float[] onlyDigit(ImageDataset d, int digit, int n) {
    int[] rows = new int[d.count()];
    int found = 0;
    for (int i = 0; i < d.count(); i++) {
      if (d.labels()[i] == digit) {
        rows[found++] = i;
      }
    }
    float[] out = new float[n * 784];
    for (int i = 0; i < n; i++) {
      System.arraycopy(d.pixels(), rows[i % found] * 784, out, i * 784, 784);
    }
    return Arrays.copyOf(out, out.length);
  }
}
