package dev.gan4j.data;

import dev.gan4j.DataException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The decoded pixels of an {@link ImageFolder}, kept in one file per fingerprint so that a second
 * load skips decoding. The file, all big-endian:
 *
 * <pre>
 * int magic "G4IF", int version, 32 bytes SHA-256 fingerprint,
 * int count, int channels, int height, int width, int skipped, byte hasLabels,
 * count ints of labels (when hasLabels), count × channels × height × width uint8 pixels,
 * long CRC-32 of everything before it
 * </pre>
 *
 * <p>A file is used only when every header field matches what the load expects, its size is exactly
 * what the header implies, and the checksum agrees; anything else is treated as no cache.
 *
 * <pre>{@code ImageFolder.Decoded d = ImageFolderCache.read(file, fingerprint, options, 2);}</pre>
 */
final class ImageFolderCache {
  static final int MAGIC = 0x47344946;
  static final int VERSION = 1;
  static final int HEADER_BYTES = 4 + 4 + 32 + 5 * 4 + 1;

  private ImageFolderCache() {}

  /** The cache file for {@code fingerprint} in {@code cacheDir}. */
  static Path file(Path cacheDir, String fingerprint) {
    return cacheDir.resolve("folder-" + fingerprint + ".bin");
  }

  /**
   * The cached images in {@code file}, or null when it is missing or does not hold exactly this
   * fingerprint's images with labels below {@code classCount} (none when it is 0).
   */
  static ImageFolder.Decoded read(Path file, String fingerprint, ImageFolder.Options options,
      int classCount) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (CheckedInputStream checked = new CheckedInputStream(
            new BufferedInputStream(Files.newInputStream(file), 1 << 16), new CRC32());
        DataInputStream in = new DataInputStream(checked)) {
      byte[] sha = new byte[32];
      int magic = in.readInt();
      int version = in.readInt();
      in.readFully(sha);
      int count = in.readInt();
      int channels = in.readInt();
      int height = in.readInt();
      int width = in.readInt();
      int skipped = in.readInt();
      boolean hasLabels = in.readBoolean();
      int size = options.imageSize();
      long values = (long) count * options.channels() * size * size;
      if (magic != MAGIC || version != VERSION
          || !HexFormat.of().formatHex(sha).equals(fingerprint) || count < 1
          || channels != options.channels() || height != size || width != size || skipped < 0
          || hasLabels != (classCount > 0) || values > ImageFolder.MAX_VALUES) {
        return null;
      }
      long expected = HEADER_BYTES + (hasLabels ? 4L * count : 0) + values + 8;
      if (Files.size(file) != expected) {
        return null;
      }
      int[] labels = hasLabels ? new int[count] : null;
      for (int i = 0; hasLabels && i < count; i++) {
        labels[i] = in.readInt();
        if (labels[i] < 0 || labels[i] >= classCount) {
          return null;
        }
      }
      byte[] pixels = new byte[(int) values];
      in.readFully(pixels);
      long crc = checked.getChecksum().getValue();
      if (in.readLong() != crc) {
        return null;
      }
      return new ImageFolder.Decoded(count, pixels, labels, skipped);
    } catch (IOException e) {
      // Unreadable or cut short: decoding again is always possible, so the cache is just skipped.
      return null;
    }
  }

  /** Writes {@code decoded} to {@code file} via a temporary file, so none sees it half done. */
  static void write(Path file, String fingerprint, ImageFolder.Options options,
      ImageFolder.Decoded decoded) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // Beside the target, so the move is a rename within one folder.
      Path tmp = Files.createTempFile(dir, ".folder-", ".tmp");
      try {
        writeTo(tmp, fingerprint, options, decoded);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DataException(file + ": cannot write the image cache: " + e
          + "; check the cache folder's permissions and free space", e);
    }
  }

  private static void writeTo(Path tmp, String fingerprint, ImageFolder.Options options,
      ImageFolder.Decoded decoded) throws IOException {
    try (CheckedOutputStream checked = new CheckedOutputStream(
            new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), new CRC32());
        DataOutputStream out = new DataOutputStream(checked)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.write(HexFormat.of().parseHex(fingerprint));
      out.writeInt(decoded.count());
      out.writeInt(options.channels());
      out.writeInt(options.imageSize());
      out.writeInt(options.imageSize());
      out.writeInt(decoded.skipped());
      out.writeBoolean(decoded.labels() != null);
      if (decoded.labels() != null) {
        for (int label : decoded.labels()) {
          out.writeInt(label);
        }
      }
      out.write(decoded.pixels());
      out.writeLong(checked.getChecksum().getValue());
    }
  }
}
