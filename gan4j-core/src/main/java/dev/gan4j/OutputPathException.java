package dev.gan4j;

/**
 * An output file or folder cannot be written: a part of its path is a file, its folder is read-only
 * or cannot be made, or the disk is full. The message names the path and the system's reason.
 */
public class OutputPathException extends Gan4jException {
  private static final long serialVersionUID = 1L;

  public OutputPathException(String message) {
    super(message);
  }

  public OutputPathException(String message, Throwable cause) {
    super(message, cause);
  }
}
