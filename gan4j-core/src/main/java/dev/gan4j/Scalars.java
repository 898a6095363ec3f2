package dev.gan4j;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant, safe inside a recorded graph.
 *
 * <p>Why: DJL's PyTorch engine turns the number in {@code x.mul(0.5f)} into a tensor that aliases a
 * Java direct buffer ({@code torch::from_blob}) and closes it right after the operation. When the
 * operation keeps its operand for the backward pass (multiplication, division, power, maximum do), the
 * graph then points at memory the garbage collector may free and reuse before {@code backward()}: the
 * gradient silently comes out as garbage (measured: every time, when a collection runs between forward
 * and backward). Addition and subtraction keep nothing and are safe. Here the constant is a tensor the
 * engine owns ({@code torch::full}), living in the input's manager until the step ends.
 *
 * <pre>{@code NDArray half = Scalars.times(loss, 0.5f); // not loss.mul(0.5f)}</pre>
 */
public final class Scalars {
  private Scalars() {}

  /** x · c. */
  public static NDArray times(NDArray x, float c) {
    return x.mul(constant(x, c));
  }

  /** x / c. */
  public static NDArray over(NDArray x, float c) {
    return x.div(constant(x, c));
  }

  /** x^c. */
  public static NDArray power(NDArray x, float c) {
    return x.pow(constant(x, c));
  }

  /** The constant {@code c} as an engine-owned scalar tensor in {@code like}'s manager and type. */
  public static NDArray constant(NDArray like, float c) {
    return like.getManager().full(new Shape(), c, like.getDataType());
  }
}
