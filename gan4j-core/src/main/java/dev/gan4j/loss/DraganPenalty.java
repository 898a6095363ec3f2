package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;
import dev.gan4j.HostArrays;

/**
 * DRAGAN's penalty (Kodali et al. 2017): the gradient penalty taken around the data rather than between
 * data and samples, λ E[(‖∇D(x + δ)‖ - 1)²] with δ ~ N(0, (c σ_x)² I), σ_x the standard deviation of the
 * real batch and c = 0.5, which keeps the discriminator's function smooth near the real data where mode
 * collapse starts.
 */
public final class DraganPenalty implements Penalty {
  /** The perturbation scale c, relative to the batch's standard deviation. */
  public static final float SCALE = 0.5f;

  private final float weight;

  /** The penalty with weight λ. */
  public DraganPenalty(float weight) {
    this.weight = weight;
  }

  @Override
  public String name() {
    return "dragan";
  }

  @Override
  public NDArray apply(PenaltyContext ctx) {
    NDArray real = ctx.real();
    float std = (float) Math.sqrt(real.sub(real.mean()).square().mean().getFloat());
    float[] noise = new float[Math.toIntExact(real.size())];
    ctx.rng().fillGaussian(noise);
    for (int i = 0; i < noise.length; i++) {
      noise[i] *= SCALE * std;
    }
    NDArray perturbed = real.add(HostArrays.upload(ctx.manager(), noise, real.getShape()));
    NDArray excess = Penalty.norms(ctx.inputGradient(perturbed), ctx.pack()).sub(1f);
    return Scalars.times(excess.square().mean(), weight);
  }
}
