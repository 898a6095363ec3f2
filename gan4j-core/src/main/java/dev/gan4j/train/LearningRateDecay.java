package dev.gan4j.train;

import java.util.Optional;

/**
 * Exponential learning-rate decay: at iteration t of T every optimizer trains at its configured rate
 * times {@code to^(t/T)}, so the last iteration runs at the fraction {@code to} of it (the 2014 paper
 * decayed its rates too). The rate is a function of the iteration alone, so a resumed run follows the
 * same schedule. Config: {@code stabilize.lrDecayTo} (1 turns it off). A rollback's halving ({@link
 * TrainingState#learningRateScale()}) multiplies in.
 */
public final class LearningRateDecay implements TrainingHook {
  private final float to;

  /** Decay to the fraction {@code to} of each rate, in (0, 1]. */
  public LearningRateDecay(float to) {
    if (!(to > 0f && to <= 1f)) {
      throw new dev.gan4j.InvalidConfigException("lrDecayTo must be in (0, 1], got " + to);
    }
    this.to = to;
  }

  static Optional<LearningRateDecay> fromConfig(RunConfig config) {
    float to = config.stabilize().lrDecayTo();
    return to < 1f ? Optional.of(new LearningRateDecay(to)) : Optional.empty();
  }

  /** The factor on the configured rates at an iteration. */
  public double factor(long iteration, long totalIterations) {
    return Math.pow(to, (double) iteration / totalIterations);
  }

  @Override
  public void beforeIteration(TrainingState state) {
    double f = factor(state.iteration(), state.totalIterations()) * state.learningRateScale();
    for (ParameterOptimizer opt : state.optimizers().values()) {
      opt.setLearningRate((float) (opt.baseLearningRate() * f));
    }
  }
}
