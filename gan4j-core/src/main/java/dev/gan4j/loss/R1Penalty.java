package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * The R1 regularizer (Mescheder, Geiger and Nowozin 2018): (γ/2) E[‖∇D(x)‖²] on real data only, which
 * pushes the discriminator's gradient to zero on the data manifold and makes the game converge locally
 * where unregularized training oscillates.
 */
public final class R1Penalty implements Penalty {
  private final float gamma;

  /** The penalty with weight γ. */
  public R1Penalty(float gamma) {
    this.gamma = gamma;
  }

  @Override
  public String name() {
    return "r1";
  }

  @Override
  public NDArray apply(PenaltyContext ctx) {
    NDArray norms = Penalty.norms(ctx.inputGradient(ctx.real()), ctx.pack());
    return Scalars.times(norms.square().mean(), gamma / 2f);
  }
}
