package dev.gan4j.io;

import dev.gan4j.OutputPathException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks, before any work starts, that an output path can be written, and words the system's reason
 * when it cannot ("permission denied", "not a directory", "no space left on device"), so a command
 * fails in one line and at once rather than after minutes of training or sampling.
 *
 * <p>Permissions alone cannot answer (the superuser passes every permission check, and some file
 * systems refuse new files whatever the permissions say), so the check creates an empty hidden file
 * in the folder that would receive the output and removes it at once.
 *
 * <pre>{@code OutputPaths.checkFile(Path.of("samples.csv"));}</pre>
 */
public final class OutputPaths {
  private OutputPaths() {}

  /**
   * Checks that the file {@code out} can be written: it is not a folder, and its folder exists, or
   * its nearest existing ancestor is a folder, that takes new files.
   *
   * @throws OutputPathException naming {@code out} and the reason
   */
  public static void checkFile(Path out) {
    if (Files.isDirectory(out)) {
      throw new OutputPathException("cannot write " + out + ": it is a folder; give a file name");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      probe(parent, out);
    }
  }

  /**
   * Checks, without touching anything, that {@code file} in an existing folder can be written or
   * replaced: it is not a folder, and the system grants write access to it (when it exists) and to its
   * folder. Read-only file systems are refused even for the superuser. For a file that goes into a
   * folder that must stay untouched when the check fails (a run folder's {@code eval.json}); the probe
   * of {@link #checkFile} would change the folder's modification time.
   *
   * @throws OutputPathException naming {@code file} and the reason
   */
  public static void checkReplaceable(Path file) {
    if (Files.isDirectory(file)) {
      throw new OutputPathException("cannot write " + file + ": it is a folder");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new OutputPathException("cannot write " + file + ": " + dir + " is not a directory");
    }
    boolean denied = (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !Files.isWritable(file)) || (dir != null && !Files.isWritable(dir));
    if (denied) {
      String why = dir != null && readOnlyStore(dir) ? "read-only file system" : "permission denied";
      throw new OutputPathException("cannot write " + file + ": " + why);
    }
  }

  private static boolean readOnlyStore(Path dir) {
    try {
      return Files.getFileStore(dir).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Checks that the folder {@code dir} exists and takes new files, or can be made: its nearest
   * existing ancestor is a folder that takes new entries.
   *
   * @throws OutputPathException naming {@code dir} and the reason
   */
  public static void checkFolder(Path dir) {
    probe(dir.toAbsolutePath(), dir);
  }

  // Creates and removes a file in the nearest existing folder at or above dir.
  private static void probe(Path dir, Path target) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return; // nothing exists above it, not even a root: let the write report what happens
    }
    if (!Files.isDirectory(existing)) {
      throw new OutputPathException(
          "cannot write " + target + ": " + existing + " is not a directory");
    }
    try {
      Files.delete(Files.createTempFile(existing, ".gan4j-probe-", ".tmp"));
    } catch (IOException e) {
      throw new OutputPathException("cannot write " + target + ": " + reason(e)
          + (existing.equals(dir) ? "" : " (in " + existing + ")"), e);
    }
  }

  /**
   * The system's reason for a failed file operation, in lower case: {@code permission denied},
   * {@code no such file or directory}, {@code not a directory}, {@code no space left on device},
   * {@code read-only file system}...
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return (f.getFile() == null ? "it" : f.getFile()) + " already exists";
    }
    String why = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (why == null || why.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1);
  }
}
