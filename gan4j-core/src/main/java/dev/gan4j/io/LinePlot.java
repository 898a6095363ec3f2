package dev.gan4j.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Draws curves in panels stacked top to bottom, one picture, all panels over the same x range (the
 * training step) so a spike in one lines up with the others. The typical use is {@code
 * losses.png}: a "loss" panel with loss_d and loss_g over a "discriminator output" panel with D(x)
 * and D(G(z)).
 *
 * <pre>{@code
 * LinePlot.write(List.of(
 *     new LinePlot.Panel("loss", List.of(
 *         new LinePlot.Series("loss_d", steps, lossD),
 *         new LinePlot.Series("loss_g", steps, lossG))),
 *     new LinePlot.Panel("discriminator output", List.of(
 *         new LinePlot.Series("D(x)", steps, dReal),
 *         new LinePlot.Series("D(G(z))", steps, dFake)))),
 *     800, 260, runDir.resolve("losses.png"));
 * }</pre>
 */
public final class LinePlot {
  /** Smallest accepted width and panel height; below that the labels leave no room for curves. */
  static final int MIN_SIZE = 64;

  /** Largest accepted width. */
  static final int MAX_WIDTH = 8192;

  private static final int GAP = 6;
  private static final int RIGHT = 16;
  private static final float LINE_WIDTH = 1.5f;
  private static final int SWATCH = 16;

