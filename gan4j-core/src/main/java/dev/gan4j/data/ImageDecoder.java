package dev.gan4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns one image file into a square of uint8 pixels for {@link ImageFolder}: decoded with ImageIO,
 * alpha composited over black, converted to grey or RGB, scaled so the shorter side fits, and
 * centre-cropped. Everything is integer or double arithmetic in a fixed order, so the same file
 * always gives the same bytes.
 *
 * <pre>{@code ImageDecoder.decodeInto(file, 64, 3, pixels, offset);}</pre>
 */
final class ImageDecoder {
  // A decoded source of this many pixels already takes half a gigabyte; larger ones are refused
  // from the header, before ImageIO allocates them.
  static final long MAX_SOURCE_PIXELS = 1L << 27;

  private ImageDecoder() {}

  /** An image file that cannot be used; the message is the reason, without the file name. */
  static final class BadImage extends Exception {
    private static final long serialVersionUID = 1L;

    BadImage(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Decodes {@code file} into {@code channels × size × size} bytes, channel-major, written to
   * {@code out} from {@code offset}.
   */
  static void decodeInto(Path file, int size, int channels, byte[] out, int offset)
      throws BadImage {
    BufferedImage image = read(file);
    region(image, planes(image, channels), 0, image.getWidth(), size, channels, out, offset);
  }

  /**
   * Decodes the left and right halves of {@code file} (the pix2pix datasets' side-by-side A|B
   * layout) as two images, each resized and centre-cropped like a whole one: the left half to
   * {@code out} from {@code offsetA}, the right one from {@code offsetB}. For an odd width the right
   * half has the extra column.
   */
  static void decodeHalvesInto(Path file, int size, int channels, byte[] out, int offsetA,
      int offsetB) throws BadImage {
    BufferedImage image = read(file);
    int w = image.getWidth();
    if (w < 2) {
      throw new BadImage("an image 1 pixel wide has no left and right halves");
    }
    byte[][] planes = planes(image, channels);
    region(image, planes, 0, w / 2, size, channels, out, offsetA);
    region(image, planes, w / 2, w - w / 2, size, channels, out, offsetB);
  }

  /**
   * Decodes two files as the two images of a pair, A to {@code out} from {@code offsetA}, B from
   * {@code offsetB}; the message of a failure names the file.
   *
   * @throws BadImage also when the two images differ in size (their crops would not line up)
   */
  static void decodePairInto(Path a, Path b, int size, int channels, byte[] out, int offsetA,
      int offsetB) throws BadImage {
    BufferedImage ia = readNamed(a);
    BufferedImage ib = readNamed(b);
    if (ia.getWidth() != ib.getWidth() || ia.getHeight() != ib.getHeight()) {
      throw new BadImage(a + " is " + ia.getWidth() + " x " + ia.getHeight() + " pixels but its"
          + " pair " + b + " is " + ib.getWidth() + " x " + ib.getHeight() + "; a pair's two"
          + " images must have the same size");
    }
    region(ia, planes(ia, channels), 0, ia.getWidth(), size, channels, out, offsetA);
    region(ib, planes(ib, channels), 0, ib.getWidth(), size, channels, out, offsetB);
  }

  private static BufferedImage readNamed(Path file) throws BadImage {
    try {
      return read(file);
    } catch (BadImage e) {
      throw new BadImage(file + ": " + e.getMessage());
    }
  }

  // Columns [x0, x0 + regionWidth) of the image, scaled so the shorter side is size and
  // centre-cropped to a square.
  private static void region(BufferedImage image, byte[][] planes, int x0, int regionWidth,
      int size, int channels, byte[] out, int offset) {
    int w = image.getWidth();
    int h = image.getHeight();
    int shorter = Math.min(regionWidth, h);
    double scale = (double) shorter / size;
    // The crop window is the centred shorter × shorter square; its offset may be half a pixel.
    Taps xs = shift(taps(regionWidth, (regionWidth - shorter) / 2.0, scale, size), x0);
    Taps ys = taps(h, (h - shorter) / 2.0, scale, size);
    int planeSize = size * size;
    byte[] square = new byte[planeSize];
    for (int c = 0; c < channels; c++) {
      // A grey source feeds every output channel and is resampled once.
      if (c < planes.length) {
        resample(planes[c], w, xs, ys, size, square);
      }
      System.arraycopy(square, 0, out, offset + c * planeSize, planeSize);
    }
  }

  // The same taps read dx columns further right.
  private static Taps shift(Taps t, int dx) {
    if (dx == 0) {
      return t;
    }
    int[] first = t.first().clone();
    for (int i = 0; i < first.length; i++) {
      first[i] += dx;
    }
    return new Taps(first, t.weights());
  }

  private static BufferedImage read(Path file) throws BadImage {
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (IOException e) {
      throw new BadImage("cannot read: " + e);
    }
    if (bytes == 0) {
      throw new BadImage("empty file (0 bytes)");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new BadImage("cannot open for reading");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new BadImage("not an image ImageIO can decode (" + bytes
            + " bytes, no PNG or JPEG signature)");
      }
      ImageReader reader = readers.next();
      try {
        // Warnings are how the JPEG reader reports a cut-off file: it fills the rest with grey.
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_SOURCE_PIXELS) {
          throw new BadImage(reader.getWidth(0) + " x " + reader.getHeight(0)
              + " pixels is more than the " + MAX_SOURCE_PIXELS + " gan4j decodes");
        }
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new BadImage("damaged " + reader.getFormatName() + " data: " + warnings.get(0));
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new BadImage("cannot decode: " + describe(e));
    } catch (RuntimeException e) {
      // Some decoders meet malformed data with unchecked exceptions instead of IIOException.
      throw new BadImage("cannot decode: " + e);
    }
  }

