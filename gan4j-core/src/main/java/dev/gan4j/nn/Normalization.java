package dev.gan4j.nn;

import dev.gan4j.InvalidConfigException;
import java.util.Arrays;
import java.util.Locale;

/** How a network's hidden layers are normalized, by config name. */
public enum Normalization {
  /** None. */
  NONE,
  /** {@link BatchNormLayer} after each hidden linear or convolution layer (DCGAN). */
  BATCH,
  /** {@link InstanceNormLayer} after each hidden linear or convolution layer. */
  INSTANCE,
  /** Weight normalization of every linear and convolution layer ({@link Dense.Form#WEIGHT}). */
  WEIGHT,
  /** Spectral normalization of every linear and convolution layer ({@link Dense.Form#SPECTRAL}). */
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

  /**
   * The normalization layer that follows a linear or convolution layer of {@code width} units (or
   * channels), or null for the forms that reparameterise the weights instead (and for none).
   */
  Layer layer(int width, ai.djl.ndarray.NDManager manager) {
    switch (this) {
      case BATCH:
        return new BatchNormLayer(width, manager);
      case INSTANCE:
        return new InstanceNormLayer(width, manager);
      default:
        return null;
    }
  }

  Dense.Form denseForm() {
    return this == WEIGHT ? Dense.Form.WEIGHT : this == SPECTRAL ? Dense.Form.SPECTRAL : Dense.Form.PLAIN;
  }
}
