package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Adds N(0, σ²) noise to every unit while training (noise on a discriminator's hidden layers, one of the
 * stabilizers surveyed by Salimans et al. 2016 and Arjovsky and Bottou 2017); the identity at inference.
 */
public final class GaussianNoiseLayer implements Layer {
  private final float sigma;

  /** Noise with standard deviation {@code sigma} >= 0. */
  public GaussianNoiseLayer(float sigma) {
    this.sigma = sigma;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    if (saved != null) {
      saved.add(null);
    }
    if (!pass.training() || sigma == 0f) {
      return x;
    }
    NDArray noise =
        pass.random(
            x.getShape(),
            (out, rng) -> {
              rng.fillGaussian(out);
              for (int i = 0; i < out.length; i++) {
                out[i] *= sigma;
              }
            });
    return x.add(noise);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return g;
  }

  @Override
  public Shape outputShape(Shape input) {
    return input;
  }

  @Override
  public String describe() {
    return "gaussian-noise(" + sigma + ")";
  }
}
