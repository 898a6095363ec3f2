package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code conditional} metric on constructed sets: three classes whose features are Gaussians
 * centred apart, and class probabilities that say which class each sample was taken for.
 */
class ClassConditionalTest {
  private static final int K = 3;
  private static final int DIM = 4;

  // `perClass` rows of each class, sample i of class i mod K; class c's features are N(3c, 1), or
  // those of class shift(c) when `from` moves them; predicted as `predicted[i]`.
  private static EvalSet set(int perClass, long seed, int[] from, int[] predicted) {
    int n = perClass * K;
    Samples noise = EvalFixtures.gaussian(n, DIM, 0, seed);
    float[] f = noise.values();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % K;
      int source = from == null ? labels[i] : from[labels[i]];
      for (int j = 0; j < DIM; j++) {
        f[i * DIM + j] += 3f * source;
      }
    }
    int[] p = predicted == null ? labels : predicted;
    return new EvalSet(new Samples(n, 1, new float[n]), noise, EvalFixtures.oneHot(p, K), labels);
  }

  @Test
  void accuracyCountsTheClassAskedForAndTheDistanceComparesLikeWithLike() {
    EvalSet real = set(400, 1, null, null);
    int[] predicted = new int[300];
    int wrongOfClass0 = 0;
    for (int i = 0; i < 300; i++) {
      predicted[i] = i % K;
      if (i % K == 0 && (i / K) % 4 == 0) { // a quarter of class 0 taken for class 1
        predicted[i] = 1;
        wrongOfClass0++;
      }
    }
    ClassConditional.Result r = ClassConditional.compute(real, set(100, 2, null, predicted));
    assertEquals(1 - wrongOfClass0 / 100.0, r.classAccuracy()[0], 1e-12);
    assertEquals(1.0, r.classAccuracy()[1], 1e-12);
    assertEquals(1.0, r.classAccuracy()[2], 1e-12);
    assertEquals((300.0 - wrongOfClass0) / 300, r.accuracy(), 1e-12);
    for (int c = 0; c < K; c++) {
      assertTrue(r.classFd()[c] < 0.5, "same distribution, class " + c + ": " + r.classFd()[c]);
    }

    // Each class asked for gives the next one's images: recognised as such, and far in features.
    int[] next = {1, 2, 0};
    int[] nextPredicted = new int[300];
    for (int i = 0; i < 300; i++) {
      nextPredicted[i] = next[i % K];
    }
    ClassConditional.Result wrong =
        ClassConditional.compute(real, set(100, 2, next, nextPredicted));
    assertEquals(0.0, wrong.accuracy());
    // The means are 3 apart in each of 4 coordinates (36), or 6 apart for class 2 (144).
    assertTrue(wrong.classFd()[0] > 30 && wrong.classFd()[1] > 30 && wrong.classFd()[2] > 120,
        java.util.Arrays.toString(wrong.classFd()));
    assertTrue(wrong.meanFd() > 50 * r.meanFd(), wrong.meanFd() + " vs " + r.meanFd());
  }

  @Test
  void aClassWithTooFewSamplesHasNoValueAndIsLeftOutOfTheMean() {
    EvalSet real = set(50, 3, null, null);
    // Five samples: classes 0 and 1 twice, class 2 once (too few for a covariance).
    EvalSet five = set(50, 4, null, null).head(5);
    ClassConditional.Result r = ClassConditional.compute(real, five);
    assertTrue(Double.isNaN(r.classFd()[2]));
    assertEquals(1.0, r.classAccuracy()[2]);
    assertEquals((r.classFd()[0] + r.classFd()[1]) / 2, r.meanFd(), 1e-12);
  }

  @Test
  void theMetricReportsOverallThenPerClassValuesBesideTheTestSplit() {
    EvalSet train = set(300, 5, null, null);
    EvalSet test = set(60, 6, null, null);
    RealData real =
        new RealData("three", null, train, test, test, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    GanMetric m = Metrics.byName("conditional");
    Map<String, Double> v = m.compute(real, set(100, 7, null, null));
    assertEquals(List.of("accuracy", "fd_mean", "accuracy_0", "fd_0", "accuracy_1", "fd_1",
        "accuracy_2", "fd_2"), List.copyOf(v.keySet()));
    assertEquals(1.0, v.get("accuracy"));
    Map<String, Double> ref = m.compute(real, m.reference(real));
    assertEquals(ClassConditional.compute(train, test).meanFd(), ref.get("fd_mean"), 1e-12);
  }

  @Test
  void samplesWithoutClassesOrRealDataWithoutLabelsAreRefused() {
    EvalSet labelled = set(20, 8, null, null);
    EvalSet unlabelled = new EvalSet(labelled.raw(), labelled.features(), labelled.probabilities());
    InvalidConfigException noClasses = assertThrows(InvalidConfigException.class,
        () -> ClassConditional.compute(labelled, unlabelled));
    assertTrue(noClasses.getMessage().contains("conditional run"), noClasses.getMessage());
    DataException noLabels = assertThrows(DataException.class,
        () -> ClassConditional.compute(unlabelled, labelled));
    assertTrue(noLabels.getMessage().contains("class labels"), noLabels.getMessage());
    int[] beyond = labelled.labels().clone();
    beyond[0] = K; // a class the 3-class classifier does not predict
    InvalidConfigException outside = assertThrows(InvalidConfigException.class,
        () -> ClassConditional.compute(labelled, labelled.withLabels(beyond)));
    assertTrue(outside.getMessage().contains("predicts 3 classes"), outside.getMessage());
  }
}
