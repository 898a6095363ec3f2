package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.InvalidConfigException;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {
  private static int[] constant(int n, int c) {
    int[] out = new int[n];
    java.util.Arrays.fill(out, c);
    return out;
  }

  @Test
  void collapseOnOneClassHitsOneModeWithZeroEntropy() {
    double[] real = {0.1, 0.2, 0.3, 0.4};
    ClassHistogram.Result r = ClassHistogram.compute(EvalFixtures.oneHot(constant(200, 2), 4), real);
    assertArrayEquals(new int[] {0, 0, 200, 0}, r.counts());
    assertEquals(1, r.modesHit());
    assertEquals(0, r.entropy(), 1e-15);
    assertEquals(Math.log(1 / 0.3), r.klToReal(), 1e-12);
  }

  @Test
  void evenPredictionsOverEvenRealFrequenciesHitEveryMode() {
    int[] classOf = new int[1000];
    for (int i = 0; i < classOf.length; i++) {
      classOf[i] = i % 10;
    }
    double[] real = ClassHistogram.frequencies(classOf, 10);
    ClassHistogram.Result r = ClassHistogram.compute(EvalFixtures.oneHot(classOf, 10), real);
    assertEquals(10, r.modesHit());
    assertEquals(0, r.klToReal(), 1e-12);
    assertEquals(Math.log(10), r.entropy(), 1e-12);
  }

  @Test
  void aClassNeedsATenthOfItsExpectedShareToCount() {
    double[] real = {0.5, 0.5};
    // 1,000 samples: class 1 expects 500, so 50 is the threshold.
    int[] few = constant(1000, 0);
    java.util.Arrays.fill(few, 0, 49, 1);
    int[] enough = constant(1000, 0);
    java.util.Arrays.fill(enough, 0, 50, 1);
    assertEquals(1, ClassHistogram.compute(EvalFixtures.oneHot(few, 2), real).modesHit());
    assertEquals(2, ClassHistogram.compute(EvalFixtures.oneHot(enough, 2), real).modesHit());
  }

  @Test
  void generatedClassesAbsentFromTheDataMakeKlInfiniteAndAreNoModes() {
    ClassHistogram.Result r =
        ClassHistogram.compute(EvalFixtures.oneHot(new int[] {0, 1, 1, 1}, 2), new double[] {1, 0});
    assertEquals(Double.POSITIVE_INFINITY, r.klToReal());
    assertEquals(1, r.modesHit());
  }

  @Test
  void argmaxTiesGoToTheLowerClassAndFrequenciesCountLabels() {
    ClassHistogram.Result r =
        ClassHistogram.compute(Samples.of(new float[] {0.5f, 0.5f}, 2), new double[] {0.5, 0.5});
    assertArrayEquals(new int[] {1, 0}, r.counts());
    assertArrayEquals(
        new double[] {0.25, 0.75, 0}, ClassHistogram.frequencies(new int[] {1, 0, 1, 1}, 3), 1e-15);
  }

  @Test
  void rejectsBadFrequenciesAndLabels() {
    Samples p = EvalFixtures.oneHot(new int[] {0, 1}, 2);
    assertThrows(IllegalArgumentException.class, () -> ClassHistogram.compute(p, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> ClassHistogram.compute(p, new double[] {0.7, 0.7}));
    assertThrows(IllegalArgumentException.class, () -> ClassHistogram.compute(p, new double[] {1.5, -0.5}));
    assertThrows(IllegalArgumentException.class, () -> ClassHistogram.frequencies(new int[] {2}, 2));
    assertThrows(InvalidConfigException.class, () -> ClassHistogram.frequencies(new int[] {0}, 0));
  }
}
