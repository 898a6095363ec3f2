package dev.gan4j;

/**
 * A dataset file is missing, unreadable or malformed, or a dataset cannot be found or fetched. The
 * message names the file (or dataset) and the problem.
 */
public class DataException extends Gan4jException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
