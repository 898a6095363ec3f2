package dev.gan4j.data;

import dev.gan4j.Rng;

/**
 * The image transforms gan4j's built-in translation tasks are made of ({@link TranslationTasks}), on
 * single-channel square images in [-1, 1] (background -1, ink 1): an edge map, a masked square, a
 * lower resolution brought back to the original size, and the stroke-thickness statistic that splits
 * MNIST into thin and thick halves.
 *
 * <pre>{@code float[] edges = DigitTransforms.edges(pixels, 28);}</pre>
 */
public final class DigitTransforms {
  /** The Sobel gradient magnitude (on intensities in [0, 1]) above which a pixel is an edge. */
  static final float EDGE_THRESHOLD = 1.0f;

  /** Ink: a pixel brighter than this (in [-1, 1]) counts as stroke for the thickness statistic. */
  static final float INK = 0f;

  private DigitTransforms() {}

  /**
   * An edge map of one side × side image: 1 where the Sobel gradient magnitude of the image (read as
   * intensities in [0, 1], zero outside the image) exceeds {@value #EDGE_THRESHOLD}, else -1. A
   * stroke becomes its two outlines, the "sketch" pix2pix's edges2* tasks start from.
   */
  public static float[] edges(float[] image, int side) {
    float[] out = new float[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float gx = at(image, side, x + 1, y - 1) + 2 * at(image, side, x + 1, y)
            + at(image, side, x + 1, y + 1) - at(image, side, x - 1, y - 1)
            - 2 * at(image, side, x - 1, y) - at(image, side, x - 1, y + 1);
        float gy = at(image, side, x - 1, y + 1) + 2 * at(image, side, x, y + 1)
            + at(image, side, x + 1, y + 1) - at(image, side, x - 1, y - 1)
            - 2 * at(image, side, x, y - 1) - at(image, side, x + 1, y - 1);
        out[y * side + x] = gx * gx + gy * gy > EDGE_THRESHOLD * EDGE_THRESHOLD ? 1f : -1f;
      }
    }
    return out;
  }

  // Intensity in [0, 1] at (x, y), 0 outside the image.
  private static float at(float[] image, int side, int x, int y) {
    if (x < 0 || y < 0 || x >= side || y >= side) {
      return 0f;
    }
    return (image[y * side + x] + 1f) / 2f;
  }

  /**
   * The image with a {@code square} × {@code square} block set to 0 (mid grey, a value the digits'
   * background and ink never take exactly), its corner drawn from {@code rng} so the block lies inside
   * the central (side - 2·margin)² region, where the digits are.
   */
  public static float[] masked(float[] image, int side, int square, int margin, Rng rng) {
    float[] out = image.clone();
    int span = side - 2 * margin - square + 1;
    int x0 = margin + rng.nextInt(Math.max(1, span));
    int y0 = margin + rng.nextInt(Math.max(1, span));
    for (int y = y0; y < y0 + square; y++) {
      for (int x = x0; x < x0 + square; x++) {
        out[y * side + x] = 0f;
      }
    }
    return out;
  }

  /**
   * The image at 1/factor of its resolution (each factor × factor block averaged) brought back to its
   * side by repeating each low-resolution pixel (nearest neighbour): 28 × 28 through 7 × 7 for
   * factor 4. pix2pix translates images of one size, so the small image is given at the large size.
   */
  public static float[] lowResolution(float[] image, int side, int factor) {
    float[] out = new float[side * side];
    int small = side / factor;
    for (int by = 0; by < small; by++) {
      for (int bx = 0; bx < small; bx++) {
        float sum = 0f;
        for (int y = by * factor; y < (by + 1) * factor; y++) {
          for (int x = bx * factor; x < (bx + 1) * factor; x++) {
            sum += image[y * side + x];
          }
        }
        float mean = sum / (factor * factor);
        for (int y = by * factor; y < (by + 1) * factor; y++) {
          for (int x = bx * factor; x < (bx + 1) * factor; x++) {
            out[y * side + x] = mean;
          }
        }
      }
    }
    return out;
  }

  /**
   * The stroke thickness of a digit in pixels: 2·A / P, with A the ink area (pixels above {@value
   * #INK}) and P the ink's perimeter (ink pixel sides that face background or the border). A stroke of
   * width w and length L ≫ w has A ≈ wL and P ≈ 2L, so the ratio reads w. 0 for an empty image.
   */
  public static double thickness(float[] pixels, int offset, int side) {
    int area = 0;
    int perimeter = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (!ink(pixels, offset, side, x, y)) {
          continue;
        }
        area++;
        perimeter += (ink(pixels, offset, side, x - 1, y) ? 0 : 1)
            + (ink(pixels, offset, side, x + 1, y) ? 0 : 1)
            + (ink(pixels, offset, side, x, y - 1) ? 0 : 1)
            + (ink(pixels, offset, side, x, y + 1) ? 0 : 1);
      }
    }
    return perimeter == 0 ? 0.0 : 2.0 * area / perimeter;
  }

  private static boolean ink(float[] pixels, int offset, int side, int x, int y) {
    return x >= 0 && y >= 0 && x < side && y < side && pixels[offset + y * side + x] > INK;
  }

  /** The mean {@link #thickness} of {@code count} images stored one after another. */
  public static double meanThickness(float[] pixels, int count, int side) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += thickness(pixels, i * side * side, side);
    }
    return count == 0 ? Double.NaN : sum / count;
  }
}
