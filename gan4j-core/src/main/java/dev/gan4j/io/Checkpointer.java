package dev.gan4j.io;

import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.StepResult;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;

/**
 * Saves a checkpoint every {@code every} iterations and when training ends. A state holding NaN or an
 * infinity is never saved: at the end of a diverged session the last finite checkpoint stays the newest.
 */
public final class Checkpointer implements GanTrainingListener {
  private final CheckpointStore store;
  private final int every;
  private long lastSaved = -1;

  /** Checkpoints into {@code store}. */
  public Checkpointer(CheckpointStore store, int every) {
    this.store = store;
    this.every = every;
  }

  @Override
  public void onStart(GanTrainer trainer) {
    lastSaved = trainer.iteration();
  }

  @Override
  public void onStep(GanTrainer trainer, StepResult r) {
    if (r.step() % every == 0) {
      save(trainer, false);
    }
  }

  @Override
  public void onEnd(GanTrainer trainer) {
    if (trainer.iteration() != lastSaved) {
      save(trainer, true);
    }
  }

  private void save(GanTrainer trainer, boolean ending) {
    TrainerSnapshot snapshot = trainer.snapshot();
    java.util.Optional<String> bad = snapshot.firstNonFinite();
    if (bad.isPresent()) {
      if (ending) {
        return; // the session already stops for it; the last finite checkpoint stays the newest
      }
      // Weights can turn non-finite between the guard's tensor checks: that is a divergence too.
      throw new dev.gan4j.TrainingDivergedException(trainer.iteration(), bad.get(),
          "training diverged at step " + trainer.iteration() + ": " + bad.get());
    }
    try {
      store.save(snapshot);
      lastSaved = trainer.iteration();
    } catch (WriteFailedException e) {
      throw e;
    } catch (IOException e) {
      throw new WriteFailedException(store.dir(), "cannot write a checkpoint in " + store.dir()
          + ": " + OutputPaths.reason(e), e);
    }
  }
}
