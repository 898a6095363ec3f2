package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * A regularizer added to the discriminator's loss, computed from the discriminator's input gradients
 * (gradient penalty, DRAGAN, R1). Registered by name in {@link Penalties}.
 *
 * <pre>{@code NDArray lossD = ganLoss.discriminatorLoss(r, f).add(penalty.apply(ctx));}</pre>
 */
public interface Penalty {
  /** The config name, e.g. {@code gradient}. */
  String name();

  /** The penalty, a scalar to add to D's loss, differentiable in D's parameters. */
  NDArray apply(PenaltyContext ctx);

  /**
   * Per-output gradient norms ‖∂D/∂x‖: the gradient (n × d) regrouped into one row per discriminator
   * output (a pack of samples, when D packs), with a tiny epsilon inside the square root so the norm is
   * differentiable at 0.
   */
  static NDArray norms(NDArray gradient, int pack) {
    long n = gradient.getShape().get(0);
    NDArray rows = gradient.reshape(n / pack, -1);
    return rows.square().sum(new int[] {1}).add(1e-12f).sqrt();
  }
}
