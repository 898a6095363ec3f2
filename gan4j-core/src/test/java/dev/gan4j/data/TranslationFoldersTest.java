package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Translation data from folders: side-by-side pairs, two folders matched by name, trainA/trainB. */
class TranslationFoldersTest {
  private static final ImageFolder.Options GREY8 = new ImageFolder.Options(8, 1, false);
  private static final int DIM = 64;

  @TempDir Path tmp;

  // A grey image, columns left of split at level left and the rest at level right.
  private static Path png(Path file, int width, int height, int split, int left, int right)
      throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, x < split ? left : right);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  // An 8 x 8 image of one grey level.
  private static Path flat(Path file, int level) throws IOException {
    return png(file, 8, 8, 8, level, level);
  }

  private static float level(int v) {
    return v / 127.5f - 1f;
  }

  // Every value of row i's A half (second: B half) equals expected.
  private static void assertHalf(TrainingSet t, int row, boolean second, float expected) {
    int from = (2 * row + (second ? 1 : 0)) * DIM;
    for (int k = from; k < from + DIM; k++) {
      assertEquals(expected, t.values()[k], 1e-6f, "row " + row + (second ? " B" : " A"));
    }
  }

  @Test
  void sideBySideImagesSplitIntoInputAndTarget() throws IOException {
    Path dir = tmp.resolve("sbs");
    for (int i = 0; i < 3; i++) {
      png(dir.resolve("img" + i + ".png"), 16, 8, 8, 10 * i, 200 + 10 * i);
    }
    TrainingSet t = TranslationFolders.load("pairs:" + dir, GREY8, null, 100, 1);
    assertEquals(3, t.count());
    assertArrayEquals(new int[] {2, 8, 8}, t.sampleShape());
    for (int i = 0; i < 3; i++) {
      assertHalf(t, i, false, level(10 * i));
      assertHalf(t, i, true, level(200 + 10 * i));
    }
    assertFalse(t.hasLabels());
    assertEquals(2, TranslationFolders.load("pairs:" + dir, GREY8, null, 2, 1).count(),
        "data.size caps the rows");
  }

  @Test
  void twoFoldersArePairedByFileName() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    // Written in another order in B: pairs follow the names, not the order.
    flat(a.resolve("x.png"), 1);
    flat(a.resolve("y.png"), 2);
    flat(b.resolve("y.png"), 102);
    flat(b.resolve("x.png"), 101);
    TrainingSet t = TranslationFolders.load("pairs:" + a + "," + b, GREY8, null, 100, 1);
    assertEquals(2, t.count());
    assertHalf(t, 0, false, level(1));
    assertHalf(t, 0, true, level(101));
    assertHalf(t, 1, false, level(2));
    assertHalf(t, 1, true, level(102));
  }

  @Test
  void mismatchedNamesSizesAndEmptyFoldersAreOneClearLine() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    for (String name : List.of("a/x.png", "a/z.png", "b/x.png")) {
      flat(tmp.resolve(name), 1);
    }
    DataException missing = assertThrows(DataException.class,
        () -> TranslationFolders.load("pairs:" + a + "," + b, GREY8, null, 100, 1));
    assertTrue(missing.getMessage().contains("z.png has no image of the same name in " + b),
        missing.getMessage());
    png(b.resolve("z.png"), 12, 8, 8, 1, 1);
    DataException size = assertThrows(DataException.class,
        () -> TranslationFolders.load("pairs:" + a + "," + b, GREY8, null, 100, 1));
    assertTrue(size.getMessage().contains("must have the same size"), size.getMessage());
    assertTrue(size.getMessage().contains("--skip-bad-images"), size.getMessage());
    // With --skip-bad-images the mismatched pair is left out whole.
    TrainingSet kept = TranslationFolders.load("pairs:" + a + "," + b,
        new ImageFolder.Options(8, 1, true), null, 100, 1);
    assertEquals(1, kept.count());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    DataException none = assertThrows(DataException.class,
        () -> TranslationFolders.load("pairs:" + empty, GREY8, null, 100, 1));
    assertTrue(none.getMessage().contains("no .png"), none.getMessage());
    DataException layout = assertThrows(DataException.class,
        () -> TranslationFolders.load("unpaired:" + a, GREY8, null, 100, 1));
    assertTrue(layout.getMessage().contains("trainA"), layout.getMessage());
  }

  @Test
  void unpairedDomainsComeFromTrainAAndTrainB() throws IOException {
    Path root = tmp.resolve("horse2zebra");
    for (int i = 0; i < 3; i++) {
      png(root.resolve("trainA/a" + i + ".png"), 8, 8, 8, i, i);
    }
    flat(root.resolve("trainB/b0.png"), 200);
    flat(root.resolve("trainB/b1.png"), 210);
    TrainingSet t = TranslationFolders.load("unpaired:" + root, GREY8, null, 100, 5);
    assertEquals(3, t.count(), "rows: the larger domain's count");
    Set<Float> bs = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      assertHalf(t, i, false, level(i));
      bs.add(t.values()[(2 * i + 1) * DIM]);
    }
    assertEquals(Set.of(level(200), level(210)), bs, "B halves are B's images, recycled");
  }

  @Test
  void decodedPairsAreCachedAndReadAgainWhenAFileChanges() throws IOException {
    Path dir = tmp.resolve("sbs");
    Path file = png(dir.resolve("p.png"), 16, 8, 8, 40, 80);
    Path cache = tmp.resolve("cache");
    TrainingSet first = TranslationFolders.load("pairs:" + dir, GREY8, cache, 100, 1);
    try (var files = Files.list(cache)) {
      assertEquals(1, files.count());
    }
    assertArrayEquals(first.values(),
        TranslationFolders.load("pairs:" + dir, GREY8, cache, 100, 1).values());
    png(file, 16, 8, 8, 60, 90);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    TrainingSet changed = TranslationFolders.load("pairs:" + dir, GREY8, cache, 100, 1);
    assertHalf(changed, 0, false, level(60));
    assertHalf(changed, 0, true, level(90));
  }
}
