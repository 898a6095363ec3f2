package dev.gan4j.io;

import dev.gan4j.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0: a magic string, a header that is a Python dict literal
 * ({@code descr}, {@code fortran_order}, {@code shape}), padded so the data starts on a 64-byte
 * boundary, then the values in C order. gan4j writes little-endian float32 ({@code <f4}) and reads
 * {@code <f4}, {@code <f8} and {@code |u1} in C order, so {@code numpy.load} opens what {@code gan4j
 * sample} writes and {@code gan4j eval} reads what NumPy saves.
 *
 * <pre>{@code NpyFile.write(Path.of("samples.npy"), values, new long[] {64, 1, 28, 28});}</pre>
 */
public final class NpyFile {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int MAX_HEADER = 64 * 1024;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /**
   * An array read from a file.
   *
   * @param shape its shape, first axis the sample count
   * @param values the values in C order, as floats (uint8 as 0..255)
   * @param bytes whether the file held uint8 values
   */
  public record Array(long[] shape, float[] values, boolean bytes) {}

  private NpyFile() {}

  /** Writes {@code values} (C order) with {@code shape} as little-endian float32, atomically. */
  public static void write(Path file, float[] values, long[] shape) throws IOException {
    checkShape(values, shape);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".writing-", ".tmp");
    try {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        encode(values, shape, out);
      }
      AtomicFiles.moveIntoPlace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes the {@code .npy} form of {@code values} (C order, shape {@code shape}, little-endian
   * float32) to {@code out}, which stays open.
   *
   * @throws IllegalArgumentException when the shape does not hold exactly the values
   */
  public static void encode(float[] values, long[] shape, OutputStream out) throws IOException {
    checkShape(values, shape);
    out.write(header(shape));
    ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      if (b.remaining() < 4) {
        out.write(b.array(), 0, b.position());
        b.clear();
      }
      b.putFloat(v);
    }
    out.write(b.array(), 0, b.position());
  }

  private static void checkShape(float[] values, long[] shape) {
    long count = 1;
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in shape");
      }
      count = Math.multiplyExact(count, s);
    }
    if (count != values.length) {
      throw new IllegalArgumentException(
          "shape holds " + count + " values, got " + values.length);
    }
  }

  // Magic, version 1.0, header length (uint16 LE), then the dict padded with spaces and a newline so
  // the whole preamble is a multiple of 64 bytes.
  static byte[] header(long[] shape) {
    StringBuilder dims = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      dims.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    if (shape.length == 1) {
      dims.append(','); // a one-element tuple in Python
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padded = (unpadded + 63) / 64 * 64;
    String text = dict + " ".repeat(padded - unpadded) + "\n";
    ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
    b.put(text.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  /**
   * Reads a {@code .npy} file of {@code <f4}, {@code <f8} or {@code |u1} values in C order.
   *
   * @throws DataException when the file is missing, not {@code .npy}, of another type or order, or
   *     shorter or longer than its header says
   */
  public static Array read(Path file) {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      byte[] pre = in.readNBytes(8);
      if (pre.length < 8 || !java.util.Arrays.equals(java.util.Arrays.copyOf(pre, 6), MAGIC)) {
        throw new DataException(file + ": not a .npy file (no \\x93NUMPY magic)");
      }
      int major = pre[6];
      int headerLength;
      if (major == 1) {
        byte[] len = in.readNBytes(2);
        headerLength = len.length < 2 ? -1 : (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
      } else if (major == 2 || major == 3) {
        byte[] len = in.readNBytes(4);
        headerLength = len.length < 4 ? -1
            : ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
      } else {
        throw new DataException(file + ": .npy version " + major + " is not supported");
      }
      if (headerLength < 0 || headerLength > MAX_HEADER) {
        throw new DataException(file + ": .npy header length " + headerLength + " is out of range");
      }
      byte[] headerBytes = in.readNBytes(headerLength);
      if (headerBytes.length < headerLength) {
        throw new DataException(file + ": truncated .npy header");
      }
      String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
      String descr = group(DESCR, header, file, "descr");
      if ("True".equals(group(FORTRAN, header, file, "fortran_order"))) {
        throw new DataException(file + ": Fortran-ordered .npy arrays are not supported; save with"
            + " numpy.ascontiguousarray");
      }
      long[] shape = parseShape(group(SHAPE, header, file, "shape"), file);
      int width;
      switch (descr) {
        case "<f4" -> width = 4;
        case "<f8" -> width = 8;
        case "|u1", "<u1", "u1" -> width = 1;
        default -> throw new DataException(file + ": .npy dtype '" + descr
            + "' is not supported; use float32 (<f4), float64 (<f8) or uint8");
      }
      long count = 1;
      for (long s : shape) {
        count = Math.multiplyExact(count, s);
      }
      long bytes = Math.multiplyExact(count, width);
      long available = Files.size(file) - 8 - (major == 1 ? 2 : 4) - headerLength;
      if (available != bytes) {
        throw new DataException(file + ": .npy shape " + java.util.Arrays.toString(shape) + " needs "
            + bytes + " bytes of data, the file has " + available);
      }
      // The float32 copy is all that is held (the file is read in chunks): checked before it exists.
      long maxValues = dev.gan4j.Limits.maxLoadBytes() / Float.BYTES;
      if (count > maxValues) {
        throw new DataException(String.format(java.util.Locale.ROOT, "%s: .npy shape %s holds %,d"
            + " values (%s as float32), more than the %s this JVM can load (a fifth of its maximum"
            + " heap); pass fewer samples, or run with a larger -Xmx (GAN4J_JAVA_OPTS for ./gan4j)",
            file, java.util.Arrays.toString(shape), count,
            dev.gan4j.Limits.bytes(count * (double) Float.BYTES),
            dev.gan4j.Limits.bytes(maxValues * (double) Float.BYTES)));
      }
      float[] values = new float[(int) count];
      byte[] chunk = new byte[width * 65_536];
      int i = 0;
      while (i < values.length) {
        int n = Math.min(65_536, values.length - i);
        int got = in.readNBytes(chunk, 0, n * width);
        if (got < n * width) {
          throw new DataException(file + ": .npy data ends early (the file shrank while read)");
        }
        ByteBuffer b = ByteBuffer.wrap(chunk, 0, n * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++, i++) {
          values[i] = switch (width) {
            case 4 -> b.getFloat();
            case 8 -> (float) b.getDouble();
            default -> b.get() & 0xFF;
          };
        }
      }
      return new Array(shape, values, width == 1);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DataException(file + ": no such file");
    } catch (IOException e) {
      throw new DataException(file + ": cannot read (" + e.getMessage() + ")");
    } catch (ArithmeticException e) {
      throw new DataException(file + ": .npy shape too large");
    }
  }

  private static String group(Pattern p, String header, Path file, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new DataException(file + ": .npy header has no '" + key + "'");
    }
    return m.group(1);
  }

  private static long[] parseShape(String tuple, Path file) {
    List<Long> dims = new ArrayList<>();
    for (String part : tuple.split(",")) {
      String t = part.trim();
      if (t.isEmpty()) {
        continue;
      }
      try {
        long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
        if (v < 0) {
          throw new NumberFormatException();
        }
        dims.add(v);
      } catch (NumberFormatException e) {
        throw new DataException(file + ": .npy shape (" + tuple + ") is not a tuple of sizes");
      }
    }
    if (dims.isEmpty()) {
      throw new DataException(file + ": a .npy scalar holds no samples; save an array of them");
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }
}
