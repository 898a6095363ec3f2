package dev.gan4j.nn;

import dev.gan4j.Rng;

/**
 * How a layer's initial weights and biases are drawn from gan4j's own {@link Rng}:
 *
 * <ul>
 *   <li>{@link #pytorch()}: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)), PyTorch's default
 *       for linear and convolution layers;
 *   <li>{@link #uniform}: weights U(-r, r), zero biases (pylearn2's {@code irange}, the 2014 GAN code);
 *   <li>{@link #normal}: weights N(0, σ²), zero biases (Radford et al. 2015 use σ = 0.02 in DCGAN).
 * </ul>
 *
 * <pre>{@code new Conv2dLayer(1, 64, 4, 2, 1, Dense.Form.PLAIN, Init.normal(0.02f), manager, rng);}</pre>
 *
 * @param range r for uniform initialization, 0 otherwise
 * @param std σ for normal initialization, 0 otherwise
 */
public record Init(float range, float std) {
  /** PyTorch's default. */
  public static Init pytorch() {
    return new Init(0f, 0f);
  }

  /** Weights U(-r, r), zero biases; r = 0 means PyTorch's default. */
  public static Init uniform(float r) {
    return new Init(r, 0f);
  }

  /** Weights N(0, σ²), zero biases. */
  public static Init normal(float std) {
    return new Init(0f, std);
  }

  /** Fills {@code weights} and {@code biases} (which may be null) for a layer with fan-in {@code fanIn}. */
  void fill(float[] weights, float[] biases, int fanIn, Rng rng) {
    if (std > 0f) {
      rng.fillGaussian(weights);
      for (int i = 0; i < weights.length; i++) {
        weights[i] *= std;
      }
      return; // biases stay zero
    }
    float bound = range > 0f ? range : (float) (1.0 / Math.sqrt(fanIn));
    rng.fillUniform(weights, -bound, bound);
    if (range == 0f && biases != null) {
      rng.fillUniform(biases, -bound, bound);
    }
  }
}
