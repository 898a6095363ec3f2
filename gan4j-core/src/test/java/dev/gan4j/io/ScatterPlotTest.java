package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {
  /** Two real points pin the bounds, so only the generated point moves between renders. */
  private static final float[] CORNERS = {-1, -1, 1, 1};

  private static final int FAKE = ScatterPlot.FAKE.getRGB();

  @Test
  void pictureHasTheRequestedSize() {
    BufferedImage img = ScatterPlot.render(CORNERS, new float[] {0, 0}, 300, "step 10");
    assertEquals(300, img.getWidth());
    assertEquals(300, img.getHeight());
    BufferedImage small = ScatterPlot.render(CORNERS, CORNERS, 64, null);
    assertEquals(64, small.getWidth());
    assertEquals(64, small.getHeight());
  }

  @Test
  void generatedPointLandsWhereItsCoordinatesSay() {
    // The legend marker has the generated colour too; it is the same in every render below, so
    // pixels that differ between two renders belong to the one generated point.
    BufferedImage a = ScatterPlot.render(CORNERS, new float[] {-1, -1}, 400, "t");
    BufferedImage b = ScatterPlot.render(CORNERS, new float[] {1, 1}, 400, "t");
    BufferedImage c = ScatterPlot.render(CORNERS, new float[] {0.5f, 0.5f}, 400, "t");
    double[] pa = centroidOfFakeOnlyIn(a, b);
    double[] pb = centroidOfFakeOnlyIn(b, a);
    double[] pc = centroidOfFakeOnlyIn(c, a);

    // y grows upwards: the point (1, 1) is right of and above (-1, -1).
    assertTrue(pb[0] > pa[0] + 100, "x increases to the right");
    assertTrue(pb[1] < pa[1] - 100, "y increases upwards");
    // Same scale on both axes.
    assertEquals(pb[0] - pa[0], pa[1] - pb[1], 1.5);
    // (0.5, 0.5) lies three quarters of the way from (-1, -1) to (1, 1).
    assertEquals(pa[0] + 0.75 * (pb[0] - pa[0]), pc[0], 1.5);
    assertEquals(pa[1] + 0.75 * (pb[1] - pa[1]), pc[1], 1.5);
    // And well inside the picture, thanks to the padding.
    assertTrue(pa[0] > 20 && pa[1] < 380 && pb[0] < 380 && pb[1] > 20);
  }

  @Test
  void equalAspectHoldsForAWideCloud() {
    // Data 10 wide and 1 high: a square picture must still use one scale for x and y.
    float[] real = {0, 0, 10, 1};
    BufferedImage a = ScatterPlot.render(real, new float[] {0, 0}, 400, null);
    BufferedImage b = ScatterPlot.render(real, new float[] {10, 1}, 400, null);
    double[] pa = centroidOfFakeOnlyIn(a, b);
    double[] pb = centroidOfFakeOnlyIn(b, a);
    double pixelsPerUnitX = (pb[0] - pa[0]) / 10;
    double pixelsPerUnitY = (pa[1] - pb[1]) / 1;
    assertEquals(pixelsPerUnitX, pixelsPerUnitY, 1.0);
  }

  @Test
  void emptyArraysAreFine() {
    BufferedImage img = ScatterPlot.render(new float[0], new float[0], 200, "nothing yet");
    assertEquals(200, img.getWidth());
    BufferedImage onlyReal = ScatterPlot.render(CORNERS, new float[0], 200, null);
    assertEquals(200, onlyReal.getHeight());
  }

  @Test
  void nonFinitePointsAreSkipped() {
    float[] bad = {Float.NaN, 0, 0, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3};
    BufferedImage withBad = ScatterPlot.render(CORNERS, bad, 300, null);
    BufferedImage without = ScatterPlot.render(CORNERS, new float[0], 300, null);
    // Only the legend marker is in the generated colour: no point was drawn, and nowhere bogus.
    assertEquals(countFake(without), countFake(withBad));
    assertTrue(countFake(without) > 0, "the legend shows the generated colour");
  }

  @Test
  void badArgumentsThrowNamingTheArgument() {
    assertMessage("real", () -> ScatterPlot.render(new float[] {1, 2, 3}, CORNERS, 200, null));
    assertMessage("fake", () -> ScatterPlot.render(CORNERS, new float[] {1}, 200, null));
    assertMessage("size", () -> ScatterPlot.render(CORNERS, CORNERS, 63, null));
  }

  @Test
  void writeProducesAReadablePngAndNoTempFile(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("a/b/scatter.png");
    ScatterPlot.write(CORNERS, new float[] {0.5f, 0.5f}, 256, "ring", out);
    BufferedImage back = ImageIO.read(out.toFile());
    assertNotNull(back);
    assertEquals(256, back.getWidth());
    assertEquals(256, back.getHeight());
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList());
    }
  }

  /** Centroid of the pixels in the generated colour in {@code img} but not in {@code other}. */
  private static double[] centroidOfFakeOnlyIn(BufferedImage img, BufferedImage other) {
    double sx = 0;
    double sy = 0;
    int count = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (img.getRGB(x, y) == FAKE && other.getRGB(x, y) != FAKE) {
          sx += x;
          sy += y;
          count++;
        }
      }
    }
    assertTrue(count > 0, "no pixel in the generated colour");
    assertTrue(count < 50, "a small dot, not " + count + " pixels");
    return new double[] {sx / count, sy / count};
  }

  private static int countFake(BufferedImage img) {
    int count = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        count += img.getRGB(x, y) == FAKE ? 1 : 0;
      }
    }
    return count;
  }

  private static void assertMessage(String name, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(name), "message '" + e.getMessage() + "' names " + name);
  }
}
