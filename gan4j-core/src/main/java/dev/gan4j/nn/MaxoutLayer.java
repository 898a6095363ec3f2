package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Maxout units (Goodfellow et al. 2013), the discriminator units of the 2014 GAN paper's MNIST
 * experiment: the linear layer before it produces {@code pieces} values per unit, and each unit outputs
 * their maximum. A maxout unit never dies the way a ReLU can.
 */
public final class MaxoutLayer implements Layer {
  private final int pieces;

  /** Units of {@code pieces} linear pieces each. */
  public MaxoutLayer(int pieces) {
    this.pieces = pieces;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    long n = x.getShape().get(0);
    long units = x.getShape().get(1) / pieces;
    NDArray grouped = x.reshape(new Shape(n, units, pieces));
    NDArray max = grouped.max(new int[] {2});
    if (saved != null) {
      saved.add(grouped.eq(max.expandDims(2)).toType(DataType.FLOAT32, false));
    }
    return max;
  }

  // The gradient flows to the winning piece of each unit (ties, of measure zero, to all of them).
  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    NDArray mask = (NDArray) saved;
    Shape s = mask.getShape();
    return mask.mul(g.expandDims(2)).reshape(new Shape(s.get(0), s.get(1) * s.get(2)));
  }

  @Override
  public Shape outputShape(Shape input) {
    Shapes.requireRank(this, input, 1);
    if (input.get(0) % pieces != 0) {
      throw Shapes.mismatch(this, input, "a multiple of " + pieces + " values");
    }
    return new Shape(input.get(0) / pieces);
  }

  @Override
  public String describe() {
    return "maxout(" + pieces + " pieces)";
  }
}
