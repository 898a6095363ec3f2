package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.io.LinePlot.Panel;
import dev.gan4j.io.LinePlot.Series;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  private static final int WIDTH = 640;
  private static final int PANEL = 200;

  /**
   * Rows above this hold the panel title and legend; below it is the plot area (with the x tick
   * labels at the very bottom, which are grey text, not series colours).
   */
  private static final int HEADER = 30;

  @Test
  void sizeIsWidthByPanelsTimesPanelHeight() {
    double[] x = {0, 1, 2, 3};
    List<Panel> panels =
        List.of(
            new Panel(
                "loss",
                List.of(
                    new Series("loss_d", x, new double[] {1.4, 1.3, 1.2, 1.25}),
                    new Series("loss_g", x, new double[] {0.7, 0.8, 0.9, 0.85}))),
            new Panel(
                "discriminator output",
                List.of(
                    new Series("D(x)", x, new double[] {0.5, 0.6, 0.55, 0.52}),
                    new Series("D(G(z))", x, new double[] {0.5, 0.4, 0.45, 0.48}))),
            new Panel(null, List.of()));
    BufferedImage img = LinePlot.render(panels, WIDTH, PANEL);
    assertEquals(WIDTH, img.getWidth());
    assertEquals(3 * PANEL, img.getHeight());
  }

  @Test
  void flatSeriesIsAHorizontalLine() {
    double[] x = new double[50];
    double[] y = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
      y[i] = 0.693;
    }
    BufferedImage img = onePanel(new Series("flat", x, y));
    int[] box = seriesBox(img, 0, PANEL);
    assertTrue(box[2] - box[0] > WIDTH / 2, "the line spans most of the width");
    assertTrue(box[3] - box[1] <= 3, "the line is flat, rows " + box[1] + ".." + box[3]);
  }

  @Test
  void singlePointIsVisible() {
    BufferedImage img = onePanel(new Series("one", new double[] {7}, new double[] {0.5}));
    int[] box = seriesBox(img, 0, PANEL);
    assertTrue(box[2] >= box[0], "the single point is drawn");
    assertTrue(box[2] - box[0] < 10 && box[3] - box[1] < 10, "as a small dot");
  }

  @Test
  void nonFiniteValuesAreSkipped() {
    // Were the infinity used for the range, the finite points would collapse onto one row.
    double[] x = {0, 1, 2, 3, 4, 5};
    double[] y = {0, Double.POSITIVE_INFINITY, 1, Double.NaN, 0.5, 1};
    int[] box = seriesBox(onePanel(new Series("s", x, y)), 0, PANEL);
    assertTrue(
        box[3] - box[1] > PANEL / 2, "curve spans the plot height, rows " + box[1] + ".." + box[3]);

    double[] nan = {Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY};
    BufferedImage img = onePanel(new Series("nan", new double[] {0, 1, 2}, nan));
    int[] none = seriesBox(img, 0, PANEL);
    assertTrue(none[2] < none[0], "nothing drawn for an all-NaN series");
  }

  @Test
  void panelsShareTheXRange() {
    // Panel 0 covers x 0..10, panel 1 only x 5..10: its curve starts halfway across.
    Series full = new Series("a", new double[] {0, 10}, new double[] {0, 1});
    Series half = new Series("b", new double[] {5, 10}, new double[] {0, 1});
    BufferedImage img =
        LinePlot.render(
            List.of(new Panel("p0", List.of(full)), new Panel("p1", List.of(half))), WIDTH, PANEL);
    int[] top = seriesBox(img, 0, PANEL);
    int[] bottom = seriesBox(img, PANEL, 2 * PANEL);
    assertEquals(top[2], bottom[2], 2, "both curves end at the same column");
    int middle = (top[0] + top[2]) / 2;
    assertEquals(middle, bottom[0], 3, "x = 5 is halfway in both panels");
  }

  @Test
  void longSpikySeriesKeepsItsExtremesInEveryColumn() {
    // 200 000 points at 0.5 with a spike up and a spike down every 10 points: each pixel column
    // holds both extremes, however the points are thinned out, so every column must span the
    // plot's height, not just show the first and last point of the column.
    int n = 200_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = i % 10 == 3 ? 1 : i % 10 == 6 ? 0 : 0.5;
    }
    BufferedImage img = onePanel(new Series("spiky", x, y));
    int[] box = seriesBox(img, 0, PANEL);
    int columns = 0;
    int full = 0;
    for (int c = box[0] + 3; c <= box[2] - 3; c++) {
      int[] column = seriesBox(img.getSubimage(c, 0, 1, PANEL), 0, PANEL);
      columns++;
      full += column[3] - column[1] > PANEL / 2 ? 1 : 0;
    }
    assertTrue(columns > WIDTH / 2, "the series spans the width");
    assertEquals(columns, full, "columns spanning the plot height");
  }

  @Test
  void badArgumentsThrowNamingTheArgument() {
    Panel p = new Panel("p", List.of(new Series("s", new double[] {0}, new double[] {1})));
    assertMessage("panels", () -> LinePlot.render(List.of(), WIDTH, PANEL));
    assertMessage("width", () -> LinePlot.render(List.of(p), 10, PANEL));
    assertMessage("panelHeight", () -> LinePlot.render(List.of(p), WIDTH, 10));
    assertMessage("length", () -> new Series("s", new double[] {0, 1}, new double[] {1}));
  }

  @Test
  void writeProducesAReadablePngAndNoTempFile(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("run/losses.png");
    Panel p = new Panel("loss", List.of(new Series("s", new double[] {0, 1}, new double[] {1, 0})));
    LinePlot.write(List.of(p, p), 320, 120, out);
    BufferedImage back = ImageIO.read(out.toFile());
    assertNotNull(back);
    assertEquals(320, back.getWidth());
    assertEquals(240, back.getHeight());
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList());
    }
  }

  private static BufferedImage onePanel(Series s) {
    return LinePlot.render(List.of(new Panel("panel", List.of(s))), WIDTH, PANEL);
  }

  /**
   * {minX, minY, maxX, maxY} of the pixels tinted with the first series colour (blue) in the plot
   * area of the panel occupying rows [panelTop, panelEnd), or an empty box (max < min) if none.
   */
  private static int[] seriesBox(BufferedImage img, int panelTop, int panelEnd) {
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
    for (int y = panelTop + HEADER; y < panelEnd; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (isSeriesBlue(img.getRGB(x, y))) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box;
  }

  /** The first palette colour blended with white at 30% or more; greys and text never match. */
  private static boolean isSeriesBlue(int rgb) {
    Color c = new Color(rgb);
    Color blue = LinePlot.colour(0);
    assertEquals(new Color(31, 119, 180), blue);
    return c.getBlue() - c.getRed() > 0.3 * (blue.getBlue() - blue.getRed())
        && c.getBlue() > c.getGreen();
  }

  private static void assertMessage(String name, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(name), "message '" + e.getMessage() + "' names " + name);
  }
}
