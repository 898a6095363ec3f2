package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import dev.gan4j.InvalidConfigException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Element-wise activations used by the builders, by config name. LeakyReLU's slope is a separate
 * parameter ({@code leakySlope}); Radford et al. 2015 recommend 0.2 in the discriminator.
 */
public enum Activation {
  /** max(0, x). */
  RELU("relu"),
  /** x for x > 0, slope * x otherwise. */
  LEAKY_RELU("leaky-relu"),
  /** tanh(x), the generator's output for data in [-1, 1]. */
  TANH("tanh"),
  /** The identity: a discriminator's output is a logit, squashed only inside the loss. */
  IDENTITY("identity"),
  /**
   * Maxout (Goodfellow et al. 2013): each unit is the maximum of {@link #MAXOUT_PIECES} linear pieces;
   * a layer, not an element-wise function (see {@link MaxoutLayer}).
   */
  MAXOUT("maxout");

  /** Linear pieces per maxout unit: 5, as in the 2014 GAN paper's MNIST discriminator. */
  public static final int MAXOUT_PIECES = 5;

  private final String configName;

  Activation(String configName) {
    this.configName = configName;
  }

  /** The name used in configs and on the command line. */
  public String configName() {
    return configName;
  }

  /** Applies the activation, returning a new array. */
  public NDArray apply(NDArray x, float leakySlope) {
    switch (this) {
      case RELU:
        return ai.djl.nn.Activation.relu(x); // not maximum(0f): see dev.gan4j.Scalars
      case LEAKY_RELU:
        return ai.djl.nn.Activation.leakyRelu(x, leakySlope);
      case TANH:
        return x.tanh();
      case MAXOUT:
        throw new UnsupportedOperationException("maxout is a layer: build it with Network.mlp");
      case IDENTITY:
      default:
        return x;
    }
  }

  /** Looks an activation up by its config name. */
  public static Activation of(String name) {
    for (Activation a : values()) {
      if (a.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new InvalidConfigException(
        "unknown activation '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(Activation::configName).toList());
  }
}