  private static String describe(Throwable e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e.getCause() == null ? text : text + " (" + e.getCause() + ")";
  }

  /**
   * The source at full resolution, alpha composited over black: one plane for grey sources and for
   * grey output, else red, green, blue. Grey sources are read from the raster rather than through
   * getRGB, whose colour conversion treats Java's grey as linear and brightens the mid-tones.
   */
  static byte[][] planes(BufferedImage image, int channels) {
    ColorModel cm = image.getColorModel();
    if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1
        && !(cm instanceof IndexColorModel)) {
      return new byte[][] {greyPlane(image)};
    }
    int w = image.getWidth();
    int h = image.getHeight();
    byte[][] planes = new byte[channels == 1 ? 1 : 3][w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int a = argb >>> 24;
        int r = over(argb >> 16 & 0xFF, a);
        int g = over(argb >> 8 & 0xFF, a);
        int b = over(argb & 0xFF, a);
        int i = y * w + x;
        if (channels == 1) {
          // ITU-R 601 luma, rounded half up, as Pillow's convert("L") computes it.
          planes[0][i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        } else {
          planes[0][i] = (byte) r;
          planes[1][i] = (byte) g;
          planes[2][i] = (byte) b;
        }
      }
    }
    return planes;
  }

  private static byte[] greyPlane(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    int greyMax = (1 << cm.getComponentSize(0)) - 1;
    boolean alpha = cm.hasAlpha() && !cm.isAlphaPremultiplied();
    int alphaMax = alpha ? (1 << cm.getComponentSize(1)) - 1 : 1;
    byte[] plane = new byte[w * h];
    int[] grey = new int[w];
    int[] opacity = new int[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, grey);
      if (alpha) {
        raster.getSamples(0, y, w, 1, 1, opacity);
      }
      for (int x = 0; x < w; x++) {
        int v = to8Bits(grey[x], greyMax);
        plane[y * w + x] = (byte) (alpha ? over(v, to8Bits(opacity[x], alphaMax)) : v);
      }
    }
    return plane;
  }

  // Rounds v / max * 255 to the nearest integer; exact for 8-bit samples.
  private static int to8Bits(int v, int max) {
    return (int) ((v * 510L + max) / (2L * max));
  }

  // Composites colour c of opacity a (both 0..255) over black.
  private static int over(int c, int a) {
    return (c * a + 127) / 255;
  }

  /** Per output index along one axis: the first source index it reads, and the weights from it. */
  record Taps(int[] first, double[][] weights) {}

  /**
   * Antialiased bilinear weights, as Pillow's resize computes them: a triangle filter centred on
   * each output pixel's position in the source, widened by the shrink factor when shrinking so that
   * every source pixel contributes (plain bilinear when enlarging). Weights falling outside the
   * source are dropped and the rest renormalised, so a uniform image stays exactly uniform.
   */
  static Taps taps(int sourceLength, double offset, double scale, int outLength) {
    double support = Math.max(scale, 1.0);
    int[] first = new int[outLength];
    double[][] weights = new double[outLength][];
    for (int o = 0; o < outLength; o++) {
      double centre = offset + (o + 0.5) * scale;
      int lo = Math.max(0, (int) Math.floor(centre - support));
      int hi = Math.min(sourceLength, (int) Math.ceil(centre + support));
      double[] w = new double[hi - lo];
      double sum = 0;
      for (int k = lo; k < hi; k++) {
        w[k - lo] = Math.max(0, 1 - Math.abs((k + 0.5 - centre) / support));
        sum += w[k - lo];
      }
      // The nearest source pixel is within half a pixel of the centre, so sum >= 0.5.
      for (int k = 0; k < w.length; k++) {
        w[k] /= sum;
      }
      first[o] = lo;
      weights[o] = w;
    }
    return new Taps(first, weights);
  }

  // Separable resampling: rows first (only those the vertical taps read), then columns.
  private static void resample(byte[] plane, int w, Taps xs, Taps ys, int size, byte[] out) {
    int yLo = ys.first()[0];
    int yHi = ys.first()[size - 1] + ys.weights()[size - 1].length;
    double[] rows = new double[(yHi - yLo) * size];
    for (int y = yLo; y < yHi; y++) {
      int src = y * w;
      int dst = (y - yLo) * size;
      for (int ox = 0; ox < size; ox++) {
        double[] wx = xs.weights()[ox];
        int x0 = src + xs.first()[ox];
        double v = 0;
        for (int k = 0; k < wx.length; k++) {
          v += wx[k] * (plane[x0 + k] & 0xFF);
        }
        rows[dst + ox] = v;
      }
    }
    for (int oy = 0; oy < size; oy++) {
      double[] wy = ys.weights()[oy];
      int r0 = ys.first()[oy] - yLo;
      for (int ox = 0; ox < size; ox++) {
        double v = 0;
        for (int k = 0; k < wy.length; k++) {
          v += wy[k] * rows[(r0 + k) * size + ox];
        }
        out[oy * size + ox] = (byte) Math.max(0, Math.min(255, (int) Math.floor(v + 0.5)));
      }
    }
  }
}
