package dev.gan4j.io;

import dev.gan4j.DataException;
import dev.gan4j.data.IdxFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads samples written by any tool, so {@code gan4j eval --samples} can judge them: IDX images ({@code
 * .idx}, {@code .idx.gz}: uint8, scaled to [-1, 1] as gan4j's data is), NumPy arrays ({@code .npy}:
 * float32 or float64 with the samples on the first axis, images as (n, h, w) or (n, c, h, w) in [-1, 1];
 * uint8 scaled like IDX) or CSV ({@code .csv}: one sample a
 * row, comma-separated, an optional header row; image pixels in [-1, 1], the format {@code gan4j sample}
 * writes).
 *
 * <pre>{@code SampleFiles.Loaded s = SampleFiles.read(Path.of("fake.idx.gz"));}</pre>
 */
public final class SampleFiles {
  private SampleFiles() {}

  /**
   * Samples read from a file.
   *
   * @param count how many samples
   * @param dim values per sample
   * @param values row-major values
   * @param images whether the file held images (IDX, or a .npy of rank 3 or 4), pixels in [-1, 1]
   */
  public record Loaded(int count, int dim, float[] values, boolean images) {}

  /**
   * Reads {@code file} by its extension.
   *
   * @throws DataException when it is missing, of an unknown format or malformed (naming the line)
   */
  public static Loaded read(Path file) {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".idx") || lower.endsWith(".idx.gz")
        || lower.endsWith("-ubyte") || lower.endsWith("-ubyte.gz")) {
      if (!Files.isRegularFile(file)) {
        throw new DataException(file + ": no such file");
      }
      IdxFile.IdxImages img = IdxFile.readImages(file);
      float[] v = new float[img.pixels().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (img.pixels()[i] & 0xFF) / 127.5f - 1f;
      }
      return new Loaded(img.count(), img.rows() * img.cols(), v, true);
    }
    if (lower.endsWith(".csv")) {
      return readCsv(file);
    }
    if (lower.endsWith(".npy")) {
      NpyFile.Array a = NpyFile.read(file);
      long dim = 1;
      for (int i = 1; i < a.shape().length; i++) {
        dim *= a.shape()[i];
      }
      float[] v = a.values();
      if (a.bytes()) { // uint8 pixels, as IDX: scaled to [-1, 1]
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] / 127.5f - 1f;
        }
      }
      if (a.shape()[0] < 1 || dim < 1) {
        throw new DataException(file + ": holds no samples (shape "
            + java.util.Arrays.toString(a.shape()) + ")");
      }
      // (n, h, w) or (n, c, h, w): images, in [-1, 1] as gan4j writes them.
      return new Loaded((int) a.shape()[0], (int) dim, v, a.shape().length >= 3 || a.bytes());
    }
    throw new DataException(file + ": unknown sample format; use .idx, .idx.gz, .npy or .csv");
  }

  private static Loaded readCsv(Path file) {
    return readCsv(file, dev.gan4j.Limits.maxLoadBytes() / Float.BYTES, dev.gan4j.Limits.MAX_CSV_LINE);
  }

  // As readCsv(file), refusing more than maxValues values in all or a line of more than maxLine
  // characters, before either is held in memory.
  static Loaded readCsv(Path file, long maxValues, int maxLine) {
    float[] values = new float[1024];
    int size = 0;
    int dim = -1;
    int rows = 0;
    int lineNo = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = readLine(r, maxLine, file, lineNo + 1)) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",", -1);
        if (rows == 0 && dim < 0 && !isNumber(parts[0].strip())) {
          dim = parts.length; // a header row: names its columns
          continue;
        }
        if (dim < 0) {
          dim = parts.length;
        }
        if (parts.length != dim) {
          throw new DataException(file + ": line " + lineNo + " has " + parts.length
              + " values, expected " + dim);
        }
        if ((long) size + dim > maxValues) {
          throw new DataException(String.format(java.util.Locale.ROOT, "%s: line %d passes %,d"
              + " values (%s as float32), the most this JVM can load (a fifth of its maximum"
              + " heap); use a file of fewer samples, or a larger -Xmx (GAN4J_JAVA_OPTS for"
              + " ./gan4j)", file, lineNo, maxValues,
              dev.gan4j.Limits.bytes(maxValues * (double) Float.BYTES)));
        }
        if (size + dim > values.length) {
          long grown = Math.max(values.length * 2L, (long) size + dim);
          values = java.util.Arrays.copyOf(values, (int) Math.min(grown, maxValues));
        }
        for (String p : parts) {
          float v;
          try {
            v = Float.parseFloat(p.strip());
          } catch (NumberFormatException e) {
            throw new DataException(file + ": line " + lineNo + ": '" + p.strip()
                + "' is not a number");
          }
          if (!Float.isFinite(v)) {
            throw new DataException(file + ": line " + lineNo + ": value " + v + " is not finite");
          }
          values[size++] = v;
        }
        rows++;
      }
    } catch (NoSuchFileException e) {
      throw new DataException(file + ": no such file");
    } catch (java.nio.charset.CharacterCodingException e) {
      // The reader decodes ahead of the lines it returns, so the bad byte is at or after this line.
      throw new DataException(file + ": not UTF-8 text (an invalid byte at or after line "
          + (lineNo + 1) + "); save the file as UTF-8 (or ASCII)", e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (rows == 0) {
      throw new DataException(file + ": holds no samples");
    }
    return new Loaded(rows, dim, java.util.Arrays.copyOf(values, size), false);
  }

  // One line without its terminator (\n, \r or \r\n), or null at the end; a line longer than
  // maxLine characters is refused before it is held whole.
  private static String readLine(BufferedReader r, int maxLine, Path file, int lineNo)
      throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = r.read()) != -1) {
      if (c == '\n') {
        return b.toString();
      }
      if (c == '\r') {
        r.mark(1);
        if (r.read() != '\n') {
          r.reset();
        }
        return b.toString();
      }
      if (b.length() == maxLine) {
        throw new DataException(String.format(java.util.Locale.ROOT, "%s: line %d is longer than"
            + " %,d characters; a CSV sample file holds one sample a line", file, lineNo, maxLine));
      }
      b.append((char) c);
    }
    return b.length() == 0 ? null : b.toString();
  }

  private static boolean isNumber(String s) {
    try {
      Float.parseFloat(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