  /**
   * One named curve: the points {@code (x[i], y[i])}, joined in order. A point with a NaN or
   * infinite coordinate is not drawn and breaks the curve there. The arrays are not copied; do not
   * change them while a render runs.
   *
   * <pre>{@code new LinePlot.Series("loss_d", new double[] {0, 1}, new double[] {1.4, 1.2})}</pre>
   *
   * @param name legend label
   * @param x x coordinates
   * @param y y coordinates, as many as {@code x}
   */
  public record Series(String name, double[] x, double[] y) {
    /**
     * Checks the arguments.
     *
     * @throws IllegalArgumentException if {@code x} and {@code y} differ in length
     */
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(x, "x");
      Objects.requireNonNull(y, "y");
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "series '"
                + name
                + "': x and y must have the same length, got x.length = "
                + x.length
                + " and y.length = "
                + y.length);
      }
    }
  }

  /**
   * One panel: a title and the series drawn in it, each in its own colour.
   *
   * <pre>{@code new LinePlot.Panel("loss", List.of(lossD, lossG))}</pre>
   *
   * @param title text above the panel; {@code null} means none
   * @param series curves of the panel, possibly none (the panel then says "no data")
   */
  public record Panel(String title, List<Series> series) {
    /** Replaces a {@code null} title by "" and copies {@code series}, which must not hold nulls. */
    public Panel {
      title = title == null ? "" : title;
      series = List.copyOf(Objects.requireNonNull(series, "series"));
    }
  }

  private LinePlot() {}

  /**
   * Renders the panels, each {@code panelHeight} pixels high, with y axes fitted per panel and one
   * x range for all. A flat series or a single point gets a small range around its value rather
   * than a division by zero. The legend gives each series' last finite value.
   *
   * <pre>{@code BufferedImage png = LinePlot.render(List.of(lossPanel, dPanel), 800, 260);}</pre>
   *
   * @param panels panels from top to bottom, at least one
   * @param width picture width in pixels, 64 to 8192
   * @param panelHeight height of each panel in pixels, at least 64
   * @return an RGB picture of {@code width x (panels.size() * panelHeight)} pixels
   * @throws IllegalArgumentException if {@code panels} is empty or a size is out of range
   */
  public static BufferedImage render(List<Panel> panels, int width, int panelHeight) {
    Objects.requireNonNull(panels, "panels");
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("panels must not be empty");
    }
    for (int i = 0; i < panels.size(); i++) {
      if (panels.get(i) == null) {
        throw new IllegalArgumentException("panels[" + i + "] is null");
      }
    }
    if (width < MIN_SIZE || width > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "width must be in [" + MIN_SIZE + ", " + MAX_WIDTH + "], got " + width);
    }
    if (panelHeight < MIN_SIZE) {
      throw new IllegalArgumentException(
          "panelHeight must be >= " + MIN_SIZE + ", got " + panelHeight);
    }
    long height = (long) panels.size() * panelHeight;
    if (height > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "panels.size() * panelHeight = " + height + " pixels is too high");
    }
    BufferedImage image = PngFiles.canvas(width, (int) height);
    Graphics2D g = PngFiles.graphics(image);
    try {
      draw(g, panels, width, panelHeight);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Renders the panels like {@link #render} and writes them as a PNG, creating parent
   * directories; the file appears whole or not at all.
   *
   * <pre>{@code LinePlot.write(panels, 800, 260, runDir.resolve("losses.png"));}</pre>
   *
   * @throws IllegalArgumentException as {@link #render}
   * @throws IOException if the file cannot be written
   */
  public static void write(List<Panel> panels, int width, int panelHeight, Path out)
      throws IOException {
    Objects.requireNonNull(out, "out");
    PngFiles.write(render(panels, width, panelHeight), out);
  }

  private static void draw(Graphics2D g, List<Panel> panels, int width, int panelHeight) {
    FontMetrics fm = g.getFontMetrics(PngFiles.FONT);
    FontMetrics titleFm = g.getFontMetrics(PngFiles.TITLE_FONT);
    int header = GAP + titleFm.getHeight() + 4;
    int footer = PngFiles.TICK + 2 + fm.getHeight() + GAP;
    int plotH = Math.max(8, panelHeight - header - footer);

    // y ranges first: they fix the y labels, whose widest sets the left margin shared by all
    // panels so their x axes line up.
    int count = panels.size();
    double[][] yRanges = new double[count][];
    double[] ySteps = new double[count];
    double[][] yTicks = new double[count][];
    int labelW = 0;
    for (int p = 0; p < count; p++) {
      double[] r = range(panels.get(p), false);
      yRanges[p] = r == null ? new double[] {0, 1} : padY(r[0], r[1]);
      ySteps[p] = PngFiles.niceStep(yRanges[p][1] - yRanges[p][0], Math.max(3, plotH / 40));
      yTicks[p] = PngFiles.ticks(yRanges[p][0], yRanges[p][1], ySteps[p]);
      for (double y : yTicks[p]) {
        labelW = Math.max(labelW, fm.stringWidth(PngFiles.tickLabel(y, ySteps[p])));
      }
    }
    int left = Math.max(30, labelW + PngFiles.TICK + 3 + GAP);
    int plotW = Math.max(8, width - left - RIGHT);

    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    for (Panel panel : panels) {
      double[] r = range(panel, true);
      if (r != null) {
        xMin = Math.min(xMin, r[0]);
        xMax = Math.max(xMax, r[1]);
      }
    }
    if (xMin > xMax) {
      xMin = 0;
      xMax = 1;
    } else if (xMin == xMax) {
      double half = xMin == 0 ? 1 : Math.abs(xMin) * 0.1;
      xMin -= half;
      xMax += half;
    }
    double xStep = PngFiles.niceStep(xMax - xMin, Math.max(3, plotW / 80));
    double[] xTicks = PngFiles.ticks(xMin, xMax, xStep);

    for (int p = 0; p < count; p++) {
      int top = p * panelHeight + header;
      PngFiles.Axes axes =
          new PngFiles.Axes(
              left, top, plotW, plotH, xMin, xMax, yRanges[p][0], yRanges[p][1]);
      drawPanel(
          g, panels.get(p), axes, p * panelHeight, width, xTicks, xStep, yTicks[p], ySteps[p]);
    }
  }

  private static void drawPanel(
      Graphics2D g,
      Panel panel,
      PngFiles.Axes axes,
      int panelTop,
      int width,
      double[] xTicks,
      double xStep,
      double[] yTicks,
      double yStep) {
    FontMetrics fm = g.getFontMetrics(PngFiles.FONT);
    FontMetrics titleFm = g.getFontMetrics(PngFiles.TITLE_FONT);
    axes.drawGrid(g, xTicks, yTicks);

    g.setClip(axes.left + 1, axes.top + 1, axes.width - 1, axes.height - 1);
    boolean any = false;
    List<Series> series = panel.series();
    for (int i = 0; i < series.size(); i++) {
      any |= drawSeries(g, axes, series.get(i), colour(i));
    }
    g.setClip(null);
    axes.drawFrame(g, width, xTicks, xStep, yTicks, yStep);

    if (!any) {
      String empty = "no data";
      g.setFont(PngFiles.FONT);
      g.setColor(PngFiles.MUTED_TEXT);
      g.drawString(
          empty,
          axes.left + (axes.width - fm.stringWidth(empty)) / 2,
          axes.top + (axes.height + fm.getAscent()) / 2);
    }

    int baseline = panelTop + GAP + titleFm.getAscent();
    String[] labels = new String[series.size()];
    int legendW = 0;
    for (int i = 0; i < labels.length; i++) {
      labels[i] = legendLabel(series.get(i));
      legendW += SWATCH + 4 + fm.stringWidth(labels[i]) + (i > 0 ? 14 : 0);
    }
    String title = PngFiles.fit(panel.title(), titleFm, width - axes.left - GAP);
    g.setFont(PngFiles.TITLE_FONT);
    g.setColor(PngFiles.TEXT);
    g.drawString(title, axes.left, baseline);
    if (labels.length == 0) {
      return;
    }
    int titleEnd = axes.left + titleFm.stringWidth(title);
    int x = axes.left + axes.width - legendW;
    if (x >= titleEnd + 20 || title.isEmpty() && x >= axes.left) {
      drawLegend(g, fm, labels, x, baseline);
    } else {
      // No room beside the title: a boxed legend inside the plot's top-right corner instead.
      legendW = Math.min(legendW, axes.width - 8);
      int boxH = fm.getHeight() + 4;
      g.setColor(new Color(255, 255, 255, 220));
      g.fillRect(axes.left + axes.width - legendW - 8, axes.top + 3, legendW + 5, boxH);
      drawLegend(
          g, fm, labels, axes.left + axes.width - legendW - 5, axes.top + 5 + fm.getAscent());
    }
  }

  private static void drawLegend(
      Graphics2D g, FontMetrics fm, String[] labels, int x, int baseline) {
    g.setFont(PngFiles.FONT);
    int mid = baseline - (fm.getAscent() - fm.getDescent()) / 2;
    for (int i = 0; i < labels.length; i++) {
      g.setColor(colour(i));
      g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(x, mid, x + SWATCH, mid));
      x += SWATCH + 4;
      g.setColor(PngFiles.TEXT);
      g.drawString(labels[i], x, baseline);
      x += fm.stringWidth(labels[i]) + 14;
    }
  }

  /** "loss_d = 0.693": the last value is what one checks first while training runs. */
  private static String legendLabel(Series s) {
    for (int i = s.y().length - 1; i >= 0; i--) {
      if (PngFiles.finite(s.x()[i], s.y()[i])) {
        return s.name() + " = " + PngFiles.valueLabel(s.y()[i]);
      }
    }
    return s.name() + " (no data)";
  }

  static Color colour(int index) {
    return PngFiles.PALETTE[index % PngFiles.PALETTE.length];
  }

  /**
   * Draws the finite runs of {@code s}; a run of one point becomes a dot so it stays visible.
   * Returns whether anything was drawn.
   */
  private static boolean drawSeries(Graphics2D g, PngFiles.Axes axes, Series s, Color colour) {
    double[] x = s.x();
    double[] y = s.y();
    Path2D.Double path = new Path2D.Double();
    g.setColor(colour);
    boolean any = false;
    int start = -1;
    for (int i = 0; i <= x.length; i++) {
      boolean ok = i < x.length && PngFiles.finite(x[i], y[i]);
      if (ok && start < 0) {
        start = i;
      } else if (!ok && start >= 0) {
        any = true;
        if (i - start == 1) {
          double r = LINE_WIDTH + 0.5;
          g.fill(
              new Ellipse2D.Double(axes.px(x[start]) - r, axes.py(y[start]) - r, 2 * r, 2 * r));
        } else {
          addRun(path, axes, x, y, start, i);
        }
        start = -1;
      }
    }
    g.setStroke(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path);
    return any;
  }

  /**
   * Adds points {@code from..to-1} to {@code path}. A long run with increasing x (the usual loss
   * curve, one point per step) keeps per pixel column only its first, lowest, highest and last
   * points: the drawn picture is the same, and stroking a million segments would take seconds.
   */
  private static void addRun(
      Path2D.Double path, PngFiles.Axes axes, double[] x, double[] y, int from, int to) {
    boolean sorted = true;
    for (int i = from + 1; i < to && sorted; i++) {
      sorted = x[i] >= x[i - 1];
    }
    if (!sorted || to - from <= 4 * axes.width) {
      path.moveTo(axes.px(x[from]), axes.py(y[from]));
      for (int i = from + 1; i < to; i++) {
        path.lineTo(axes.px(x[i]), axes.py(y[i]));
      }
      return;
    }
    boolean first = true;
    int i = from;
    while (i < to) {
      long column = (long) Math.floor(axes.px(x[i]));
      int lo = i;
      int hi = i;
      int j = i + 1;
      while (j < to && (long) Math.floor(axes.px(x[j])) == column) {
        if (y[j] < y[lo]) {
          lo = j;
        }
        if (y[j] > y[hi]) {
          hi = j;
        }
        j++;
      }
      int[] keep = {i, lo, hi, j - 1};
      Arrays.sort(keep);
      int previous = -1;
      for (int k : keep) {
        if (k == previous) {
          continue;
        }
        previous = k;
        if (first) {
          path.moveTo(axes.px(x[k]), axes.py(y[k]));
          first = false;
        } else {
          path.lineTo(axes.px(x[k]), axes.py(y[k]));
        }
      }
      i = j;
    }
  }

  /** {min, max} of the finite points' x (or y) in {@code panel}; null if it has none. */
  private static double[] range(Panel panel, boolean ofX) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : panel.series()) {
      double[] v = ofX ? s.x() : s.y();
      for (int i = 0; i < v.length; i++) {
        if (PngFiles.finite(s.x()[i], s.y()[i])) {
          min = Math.min(min, v[i]);
          max = Math.max(max, v[i]);
        }
      }
    }
    return min > max ? null : new double[] {min, max};
  }

  /** Adds 5% headroom above and below; a flat range gets a band around its value. */
  private static double[] padY(double min, double max) {
    if (!Double.isFinite(max - min)) {
      return new double[] {min, max}; // values near Double.MAX_VALUE: no room for padding
    }
    if (min == max) {
      double half = min == 0 ? 1 : Math.abs(min) * 0.1;
      return new double[] {min - half, max + half};
    }
    double pad = (max - min) * 0.05;
    return new double[] {min - pad, max + pad};
  }
}
