package dev.gan4j.io;

import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.StepResult;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;

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
      save(trainer);
    }
  }

  @Override
  public void onEnd(GanTrainer trainer) {
    if (trainer.iteration() != lastSaved) {
      save(trainer);
    }
  }

  private void save(GanTrainer trainer) {
    TrainerSnapshot snapshot = trainer.snapshot();
    if (snapshot.firstNonFinite().isPresent()) {
      return; // the divergence guard reports it; the last finite checkpoint stays the newest
    }
    try {
      store.save(snapshot);
      lastSaved = trainer.iteration();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint", e);
    }
  }
}
