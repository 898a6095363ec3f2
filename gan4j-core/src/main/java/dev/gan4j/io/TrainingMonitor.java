package dev.gan4j.io;

import dev.gan4j.Rng;
import dev.gan4j.eval.CollapseAlarm;
import dev.gan4j.eval.EvalSet;
import dev.gan4j.eval.GanMetric;
import dev.gan4j.eval.MetricResult;
import dev.gan4j.eval.Metrics;
import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.GeneratorSet;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches a run while it trains: evaluates the generator every {@code eval.every} iterations on a fixed
 * noise batch (the chosen metrics, see {@link Metrics}), and raises the {@link CollapseAlarm}. Results go
 * to {@code metrics.csv} (through {@link #columns()} and {@link #latest()}, read by {@link MetricsLog}),
 * alarms and evaluations to the run's {@code run.log}, and the newest alarm to the progress line ({@link
 * #status()}). Place it before the other listeners.
 *
 * <pre>{@code TrainingMonitor m = new TrainingMonitor(config.eval(), run.root().resolve("run.log"), dataDir, log);}</pre>
 */
public final class TrainingMonitor implements GanTrainingListener {
  /**
   * How the run.log line that gives each metric column's real-versus-real value starts; {@code
   * column=value} pairs follow, separated by spaces.
   */
  public static final String REFERENCE_LINE = "real-data reference:";

  private final RunConfig.Eval config;
  private final Path runLog;
  private final Path dataDir;
  private final Consumer<String> messages;
  private CollapseAlarm alarm;
  private final List<String> columns = new ArrayList<>();
  private final Map<String, Map<String, Double>> references = new LinkedHashMap<>();
  private Evaluation evaluation;
  private List<GanMetric> metrics = List.of();
  private float[] noise;
  private int classes;
  private Map<String, Double> latest = Map.of();
  private long latestStep = -1;
  private String status = "";

  /**
   * A monitor.
   *
   * @param runLog the run's log file, appended to (never through a symbolic link: that is a {@link
   *     dev.gan4j.RunDirectoryException})
   * @param dataDir where image datasets (and their evaluation classifiers) live
   * @param messages where to say that an alarm or evaluation happened (stderr), besides the log
   */
  public TrainingMonitor(RunConfig.Eval config, Path runLog, Path dataDir, Consumer<String> messages) {
    this.config = config;
    this.runLog = runLog;
    this.dataDir = dataDir;
    this.messages = messages;
  }

  /**
   * Prepares the evaluations (for images this may train the evaluation classifier) and computes each
   * metric's real-versus-real reference, so the metric columns are known before the first row.
   */
  @Override
  public void onStart(GanTrainer trainer) {
    log("session starts at step " + trainer.iteration());
    alarm = new CollapseAlarm(config.separationWindow(), trainer.config().loop().steps() / 5);
    if (config.every() == 0) {
      return;
    }
    boolean images = trainer.data().isImage();
    classes = trainer.model().classes();
    metrics =
        config.metrics().isBlank()
            ? Metrics.trainingDefaults(trainer.data().name(), images)
            : Metrics.parse(config.metrics(), trainer.data().name(), images, classes > 0);
    evaluation = Evaluation.open(trainer.data().name(), dataDir, config.samples(), messages);
    noise = trainer.drawNoise(config.samples(), Rng.derive(trainer.config().seed(), "eval-noise"));
    for (GanMetric m : metrics) {
      MetricResult ref = evaluation.reference(m);
      references.put(m.name(), ref.values());
      for (String key : ref.values().keySet()) {
        columns.add(m.name() + "." + key);
      }
    }
    // The references in the run's own files, so a dashboard or report can draw them beside the
    // metrics without evaluating anything.
    StringBuilder line = new StringBuilder(REFERENCE_LINE);
    referenceValues().forEach(
        (k, v) -> line.append(String.format(Locale.ROOT, " %s=%.6g", k, v)));
    log(line.toString());
  }

  @Override
  public void onStep(GanTrainer trainer, StepResult r) {
    for (CollapseAlarm.Alarm a : alarm.onStep(r.step(), r.separated())) {
      raise(a);
    }
    boolean last = r.step() == trainer.config().loop().steps();
    if (evaluation != null && (r.step() % config.every() == 0 || last)) {
      evaluate(trainer, r.step());
    }
  }

  @Override
  public void onEnd(GanTrainer trainer) {
    if (evaluation != null && latestStep != trainer.iteration() && trainer.iteration() > 0
        && trainer.firstNonFinite().isEmpty()) { // a diverged generator is not worth measuring
      evaluate(trainer, trainer.iteration()); // stopped early: measure where it stopped
    }
    log("session ends at step " + trainer.iteration());
    if (evaluation != null) {
      evaluation.close();
      evaluation = null;
    }
  }

  private void evaluate(GanTrainer trainer, long step) {
    int n = config.samples();
    EvalSet generated;
    if (classes > 0) { // class-balanced, each sample keeping the class it was asked for
      int[] asked = GeneratorSet.balancedClasses(n, classes);
      generated = evaluation.embed(trainer.generate(noise, n, asked), n).withLabels(asked);
    } else {
      generated = evaluation.embed(trainer.generate(noise, n), n);
    }
    Evaluation.Report report = evaluation.evaluate(generated, metrics, "step " + step);
    Map<String, Double> row = new LinkedHashMap<>();
    Map<String, Map<String, Double>> byMetric = new LinkedHashMap<>();
    StringBuilder line = new StringBuilder("evaluation at step " + step + ":");
    for (MetricResult m : report.results()) {
      byMetric.put(m.metric(), m.values());
      m.values().forEach((k, v) -> {
        row.put(m.metric() + "." + k, v);
        line.append(String.format(Locale.ROOT, " %s.%s=%.4g", m.metric(), k, v));
      });
    }
    latest = row;
    latestStep = step;
    log(line.toString());
    for (CollapseAlarm.Alarm a : alarm.onEvaluation(step, byMetric, references)) {
      raise(a);
    }
  }

  private void raise(CollapseAlarm.Alarm a) {
    status = "ALARM " + a.signal() + " at step " + a.step();
    log("ALARM " + a);
    messages.accept("gan4j: ALARM " + a);
  }

  /** The metric columns, {@code metric.value} (e.g. {@code fd-lenet.fd}); empty when not evaluating. */
  public List<String> columns() {
    return List.copyOf(columns);
  }

  /** The real-versus-real value of each column. */
  public Map<String, Double> referenceValues() {
    Map<String, Double> out = new LinkedHashMap<>();
    references.forEach((m, values) -> values.forEach((k, v) -> out.put(m + "." + k, v)));
    return out;
  }

  /** The newest evaluation's values by column, and the step it was made at. */
  public Map<String, Double> latest() {
    return latest;
  }

  /** The step of {@link #latest()}, or -1. */
  public long latestStep() {
    return latestStep;
  }

  /** The newest alarm for the progress line, or an empty string. */
  public String status() {
    return status;
  }

  /** Appends a timestamped line to run.log (a rollback, a warning) without printing it. */
  public void note(String message) {
    log(message);
  }

  // Never through a symbolic link: O_NOFOLLOW makes the open itself fail, so no check-then-write
  // race.
  private void log(String message) {
    RunDirectory.checkAppendable(runLog);
    try {
      Files.writeString(
          runLog,
          Instant.now() + " " + message + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      RunDirectory.checkAppendable(runLog); // a link made since the check above: say so
      throw new WriteFailedException(runLog, e);
    }
  }
}
