package dev.gan4j;

/**
 * Base of every exception gan4j throws on purpose: bad input (a missing or corrupt file, an invalid
 * configuration value, an unknown name) rather than a bug. The command line turns it into one line on
 * stderr and exit code 2.
 *
 * <pre>{@code try { ... } catch (Gan4jException e) { System.err.println(e.getMessage()); }}</pre>
 */
public class Gan4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Gan4jException(String message) {
    super(message);
  }

  public Gan4jException(String message, Throwable cause) {
    super(message, cause);
  }
}
