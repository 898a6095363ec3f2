package dev.gan4j.data;

import dev.gan4j.DataException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where datasets live on this machine: an explicit folder (the command line's {@code --data-dir})
 * wins, then the environment variable {@code GAN4J_DATA_DIR}, then {@code ~/.gan4j/data}.
 *
 * <pre>{@code Path dataDir = DataDir.resolve(null); // GAN4J_DATA_DIR or ~/.gan4j/data}</pre>
 */
public final class DataDir {
  /** The environment variable naming the data folder when none is given explicitly. */
  public static final String ENV_VAR = "GAN4J_DATA_DIR";

  private DataDir() {}

  /** The data folder: {@code explicitOrNull} if given, else from the environment, else the default. */
  public static Path resolve(Path explicitOrNull) {
    return resolve(explicitOrNull, System.getenv(ENV_VAR), Path.of(System.getProperty("user.home")));
  }

  /**
   * The rule of {@link #resolve(Path)} with its inputs passed in: {@code explicit} if non-null, else
   * {@code envValue} if non-blank, else {@code home/.gan4j/data}.
   */
  public static Path resolve(Path explicit, String envValue, Path home) {
    if (explicit != null) {
      return explicit;
    }
    if (envValue != null && !envValue.isBlank()) {
      try {
        return Path.of(envValue.strip());
      } catch (InvalidPathException e) {
        throw new DataException(ENV_VAR + "='" + envValue + "' is not a valid path: "
            + e.getReason(), e);
      }
    }
    return home.resolve(".gan4j").resolve("data");
  }
}
