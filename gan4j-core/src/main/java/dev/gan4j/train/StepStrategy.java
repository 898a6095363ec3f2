package dev.gan4j.train;

/**
 * How one training iteration is put together from the trainer's steps. The trainer's loop only calls
 * {@link #iterate}; a model family that needs a different iteration (Unrolled GAN) plugs in its own
 * strategy instead of growing a branch in the loop. {@link #forConfig} picks it.
 *
 * <pre>{@code StepStrategy s = StepStrategy.forConfig(config); s.iterate(trainer.steps());}</pre>
 */
public interface StepStrategy {
  /** One iteration. */
  void iterate(Steps steps);

  /** The primitives a strategy composes; {@link GanTrainer} provides them. */
  interface Steps {
    /** One discriminator update on fresh real and generated batches; its statistics are reported. */
    void discriminatorStep();

    /** One generator update on a fresh noise batch. */
    void generatorStep();

    /** k, the discriminator updates per iteration. */
    int dSteps();

    /** A copy of everything a discriminator update changes (weights, buffers, optimizer, loss state). */
    Object saveDiscriminator();

    /** Puts a {@link #saveDiscriminator} copy back; the copy is consumed. */
    void restoreDiscriminator(Object saved);

    /** Whether discriminator steps report their statistics (off during look-ahead updates). */
    void reportDiscriminator(boolean report);
  }

  /** Algorithm 1 of Goodfellow et al. 2014: k discriminator steps, then one generator step. */
  StepStrategy ALGORITHM_ONE =
      steps -> {
        for (int i = 0; i < steps.dSteps(); i++) {
          steps.discriminatorStep();
        }
        steps.generatorStep();
      };

  /**
   * Unrolled GAN (Metz et al. 2017): after Algorithm 1's k discriminator steps, the generator's step is
   * taken against the discriminator as it will be after {@code unroll} more updates (look-ahead steps
   * on fresh batches), and the discriminator is then restored. This is the first-order form: G's
   * gradient treats the unrolled discriminator's weights as constants; the paper's full form also
   * differentiates through the unrolled updates, which needs second derivatives of every update.
   */
  static StepStrategy unrolled(int unroll) {
    return steps -> {
      for (int i = 0; i < steps.dSteps(); i++) {
        steps.discriminatorStep();
      }
      Object saved = steps.saveDiscriminator();
      steps.reportDiscriminator(false);
      try {
        for (int i = 0; i < unroll; i++) {
          steps.discriminatorStep();
        }
        steps.generatorStep();
      } finally {
        steps.reportDiscriminator(true);
        steps.restoreDiscriminator(saved);
      }
    };
  }

  /** The strategy a config asks for. */
  static StepStrategy forConfig(RunConfig config) {
    int k = config.stabilize().unrollSteps();
    return k > 0 ? unrolled(k) : ALGORITHM_ONE;
  }
}
