package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * PacGAN packing (Lin et al. 2018): the discriminator judges m samples at once, concatenated into one
 * input, so a batch of n samples becomes n/m packs of m·d values (or, for images, of m·c channels). A generator that covers few modes
 * produces packs that look alike, which a discriminator sees far more easily than in single samples.
 */
public final class PackLayer implements Layer {
  private final int m;

  /** Packs of {@code m} >= 2 samples. */
  public PackLayer(int m) {
    this.m = m;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    Shape s = x.getShape();
    long n = s.get(0);
    if (n % m != 0) {
      throw new IllegalArgumentException(
          "packing " + m + " samples needs a batch that is a multiple of " + m + ", got " + n);
    }
    if (saved != null) {
      saved.add(s);
    }
    // Samples are consecutive in memory, so one reshape stacks m of them along the first per-sample
    // axis: features for vectors, channels for images (PacGAN's convolutional form).
    return x.reshape(Shapes.batch(n / m, outputShape(s.slice(1))));
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return g.reshape((Shape) saved);
  }

  @Override
  public Shape outputShape(Shape input) {
    long[] d = input.getShape();
    d[0] *= m;
    return new Shape(d);
  }

  /** Samples per pack. */
  public int size() {
    return m;
  }

  @Override
  public String describe() {
    return "pack(" + m + ")";
  }
}
