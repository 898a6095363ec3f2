package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Nearest-neighbour upsampling of images by an integer factor f: each pixel becomes an f × f block.
 * Followed by a stride-1 convolution it is the "resize-convolution" that avoids the checkerboard
 * artefacts of transposed convolutions (Odena et al. 2016, Distill). Its input gradient sums each
 * block's upstream gradient.
 *
 * <pre>{@code Layer up = new UpsampleLayer(2); // 64x7x7 -> 64x14x14}</pre>
 */
public final class UpsampleLayer implements Layer {
  private final int factor;

  /** Upsampling by {@code factor} >= 1. */
  public UpsampleLayer(int factor) {
    if (factor < 1) {
      throw new dev.gan4j.InvalidConfigException("upsampling factor must be >= 1, got " + factor);
    }
    this.factor = factor;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    if (saved != null) {
      saved.add(null);
    }
    return nearest(x, factor);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return blockSums(g, factor);
  }

  /** Each pixel of images {@code x} (n, c, h, w) repeated as an f × f block. */
  static NDArray nearest(NDArray x, int f) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    return x.reshape(new Shape(n, c, h, 1, w, 1))
        .broadcast(new Shape(n, c, h, f, w, f))
        .reshape(new Shape(n, c, h * f, w * f));
  }

  /** The sum over each f × f block of images {@code x} (n, c, h, w), sides multiples of f. */
  static NDArray blockSums(NDArray x, int f) {
    Shape s = x.getShape();
    return x.reshape(new Shape(s.get(0), s.get(1), s.get(2) / f, f, s.get(3) / f, f))
        .sum(new int[] {3, 5});
  }

  @Override
  public Shape outputShape(Shape input) {
    Shapes.requireRank(this, input, 3);
    return new Shape(input.get(0), input.get(1) * factor, input.get(2) * factor);
  }

  @Override
  public String describe() {
    return "upsample(x" + factor + ")";
  }
}
