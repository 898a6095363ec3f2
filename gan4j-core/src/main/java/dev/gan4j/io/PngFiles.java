package dev.gan4j.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * Writes PNG files atomically, so that a reader (a browser refreshing a run directory, a second
 * process) never sees a half-written picture. Also holds the drawing conventions that {@link
 * ScatterPlot} and {@link LinePlot} share: colours, fonts, tick placement and tick labels.
 *
 * <pre>{@code PngFiles.write(image, runDir.resolve("samples/step-001000.png"));}</pre>
 */
public final class PngFiles {
  static final Color BACKGROUND = Color.WHITE;
  static final Color TEXT = new Color(40, 40, 40);
  static final Color AXIS = new Color(90, 90, 90);
  static final Color GRID = new Color(235, 235, 235);
  static final Color MUTED_TEXT = new Color(140, 140, 140);

  /** Matplotlib's "tab10" colours: distinct from each other and readable on white. */
  static final Color[] PALETTE = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127),
    new Color(188, 189, 34),
    new Color(23, 190, 207),
  };

  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

  /** Length of the tick marks outside the plot frame, in pixels. */
  static final int TICK = 4;

  /**
   * Largest picture the plots agree to draw: keeps a typo in a size from allocating gigabytes, and
   * keeps width * height inside an int for BufferedImage.
   */
  static final long MAX_PIXELS = 1L << 28;

  private PngFiles() {}

  /**
   * Writes {@code image} as a PNG to {@code out}: creates the parent directories, writes a
   * temporary file next to {@code out}, then moves it over {@code out} (atomically where the file
   * system allows). On failure the temporary file is deleted and {@code out} is left as it was.
   *
   * <pre>{@code PngFiles.write(ImageGrid.render(pixels, 64, 28, 28, 8, 2), out);}</pre>
   *
   * @throws IOException if the directory cannot be created or the file cannot be written
   */
  public static void write(RenderedImage image, Path out) throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(out, "out");
    Path target = out.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || target.getFileName() == null) {
      throw new IllegalArgumentException("out must name a file, got " + out);
    }
    Files.createDirectories(dir);
    // Same directory so the final move is a rename on one file system. Not Files.createTempFile:
    // that makes the file owner-only (0600) on POSIX, and the PNG would keep those permissions.
    // Named .writing-*.tmp like every other temporary file, so a run's next session removes one a
    // kill left behind (RunLock.removeDebris).
    Path tmp =
        dir.resolve(
            ".writing-"
                + target.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    try {
      try (OutputStream os =
          new BufferedOutputStream(
              Files.newOutputStream(
                  tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        // A memory cache, not ImageIO's default file cache in java.io.tmpdir: that one leaves a
        // stream whose close fails in a shutdown hook when the disk is full.
        try (javax.imageio.stream.ImageOutputStream ios =
            new javax.imageio.stream.MemoryCacheImageOutputStream(os)) {
          if (!ImageIO.write(image, "png", ios)) {
            throw new IOException("no PNG writer accepts this image (" + image.getClass() + ")");
          }
        }
      }
      try {
        AtomicFiles.moveIntoPlace(tmp, target);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A white RGB canvas with antialiasing on, the way every plot starts. */
  static BufferedImage canvas(int width, int height) {
    if ((long) width * height > MAX_PIXELS) {
      throw new IllegalArgumentException(
          "picture too large: " + width + " x " + height + " pixels (at most " + MAX_PIXELS + ")");
    }
    return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
  }

  /** Graphics for {@code image} with antialiasing on and the background painted. */
  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(FONT);
    return g;
  }

  /**
   * A "nice" distance between ticks (1, 2 or 5 times a power of ten) giving about {@code target}
   * ticks over {@code range}.
   */
  static double niceStep(double range, int target) {
    double raw = range / Math.max(1, target);
    if (!(raw > 0) || Double.isInfinite(raw)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nice * magnitude;
  }

  /** Multiples of {@code step} inside [min, max]. */
  static double[] ticks(double min, double max, double step) {
    double first = Math.ceil(min / step - 1e-9);
    double last = Math.floor(max / step + 1e-9);
    int count = (int) Math.max(0, Math.min(100, last - first + 1));
    double[] ticks = new double[count];
    for (int i = 0; i < count; i++) {
      ticks[i] = (first + i) * step;
    }
    return ticks;
  }

  /**
   * A tick label with as many decimals as {@code step} needs, so neighbouring labels differ and
   * carry no float noise ("0.30000000000000004"); scientific notation for very large or small
   * values.
   */
  static String tickLabel(double value, double step) {
    if (Math.abs(value) < step * 1e-6) {
      return "0"; // also avoids "-0"
    }
    double abs = Math.abs(value);
    if (abs >= 1e6 || step < 1e-4) {
      int digits = (int) (Math.floor(Math.log10(abs)) - Math.floor(Math.log10(step)));
      digits = Math.max(0, Math.min(6, digits));
      String s = String.format(Locale.ROOT, "%." + digits + "e", value);
      return cleanScientific(s);
    }
    int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** A value to read rather than to place, to three significant digits: "0.693", "1.25e+06". */
  static String valueLabel(double value) {
    if (value == 0) {
      return "0";
    }
    double abs = Math.abs(value);
    if (abs >= 1e-3 && abs < 1e6) {
      return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
    return cleanScientific(String.format(Locale.ROOT, "%.2e", value));
  }

  /** "1.50e+06" -> "1.5e6", "2.00e-05" -> "2e-5". */
  private static String cleanScientific(String s) {
    int e = s.indexOf('e');
    String mantissa = s.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    int exponent = Integer.parseInt(s.substring(e + 1).replace("+", ""));
    return mantissa + "e" + exponent;
  }

  /** {@code text} shortened with an ellipsis so it is at most {@code maxWidth} pixels wide. */
  static String fit(String text, FontMetrics fm, int maxWidth) {
    if (fm.stringWidth(text) <= maxWidth) {
      return text;
    }
    String ellipsis = "\u2026";
    int end = text.length();
    while (end > 0 && fm.stringWidth(text.substring(0, end) + ellipsis) > maxWidth) {
      end--;
    }
    return end == 0 ? "" : text.substring(0, end) + ellipsis;
  }

  /** True when both coordinates can be drawn. */
  static boolean finite(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y);
  }

  /**
   * A rectangle of pixels showing the data rectangle [xMin, xMax] x [yMin, yMax], y growing
   * upwards; draws its own grid, frame, ticks and tick labels.
   */
  static final class Axes {
    final int left;
    final int top;
    final int width;
    final int height;
    final double xMin;
    final double xMax;
    final double yMin;
    final double yMax;

    Axes(
        int left,
        int top,
        int width,
        int height,
        double xMin,
        double xMax,
        double yMin,
        double yMax) {
      this.left = left;
      this.top = top;
      this.width = width;
      this.height = height;
      this.xMin = xMin;
      this.xMax = xMax;
      this.yMin = yMin;
      this.yMax = yMax;
    }

    double px(double x) {
      return left + (x - xMin) / (xMax - xMin) * width;
    }

    double py(double y) {
      return top + height - (y - yMin) / (yMax - yMin) * height;
    }

    /** Light grid lines at the ticks; drawn before the data so the data stays on top. */
    void drawGrid(Graphics2D g, double[] xTicks, double[] yTicks) {
      g.setColor(GRID);
      g.setStroke(new BasicStroke(1f));
      for (double x : xTicks) {
        double p = Math.round(px(x)) + 0.5;
        g.draw(new Line2D.Double(p, top, p, top + height));
      }
      for (double y : yTicks) {
        double p = Math.round(py(y)) + 0.5;
        g.draw(new Line2D.Double(left, p, left + width, p));
      }
    }

    /**
     * Frame, tick marks and tick labels; drawn after the data so nothing hides them. Labels stay
     * inside [0, imageWidth).
     */
    void drawFrame(
        Graphics2D g,
        int imageWidth,
        double[] xTicks,
        double xStep,
        double[] yTicks,
        double yStep) {
      Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
      // Crisp one-pixel lines: antialiased horizontal lines smear over two rows. Text keeps its
      // own antialiasing hint, which graphics() turned on explicitly.
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setStroke(new BasicStroke(1f));
      g.setFont(FONT);
      FontMetrics fm = g.getFontMetrics();
      for (double x : xTicks) {
        int p = (int) Math.round(px(x));
        g.setColor(AXIS);
        g.drawLine(p, top + height, p, top + height + TICK);
        String label = tickLabel(x, xStep);
        int w = fm.stringWidth(label);
        // Keep the first and last labels whole rather than cut by the picture's edge.
        int lx = Math.max(0, Math.min(p - w / 2, imageWidth - w - 1));
        g.setColor(TEXT);
        g.drawString(label, lx, top + height + TICK + 2 + fm.getAscent());
      }
      for (double y : yTicks) {
        int p = (int) Math.round(py(y));
        g.setColor(AXIS);
        g.drawLine(left - TICK, p, left, p);
        String label = tickLabel(y, yStep);
        g.setColor(TEXT);
        g.drawString(
            label,
            left - TICK - 3 - fm.stringWidth(label),
            p + (fm.getAscent() - fm.getDescent()) / 2);
      }
      g.setColor(AXIS);
      g.drawRect(left, top, width, height);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }
  }
}
