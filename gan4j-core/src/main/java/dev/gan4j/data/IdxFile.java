package dev.gan4j.data;

import dev.gan4j.DataException;
import dev.gan4j.Limits;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the IDX format of the original MNIST distribution: a big-endian int32 magic, one
 * big-endian int32 per dimension, then the raw uint8 values. Only the two kinds datasets use are
 * supported: 3-D uint8 images (magic {@code 0x00000803}) and 1-D uint8 labels ({@code 0x00000801}).
 * A file is read as gzip when it starts with the gzip magic bytes, and written as gzip when its name
 * ends in {@code .gz}. Every problem is a {@link DataException} naming the file.
 *
 * <p>Sizes are checked before the values are allocated: the header's count × rows × cols must fit
 * {@link #maxBodyBytes()} (a fifth of the maximum heap: readers keep the bytes and a float32 copy
 * of them), match a plain file's length exactly, and be no more than a gzip file can unpack to
 * (deflate packs at most 1,032 bytes into one). A gzip stream that unpacks past the size its header
 * states is refused at the first extra byte, so a small file that unpacks to gigabytes fails at
 * once.
 *
 * <pre>{@code IdxFile.IdxImages images = IdxFile.readImages(Path.of("train-images-idx3-ubyte.gz"));}</pre>
 */
public final class IdxFile {
  /** Magic number of a uint8 3-D (images) IDX file. */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of a uint8 1-D (labels) IDX file. */
  public static final int LABELS_MAGIC = 0x00000801;

  // Java arrays stop a little short of Integer.MAX_VALUE on common JVMs.
  private static final long MAX_ARRAY = Limits.MAX_ARRAY;

  /**
   * The most bytes deflate unpacks one compressed byte into (RFC 1951's longest match per code).
   */
  static final long MAX_DEFLATE_RATIO = 1032;

  private IdxFile() {}

  /**
   * The contents of an images file: {@code count} images of {@code rows × cols} uint8 pixels,
   * row-major, image after image (0 background to 255 ink in the MNIST family).
   *
   * <pre>{@code int firstPixel = images.pixels()[0] & 0xFF;}</pre>
   */
  public record IdxImages(int count, int rows, int cols, byte[] pixels) {
    /** Checks that the dimensions are positive and that {@code pixels} holds exactly their product. */
    public IdxImages {
      if (count < 1 || rows < 1 || cols < 1) {
        throw new IllegalArgumentException(
            "image dimensions must be positive, got " + count + " x " + rows + " x " + cols);
      }
      long expected = (long) count * rows * cols;
      if (pixels == null || pixels.length != expected) {
        throw new IllegalArgumentException("expected " + expected + " pixels for " + count + " x "
            + rows + " x " + cols + ", got " + (pixels == null ? "null" : pixels.length));
      }
    }
  }

  /**
   * The largest body (pixels or labels) the readers accept: a fifth of the maximum heap, since a
   * reader keeps the bytes and their float32 copy (five bytes a value), and at most one array.
   */
  public static long maxBodyBytes() {
    return Limits.maxLoadBytes();
  }

  /** Reads a uint8 3-D IDX file (plain or gzip). */
  public static IdxImages readImages(Path file) {
    return readImages(file, maxBodyBytes());
  }

