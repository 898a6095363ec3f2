package dev.gan4j;

/**
 * A run directory cannot be used as asked: it holds no checkpoint to resume from, it already holds a
 * run and would be overwritten, or its files are unreadable.
 */
public class RunDirectoryException extends Gan4jException {
  private static final long serialVersionUID = 1L;

  public RunDirectoryException(String message) {
    super(message);
  }

  public RunDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
