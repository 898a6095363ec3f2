package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Inverted dropout (Srivastava et al. 2014): while training, each unit is zeroed with probability p and
 * the kept ones are scaled by 1/(1 - p), so inference needs no rescaling. Goodfellow et al. 2014 trained
 * their discriminator with dropout.
 */
public final class DropoutLayer implements Layer {
  private final float p;

  /** Dropout with probability {@code p} in [0, 1). */
  public DropoutLayer(float p) {
    this.p = p;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    if (!pass.training() || p == 0f) {
      if (saved != null) {
        saved.add(null);
      }
      return x;
    }
    float keep = 1f / (1f - p);
    // Two 32-bit uniforms from each 64-bit draw: a unit is dropped when its uniform falls below
    // p·2³² (probability p to within 2⁻³²).
    long threshold = (long) (p * 4294967296.0);
    NDArray mask =
        pass.random(
            x.getShape(),
            (out, rng) -> {
              int i = 0;
              for (; i + 1 < out.length; i += 2) {
                long bits = rng.nextLong();
                out[i] = (bits >>> 32) < threshold ? 0f : keep;
                out[i + 1] = (bits & 0xFFFFFFFFL) < threshold ? 0f : keep;
              }
              if (i < out.length) {
                out[i] = (rng.nextLong() >>> 32) < threshold ? 0f : keep;
              }
            });
    if (saved != null) {
      saved.add(mask);
    }
    return x.mul(mask);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return saved == null ? g : g.mul((NDArray) saved);
  }

  @Override
  public Shape outputShape(Shape input) {
    return input;
  }

  @Override
  public String describe() {
    return "dropout(" + p + ")";
  }
}
