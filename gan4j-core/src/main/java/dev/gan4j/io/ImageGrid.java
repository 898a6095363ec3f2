package dev.gan4j.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Lays out a batch of images (generator samples, training examples) as one grayscale picture, or an
 * RGB one for three-channel images: a grid of {@code cols} columns separated by a dark-grey gutter, each image
 * scaled up by a whole factor so small images (28 x 28 digits) stay readable.
 *
 * <pre>{@code ImageGrid.write(samples, 64, 28, 28, 8, 2, runDir.resolve("samples.png"));}</pre>
 */
public final class ImageGrid {
  /** Width in pixels of the gutter between images and around the grid. */
  static final int GUTTER = 2;

  /** Gray level (0..255) of the gutter and of the unused cells in the last row. */
  static final int GUTTER_LEVEL = 64;

  private ImageGrid() {}

  /**
   * Renders {@code n} images as a grid. The picture is {@code cols * width * scale + (cols + 1) *
   * 2} pixels wide and {@code rows * height * scale + (rows + 1) * 2} high, with {@code rows =
   * ceil(n / cols)} (one row of empty cells when {@code n == 0}). Image {@code i} sits in row
   * {@code i / cols}, column {@code i % cols}.
   *
   * <pre>{@code BufferedImage grid = ImageGrid.render(pixels, 16, 28, 28, 4, 3);}</pre>
   *
   * @param pixels {@code n} images of {@code height * width} values each, row-major, one channel,
   *     in [-1, 1]: -1 is black, 1 is white, values outside are clamped, NaN is mid-grey
   * @param n number of images, at least 0
   * @param height rows of one image, at least 1
   * @param width columns of one image, at least 1
   * @param cols images per row of the grid, at least 1
   * @param scale whole zoom factor, at least 1 (nearest neighbour, so pixels stay sharp squares)
   * @return a {@link BufferedImage#TYPE_BYTE_GRAY} picture
   * @throws IllegalArgumentException if an argument is out of range or {@code pixels.length != n *
   *     height * width}
   */
  public static BufferedImage render(
      float[] pixels, int n, int height, int width, int cols, int scale) {
    return render(pixels, n, 1, height, width, cols, scale);
  }

  /**
   * Renders {@code n} images of {@code channels} (1: grey, 3: RGB) channel-major planes each, as {@link
   * #render(float[], int, int, int, int, int)} lays them out; RGB images give a {@link
   * BufferedImage#TYPE_INT_RGB} picture with a grey gutter.
   *
   * @throws IllegalArgumentException if {@code channels} is not 1 or 3, or as the grey form
   */
  public static BufferedImage render(
      float[] pixels, int n, int channels, int height, int width, int cols, int scale) {
    Objects.requireNonNull(pixels, "pixels");
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (height < 1) {
      throw new IllegalArgumentException("height must be >= 1, got " + height);
    }
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, got " + width);
    }
    if (cols < 1) {
      throw new IllegalArgumentException("cols must be >= 1, got " + cols);
    }
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be >= 1, got " + scale);
    }
    long expected = (long) n * channels * height * width;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixels.length must be n * channels * height * width = "
              + n
              + " * "
              + channels
              + " * "
              + height
              + " * "
              + width
              + " = "
              + expected
              + ", got "
              + pixels.length);
    }
    int rows = Math.max(1, (n + cols - 1) / cols);
    long cellW = (long) width * scale;
    long cellH = (long) height * scale;
    long gridW = cols * cellW + (cols + 1L) * GUTTER;
    long gridH = rows * cellH + (rows + 1L) * GUTTER;
    if (gridW > Integer.MAX_VALUE
        || gridH > Integer.MAX_VALUE
        || gridW * gridH > PngFiles.MAX_PIXELS) {
      throw new IllegalArgumentException(
          "grid too large: "
              + gridW
              + " x "
              + gridH
              + " pixels (at most "
              + PngFiles.MAX_PIXELS
              + "); lower scale or cols");
    }

    BufferedImage image =
        new BufferedImage(
            (int) gridW,
            (int) gridH,
            channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    // The raster, not setRGB: TYPE_BYTE_GRAY has a linear colour space, and going through sRGB
    // would shift every mid-grey.
    WritableRaster raster = image.getRaster();
    int[] row = new int[(int) gridW];
    Arrays.fill(row, GUTTER_LEVEL);
    for (int y = 0; y < gridH; y++) {
      for (int band = 0; band < channels; band++) {
        raster.setSamples(0, y, (int) gridW, 1, band, row);
      }
    }
    int[] line = new int[(int) cellW];
    for (int i = 0; i < n; i++) {
      int x0 = GUTTER + (i % cols) * (int) (cellW + GUTTER);
      int y0 = GUTTER + (i / cols) * (int) (cellH + GUTTER);
      for (int band = 0; band < channels; band++) {
        int base = (i * channels + band) * height * width;
        for (int r = 0; r < height; r++) {
          for (int c = 0; c < width; c++) {
            int level = level(pixels[base + r * width + c]);
            for (int s = 0; s < scale; s++) {
              line[c * scale + s] = level;
            }
          }
          for (int s = 0; s < scale; s++) {
            raster.setSamples(x0, y0 + r * scale + s, (int) cellW, 1, band, line);
          }
        }
      }
    }
    return image;
  }

  /**
   * Renders the grid like {@link #render} and writes it as a PNG, creating parent directories;
   * the file appears whole or not at all.
   *
   * <pre>{@code ImageGrid.write(pixels, 64, 28, 28, 8, 2, Path.of("runs/mnist/grid.png"));}</pre>
   *
   * @throws IllegalArgumentException as {@link #render}
   * @throws IOException if the file cannot be written
   */
  public static void write(
      float[] pixels, int n, int height, int width, int cols, int scale, Path out)
      throws IOException {
    write(pixels, n, 1, height, width, cols, scale, out);
  }

  /** Renders {@code n} images of {@code channels} (1 or 3) like {@link #render} and writes a PNG. */
  public static void write(
      float[] pixels, int n, int channels, int height, int width, int cols, int scale, Path out)
      throws IOException {
    Objects.requireNonNull(out, "out");
    PngFiles.write(render(pixels, n, channels, height, width, cols, scale), out);
  }

  /** Maps [-1, 1] to 0..255. */
  static int level(float v) {
    if (Float.isNaN(v)) {
      return 128;
    }
    float clamped = Math.max(-1f, Math.min(1f, v));
    return Math.round((clamped + 1f) * 127.5f);
  }
}
