package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

class ClassifierScoreTest {
  @Test
  void confidentEvenlySpreadPredictionsScoreTheClassCount() {
    int[] classOf = new int[1000];
    for (int i = 0; i < classOf.length; i++) {
      classOf[i] = i % 10;
    }
    Estimate is = ClassifierScore.compute(EvalFixtures.oneHot(classOf, 10));
    assertEquals(10, is.mean(), 1e-9);
    assertEquals(0, is.spread(), 1e-9);
    assertEquals(ClassifierScore.DEFAULT_SPLITS, is.n());
  }

  @Test
  void identicalRowsScoreOne() {
    float[] row = {0.1f, 0.2f, 0.7f};
    float[] v = new float[300];
    for (int i = 0; i < 100; i++) {
      System.arraycopy(row, 0, v, 3 * i, 3);
    }
    assertEquals(1, ClassifierScore.compute(Samples.of(v, 3)).mean(), 1e-12);
  }

  @Test
  void twoRowHandCaseMatchesTheFormula() {
    // p(y) = (0.75, 0.25); KL of (1, 0) is log(4/3); KL of (0.5, 0.5) is 0.5 log(2/3) + 0.5 log 2.
    Samples p = Samples.of(new float[] {1, 0, 0.5f, 0.5f}, 2);
    double kl = (Math.log(4.0 / 3) + 0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2)) / 2;
    Estimate is = ClassifierScore.compute(p, 1);
    assertEquals(Math.exp(kl), is.mean(), 1e-7);
    assertEquals(1, is.n());
  }

  @Test
  void randomProbabilitiesStayWithinOneAndTheClassCountAndSplitsShrinkToTheRowCount() {
    Rng rng = new Rng(5);
    int k = 7;
    float[] v = new float[500 * k];
    for (int i = 0; i < 500; i++) {
      double sum = 0;
      double[] w = new double[k];
      for (int c = 0; c < k; c++) {
        w[c] = Math.pow(rng.nextDouble(), 4); // peaked rows
        sum += w[c];
      }
      for (int c = 0; c < k; c++) {
        v[i * k + c] = (float) (w[c] / sum);
      }
    }
    Estimate is = ClassifierScore.compute(Samples.of(v, k));
    assertTrue(is.mean() > 1 && is.mean() < k, is.toString());
    assertEquals(3, ClassifierScore.compute(Samples.of(v, k).head(3)).n());
  }

  @Test
  void rejectsRowsThatAreNotProbabilitiesAndBadSplits() {
    Samples notSummingToOne = Samples.of(new float[] {0.5f, 0.6f}, 2);
    Samples negative = Samples.of(new float[] {1.5f, -0.5f}, 2);
    assertThrows(IllegalArgumentException.class, () -> ClassifierScore.compute(notSummingToOne));
    assertThrows(IllegalArgumentException.class, () -> ClassifierScore.compute(negative));
    Samples fine = Samples.of(new float[] {1, 0}, 2);
    assertThrows(InvalidConfigException.class, () -> ClassifierScore.compute(fine, 0));
  }
}
