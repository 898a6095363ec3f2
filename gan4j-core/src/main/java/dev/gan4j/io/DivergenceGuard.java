package dev.gan4j.io;

import dev.gan4j.TrainingDivergedException;
import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.StepResult;
import java.util.Optional;

/**
 * Stops training at the first non-finite result: the losses of every iteration, and every weight and
 * optimizer tensor each {@code checkEvery} iterations (one small reduction per tensor on the engine). It
 * must be the first listener, so that no other one (metrics, checkpoints, pictures) sees the diverged
 * iteration; it throws {@link TrainingDivergedException}, naming the step and the loss or tensor.
 * {@link TrainingRun} then stops the run, or rolls back to the last finite checkpoint.
 *
 * <pre>{@code listeners.add(0, new DivergenceGuard(config.output().logEvery()));}</pre>
 */
public final class DivergenceGuard implements GanTrainingListener {
  private final int checkEvery;

  /** Checks losses every iteration and tensors every {@code checkEvery} iterations (>= 1). */
  public DivergenceGuard(int checkEvery) {
    if (checkEvery < 1) {
      throw new IllegalArgumentException("checkEvery must be >= 1, got " + checkEvery);
    }
    this.checkEvery = checkEvery;
  }

  @Override
  public void onStep(GanTrainer trainer, StepResult r) {
    check(r.step(), "loss_d", r.lossD());
    check(r.step(), "loss_g", r.lossG());
    if (r.step() % checkEvery == 0 || r.step() == trainer.config().loop().steps()) {
      Optional<String> bad = trainer.firstNonFinite();
      if (bad.isPresent()) {
        throw new TrainingDivergedException(r.step(), bad.get(),
            "training diverged at step " + r.step() + ": tensor '" + bad.get()
                + "' holds NaN or infinity");
      }
    }
  }

  private static void check(long step, String name, float value) {
    if (!Float.isFinite(value)) {
      throw new TrainingDivergedException(step, name,
          "training diverged at step " + step + ": " + name + " is " + value);
    }
  }
}
