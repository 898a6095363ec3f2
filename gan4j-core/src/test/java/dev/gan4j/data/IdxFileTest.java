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
