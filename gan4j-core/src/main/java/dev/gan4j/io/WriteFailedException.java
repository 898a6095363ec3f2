package dev.gan4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that a run, an evaluation or a sample call was writing could not be written after the work
 * had started: the disk filled up, the folder was made read-only or removed under it. Unlike an output
 * path refused up front ({@link dev.gan4j.OutputPathException}, exit code 2), this is not bad input, so
 * the command line prints the one-line message and exits with code 1. The message names the file and
 * the system's reason, e.g. {@code cannot write runs/a/metrics.csv: no space left on device}.
 *
 * <p>Writes that replace a file do so through a temporary file and a rename ({@link AtomicFiles}), so a
 * failed write leaves the previous version (and the previous checkpoints) as they were.
 *
 * <pre>{@code try { ... } catch (WriteFailedException e) { log(e.file() + ": " + e.reason()); }}</pre>
 */
public class WriteFailedException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final String reason;

  /**
   * @param file the file being written
   * @param cause the system's error
   */
  public WriteFailedException(Path file, IOException cause) {
    this(file, "cannot write " + file + ": " + OutputPaths.reason(cause), cause);
  }

  /**
   * @param file the file being written
   * @param message the whole one-line message, which names the file
   * @param cause the system's error
   */
  public WriteFailedException(Path file, String message, IOException cause) {
    super(message, Objects.requireNonNull(cause, "cause"));
    this.file = file;
    this.reason = OutputPaths.reason(cause);
  }

  /** The file that could not be written. */
  public Path file() {
    return file;
  }

  /** The system's reason, in lower case: {@code no space left on device}, {@code permission denied}... */
  public String reason() {
    return reason;
  }

  /** Whether the reason is a full disk or an exhausted quota. */
  public boolean diskFull() {
    return reason.contains("no space left") || reason.contains("quota exceeded");
  }
}
