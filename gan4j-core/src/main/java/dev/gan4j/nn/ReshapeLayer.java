package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Gives each sample a new shape with the same number of values: a vector to an image ({@code 6272 ->
 * 128x7x7} after DCGAN's projection), or an image to a vector ({@link #flatten()}, before a dense
 * layer). Values keep their row-major order, so its input gradient is the reverse reshape.
 *
 * <pre>{@code Layer toImage = new ReshapeLayer(Shapes.of(128, 7, 7));}</pre>
 */
public final class ReshapeLayer implements Layer {
  private final Shape target; // per sample; null flattens

  /** Reshapes each sample to {@code target} (per sample, the batch axis left out). */
  public ReshapeLayer(Shape target) {
    this.target = target;
  }

  /** Flattens each sample into a vector. */
  public static ReshapeLayer flatten() {
    return new ReshapeLayer(null);
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    Shape s = x.getShape();
    if (saved != null) {
      saved.add(s);
    }
    return x.reshape(Shapes.batch(s.get(0), outputShape(s.slice(1))));
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return g.reshape((Shape) saved);
  }

  @Override
  public Shape outputShape(Shape input) {
    if (target == null) {
      return new Shape(input.size());
    }
    if (input.size() != target.size()) {
      throw Shapes.mismatch(this, input, target.size() + " values");
    }
    return target;
  }

  @Override
  public String describe() {
    return target == null ? "flatten" : "reshape(" + Shapes.describe(target) + ")";
  }
}
