package dev.gan4j.train;

/**
 * Observes a training run: progress display, metrics file, sample pictures, checkpoints. Listeners run
 * on the training thread between iterations, in the order given.
 */
public interface GanTrainingListener {
  /** Called once before the first iteration of this session (after a resume too). */
  default void onStart(GanTrainer trainer) {}

  /** Called after each iteration. */
  default void onStep(GanTrainer trainer, StepResult result) {}

  /** Called once after the last iteration, also when training stops early. */
  default void onEnd(GanTrainer trainer) {}
}
