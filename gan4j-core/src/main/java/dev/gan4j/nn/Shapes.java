package dev.gan4j.nn;

import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;

/**
 * Shape checks shared by the layers: what one sample looks like, {@code (d)} for a vector and {@code
 * (c, h, w)} for an image, and the one error every mismatch raises.
 *
 * <pre>{@code Shapes.requireRank(this, input, 3); // an image layer refuses a vector input}</pre>
 */
public final class Shapes {
  private Shapes() {}

  /** A per-sample shape from its dimensions, e.g. {@code Shapes.of(1, 28, 28)}. */
  public static Shape of(int... dims) {
    long[] d = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      d[i] = dims[i];
    }
    return new Shape(d);
  }

  /** The number of values in one sample of {@code shape}. */
  public static int size(Shape shape) {
    return Math.toIntExact(shape.size());
  }

  /** {@code shape} with the batch axis {@code n} in front. */
  public static Shape batch(long n, Shape shape) {
    return new Shape(n).addAll(shape);
  }

  /** Describes a per-sample shape as {@code 1x28x28}. */
  public static String describe(Shape shape) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shape.dimension(); i++) {
      b.append(i == 0 ? "" : "x").append(shape.get(i));
    }
    return b.toString();
  }

  /** The error for a layer that cannot take {@code input}: it names the layer and both shapes. */
  public static InvalidConfigException mismatch(Layer layer, Shape input, String expected) {
    return new InvalidConfigException(
        layer.describe() + " takes " + expected + ", got " + describe(input));
  }

  /** Checks that {@code input} has {@code rank} axes (1: a vector, 3: an image). */
  public static void requireRank(Layer layer, Shape input, int rank) {
    if (input.dimension() != rank) {
      throw mismatch(layer, input, rank == 1 ? "a vector (d)" : "an image (c x h x w)");
    }
  }
}
