package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy reader and writer, against files NumPy 2.4 wrote ({@code np.save}). */
class NpyFileTest {
  // np.save of np.array([1.5, -2.0], dtype='<f4')
  private static final String NUMPY_F4 =
      "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f726465"
      + "72273a2046616c73652c20277368617065273a2028322c292c207d20202020202020202020202020"
      + "20202020202020202020202020202020202020202020202020202020202020202020202020202020"
      + "202020202020200a0000c03f000000c0";
  // np.save of np.arange(6, dtype='<f8').reshape(2, 3) / 4
  private static final String NUMPY_F8 =
      "934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f726465"
      + "72273a2046616c73652c20277368617065273a2028322c2033292c207d2020202020202020202020"
      + "20202020202020202020202020202020202020202020202020202020202020202020202020202020"
      + "202020202020200a0000000000000000000000000000d03f000000000000e03f000000000000e83f"
      + "000000000000f03f000000000000f43f";
  // np.save of np.array([[[0, 255], [128, 1]]], dtype=np.uint8)
  private static final String NUMPY_U1 =
      "934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f726465"
      + "72273a2046616c73652c20277368617065273a2028312c20322c2032292c207d2020202020202020"
      + "20202020202020202020202020202020202020202020202020202020202020202020202020202020"
      + "202020202020200a00ff8001";

  @TempDir Path dir;

  private Path file(String name, String hex) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, HexFormat.of().parseHex(hex));
    return f;
  }

  @Test
  void writesTheBytesNumpyWrites() throws Exception {
    Path f = dir.resolve("a.npy");
    NpyFile.write(f, new float[] {1.5f, -2f}, new long[] {2});
    assertEquals(NUMPY_F4, HexFormat.of().formatHex(Files.readAllBytes(f)));
  }

  @Test
  void readsWhatNumpyWrites() throws Exception {
    NpyFile.Array f8 = NpyFile.read(file("f8.npy", NUMPY_F8));
    assertArrayEquals(new long[] {2, 3}, f8.shape());
    assertArrayEquals(new float[] {0f, .25f, .5f, .75f, 1f, 1.25f}, f8.values());
    NpyFile.Array u1 = NpyFile.read(file("u1.npy", NUMPY_U1));
    assertArrayEquals(new long[] {1, 2, 2}, u1.shape());
    assertArrayEquals(new float[] {0f, 255f, 128f, 1f}, u1.values());
    assertTrue(u1.bytes());
    SampleFiles.Loaded images = SampleFiles.read(file("u1b.npy", NUMPY_U1));
    assertTrue(images.images());
    assertEquals(4, images.dim());
    assertEquals(-1f, images.values()[0]);
    assertEquals(1f, images.values()[1]);
    SampleFiles.Loaded points = SampleFiles.read(file("f8b.npy", NUMPY_F8));
    assertFalse(points.images());
    assertEquals(2, points.count());
    assertEquals(3, points.dim());
  }

  @Test
  void roundTripsImagesWithTheDataAligned() throws Exception {
    float[] v = new float[3 * 2 * 4 * 5];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(i);
    }
    Path f = dir.resolve("img.npy");
    NpyFile.write(f, v, new long[] {3, 2, 4, 5});
    assertEquals(0, (Files.size(f) - 4L * v.length) % 64, "data starts on a 64-byte boundary");
    NpyFile.Array back = NpyFile.read(f);
    assertArrayEquals(new long[] {3, 2, 4, 5}, back.shape());
    assertArrayEquals(v, back.values());
    assertThrows(IllegalArgumentException.class, () -> NpyFile.write(f, v, new long[] {3, 2}));
  }

  @Test
  void malformedFilesAreNamedInOneError() throws Exception {
    String f4Header = NUMPY_F4.substring(0, NUMPY_F4.length() - 16);
    assertThrows(DataException.class, () -> NpyFile.read(dir.resolve("missing.npy")));
    DataException notNpy = assertThrows(DataException.class,
        () -> NpyFile.read(file("text.npy", "68656c6c6f0a")));
    assertTrue(notNpy.getMessage().contains("not a .npy file"), notNpy.getMessage());
    DataException shortData = assertThrows(DataException.class,
        () -> NpyFile.read(file("short.npy", f4Header + "0000c03f")));
    assertTrue(shortData.getMessage().contains("needs 8 bytes of data, the file has 4"),
        shortData.getMessage());
    String fortran = NUMPY_F8.replace("46616c7365", "5472756520"); // 'False' -> 'True '
    DataException order =
        assertThrows(DataException.class, () -> NpyFile.read(file("f.npy", fortran)));
    assertTrue(order.getMessage().contains("Fortran"), order.getMessage());
    String int64 = NUMPY_F8.replace("3c6638", "3c6938"); // '<f8' -> '<i8'
    DataException type =
        assertThrows(DataException.class, () -> NpyFile.read(file("i.npy", int64)));
    assertTrue(type.getMessage().contains("dtype '<i8' is not supported"), type.getMessage());
  }
}
