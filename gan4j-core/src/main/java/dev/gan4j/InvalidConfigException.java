package dev.gan4j;

/**
 * A configuration value is outside its allowed range, or names a component (preset, loss, optimizer,
 * activation) that does not exist. The message names the field and what is allowed.
 */
public class InvalidConfigException extends Gan4jException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
