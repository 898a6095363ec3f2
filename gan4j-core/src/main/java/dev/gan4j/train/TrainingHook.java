package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A stabilizer that acts at fixed points of training without owning a step: a learning-rate schedule,
 * noise on D's inputs, a constraint applied after an update. A model family calls the hooks at these
 * points for whichever networks it has; the hooks never look at the family, the loss or the
 * architecture. {@link TrainingHooks#forConfig} builds the ones a config asks for.
 *
 * <p>Every method has a do-nothing default, so a hook overrides only the points it uses.
 *
 * <pre>{@code
 * TrainingHook clip = new WeightClipping(0.01f);
 * clip.afterUpdate(TrainingHook.Side.DISCRIMINATOR, critic.parameters(), step);
 * }</pre>
 */
public interface TrainingHook {
  /** Which player's parameters an update changed. */
  enum Side {
    /** A generator (or several; or an encoder trained with them). */
    GENERATOR,
    /** A discriminator or critic. */
    DISCRIMINATOR
  }

  /** Before the first update of an iteration ({@code state.iteration()} iterations are done). */
  default void beforeIteration(TrainingState state) {}

  /**
   * A batch on its way into a discriminator during training, real or generated; returns what the
   * discriminator sees. Temporaries go to {@code step}.
   */
  default NDArray discriminatorInput(NDArray x, TrainingState state, NDManager step) {
    return x;
  }

  /** After an optimizer update of {@code params}; temporaries go to {@code step}. */
  default void afterUpdate(Side side, List<Parameter> params, NDManager step) {}

  /** What a hook may read of the training run it is part of. */
  interface TrainingState {
    /** Iterations completed. */
    long iteration();

    /** The iterations the run is configured for ({@code loop.steps}). */
    long totalIterations();

    /** Every optimizer of the model, by role ({@code generator}, {@code discriminator}, ...). */
    Map<String, ParameterOptimizer> optimizers();

    /**
     * The factor on every configured learning rate that the run has applied (1; halved by each
     * rollback after a divergence): schedules multiply it in.
     */
    default double learningRateScale() {
      return 1.0;
    }
  }
}
