package dev.gan4j.nn;

import dev.gan4j.InvalidConfigException;
import java.util.Arrays;
import java.util.Locale;

/** How a network's hidden layers are normalized, by config name. */
public enum Normalization {
  /** None. */
  NONE,
  /** {@link BatchNormLayer} after each hidden linear layer (DCGAN). */
  BATCH,
  /** {@link InstanceNormLayer} after each hidden linear layer. */
  INSTANCE,
  /** Weight normalization of every linear layer ({@link Dense.Form#WEIGHT}). */
  WEIGHT,
  /** Spectral normalization of every linear layer ({@link Dense.Form#SPECTRAL}). */
  SPECTRAL;

  /** The config name, e.g. {@code spectral}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Looks a normalization up by config name. */
  public static Normalization of(String name) {
    for (Normalization n : values()) {
      if (n.configName().equals(name)) {
        return n;
      }
    }
    throw new InvalidConfigException(
        "unknown normalization '" + name + "'; known: "
            + Arrays.stream(values()).map(Normalization::configName).toList());
  }

  Dense.Form denseForm() {
    return this == WEIGHT ? Dense.Form.WEIGHT : this == SPECTRAL ? Dense.Form.SPECTRAL : Dense.Form.PLAIN;
  }
}
