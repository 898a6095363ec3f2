package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import dev.gan4j.data.IdxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFilesTest {
  @TempDir Path tmp;

  @Test
  void csvWithAndWithoutHeader() throws IOException {
    SampleFiles.Loaded a = SampleFiles.read(Files.writeString(tmp.resolve("a.csv"), "x,y\n1,2\n\n3,4.5\n"));
    assertEquals(2, a.count());
    assertEquals(2, a.dim());
    assertArrayEquals(new float[] {1, 2, 3, 4.5f}, a.values());
    assertFalse(a.images());
    SampleFiles.Loaded b = SampleFiles.read(Files.writeString(tmp.resolve("b.csv"), "-1,0.5\n"));
    assertEquals(1, b.count());
  }

  @Test
  void aCsvThatIsNotUtf8SaysSo() throws IOException {
    Path latin1 = tmp.resolve("latin1.csv");
    Files.write(latin1,
        "x,y\n1,2\n3,4 \u00b5\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    DataException e = assertThrows(DataException.class, () -> SampleFiles.read(latin1));
    assertTrue(e.getMessage().contains(latin1 + ": not UTF-8 text"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void idxImagesAreScaledToMinusOneOne() {
    Path f = tmp.resolve("s.idx.gz");
    IdxFile.writeImages(f, new IdxFile.IdxImages(2, 1, 2, new byte[] {0, (byte) 255, 51, 0}));
    SampleFiles.Loaded s = SampleFiles.read(f);
    assertTrue(s.images());
    assertEquals(2, s.count());
    assertEquals(2, s.dim());
    assertArrayEquals(new float[] {-1f, 1f, 51 / 127.5f - 1f, -1f}, s.values());
  }

  @Test
  void malformedFilesNameTheLineAndTheProblem() throws IOException {
    Path ragged = Files.writeString(tmp.resolve("r.csv"), "1,2\n3\n");
    DataException e = assertThrows(DataException.class, () -> SampleFiles.read(ragged));
    assertTrue(e.getMessage().contains("line 2 has 1 values, expected 2"), e.getMessage());
    Path text = Files.writeString(tmp.resolve("t.csv"), "1,2\n3,abc\n");
    e = assertThrows(DataException.class, () -> SampleFiles.read(text));
    assertTrue(e.getMessage().contains("line 2: 'abc' is not a number"), e.getMessage());
    Path nan = Files.writeString(tmp.resolve("n.csv"), "1,NaN\n");
    e = assertThrows(DataException.class, () -> SampleFiles.read(nan));
    assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    Path empty = Files.writeString(tmp.resolve("e.csv"), "x,y\n");
    e = assertThrows(DataException.class, () -> SampleFiles.read(empty));
    assertTrue(e.getMessage().contains("holds no samples"), e.getMessage());
    e = assertThrows(DataException.class, () -> SampleFiles.read(tmp.resolve("missing.csv")));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    e = assertThrows(DataException.class, () -> SampleFiles.read(tmp.resolve("x.txt")));
    assertTrue(e.getMessage().contains("unknown sample format"), e.getMessage());
  }

  @Test
  void csvLineEndingsAreLfCrLfOrCrAndTheLastLineNeedsNone() throws IOException {
    SampleFiles.Loaded a =
        SampleFiles.read(Files.writeString(tmp.resolve("mixed.csv"), "1,2\r\n3,4\r5,6\n7,8"));
    assertEquals(4, a.count());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, a.values());
  }

  @Test
  void csvSizeIsCappedBeforeTheValuesAreHeld() throws IOException {
    Path rows = Files.writeString(tmp.resolve("rows.csv"), "1,2\n3,4\n5,6\n");
    assertEquals(3, SampleFiles.readCsv(rows, 6, 100).count(), "exactly at the cap is read");
    DataException many = assertThrows(DataException.class, () -> SampleFiles.readCsv(rows, 5, 100));
    assertTrue(many.getMessage().startsWith(rows + ": line 3 passes 5 values"), many.getMessage());
    assertTrue(many.getMessage().contains("-Xmx"), many.getMessage());

    Path oneLine = Files.writeString(tmp.resolve("one-line.csv"), "0.5,".repeat(60) + "1");
    DataException longLine =
        assertThrows(DataException.class, () -> SampleFiles.readCsv(oneLine, 1000, 100));
    assertEquals(oneLine + ": line 1 is longer than 100 characters; a CSV sample file holds one"
        + " sample a line", longLine.getMessage());
  }

  @Test
  void anNpyLargerThanTheHeapCanHoldIsRefusedFromItsHeader() throws IOException {
    // A sparse file: 2,000,000,000 float32 values (8 GB) that take no disk space.
    long count = 2_000_000_000L;
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + count + ",), }";
    StringBuilder h = new StringBuilder(header);
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    Path npy = tmp.resolve("huge.npy");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(npy.toFile(), "rw")) {
      f.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      f.write(h.length() & 0xFF);
      f.write(h.length() >> 8);
      f.write(h.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      f.setLength(f.getFilePointer() + count * 4);
    }
    long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    DataException e = assertThrows(DataException.class, () -> SampleFiles.read(npy));
    assertTrue(e.getMessage().startsWith(npy + ": .npy shape [2000000000] holds 2,000,000,000"
        + " values (7.5 GiB as float32), more than the"), e.getMessage());
    long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    assertTrue(after - before < 64L << 20, "refused before allocating: " + (after - before));
  }
}
