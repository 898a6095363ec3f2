package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

class ImageGridTest {
  private static final int G = ImageGrid.GUTTER;

  @Test
  void sizeFollowsCountColumnsAndScale() {
    // 5 images in 3 columns -> 2 rows; each 4 x 6 image doubled to 8 x 12.
    BufferedImage img = ImageGrid.render(new float[5 * 4 * 6], 5, 4, 6, 3, 2);
    assertEquals(3 * 12 + 4 * G, img.getWidth());
    assertEquals(2 * 8 + 3 * G, img.getHeight());

    BufferedImage exact = ImageGrid.render(new float[6 * 4 * 6], 6, 4, 6, 3, 1);
    assertEquals(3 * 6 + 4 * G, exact.getWidth());
    assertEquals(2 * 4 + 3 * G, exact.getHeight());
  }

  @Test
  void minusOneIsBlackOneIsWhiteAtTheirCells() {
    // Two 2 x 2 images side by side, scale 3. Image 0: [-1, 1; 0, 5], image 1: [1, -1; -7, NaN].
    float[] pixels = {-1, 1, 0, 5, 1, -1, -7, Float.NaN};
    BufferedImage img = ImageGrid.render(pixels, 2, 2, 2, 2, 3);
    int cell = 2 * 3 + G;

    assertEquals(0x000000, rgb(img, G, G)); // image 0, (0, 0) = -1
    assertEquals(0xFFFFFF, rgb(img, G + 3, G)); // image 0, (0, 1) = 1
    assertEquals(128, sample(img, G, G + 3)); // image 0, (1, 0) = 0 -> mid grey
    assertEquals(0xFFFFFF, rgb(img, G + 3, G + 3)); // 5 clamps to white
    assertEquals(0xFFFFFF, rgb(img, G + cell, G)); // image 1, (0, 0) = 1
    assertEquals(0x000000, rgb(img, G + cell + 3, G)); // image 1, (0, 1) = -1
    assertEquals(0x000000, rgb(img, G + cell, G + 3)); // -7 clamps to black
    assertEquals(128, sample(img, G + cell + 3, G + 3)); // NaN -> mid grey

    // Gutter: the outer border and the band between the two images.
    assertEquals(ImageGrid.GUTTER_LEVEL, sample(img, 0, 0));
    assertEquals(ImageGrid.GUTTER_LEVEL, sample(img, G + 6, G));
    assertEquals(ImageGrid.GUTTER_LEVEL, sample(img, G + 6 + 1, G + 5));
  }

  @Test
  void scaleRepeatsEachPixelAsASquareBlock() {
    // One 2 x 2 image: a checkerboard, scaled by 4.
    float[] pixels = {-1, 1, 1, -1};
    BufferedImage img = ImageGrid.render(pixels, 1, 2, 2, 1, 4);
    assertEquals(2 * 4 + 2 * G, img.getWidth());
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 8; c++) {
        boolean white = (r / 4 + c / 4) % 2 == 1;
        assertEquals(white ? 255 : 0, sample(img, G + c, G + r), "pixel (" + r + ", " + c + ")");
      }
    }
  }

  @Test
  void unusedCellsOfTheLastRowAreGutter() {
    float[] pixels = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}; // 3 white 2 x 2 images
    BufferedImage img = ImageGrid.render(pixels, 3, 2, 2, 2, 1);
    int cell = 2 + G;
    assertEquals(255, sample(img, G, G + cell)); // image 2: row 1, column 0
    assertEquals(ImageGrid.GUTTER_LEVEL, sample(img, G + cell, G + cell)); // empty cell
  }

  @Test
  void zeroImagesGiveOneEmptyRow() {
    BufferedImage img = ImageGrid.render(new float[0], 0, 3, 3, 4, 1);
    assertEquals(4 * 3 + 5 * G, img.getWidth());
    assertEquals(3 + 2 * G, img.getHeight());
  }

  @Test
  void badArgumentsThrowNamingTheArgument() {
    float[] four = new float[4];
    assertMessage("n", () -> ImageGrid.render(four, -1, 2, 2, 1, 1));
    assertMessage("pixels.length", () -> ImageGrid.render(four, 2, 2, 2, 1, 1));
    assertMessage("pixels.length", () -> ImageGrid.render(new float[3], 1, 2, 2, 1, 1));
    assertMessage("cols", () -> ImageGrid.render(four, 1, 2, 2, 0, 1));
    assertMessage("scale", () -> ImageGrid.render(four, 1, 2, 2, 1, 0));
    assertMessage("height", () -> ImageGrid.render(four, 1, 0, 2, 1, 1));
    assertMessage("width", () -> ImageGrid.render(four, 1, 2, 0, 1, 1));
    assertMessage("too large", () -> ImageGrid.render(four, 1, 2, 2, 1, 100_000));
  }

  @Test
  void writeProducesAReadablePngAndNoTempFile(@TempDir Path tmp) throws Exception {
    float[] pixels = {-1, 1, 1, -1};
    Path out = tmp.resolve("run/samples/grid.png");
    ImageGrid.write(pixels, 1, 2, 2, 1, 3, out);
    ImageGrid.write(pixels, 1, 2, 2, 1, 3, out); // overwriting an existing picture works too

    BufferedImage back = ImageIO.read(out.toFile());
    assertNotNull(back, "ImageIO could not read the PNG back");
    BufferedImage expected = ImageGrid.render(pixels, 1, 2, 2, 1, 3);
    assertEquals(expected.getWidth(), back.getWidth());
    assertEquals(expected.getHeight(), back.getHeight());
    assertArrayEquals(
        expected.getRaster().getPixels(0, 0, back.getWidth(), back.getHeight(), (int[]) null),
        back.getRaster().getPixels(0, 0, back.getWidth(), back.getHeight(), (int[]) null));
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList());
    }
  }

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xFFFFFF;
  }

  private static int sample(BufferedImage img, int x, int y) {
    return img.getRaster().getSample(x, y, 0);
  }

  private static void assertMessage(String name, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(name), "message '" + e.getMessage() + "' names " + name);
  }
}
