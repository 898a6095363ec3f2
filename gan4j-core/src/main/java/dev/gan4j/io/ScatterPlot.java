package dev.gan4j.io;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Draws real and generated 2-D points on one square picture, for toy data sets (rings of
 * Gaussians, spirals) where "does the generator cover every mode?" is answered by looking. Real
 * points are grey and drawn first, generated points are red on top; both axes use the same scale
 * so circles stay round.
 *
 * <pre>{@code ScatterPlot.write(real, fake, 512, "step 5000", runDir.resolve("xy.png"));}</pre>
 */
public final class ScatterPlot {
  /** Translucent, so dense regions of the real distribution show darker. */
  static final Color REAL = new Color(110, 110, 110, 120);

  /** Opaque, so every generated point is visible on top of the real ones. */
  static final Color FAKE = PngFiles.PALETTE[3];

  /** Smallest accepted picture; below that the axes leave no room for points. */
  static final int MIN_SIZE = 64;

  /** Largest accepted picture side. */
  static final int MAX_SIZE = 8192;

  private static final int RIGHT = 14;
  private static final int GAP = 6;

  private ScatterPlot() {}

  /**
   * Renders the points. Bounds are the union of both sets' bounding boxes, padded by 10% of its
   * extent on each side, then widened along one axis so x and y share one scale. Points with a NaN
   * or infinite coordinate are skipped (the legend counts them). The legend reads "real (n)" and
   * "generated (n)".
   *
   * <pre>{@code BufferedImage png = ScatterPlot.render(real, fake, 512, "epoch 3");}</pre>
   *
   * @param real interleaved coordinates {@code x0, y0, x1, y1, ...} of real samples; may be empty
   * @param fake interleaved coordinates of generated samples; may be empty
   * @param size width and height of the picture in pixels, 64 to 8192
   * @param title text above the plot, or {@code null} / blank for none
   * @return an RGB picture of {@code size x size} pixels
   * @throws IllegalArgumentException if an array has odd length or {@code size} is out of range
   */
  public static BufferedImage render(float[] real, float[] fake, int size, String title) {
    checkPoints(real, "real");
    checkPoints(fake, "fake");
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be in [" + MIN_SIZE + ", " + MAX_SIZE + "], got " + size);
    }
    BufferedImage image = PngFiles.canvas(size, size);
    Graphics2D g = PngFiles.graphics(image);
    try {
      draw(g, real, fake, size, title);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Renders the points like {@link #render} and writes them as a PNG, creating parent
   * directories; the file appears whole or not at all.
   *
   * <pre>{@code ScatterPlot.write(real, fake, 512, null, Path.of("runs/ring/scatter.png"));}</pre>
   *
   * @throws IllegalArgumentException as {@link #render}
   * @throws IOException if the file cannot be written
   */
  public static void write(float[] real, float[] fake, int size, String title, Path out)
      throws IOException {
    Objects.requireNonNull(out, "out");
    PngFiles.write(render(real, fake, size, title), out);
  }

  private static void draw(Graphics2D g, float[] real, float[] fake, int size, String title) {
    FontMetrics fm = g.getFontMetrics(PngFiles.FONT);
    FontMetrics titleFm = g.getFontMetrics(PngFiles.TITLE_FONT);
    boolean hasTitle = title != null && !title.isBlank();
    // Thumbnails get no legend row: it would leave no room for the points.
    boolean hasLegend = size >= 128;

    int top = hasTitle ? GAP + titleFm.getHeight() + GAP : 2 * GAP;
    int bottom = PngFiles.TICK + 2 + fm.getHeight() + GAP;
    if (hasLegend) {
      bottom += fm.getHeight() + GAP;
    }
    int plotH = Math.max(8, size - top - bottom);

    double[] box = boundingBox(real, fake);
    double cx = (box[0] + box[1]) / 2;
    double cy = (box[2] + box[3]) / 2;
    double spanX = box[1] - box[0];
    double spanY = box[3] - box[2];
    if (spanX == 0 && spanY == 0) {
      double m = Math.max(Math.abs(cx), Math.abs(cy));
      spanX = spanY = m > 0 ? m * 0.2 : 2;
    } else if (spanX == 0) {
      spanX = spanY;
    } else if (spanY == 0) {
      spanY = spanX;
    }
    spanX *= 1.2;
    spanY *= 1.2;

    // The left margin depends on the y labels, which depend on the scale, which depends on the
    // margin; a few rounds settle it.
    int left = 40;
    PngFiles.Axes axes = null;
    double step = 1;
    double[] xTicks = {};
    double[] yTicks = {};
    for (int round = 0; round < 3; round++) {
      int plotW = Math.max(8, size - left - RIGHT);
      double unitsPerPixel = Math.max(spanX / plotW, spanY / plotH);
      double halfX = plotW * unitsPerPixel / 2;
      double halfY = plotH * unitsPerPixel / 2;
      axes =
          new PngFiles.Axes(
              left, top, plotW, plotH, cx - halfX, cx + halfX, cy - halfY, cy + halfY);
      // One step for both axes: with equal scales, equal tick spacing makes that visible.
      step = PngFiles.niceStep(2 * halfX, Math.max(3, plotW / 70));
      xTicks = PngFiles.ticks(axes.xMin, axes.xMax, step);
      yTicks = PngFiles.ticks(axes.yMin, axes.yMax, step);
      int labelW = 0;
      for (double y : yTicks) {
        labelW = Math.max(labelW, fm.stringWidth(PngFiles.tickLabel(y, step)));
      }
      int needed = Math.max(24, labelW + PngFiles.TICK + 3 + GAP);
      if (needed == left) {
        break;
      }
      left = needed;
    }

    axes.drawGrid(g, xTicks, yTicks);
    g.setClip(axes.left + 1, axes.top + 1, axes.width - 1, axes.height - 1);
    double radius = Math.max(2.0, size / 256.0);
    int realDrawn = drawPoints(g, axes, real, REAL, radius);
    int fakeDrawn = drawPoints(g, axes, fake, FAKE, radius);
    g.setClip(null);
    axes.drawFrame(g, size, xTicks, step, yTicks, step);

    if (realDrawn + fakeDrawn == 0) {
      String empty = "no points";
      g.setColor(PngFiles.MUTED_TEXT);
      g.setFont(PngFiles.FONT);
      g.drawString(
          empty,
          axes.left + (axes.width - fm.stringWidth(empty)) / 2,
          axes.top + (axes.height + fm.getAscent()) / 2);
    }
    if (hasTitle) {
      g.setFont(PngFiles.TITLE_FONT);
      g.setColor(PngFiles.TEXT);
      String t = PngFiles.fit(title.strip(), titleFm, size - 2 * GAP);
      g.drawString(t, (size - titleFm.stringWidth(t)) / 2, GAP + titleFm.getAscent());
    }
    if (hasLegend) {
      drawLegend(
          g,
          fm,
          size,
          size - GAP - fm.getDescent(),
          new String[] {
            legendLabel("real", real.length / 2, realDrawn),
            legendLabel("generated", fake.length / 2, fakeDrawn)
          },
          new Color[] {REAL, FAKE});
    }
  }

  private static String legendLabel(String name, int given, int drawn) {
    int skipped = given - drawn;
    return skipped == 0
        ? name + " (" + given + ")"
        : name + " (" + drawn + " + " + skipped + " not finite)";
  }

  /** One centred row: a dot in the series colour, then its label. */
  private static void drawLegend(
      Graphics2D g, FontMetrics fm, int size, int baseline, String[] labels, Color[] colours) {
    int dot = 8;
    int spacing = 18;
    int total = 0;
    for (String label : labels) {
      total += dot + 4 + fm.stringWidth(label);
    }
    total += spacing * (labels.length - 1);
    int x = Math.max(GAP, (size - total) / 2);
    g.setFont(PngFiles.FONT);
    for (int i = 0; i < labels.length; i++) {
      int cy = baseline - (fm.getAscent() - fm.getDescent()) / 2;
      g.setColor(colours[i]);
      g.fill(new Ellipse2D.Double(x, cy - dot / 2.0, dot, dot));
      x += dot + 4;
      g.setColor(PngFiles.TEXT);
      g.drawString(labels[i], x, baseline);
      x += fm.stringWidth(labels[i]) + spacing;
    }
  }

  /** Draws the finite points of {@code xy}; returns how many. */
  private static int drawPoints(
      Graphics2D g, PngFiles.Axes axes, float[] xy, Color colour, double radius) {
    g.setColor(colour);
    Ellipse2D.Double dot = new Ellipse2D.Double();
    int drawn = 0;
    for (int i = 0; i < xy.length; i += 2) {
      if (!PngFiles.finite(xy[i], xy[i + 1])) {
        continue;
      }
      dot.setFrame(axes.px(xy[i]) - radius, axes.py(xy[i + 1]) - radius, 2 * radius, 2 * radius);
      g.fill(dot);
      drawn++;
    }
    return drawn;
  }

  /** {minX, maxX, minY, maxY} of the finite points of both arrays; a box around 0 if none. */
  private static double[] boundingBox(float[] a, float[] b) {
    double[] box = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (float[] xy : new float[][] {a, b}) {
      for (int i = 0; i < xy.length; i += 2) {
        if (PngFiles.finite(xy[i], xy[i + 1])) {
          box[0] = Math.min(box[0], xy[i]);
          box[1] = Math.max(box[1], xy[i]);
          box[2] = Math.min(box[2], xy[i + 1]);
          box[3] = Math.max(box[3], xy[i + 1]);
        }
      }
    }
    if (box[0] > box[1]) {
      return new double[] {-1, 1, -1, 1};
    }
    return box;
  }

  private static void checkPoints(float[] xy, String name) {
    Objects.requireNonNull(xy, name);
    if (xy.length % 2 != 0) {
      throw new IllegalArgumentException(
          name + " must hold (x, y) pairs, so an even number of values; got " + xy.length);
    }
  }
}
