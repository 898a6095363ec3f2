package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.InvalidConfigException;
import org.junit.jupiter.api.Test;

class ParzenWindowTest {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  @Test
  void twoCentresOnePointIsComputedExactly() {
    Samples centres = Samples.of(new float[] {0, 2}, 1);
    Samples point = Samples.of(new float[] {1}, 1);
    // Both centres at squared distance 1: log(2 e^{-1/2}) - log 2 - ½ log 2π.
    assertEquals(-0.5 - HALF_LOG_2PI, ParzenWindow.logLikelihoods(centres, point, 1)[0], 1e-12);
    // Unequal distances (1 and 4) with σ = 0.5: exponents -2 and -8.
    Samples far = Samples.of(new float[] {0, 3}, 1);
    double expected =
        Math.log(Math.exp(-2) + Math.exp(-8)) - Math.log(2) - 0.5 * Math.log(2 * Math.PI * 0.25);
    assertEquals(expected, ParzenWindow.logLikelihoods(far, point, 0.5)[0], 1e-12);
  }

  @Test
  void tinyBandwidthsStayFiniteWhereNaiveExponentialsUnderflow() {
    Samples far = Samples.of(new float[] {0, 3}, 1);
    Samples point = Samples.of(new float[] {1}, 1);
    double sigma = 0.01; // exponents -5,000 and -20,000: exp() of either is 0 in double
    double expected = -5000 - Math.log(2) - 0.5 * Math.log(2 * Math.PI * sigma * sigma);
    assertEquals(expected, ParzenWindow.logLikelihoods(far, point, sigma)[0], 1e-9);
  }

  @Test
  void matchesADirectDoubleComputationAcrossBlocks() {
    Samples centres = EvalFixtures.gaussian(2100, 2, 0, 1); // more centres than one column block
    Samples points = EvalFixtures.gaussian(30, 2, 0.5, 2);
    double sigma = 0.4;
    double[] got = ParzenWindow.logLikelihoods(centres, points, sigma);
    for (int i = 0; i < points.count(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      double[] e = new double[centres.count()];
      for (int j = 0; j < centres.count(); j++) {
        e[j] = -EvalFixtures.squaredDistance(points, i, centres, j) / (2 * sigma * sigma);
        max = Math.max(max, e[j]);
      }
      double sum = 0;
      for (double x : e) {
        sum += Math.exp(x - max);
      }
      double expected = max + Math.log(sum) - Math.log(2100) - Math.log(2 * Math.PI * sigma * sigma);
      assertEquals(expected, got[i], 1e-4);
    }
  }

  @Test
  void manyCentresApproachTheSmoothedGaussianClosedForm() {
    // Centres from N(0, 1) smoothed by σ give N(0, 1 + σ²); test points from N(0, 1) then have mean
    // log-likelihood -½ log(2π(1 + σ²)) - 1 / (2(1 + σ²)). The test-set noise (standard error about 0.01)
    // and the kernel estimate's own noise with 5,000 centres stay within 0.03.
    double sigma = 0.3;
    double v = 1 + sigma * sigma;
    double expected = -0.5 * Math.log(2 * Math.PI * v) - 1 / (2 * v);
    Samples centres = EvalFixtures.gaussian(5000, 1, 0, 11);
    Samples test = EvalFixtures.gaussian(5000, 1, 0, 12);
    assertEquals(expected, mean(ParzenWindow.logLikelihoods(centres, test, sigma)), 0.03);
  }

  @Test
  void fitChoosesTheBandwidthWithTheBestValidationMean() {
    Samples centres = EvalFixtures.gaussian(3000, 1, 0, 21);
    Samples validation = EvalFixtures.gaussian(1500, 1, 0, 22);
    Samples test = EvalFixtures.gaussian(1200, 1, 0, 23);
    double[] sigmas = {0.001, 0.3, 3};
    ParzenWindow.Result r = ParzenWindow.fit(centres, validation, test, sigmas);
    assertEquals(0.3, r.sigma());
    int best = 0;
    for (int s = 0; s < sigmas.length; s++) {
      assertEquals(
          mean(ParzenWindow.logLikelihoods(centres, validation, sigmas[s])), r.validationMeans()[s], 1e-9);
      if (r.validationMeans()[s] > r.validationMeans()[best]) {
        best = s;
      }
    }
    assertEquals(sigmas[best], r.sigma());
    double[] testLl = ParzenWindow.logLikelihoods(centres, test, 0.3);
    double m = mean(testLl);
    double ss = 0;
    for (double x : testLl) {
      ss += (x - m) * (x - m);
    }
    assertEquals(m, r.testLogLikelihood().mean(), 1e-12);
    double standardError = Math.sqrt(ss / (testLl.length - 1)) / Math.sqrt(testLl.length);
    assertEquals(standardError, r.testLogLikelihood().spread(), 1e-12);
    assertEquals(1200, r.testLogLikelihood().n());
  }

  @Test
  void defaultBandwidthsAreTenLogSpacedValuesFromATenthToOne() {
    double[] s = ParzenWindow.defaultSigmas();
    assertEquals(10, s.length);
    assertEquals(0.1, s[0], 1e-15);
    assertEquals(1.0, s[9], 1e-15);
    for (int j = 1; j < s.length; j++) {
      assertEquals(Math.pow(10, 1 / 9.0), s[j] / s[j - 1], 1e-12);
    }
  }

  @Test
  void rejectsBandwidthsThatAreNotPositiveAndMismatchedDimensions() {
    Samples a = Samples.of(new float[] {0, 1}, 1);
    assertThrows(InvalidConfigException.class, () -> ParzenWindow.logLikelihoods(a, a, 0));
    assertThrows(InvalidConfigException.class, () -> ParzenWindow.fit(a, a, a, new double[0]));
    Samples twoDims = Samples.of(new float[] {0, 1}, 2);
    assertThrows(IllegalArgumentException.class, () -> ParzenWindow.logLikelihoods(a, twoDims, 1));
  }
}
