package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  @TempDir Path dir;

  private static IdxFile.IdxImages sample() {
    byte[] pixels = new byte[3 * 4 * 5];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    return new IdxFile.IdxImages(3, 4, 5, pixels);
  }

  @Test
  void roundTripPlain() throws IOException {
    Path images = dir.resolve("x-images-idx3-ubyte");
    Path labels = dir.resolve("x-labels-idx1-ubyte");
    IdxFile.writeImages(images, sample());
    IdxFile.writeLabels(labels, new byte[] {0, 9, (byte) 255});

    byte[] raw = Files.readAllBytes(images);
    assertEquals(16 + 60, raw.length);
    assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5},
        Arrays.copyOf(raw, 16));
    IdxFile.IdxImages back = IdxFile.readImages(images);
    assertEquals(3, back.count());
    assertEquals(4, back.rows());
    assertEquals(5, back.cols());
    assertArrayEquals(sample().pixels(), back.pixels());
    assertArrayEquals(new byte[] {0, 9, (byte) 255}, IdxFile.readLabels(labels));
  }

  @Test
  void roundTripGzip() throws IOException {
    Path images = dir.resolve("x-images-idx3-ubyte.gz");
    Path labels = dir.resolve("x-labels-idx1-ubyte.gz");
    IdxFile.writeImages(images, sample());
    IdxFile.writeLabels(labels, new byte[] {1, 2, 3});

    byte[] raw = Files.readAllBytes(images);
    assertEquals((byte) 0x1f, raw[0]);
    assertEquals((byte) 0x8b, raw[1]);
    assertArrayEquals(sample().pixels(), IdxFile.readImages(images).pixels());
    assertArrayEquals(new byte[] {1, 2, 3}, IdxFile.readLabels(labels));
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    Path gz = dir.resolve("a.gz");
    IdxFile.writeImages(gz, sample());
    Path renamed = Files.move(gz, dir.resolve("images-no-suffix"));
    assertArrayEquals(sample().pixels(), IdxFile.readImages(renamed).pixels());
  }

  @Test
  void writeCreatesFoldersReplacesAndLeavesNoTempFiles() throws IOException {
    Path labels = dir.resolve("sub/folder/labels.gz");
    IdxFile.writeLabels(labels, new byte[] {1});
    IdxFile.writeLabels(labels, new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, IdxFile.readLabels(labels));
    try (Stream<Path> files = Files.list(labels.getParent())) {
      assertEquals(List.of(labels.getFileName()), files.map(Path::getFileName).toList());
    }
  }

  @Test
  void badMagic() {
    Path labels = dir.resolve("labels-idx1-ubyte");
    IdxFile.writeLabels(labels, new byte[] {1, 2});
    DataException e = assertFails(labels, () -> IdxFile.readImages(labels));
    assertTrue(e.getMessage().contains(
        "bad magic number 0x00000801, expected 0x00000803 (uint8 3-D images)"), e.getMessage());

    Path images = dir.resolve("images-idx3-ubyte");
    IdxFile.writeImages(images, sample());
    e = assertFails(images, () -> IdxFile.readLabels(images));
    assertTrue(e.getMessage().contains("expected 0x00000801"), e.getMessage());
  }

  @Test
  void truncatedPixels() throws IOException {
    Path images = dir.resolve("images-idx3-ubyte");
    IdxFile.writeImages(images, sample());
    byte[] raw = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(raw, raw.length - 10));
    DataException e = assertFails(images, () -> IdxFile.readImages(images));
    assertTrue(e.getMessage().contains("truncated: expected 60 bytes of pixels, found 50"),
        e.getMessage());
  }

  @Test
  void truncatedGzipStream() throws IOException {
    Path images = dir.resolve("images-idx3-ubyte.gz");
    byte[] pixels = new byte[100 * 28 * 28];
    new java.util.Random(1).nextBytes(pixels);
    IdxFile.writeImages(images, new IdxFile.IdxImages(100, 28, 28, pixels));
    byte[] raw = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(raw, raw.length / 2));
    DataException e = assertFails(images, () -> IdxFile.readImages(images));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void truncatedHeader() throws IOException {
    Path labels = dir.resolve("labels-idx1-ubyte");
    Files.write(labels, new byte[] {0, 0, 8, 1, 0});
    DataException e = assertFails(labels, () -> IdxFile.readLabels(labels));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void trailingBytes() throws IOException {
    Path labels = dir.resolve("labels-idx1-ubyte");
    IdxFile.writeLabels(labels, new byte[] {1, 2, 3});
    Files.write(labels, new byte[] {7, 7}, StandardOpenOption.APPEND);
    DataException e = assertFails(labels, () -> IdxFile.readLabels(labels));
    assertTrue(e.getMessage().contains("2 unexpected trailing bytes"), e.getMessage());
  }

  @Test
  void zeroDimension() throws IOException {
    Path images = dir.resolve("images-idx3-ubyte");
    Files.write(images, header(0x803, 5, 0, 28));
    DataException e = assertFails(images, () -> IdxFile.readImages(images));
    assertTrue(e.getMessage().contains("must be positive"), e.getMessage());

    Path labels = dir.resolve("labels-idx1-ubyte");
    Files.write(labels, header(0x801, 0));
    assertFails(labels, () -> IdxFile.readLabels(labels));
  }

  @Test
  void sizeOverflow() throws IOException {
    Path images = dir.resolve("images-idx3-ubyte");
    Files.write(images, header(0x803, 10_000_000, 1000, 1000));
    DataException e = assertFails(images, () -> IdxFile.readImages(images));
    assertTrue(e.getMessage().contains("more than one Java array can hold"), e.getMessage());
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("nope-idx3-ubyte.gz");
    DataException e = assertFails(missing, () -> IdxFile.readImages(missing));
    assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    assertFails(missing, () -> IdxFile.readLabels(missing));
  }

  @Test
  void aSmallGzipWhoseHeaderClaimsGigabytesFailsBeforeTheArrayIsMade() throws IOException {
    Path images = dir.resolve("huge-idx3-ubyte.gz");
    gzip(images, header(0x803, 2_500_000, 28, 28), new byte[1000]); // 1.96 GB claimed, ~70 bytes
    DataException e = assertFails(images, () -> IdxFile.readImages(images));
    assertTrue(e.getMessage().contains("its header states 2500000 x 28 x 28 = 1960000000 bytes"),
        e.getMessage());

    // Under the heap limit, the file's length bounds what the gzip can unpack to.
    gzip(images, header(0x803, 100_000, 28, 28), new byte[1000]);
    long size = Files.size(images);
    e = assertFails(images, () -> IdxFile.readImages(images));
    assertTrue(e.getMessage().contains("more than a gzip file of " + size + " bytes can unpack to"),
        e.getMessage());

    Path labels = dir.resolve("huge-idx1-ubyte.gz");
    gzip(labels, header(0x801, 50_000_000), new byte[10]);
    e = assertFails(labels, () -> IdxFile.readLabels(labels));
    assertTrue(e.getMessage().contains("its header states 50000000 bytes of labels"),
        e.getMessage());
  }

  @Test
  void aGzipThatUnpacksPastItsHeaderIsRefusedAtTheFirstExtraByte() throws IOException {
    // A valid 3 x 4 x 5 file followed by 256 gzip members of 8 MiB of zeros: 2 GiB unpacked from
    // about 2 MB. The reader must stop at the first byte past the 60 pixels, not unpack the rest.
    Path images = dir.resolve("bomb-idx3-ubyte.gz");
    IdxFile.writeImages(images, sample());
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(member)) {
      z.write(new byte[8 << 20]);
    }
    byte[] zeros = member.toByteArray();
    try (java.io.OutputStream out = Files.newOutputStream(images, StandardOpenOption.APPEND)) {
      for (int i = 0; i < 256; i++) {
        out.write(zeros);
      }
    }
    DataException e = assertFails(images, () -> IdxFile.readImages(images));
    assertTrue(e.getMessage().contains("holds more than the 60 bytes of pixels its header states"),
        e.getMessage());
  }

  @Test
  void aBodyLargerThanTheLimitIsRefusedBeforeReading() throws IOException {
    Path images = dir.resolve("images-idx3-ubyte");
    IdxFile.writeImages(images, sample());
    DataException e = assertFails(images, () -> IdxFile.readImages(images, 59));
    assertTrue(e.getMessage().contains("3 x 4 x 5 = 60 bytes of pixels"), e.getMessage());
    assertTrue(e.getMessage().contains("more than the 59 B this JVM can load"), e.getMessage());
    assertEquals(60, IdxFile.readImages(images, 60).pixels().length);
    Path labels = dir.resolve("labels-idx1-ubyte.gz");
    IdxFile.writeLabels(labels, new byte[] {1, 2, 3});
    assertFails(labels, () -> IdxFile.readLabels(labels, 2));
    assertTrue(IdxFile.maxBodyBytes() <= Runtime.getRuntime().maxMemory() / 5);
  }

  @Test
  void recordRejectsInconsistentArrays() {
    assertThrows(IllegalArgumentException.class, () -> new IdxFile.IdxImages(2, 2, 2, new byte[7]));
    assertThrows(IllegalArgumentException.class, () -> new IdxFile.IdxImages(0, 2, 2, new byte[0]));
  }

  private static DataException assertFails(Path file, Executable read) {
    DataException e = assertThrows(DataException.class, read);
    assertTrue(e.getMessage().contains(file.toString()), "message should name the file: "
        + e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "message should be one line: " + e.getMessage());
    return e;
  }

  private static void gzip(Path file, byte[]... parts) throws IOException {
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      for (byte[] p : parts) {
        out.write(p);
      }
    }
  }

  private static byte[] header(int... ints) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (int v : ints) {
        out.writeInt(v);
      }
    }
    return bytes.toByteArray();
  }
}
