package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Scalars;
import java.util.List;

/**
 * Average pooling of images over non-overlapping f × f blocks (stride f), the downsampling of ResNet
 * discriminators (Gulrajani et al. 2017, Miyato et al. 2018). The image's sides must be multiples of f.
 * Its input gradient spreads each block's upstream gradient evenly over the block.
 *
 * <pre>{@code Layer down = new AvgPoolLayer(2); // 64x14x14 -> 64x7x7}</pre>
 */
public final class AvgPoolLayer implements Layer {
  private final int factor;

  /** Pooling over {@code factor} × {@code factor} blocks, {@code factor} >= 1. */
  public AvgPoolLayer(int factor) {
    if (factor < 1) {
      throw new dev.gan4j.InvalidConfigException("pooling factor must be >= 1, got " + factor);
    }
    this.factor = factor;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    if (saved != null) {
      saved.add(null);
    }
    // The engine's mean takes one axis at a time: sum the blocks, then divide (by an engine-owned
    // constant: a plain div(float) leaves a constant the garbage collector may free before backward).
    return Scalars.over(UpsampleLayer.blockSums(x, factor), factor * factor);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return UpsampleLayer.nearest(Scalars.over(g, factor * factor), factor);
  }

  @Override
  public Shape outputShape(Shape input) {
    Shapes.requireRank(this, input, 3);
    if (input.get(1) % factor != 0 || input.get(2) % factor != 0) {
      throw Shapes.mismatch(this, input, "an image whose sides are multiples of " + factor);
    }
    return new Shape(input.get(0), input.get(1) / factor, input.get(2) / factor);
  }

  @Override
  public String describe() {
    return "avg-pool(" + factor + ")";
  }
}
