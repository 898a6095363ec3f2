package dev.gan4j.eval;

import dev.gan4j.DataException;

/**
 * The structural similarity index (SSIM) of Wang, Bovik, Sheikh and Simoncelli 2004 ("Image quality
 * assessment: from error visibility to structural similarity"), with the paper's settings: an 11 × 11
 * Gaussian window of σ 1.5 (normalised to sum 1), K1 = 0.01, K2 = 0.03 and C_i = (K_i · L)², L the
 * images' data range (2 for gan4j's pixels in [-1, 1]). At every position where the window fits
 * inside the image (no padding, as the authors' own code), with weighted means μ, variances σ² and
 * covariance σ_xy,
 *
 * <pre>SSIM = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))</pre>
 *
 * and an image's value is the mean over those positions (and over its channels). 1 for identical
 * images; higher is better.
 *
 * <pre>{@code double s = Ssim.mean(outputs, targets, n, 1, 28, 28, 2.0);}</pre>
 */
public final class Ssim {
  /** The window's side. */
  public static final int WINDOW = 11;

  /** The Gaussian window's standard deviation, in pixels. */
  public static final double SIGMA = 1.5;

  /** The stabilising constants' factors. */
  public static final double K1 = 0.01;

  /** See {@link #K1}. */
  public static final double K2 = 0.03;

  private static final double[] KERNEL = kernel();

  private Ssim() {}

  // The 1-D Gaussian, normalised: the 2-D window is its outer product, which sums to 1 too.
  private static double[] kernel() {
    double[] k = new double[WINDOW];
    double sum = 0;
    for (int i = 0; i < WINDOW; i++) {
      double d = i - WINDOW / 2;
      k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
      sum += k[i];
    }
    for (int i = 0; i < WINDOW; i++) {
      k[i] /= sum;
    }
    return k;
  }

  /**
   * The mean SSIM over {@code n} image pairs: image i of {@code x} against image i of {@code y}, each
   * c × h × w values, channel after channel.
   *
   * @param range the data range L (2 for pixels in [-1, 1])
   * @throws DataException when the images are smaller than the window or the arrays too short
   */
  public static double mean(float[] x, float[] y, int n, int channels, int height, int width,
      double range) {
    int dim = channels * height * width;
    if (n < 1 || x.length < (long) n * dim || y.length < (long) n * dim) {
      throw new DataException("SSIM of " + n + " images of " + dim + " values needs that many in"
          + " each set; got " + x.length + " and " + y.length);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += of(x, i * dim, y, i * dim, channels, height, width, range);
    }
    return sum / n;
  }

  /**
   * The SSIM of one pair: the image at {@code xOffset} in {@code x} against the one at {@code
   * yOffset} in {@code y}, averaged over the channels.
   *
   * @throws DataException when the images are smaller than the 11 × 11 window
   */
  public static double of(float[] x, int xOffset, float[] y, int yOffset, int channels, int height,
      int width, double range) {
    if (height < WINDOW || width < WINDOW) {
      throw new DataException("SSIM's " + WINDOW + " x " + WINDOW + " window needs images of at"
          + " least that size, got " + height + " x " + width);
    }
    double c1 = (K1 * range) * (K1 * range);
    double c2 = (K2 * range) * (K2 * range);
    int plane = height * width;
    double total = 0;
    for (int c = 0; c < channels; c++) {
      int xo = xOffset + c * plane;
      int yo = yOffset + c * plane;
      double[] px = new double[plane];
      double[] py = new double[plane];
      double[] pxx = new double[plane];
      double[] pyy = new double[plane];
      double[] pxy = new double[plane];
      for (int p = 0; p < plane; p++) {
        double a = x[xo + p];
        double b = y[yo + p];
        px[p] = a;
        py[p] = b;
        pxx[p] = a * a;
        pyy[p] = b * b;
        pxy[p] = a * b;
      }
      double[] mx = filter(px, height, width);
      double[] my = filter(py, height, width);
      double[] exx = filter(pxx, height, width);
      double[] eyy = filter(pyy, height, width);
      double[] exy = filter(pxy, height, width);
      double s = 0;
      for (int p = 0; p < mx.length; p++) {
        double vx = exx[p] - mx[p] * mx[p];
        double vy = eyy[p] - my[p] * my[p];
        double cov = exy[p] - mx[p] * my[p];
        s += (2 * mx[p] * my[p] + c1) * (2 * cov + c2)
            / ((mx[p] * mx[p] + my[p] * my[p] + c1) * (vx + vy + c2));
      }
      total += s / mx.length;
    }
    return total / channels;
  }

  // The window's weighted mean at every position where it fits: (h - 10) × (w - 10) values.
  private static double[] filter(double[] v, int height, int width) {
    int ow = width - WINDOW + 1;
    int oh = height - WINDOW + 1;
    double[] rows = new double[height * ow];
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < ow; c++) {
        double s = 0;
        for (int k = 0; k < WINDOW; k++) {
          s += KERNEL[k] * v[r * width + c + k];
        }
        rows[r * ow + c] = s;
      }
    }
    double[] out = new double[oh * ow];
    for (int r = 0; r < oh; r++) {
      for (int c = 0; c < ow; c++) {
        double s = 0;
        for (int k = 0; k < WINDOW; k++) {
          s += KERNEL[k] * rows[(r + k) * ow + c];
        }
        out[r * ow + c] = s;
      }
    }
    return out;
  }
}