  /** As {@link #readImages(Path)}, accepting at most {@code maxBytes} of pixels. */
  static IdxImages readImages(Path file, long maxBytes) {
    long fileSize = fileSize(file);
    try (InputStream in = open(file)) {
      int magic = readHeaderInt(in, file, 16);
      checkMagic(file, magic, IMAGES_MAGIC, "uint8 3-D images");
      int count = readHeaderInt(in, file, 16);
      int rows = readHeaderInt(in, file, 16);
      int cols = readHeaderInt(in, file, 16);
      if (count < 1 || rows < 1 || cols < 1) {
        throw new DataException(file + ": image dimensions must be positive, found " + count
            + " x " + rows + " x " + cols);
      }
      long size = (long) count * rows * cols;
      if (size > MAX_ARRAY) {
        throw new DataException(file + ": " + count + " x " + rows + " x " + cols + " = " + size
            + " pixels is more than one Java array can hold");
      }
      checkBodySize(file, fileSize, isGzip(in), 16, size, maxBytes,
          count + " x " + rows + " x " + cols + " = ", "pixels");
      byte[] pixels = readBody(in, file, (int) size, "pixels");
      return new IdxImages(count, rows, cols, pixels);
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  /** Reads a uint8 1-D IDX file (plain or gzip). */
  public static byte[] readLabels(Path file) {
    return readLabels(file, maxBodyBytes());
  }

  /** As {@link #readLabels(Path)}, accepting at most {@code maxBytes} of labels. */
  static byte[] readLabels(Path file, long maxBytes) {
    long fileSize = fileSize(file);
    try (InputStream in = open(file)) {
      int magic = readHeaderInt(in, file, 8);
      checkMagic(file, magic, LABELS_MAGIC, "uint8 1-D labels");
      int count = readHeaderInt(in, file, 8);
      if (count < 1) {
        throw new DataException(file + ": label count must be positive, found " + count);
      }
      if (count > MAX_ARRAY) {
        throw new DataException(file + ": " + count
            + " labels is more than one Java array can hold");
      }
      checkBodySize(file, fileSize, isGzip(in), 8, count, maxBytes, "", "labels");
      return readBody(in, file, count, "labels");
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  /** Writes images atomically, gzip-compressed when the file name ends in {@code .gz}. */
  public static void writeImages(Path file, IdxImages images) {
    write(file, out -> {
      out.writeInt(IMAGES_MAGIC);
      out.writeInt(images.count());
      out.writeInt(images.rows());
      out.writeInt(images.cols());
      out.write(images.pixels());
    });
  }

  /** Writes labels atomically, gzip-compressed when the file name ends in {@code .gz}. */
  public static void writeLabels(Path file, byte[] labels) {
    if (labels.length == 0) {
      throw new IllegalArgumentException(file + ": cannot write an empty labels file");
    }
    write(file, out -> {
      out.writeInt(LABELS_MAGIC);
      out.writeInt(labels.length);
      out.write(labels);
    });
  }

  private static InputStream open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new DataException(file + ": file not found");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new DataException(file + ": file is not readable");
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      // Sniff rather than trust the name: files get renamed, and .gz ones get decompressed in place.
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new Gunzipped(new GZIPInputStream(raw, 1 << 16));
      }
      return raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": file not found", e);
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  private static boolean isGzip(InputStream in) {
    return in instanceof Gunzipped;
  }

  // Before the body is allocated: the header's size against the limit and what the file can hold.
  private static void checkBodySize(Path file, long fileSize, boolean gzip, int headerBytes,
      long size, long maxBytes, String product, String what) {
    if (size > maxBytes) {
      throw new DataException(file + ": its header states " + product + size + " bytes of " + what
          + " (" + Limits.bytes(size) + "), more than the " + Limits.bytes(maxBytes) + " this JVM"
          + " can load (a fifth of its maximum heap); run with a larger -Xmx (GAN4J_JAVA_OPTS for"
          + " ./gan4j) if the file is right");
    }
    long body = fileSize - headerBytes;
    if (!gzip && body < size) {
      throw new DataException(file + ": truncated: expected " + size + " bytes of " + what
          + ", found " + Math.max(0, body));
    }
    if (!gzip && body > size) {
      throw new DataException(file + ": " + (body - size) + " unexpected trailing bytes after the "
          + size + " bytes of " + what);
    }
    if (gzip && size + headerBytes > MAX_DEFLATE_RATIO * fileSize) {
      throw new DataException(file + ": its header states " + product + size + " bytes of " + what
          + ", more than a gzip file of " + fileSize + " bytes can unpack to (at most "
          + MAX_DEFLATE_RATIO * fileSize + "): the header is corrupt");
    }
  }

  private static int readHeaderInt(InputStream in, Path file, int headerBytes) throws IOException {
    byte[] b = in.readNBytes(4);
    if (b.length < 4) {
      throw new DataException(file + ": truncated: the IDX header needs " + headerBytes
          + " bytes, the file ends early");
    }
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  private static void checkMagic(Path file, int magic, int expected, String kind) {
    if (magic != expected) {
      throw new DataException(String.format("%s: bad magic number 0x%08x, expected 0x%08x (%s)",
          file, magic, expected, kind));
    }
  }

  // Reads in chunks so a corrupt header claiming gigabytes costs no more memory than the file holds.
  private static byte[] readBody(InputStream in, Path file, int expected, String what)
      throws IOException {
    byte[] data = new byte[Math.min(expected, 1 << 20)];
    int filled = 0;
    try {
      while (filled < expected) {
        if (filled == data.length) {
          data = Arrays.copyOf(data, (int) Math.min(expected, 2L * data.length));
        }
        int n = in.read(data, filled, data.length - filled);
        if (n < 0) {
          break;
        }
        filled += n;
      }
    } catch (EOFException e) {
      // GZIPInputStream's way of saying the compressed stream was cut off.
      throw new DataException(file + ": truncated: expected " + expected + " bytes of " + what
          + ", found " + filled + " before the gzip stream ended early", e);
    }
    if (filled < expected) {
      throw new DataException(file + ": truncated: expected " + expected + " bytes of " + what
          + ", found " + filled);
    }
    // One byte past the body is enough to refuse: never unpack the rest of a stream that lies.
    if (in.read() >= 0) {
      throw new DataException(file + ": holds more than the " + expected + " bytes of " + what
          + " its header states (unexpected trailing data)");
    }
    return data;
  }

  /** A decompressing stream, buffered; its type says the file was gzip. */
  private static final class Gunzipped extends BufferedInputStream {
    Gunzipped(InputStream gzip) {
      super(gzip, 1 << 16);
    }
  }

  private static DataException readFailure(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new DataException(file + ": file not found", e);
    }
    if (e instanceof EOFException) {
      return new DataException(file + ": truncated: the gzip stream ends early", e);
    }
    if (e instanceof ZipException) {
      return new DataException(file + ": corrupt gzip data: " + e.getMessage(), e);
    }
    return new DataException(file + ": cannot read: " + e, e);
  }

  private interface Body {
    void writeTo(DataOutputStream out) throws IOException;
  }

  // Temp file beside the target and a move, so readers never see a half-written file.
  private static void write(Path file, Body body) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      // Not Files.createTempFile: its owner-only permissions would stick to the finished file.
      tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
          + Long.toHexString(Double.doubleToLongBits(Math.random())) + ".tmp");
      boolean gzip = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
      try (OutputStream raw = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW);
          DataOutputStream out = new DataOutputStream(gzip
              ? new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16)
              : new BufferedOutputStream(raw, 1 << 16))) {
        body.writeTo(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new DataException(file + ": cannot write: " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write already failed; that is the error worth reporting.
        }
      }
    }
  }
}
