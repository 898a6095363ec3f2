package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * SSIM against values found without gan4j: identical images, two closed forms, and scikit-image's
 * {@code structural_similarity}.
 */
class SsimTest {
  private static final double C1 = 0.02 * 0.02; // (K1 L)² with L = 2
  private static final double C2 = 0.06 * 0.06; // (K2 L)²

  private static float[] image(int values, IntToDoubleFunction f) {
    float[] out = new float[values];
    for (int i = 0; i < values; i++) {
      out[i] = (float) f.applyAsDouble(i);
    }
    return out;
  }

  @Test
  void identicalImagesScoreOne() {
    float[] x = image(2 * 28 * 28, i -> Math.sin(0.3 * i) * Math.cos(0.01 * i));
    assertEquals(1.0, Ssim.mean(x, x.clone(), 2, 1, 28, 28, 2.0), 1e-12);
  }

  @Test
  void flatImagesReduceToTheLuminanceTerm() {
    // No variance anywhere: SSIM = (2ab + C1) / (a² + b² + C1) · C2 / C2.
    double a = 0.5;
    double b = -0.25;
    float[] x = image(20 * 15, i -> a);
    float[] y = image(20 * 15, i -> b);
    assertEquals((2 * a * b + C1) / (a * a + b * b + C1), Ssim.mean(x, y, 1, 1, 20, 15, 2.0),
        1e-9);
  }

  @Test
  void aCheckerboardAgainstItsNegativeHasTheClosedForm() {
    // A ±v checkerboard: under the window centred anywhere, the weighted mean is ±m·v with
    // m = (Σ_k g_k (-1)^k)² for the normalised 11-tap Gaussian g (σ 1.5), and E[x²] = v². With
    // y = -x every position has μy = -μx, σy² = σx² = v²(1 - m²) and σxy = -σx².
    double[] g = new double[11];
    double sum = 0;
    for (int k = 0; k < 11; k++) {
      g[k] = Math.exp(-(k - 5) * (k - 5) / (2 * 1.5 * 1.5));
      sum += g[k];
    }
    double alternating = 0;
    for (int k = 0; k < 11; k++) {
      alternating += (k % 2 == 0 ? 1 : -1) * g[k] / sum;
    }
    double m = alternating * alternating;
    double v = 0.8;
    double mu2 = m * m * v * v;
    double var = v * v * (1 - m * m);
    double expected = (-2 * mu2 + C1) * (-2 * var + C2) / ((2 * mu2 + C1) * (2 * var + C2));
    int side = 17;
    float[] x = image(side * side, i -> ((i / side + i % side) % 2 == 0 ? v : -v));
    float[] y = image(side * side, i -> -x[i]);
    assertEquals(expected, Ssim.mean(x, y, 1, 1, side, side, 2.0), 1e-9);
    assertTrue(expected < 0, "opposite structure scores below 0");
  }

  @Test
  void matchesScikitImage() {
    // skimage.metrics.structural_similarity(x, y, data_range=2, gaussian_weights=True, sigma=1.5,
    // use_sample_covariance=False[, channel_axis=0]), scikit-image 0.19.3, on these float32 images.
    float[] x1 = image(16 * 13, i -> Math.sin(0.37 * i) * 0.8);
    float[] y1 = image(16 * 13,
        i -> Math.max(-1, Math.min(1, Math.sin(0.37 * i) * 0.8 + 0.3 * Math.cos(1.3 * i) - 0.1)));
    assertEquals(-0.12405257074217851, Ssim.mean(x1, y1, 1, 1, 16, 13, 2.0), 1e-6);
    float[] x2 = image(28 * 28, i -> Math.tanh(3 * Math.sin(0.11 * i) * Math.cos(0.023 * i)));
    float[] y2 = image(28 * 28, i -> Math.max(-1, Math.min(1,
        0.6 * Math.tanh(3 * Math.sin(0.11 * i) * Math.cos(0.023 * i)) + 0.2 * Math.sin(0.5 * i))));
    assertEquals(0.6875375108461319, Ssim.mean(x2, y2, 1, 1, 28, 28, 2.0), 1e-6);
    float[] x3 = image(3 * 12 * 12, i -> Math.sin(0.21 * i));
    float[] y3 = image(3 * 12 * 12, i -> Math.cos(0.19 * i) * 0.9);
    assertEquals(0.26292666138425724, Ssim.mean(x3, y3, 1, 3, 12, 12, 2.0), 1e-6);
    // Several pairs: the mean of their values.
    float[] both = new float[2 * 28 * 28];
    System.arraycopy(x2, 0, both, 0, x2.length);
    System.arraycopy(x2, 0, both, x2.length, x2.length);
    float[] targets = new float[2 * 28 * 28];
    System.arraycopy(y2, 0, targets, 0, y2.length);
    System.arraycopy(x2, 0, targets, y2.length, x2.length);
    assertEquals((0.6875375108461319 + 1) / 2, Ssim.mean(both, targets, 2, 1, 28, 28, 2.0), 1e-6);
  }

  @Test
  void imagesSmallerThanTheWindowAreRefused() {
    float[] x = new float[10 * 10];
    DataException e = assertThrows(DataException.class,
        () -> Ssim.mean(x, x, 1, 1, 10, 10, 2.0));
    assertTrue(e.getMessage().contains("11 x 11"), e.getMessage());
  }
}
