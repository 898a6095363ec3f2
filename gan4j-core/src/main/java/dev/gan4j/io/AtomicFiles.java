package dev.gan4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Whole-file writes that readers never see half done: a temporary file, then an atomic rename. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Replaces {@code file}'s content with {@code text} (UTF-8) atomically. */
  public static void writeString(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".writing-", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      moveIntoPlace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Publishes a finished temporary file under its real name in one atomic rename, readable by everyone
   * like any file the user writes (temporary files start private, mode 0600).
   */
  public static void moveIntoPlace(Path tmp, Path target) throws IOException {
    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Like {@link #moveIntoPlace}, durable across a power loss: the file's bytes reach the disk before
   * the rename, and the folder's entry after it. For checkpoints, whose loss would cost training.
   */
  public static void moveIntoPlaceDurably(Path tmp, Path target) throws IOException {
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    moveIntoPlace(tmp, target);
    syncFolder(target.toAbsolutePath().getParent());
  }

  // A folder's entries are flushed by fsync on the folder itself (Linux allows opening it read-only).
  private static void syncFolder(Path dir) {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Some systems cannot open or sync folders; the rename is still atomic.
    }
  }
}
