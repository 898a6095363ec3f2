package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.Rng;

/**
 * What a {@link Penalty} may use during one discriminator step: the step's real and generated batches
 * (as D saw them), the discriminator's input gradient at any batch, and a random stream for
 * interpolation weights and perturbations.
 */
public interface PenaltyContext {
  /** The real batch (n × d). */
  NDArray real();

  /** The generated batch (n × d). */
  NDArray fake();

  /** ∂D/∂x at {@code x} (n × d), a differentiable expression of D's parameters. */
  NDArray inputGradient(NDArray x);

  /** Samples per discriminator output (PacGAN packing; 1 without). */
  int pack();

  /** Where temporaries go. */
  NDManager manager();

  /** The penalty's random stream (gan4j's own, checkpointed). */
  Rng rng();
}
