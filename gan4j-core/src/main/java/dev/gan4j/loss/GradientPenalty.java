package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.gan4j.HostArrays;

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al. 2017): λ E[(‖∇D(x̂)‖ - 1)²] at random interpolates
 * x̂ = ε x + (1 - ε) G(z), ε ~ U[0, 1] drawn per sample, the norm taken per sample (the classic bug is one
 * norm over the whole batch). The one-sided variant penalises only norms above 1: λ E[max(0, ‖∇D(x̂)‖ -
 * 1)²], as the paper's appendix suggests.
 */
public final class GradientPenalty implements Penalty {
  private final float weight;
  private final boolean oneSided;

  /** The penalty with weight λ, two-sided or one-sided. */
  public GradientPenalty(float weight, boolean oneSided) {
    this.weight = weight;
    this.oneSided = oneSided;
  }

  @Override
  public String name() {
    return oneSided ? "gradient-one-sided" : "gradient";
  }

  @Override
  public NDArray apply(PenaltyContext ctx) {
    NDArray real = ctx.real();
    long n = real.getShape().get(0);
    float[] eps = new float[Math.toIntExact(n)];
    ctx.rng().fillUniform(eps, 0f, 1f);
    NDArray e = HostArrays.upload(ctx.manager(), eps, new Shape(n, 1));
    NDArray mixed = real.mul(e).add(ctx.fake().mul(e.neg().add(1f)));
    NDArray excess = Penalty.norms(ctx.inputGradient(mixed), ctx.pack()).sub(1f);
    if (oneSided) {
      excess = Activation.relu(excess);
    }
    return Scalars.times(excess.square().mean(), weight);
  }
}
