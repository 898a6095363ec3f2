package dev.gan4j.io;

import dev.gan4j.RunDirectoryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * One run folder, one writer: an operating-system lock on the folder's {@code .lock} file, held while a
 * training session writes the run. A second {@code train --resume} or {@code train --out} on the same
 * folder fails at once instead of interleaving metrics rows and checkpoints. The kernel releases the lock
 * when the process dies, however it dies, so a killed run never leaves the folder locked.
 *
 * <p>Holding the lock also makes it safe to remove the {@code .writing-*.tmp} files an earlier, killed
 * session left behind ({@link #removeDebris}): no one else can be writing them.
 *
 * <pre>{@code try (RunLock lock = RunLock.acquire(run.root())) { ... train ... }}</pre>
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in a run folder. */
  public static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code root} for writing.
   *
   * @throws RunDirectoryException when another process (or another session in this one) holds it
   */
  public static RunLock acquire(Path root) {
    FileChannel channel;
    try {
      channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new RunDirectoryException("cannot lock " + root + ": " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM already
    } catch (IOException e) {
      closeQuietly(channel);
      throw new RunDirectoryException("cannot lock " + root + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new RunDirectoryException(root + " is being written by another gan4j process (its "
          + FILE + " is locked); wait for that run to finish, or train into another folder");
    }
    return new RunLock(channel, lock);
  }

  /**
   * Removes the temporary files ({@code .writing-*.tmp}) that a killed session left in the run folder,
   * its checkpoints and its samples. Returns how many it removed. Call only while holding the lock.
   */
  public int removeDebris(Path root) {
    int removed = 0;
    for (Path dir : new Path[] {root, root.resolve("checkpoints"), root.resolve("samples")}) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          String name = p.getFileName().toString();
          if (name.startsWith(".writing-") && name.endsWith(".tmp") && Files.isRegularFile(p)) {
            Files.deleteIfExists(p);
            removed++;
          }
        }
      } catch (IOException e) {
        throw new RunDirectoryException("cannot clean " + dir + ": " + e.getMessage(), e);
      }
    }
    return removed;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close below releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
