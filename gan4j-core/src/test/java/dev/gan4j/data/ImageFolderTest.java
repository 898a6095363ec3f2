package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFolderTest {
  @TempDir Path dir;

  private static final ImageFolder.Options GREY8 = new ImageFolder.Options(8, 1, false);
  private static final ImageFolder.Options RGB8 = new ImageFolder.Options(8, 3, false);
  private static final ImageFolder.Options SKIP_RGB8 = new ImageFolder.Options(8, 3, true);

  private static float scaled(int v) {
    return v / 127.5f - 1f;
  }

  // Back from [-1, 1] to the uint8 value it was made from.
  private static int byteOf(float v) {
    return Math.round((v + 1f) * 127.5f);
  }

  private static BufferedImage solid(int width, int height, int type, int argb) {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, argb);
      }
    }
    return image;
  }

  private static BufferedImage solidGrey(int width, int height, int grey) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    int[] row = new int[width];
    Arrays.fill(row, grey);
    for (int y = 0; y < height; y++) {
      image.getRaster().setSamples(0, y, width, 1, 0, row);
    }
    return image;
  }

  // Noise compresses badly, so a cut lands in the pixel data rather than the headers.
  private static BufferedImage noise(int width, int height) {
    java.util.Random random = new java.util.Random(42);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  private static Path write(Path file, BufferedImage image, String format) throws IOException {
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(image, format, file.toFile()), "no " + format + " writer");
    return file;
  }

  private static byte[] pngBytes(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static void assertAll(float expected, float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      assertEquals(expected, values[i], 0f, "value " + i);
    }
  }

  // Three uniform planes, red then green then blue, given as 0..255.
  private static void assertRgb(int r, int g, int b, float[] values) {
    int plane = values.length / 3;
    assertAll(scaled(r), values, 0, plane);
    assertAll(scaled(g), values, plane, 2 * plane);
    assertAll(scaled(b), values, 2 * plane, 3 * plane);
  }

  @Test
  void optionsOutOfRangeNameTheFieldAndTheRange() {
    InvalidConfigException small =
        assertThrows(InvalidConfigException.class, () -> new ImageFolder.Options(3, 3, false));
    assertTrue(small.getMessage().contains("imageSize must be between 4 and 1024"),
        small.getMessage());
    assertThrows(InvalidConfigException.class, () -> new ImageFolder.Options(1025, 3, false));
    InvalidConfigException channels =
        assertThrows(InvalidConfigException.class, () -> new ImageFolder.Options(64, 2, false));
    assertTrue(channels.getMessage().contains("channels must be 1 (grey) or 3 (RGB), got 2"),
        channels.getMessage());
    assertEquals(4, new ImageFolder.Options(4, 1, true).imageSize());
    assertEquals(1024, new ImageFolder.Options(1024, 3, true).imageSize());
  }

  @Test
  void solidGreyPngKeepsItsExactValueAndIsReplicatedForRgb() throws IOException {
    write(dir.resolve("g.png"), solidGrey(30, 20, 100), "png");

    ImageFolder.Loaded grey = ImageFolder.load(dir, GREY8, null);
    assertEquals(1, grey.count());
    assertEquals(1, grey.channels());
    assertEquals(8, grey.height());
    assertEquals(8, grey.width());
    assertEquals(64, grey.pixels().length);
    assertAll(scaled(100), grey.pixels(), 0, 64);
    assertNull(grey.labels());
    assertEquals(List.of(), grey.classNames());
    assertEquals(0, grey.skipped());

    ImageFolder.Loaded rgb = ImageFolder.load(dir, RGB8, null);
    assertEquals(3 * 64, rgb.pixels().length);
    assertRgb(100, 100, 100, rgb.pixels());
  }

  @Test
  void solidRgbPngIsChannelMajorAndItsGreyIsTheRoundedLuma() throws IOException {
    write(dir.resolve("c.png"), solid(24, 36, BufferedImage.TYPE_INT_RGB, 0xC86432), "png");

    float[] rgb = ImageFolder.load(dir, RGB8, null).pixels();
    assertEquals(3 * 64, rgb.length);
    assertRgb(200, 100, 50, rgb);

    // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2
    assertAll(scaled(124), ImageFolder.load(dir, GREY8, null).pixels(), 0, 64);
  }

  @Test
  void enlargingASmallImageKeepsASolidColour() throws IOException {
    write(dir.resolve("tiny.png"), solid(5, 3, BufferedImage.TYPE_INT_RGB, 0x0A14FF), "png");
    float[] rgb = ImageFolder.load(dir, new ImageFolder.Options(16, 3, false), null).pixels();
    assertEquals(3 * 256, rgb.length);
    assertRgb(10, 20, 255, rgb);
  }

  @Test
  void transparentPixelsAreCompositedOverBlack() throws IOException {
    write(dir.resolve("a.png"), solid(8, 8, BufferedImage.TYPE_INT_ARGB, 0x80FF4000), "png");
    // Half-opaque (128 / 255) over black: 255 -> 128, 64 -> 32, 0 -> 0.
    assertRgb(128, 32, 0, ImageFolder.load(dir, RGB8, null).pixels());
  }

  @Test
  void sixteenBitGreyIsScaledTo8BitsWithoutAGammaShift() throws IOException {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
    int[] row = new int[8];
    Arrays.fill(row, 128 * 257);
    for (int y = 0; y < 8; y++) {
      image.getRaster().setSamples(0, y, 8, 1, 0, row);
    }
    write(dir.resolve("deep.png"), image, "png");
    assertAll(scaled(128), ImageFolder.load(dir, GREY8, null).pixels(), 0, 64);
  }

  @Test
  void solidJpegComesBackWithinJpegLoss() throws IOException {
    write(dir.resolve("j.jpg"), solid(32, 32, BufferedImage.TYPE_INT_RGB, 0x3C78B4), "jpeg");
    float[] rgb = ImageFolder.load(dir, RGB8, null).pixels();
    int[] expected = {60, 120, 180};
    for (int i = 0; i < rgb.length; i++) {
      int v = byteOf(rgb[i]);
      assertTrue(Math.abs(v - expected[i / 64]) <= 3, "value " + i + " is " + v);
    }
  }

  // Black left half, white right half; the centre crop must straddle the edge.
  @Test
  void wideImageIsCroppedToItsCentre() throws IOException {
    BufferedImage image = solid(40, 20, BufferedImage.TYPE_INT_RGB, 0xFFFFFF);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        image.setRGB(x, y, 0);
      }
    }
    write(dir.resolve("half.png"), image, "png");
    float[] p = ImageFolder.load(dir, new ImageFolder.Options(16, 1, false), null).pixels();
    assertEquals(256, p.length);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        float v = p[y * 16 + x];
        assertEquals(p[x], v, 0f, "rows differ at " + x + ", " + y);
        if (x < 7) {
          assertEquals(-1f, v, 0f, "column " + x);
        } else if (x > 8) {
          assertEquals(1f, v, 0f, "column " + x);
        }
      }
    }
    // The two columns at the edge blend it, mirror images of each other.
    assertTrue(byteOf(p[7]) < 128 && byteOf(p[8]) > 128, byteOf(p[7]) + " " + byteOf(p[8]));
    assertEquals(255, byteOf(p[7]) + byteOf(p[8]));
  }

  @Test
  void tallImageIsCroppedToItsCentre() throws IOException {
    BufferedImage image = solidGrey(20, 40, 255);
    for (int y = 0; y < 20; y++) {
      image.getRaster().setSamples(0, y, 20, 1, 0, new int[20]);
    }
    write(dir.resolve("tall.png"), image, "png");
    float[] p = ImageFolder.load(dir, new ImageFolder.Options(16, 1, false), null).pixels();
    assertAll(-1f, p, 0, 7 * 16);
    assertAll(1f, p, 9 * 16, 16 * 16);
  }

  @Test
  void looseImagesAreSortedAndOtherOrHiddenFilesIgnored() throws IOException {
    write(dir.resolve("b.png"), solidGrey(8, 8, 20), "png");
    write(dir.resolve("a.png"), solidGrey(8, 8, 10), "png");
    write(dir.resolve("c.JPEG"), solidGrey(8, 8, 200), "jpeg");
    Files.writeString(dir.resolve(".hidden.png"), "not an image, and never read");
    Files.writeString(dir.resolve("readme.txt"), "ignored");

    ImageFolder.Loaded loaded = ImageFolder.load(dir, GREY8, null);
    assertEquals(3, loaded.count());
    assertAll(scaled(10), loaded.pixels(), 0, 64);
    assertAll(scaled(20), loaded.pixels(), 64, 128);
    for (int i = 128; i < 192; i++) {
      assertTrue(Math.abs(byteOf(loaded.pixels()[i]) - 200) <= 2, "jpeg value " + i);
    }
  }

  @Test
  void classSubfoldersGiveSortedClassNamesAndLabels() throws IOException {
    write(dir.resolve("dogs/b.PNG"), solidGrey(8, 8, 30), "png");
    write(dir.resolve("dogs/a.png"), solidGrey(8, 8, 20), "png");
    write(dir.resolve("cats/x.png"), solidGrey(8, 8, 10), "png");
    write(dir.resolve("cats/more/y.png"), solidGrey(8, 8, 15), "png");
    Files.writeString(dir.resolve("cats/notes.txt"), "ignored");
    write(dir.resolve(".thumbnails/t.png"), solidGrey(8, 8, 99), "png");

    ImageFolder.Loaded loaded = ImageFolder.load(dir, GREY8, null);
    assertEquals(List.of("cats", "dogs"), loaded.classNames());
    assertEquals(4, loaded.count());
    assertArrayEquals(new int[] {0, 0, 1, 1}, loaded.labels());
    int[] expected = {15, 10, 20, 30}; // cats/more/y, cats/x, dogs/a, dogs/b
    for (int i = 0; i < 4; i++) {
      assertEquals(scaled(expected[i]), loaded.pixels()[i * 64], 0f, "image " + i);
    }
  }

  @Test
  void looseImagesBesideClassFoldersAreRefused() throws IOException {
    write(dir.resolve("a.png"), solidGrey(8, 8, 1), "png");
    write(dir.resolve("cats/b.png"), solidGrey(8, 8, 1), "png");
    DataException e = assertThrows(DataException.class, () -> ImageFolder.load(dir, GREY8, null));
    String m = e.getMessage();
    assertTrue(m.contains("both images (such as a.png) and subfolders (such as cats/)"), m);
  }

  @Test
  void aClassFolderWithoutImagesIsRefused() throws IOException {
    write(dir.resolve("cats/b.png"), solidGrey(8, 8, 1), "png");
    Files.createDirectories(dir.resolve("dogs"));
    DataException e = assertThrows(DataException.class, () -> ImageFolder.load(dir, GREY8, null));
    assertTrue(e.getMessage().contains("dogs: class folder holds no"), e.getMessage());
  }

  @Test
  void missingFolderFileOrNoImagesIsADataExceptionNamingThePath() throws IOException {
    Path missing = dir.resolve("nowhere");
    DataException e =
        assertThrows(DataException.class, () -> ImageFolder.load(missing, GREY8, null));
    assertTrue(e.getMessage().startsWith(missing + ": image folder not found"), e.getMessage());

    Path file = write(dir.resolve("one.png"), solidGrey(8, 8, 1), "png");
    e = assertThrows(DataException.class, () -> ImageFolder.load(file, GREY8, null));
    assertTrue(e.getMessage().startsWith(file + ": not a folder"), e.getMessage());

    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no images here");
    e = assertThrows(DataException.class, () -> ImageFolder.load(empty, GREY8, null));
    assertTrue(e.getMessage().startsWith(empty + ": no .png, .jpg, .jpeg files"), e.getMessage());
  }

  // Each kind of damage, beside one good image.
  private Path writeBad(String kind) throws IOException {
    byte[] png = pngBytes(noise(64, 64));
    Path bad = dir.resolve("bad.png");
    switch (kind) {
      case "empty" -> Files.write(bad, new byte[0]);
      case "truncated" -> Files.write(bad, Arrays.copyOf(png, png.length / 2));
      case "truncated jpeg" -> {
        // ImageIO's JPEG reader only warns about a cut-off file and fills the rest with grey.
        bad = write(dir.resolve("bad.jpg"), noise(64, 64), "jpeg");
        byte[] jpeg = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
      }
      default -> Files.writeString(bad, "this is text, not a PNG");
    }
    return bad;
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "truncated", "truncated jpeg", "text"})
  void aBadFileStopsTheLoadNamingItAndTheWayOut(String kind) throws IOException {
    write(dir.resolve("good.png"), solidGrey(8, 8, 1), "png");
    Path bad = writeBad(kind);
    DataException e = assertThrows(DataException.class, () -> ImageFolder.load(dir, GREY8, null));
    String m = e.getMessage();
    assertTrue(m.contains("1 of 2 image files cannot be decoded"), m);
    assertTrue(m.contains("the first is " + bad + ": "), m);
    assertTrue(m.contains("--skip-bad-images"), m);
    if (kind.equals("truncated jpeg")) {
      assertTrue(m.contains("damaged JPEG data"), m);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "truncated", "truncated jpeg", "text"})
  void skipBadImagesLeavesABadFileOutAndCountsIt(String kind) throws IOException {
    write(dir.resolve("good.png"), solidGrey(8, 8, 77), "png");
    writeBad(kind);
    ImageFolder.Loaded loaded =
        ImageFolder.load(dir, new ImageFolder.Options(8, 1, true), null);
    assertEquals(1, loaded.count());
    assertEquals(1, loaded.skipped());
    assertAll(scaled(77), loaded.pixels(), 0, 64);
  }

  @Test
  void badFilesAreCountedAndSkippedAcrossClasses() throws IOException {
    write(dir.resolve("a/1.png"), solidGrey(8, 8, 11), "png");
    Files.write(dir.resolve("a/2.png"), new byte[0]);
    write(dir.resolve("b/1.png"), solidGrey(8, 8, 22), "png");
    Files.writeString(dir.resolve("b/0.jpg"), "text");

    DataException e = assertThrows(DataException.class, () -> ImageFolder.load(dir, GREY8, null));
    assertTrue(e.getMessage().contains("2 of 4 image files cannot be decoded; the first is "
        + dir.resolve("a/2.png") + ": empty file (0 bytes)"), e.getMessage());

    ImageFolder.Loaded loaded = ImageFolder.load(dir, new ImageFolder.Options(8, 1, true), null);
    assertEquals(2, loaded.count());
    assertEquals(2, loaded.skipped());
    assertArrayEquals(new int[] {0, 1}, loaded.labels());
    assertEquals(scaled(11), loaded.pixels()[0], 0f);
    assertEquals(scaled(22), loaded.pixels()[64], 0f);
  }

  @Test
  void nothingDecodableIsRefusedEvenWhenSkipping() throws IOException {
    Files.write(dir.resolve("a.png"), new byte[0]);
    DataException e = assertThrows(DataException.class,
        () -> ImageFolder.load(dir, new ImageFolder.Options(8, 1, true), null));
    assertTrue(e.getMessage().contains("none of the 1 image files can be decoded"), e.getMessage());
  }

  @Test
  void tooManyValuesAreRefusedBeforeAnythingIsDecoded() throws IOException {
    // 683 x 3 x 1024 x 1024 = 2,148,532,224 values; the files are empty, so only the check can
    // have answered.
    for (int i = 0; i < 683; i++) {
      Files.write(dir.resolve(i + ".png"), new byte[0]);
    }
    DataException e = assertThrows(DataException.class,
        () -> ImageFolder.load(dir, new ImageFolder.Options(1024, 3, true), null));
    assertTrue(e.getMessage().contains("683 images of 3 x 1024 x 1024 are 2148532224 values"),
        e.getMessage());
  }

  private static List<Path> cacheFiles(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.sorted().toList();
    }
  }

  private static void assertSameData(ImageFolder.Loaded a, ImageFolder.Loaded b) {
    assertEquals(a.count(), b.count());
    assertEquals(a.fingerprint(), b.fingerprint());
    assertEquals(a.skipped(), b.skipped());
    assertEquals(a.classNames(), b.classNames());
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.pixels(), b.pixels());
  }

  private Path cache() {
    return dir.resolve("cache");
  }

  // Two classes, three files, one of them empty (so it needs skipping).
  private Path classFolder() throws IOException {
    Path images = dir.resolve("images");
    write(images.resolve("x/a.png"), solid(12, 10, BufferedImage.TYPE_INT_RGB, 0x102030), "png");
    write(images.resolve("y/b.png"), solidGrey(9, 9, 200), "png");
    Files.write(images.resolve("y/c.png"), new byte[0]);
    return images;
  }

  @Test
  void theSecondLoadComesFromTheCacheWithoutDecoding() throws IOException {
    Path images = classFolder();
    ImageFolder.Loaded first = ImageFolder.load(images, SKIP_RGB8, cache());
    assertEquals(2, first.count());
    assertEquals(1, first.skipped());
    assertEquals(List.of(cache().resolve("folder-" + first.fingerprint() + ".bin")),
        cacheFiles(cache()));

    // Garbage of the same size and date: the fingerprint cannot tell, only decoding would.
    Path a = images.resolve("x/a.png");
    FileTime modified = Files.getLastModifiedTime(a);
    byte[] garbage = new byte[(int) Files.size(a)];
    Files.write(a, garbage);
    Files.setLastModifiedTime(a, modified);

    assertSameData(first, ImageFolder.load(images, SKIP_RGB8, cache()));
    ImageFolder.Loaded decodedAgain = ImageFolder.load(images, SKIP_RGB8, null);
    assertEquals(1, decodedAgain.count());
    assertEquals(2, decodedAgain.skipped());
    assertThrows(DataException.class,
        () -> ImageFolder.load(images, new ImageFolder.Options(8, 3, false), cache()));
  }

  @Test
  void aChangedFolderOrOptionsChangeTheFingerprintAndAreReadAgain() throws IOException {
    Path images = classFolder();
    ImageFolder.Loaded before = ImageFolder.load(images, SKIP_RGB8, cache());

    write(images.resolve("x/z.png"), solidGrey(8, 8, 5), "png");
    ImageFolder.Loaded added = ImageFolder.load(images, SKIP_RGB8, cache());
    assertNotEquals(before.fingerprint(), added.fingerprint());
    assertEquals(3, added.count());
    assertArrayEquals(new int[] {0, 0, 1}, added.labels());
    assertEquals(scaled(5), added.pixels()[3 * 64], 0f);

    Path b = images.resolve("y/b.png");
    Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis()
        + 5000));
    String touched = ImageFolder.load(images, SKIP_RGB8, cache()).fingerprint();
    assertNotEquals(added.fingerprint(), touched);

    Files.delete(images.resolve("x/z.png"));
    ImageFolder.Loaded removed = ImageFolder.load(images, SKIP_RGB8, cache());
    assertEquals(2, removed.count());

    ImageFolder.Loaded grey =
        ImageFolder.load(images, new ImageFolder.Options(8, 1, true), cache());
    assertNotEquals(removed.fingerprint(), grey.fingerprint());
    assertEquals(2 * 64, grey.pixels().length);
    assertEquals(5, cacheFiles(cache()).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "truncated", "flipped pixel", "wrong header"})
  void aDamagedCacheFileIsIgnoredAndRewritten(String damage) throws IOException {
    Path images = classFolder();
    ImageFolder.Loaded fresh = ImageFolder.load(images, SKIP_RGB8, cache());
    Path file = ImageFolderCache.file(cache(), fresh.fingerprint());
    byte[] good = Files.readAllBytes(file);

    byte[] bad = good.clone();
    switch (damage) {
      case "garbage" -> bad = "not a cache".getBytes();
      case "truncated" -> bad = Arrays.copyOf(good, good.length - 100);
      case "flipped pixel" -> bad[good.length - 20] ^= 0x40;
      default -> bad[47] = 1; // the low byte of channels: 3 -> 1
    }
    Files.write(file, bad);

    assertSameData(fresh, ImageFolder.load(images, SKIP_RGB8, cache()));
    assertArrayEquals(good, Files.readAllBytes(file));
  }

  @Test
  void aFolderOfMoreImagesThanTheCapOrTheHeapIsRefusedBeforeDecoding() throws IOException {
    Path flat = Files.createDirectories(dir.resolve("capped"));
    for (int i = 0; i < 5; i++) {
      write(flat.resolve("img" + i + ".png"), solidGrey(8, 8, 40 * i), "png");
    }
    assertEquals(5, ImageFolder.list(flat, 5).files().size());
    DataException many = assertThrows(DataException.class, () -> ImageFolder.list(flat, 4));
    assertEquals(flat + ": holds more than 4 image files, the most one folder dataset may have;"
        + " use a folder of fewer images", many.getMessage());

    Path classes = Files.createDirectories(dir.resolve("classes"));
    for (String c : List.of("a", "b")) {
      Files.createDirectories(classes.resolve(c));
      for (int i = 0; i < 3; i++) {
        write(classes.resolve(c).resolve(i + ".png"), solidGrey(8, 8, 30 * i), "png");
      }
    }
    assertThrows(DataException.class, () -> ImageFolder.list(classes, 5));

    ImageFolder.Listing listing = ImageFolder.list(flat);
    // 5 grey 8 x 8 images are 320 bytes of pixels: refused under a 319-byte budget.
    assertEquals(5, ImageFolder.decode(flat, listing, GREY8, 320).count());
    DataException heap =
        assertThrows(DataException.class, () -> ImageFolder.decode(flat, listing, GREY8, 319));
    assertTrue(heap.getMessage().startsWith(flat + ": 5 images of 1 x 8 x 8 are 320 B of pixels,"
        + " more than the 319 B this JVM can load"), heap.getMessage());
  }
}
