package dev.gan4j.io;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.RunDirectoryException;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.eval.GanMetric;
import dev.gan4j.eval.MetricResult;
import dev.gan4j.eval.Metrics;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A reproducible comparison: trains each configuration of a {@link Plan} over several seeds, evaluates
 * every run the same way, and writes a Markdown report with mean ± standard error over seeds, the
 * training budget, the wall time, published numbers beside ours, the command that made it and the
 * machine it ran on. {@code gan4j study NAME} runs the plans of {@link Studies}.
 *
 * <pre>{@code String md = Study.run(Studies.byName("baseline"), Path.of("runs/study"), dataDir, log, "gan4j study baseline");}</pre>
 */
public final class Study {
  private Study() {}

  /**
   * One column of a section's table: a metric value, scaled and rounded.
   *
   * @param header the column's heading
   * @param metric the metric's name, e.g. {@code mixture}
   * @param key the value's name, e.g. {@code high_quality}
   * @param scale factor applied for display (100 for a percentage)
   * @param decimals digits after the point
   * @param spreadKey with a single seed, the value's own spread to show as ± (e.g. Parzen's {@code
   *     standard_error}), or null
   */
  public record Column(
      String header, String metric, String key, double scale, int decimals, String spreadKey) {}

  /**
   * One configuration to train: a preset and overrides (dotted config paths, as {@code --set} takes).
   *
   * @param label its name in the table
   * @param preset the preset it starts from
   * @param overrides config fields changed from the preset
   */
  public record Variant(String label, String preset, Map<String, String> overrides) {}

  /**
   * A published row, cell by cell in the section's column order, for comparison.
   *
   * @param label e.g. "PacGAN Table 1: GAN"
   * @param cells the values as printed in the source
   */
  public record Published(String label, List<String> cells) {}

  /**
   * A table: variants trained on one dataset and evaluated with the same metrics.
   *
   * @param title the section's heading
   * @param text a paragraph above the table (protocol, differences from the source)
   * @param dataset the dataset every variant trains on
   * @param variants the configurations
   * @param seeds seeds per variant (1, 2, ...)
   * @param samples generated samples each evaluation measures
   * @param columns the values shown
   * @param published rows from the literature, shown under ours
   */
  public record Section(
      String title,
      String text,
      String dataset,
      List<Variant> variants,
      int seeds,
      int samples,
      List<Column> columns,
      List<Published> published) {
    /** Validates the section. */
    public Section {
      if (variants.isEmpty() || seeds < 1 || samples < 2 || columns.isEmpty()) {
        throw new InvalidConfigException(
            "a study section needs variants, seeds >= 1, samples >= 2 and columns");
      }
    }
  }

  /**
   * A whole study.
   *
   * @param name what {@code gan4j study} calls it
   * @param title the report's heading
   * @param intro the report's first paragraph
   * @param sections its tables
   */
  public record Plan(String name, String title, String intro, List<Section> sections) {}

  /**
   * Changes to a plan's budget, for quick checks (a report made with them says so).
   *
   * @param seeds seeds per variant instead of the plan's, or 0 to keep them
   * @param steps training iterations instead of the presets', or 0 to keep them
   */
  public record Budget(int seeds, int steps) {
    /** The plan as written. */
    public static final Budget AS_PLANNED = new Budget(0, 0);

    /** Validates the fields. */
    public Budget {
      if (seeds < 0 || steps < 0) {
        throw new InvalidConfigException("study seeds and steps must be >= 0, got " + seeds + ", " + steps);
      }
    }
  }

  /**
   * Runs {@code plan}: every variant and seed into {@code runsDir}, then the report, a Markdown section
   * headed {@code ## title} (see {@link #mergeInto}).
   *
   * @param command the command line that ran it, printed in the report
   * @return the Markdown report
   */
  public static String run(
      Plan plan, Budget budget, Path runsDir, Path dataDir, Consumer<String> log, String command) {
    return run(plan, budget, runsDir, dataDir, log, command, false);
  }

  /**
   * Runs {@code plan} as {@link #run(Plan, Budget, Path, Path, Consumer, String)} does; with {@code
   * resume}, {@code runsDir} may hold an earlier, interrupted session of the same study: each run
   * folder there with the same configuration is kept if finished and continued from its newest
   * checkpoint if not (the result is the same as an uninterrupted study's), and a folder with another
   * configuration stops the study with a {@link RunDirectoryException} before anything is trained.
   */
  public static String run(Plan plan, Budget budget, Path runsDir, Path dataDir,
      Consumer<String> log, String command, boolean resume) {
    if (resume) {
      checkResumable(plan, budget, runsDir);
    }
    long t0 = System.nanoTime();
    Map<String, String> machine = MachineInfo.collect();
    StringBuilder md = new StringBuilder();
    md.append("## ").append(plan.title()).append("\n\n").append(plan.intro()).append("\n\n");
    md.append("Produced by `").append(command).append("`").append(" on ").append(machine.get("date"))
        .append(": ").append(machine.get("CPU")).append(", ").append(machine.get("nproc"))
        .append(" cores, ").append(machine.get("engine")).append(", DJL ").append(machine.get("DJL"))
        .append(", Java ").append(System.getProperty("java.version"))
        .append(". Runs were written to `").append(runsDir).append("`.");
    if (!budget.equals(Budget.AS_PLANNED)) {
      md.append(" **Reduced budget** (a quick check, not the study's numbers):")
          .append(budget.seeds() > 0 ? " " + budget.seeds() + " seed(s)" : "")
          .append(budget.steps() > 0 ? " " + budget.steps() + " steps" : "").append('.');
    }
    md.append('\n');
    for (Section s : plan.sections()) {
      md.append("\n### ").append(s.title()).append("\n\n").append(s.text()).append("\n\n");
      md.append(section(s, budget, runsDir.resolve(slug(s.title())), dataDir, resume, log));
    }
    md.append(String.format(Locale.ROOT, "%nWhole study: %.0f minutes%s.%n",
        (System.nanoTime() - t0) / 60e9, resume
            ? " in its last session (runs taken up from earlier sessions count their training time"
                + " in the wall time column, not here)"
            : ""));
    return md.toString();
  }

  // The overrides that shape training: all but the sampling section, in a stable order.
  static String trainingOverrides(Map<String, String> overrides) {
    return new java.util.TreeMap<>(overrides).entrySet().stream()
        .filter(e -> !e.getKey().startsWith("sampling."))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining(" "));
  }

  private static String section(
      Section s, Budget budget, Path dir, Path dataDir, boolean resume, Consumer<String> log) {
    int seeds = seeds(s, budget);
    boolean images = TrainingSet.mixture(s.dataset()) == null;
    List<GanMetric> metrics = new ArrayList<>();
    for (Column c : s.columns()) {
      GanMetric m = Metrics.byName(c.metric());
      if (!metrics.contains(m)) {
        metrics.add(m);
      }
    }
    // Metrics of conditional or InfoGAN samples are checked against each variant's family below;
    // a translation task's runs are measured on its test inputs, with the metrics of translations.
    boolean translation = dev.gan4j.data.TranslationTasks.isTask(s.dataset());
    String names = String.join(",", metrics.stream().map(GanMetric::name).toList());
    if (translation) {
      Metrics.parseTranslation(names);
    } else {
      Metrics.parse(names, s.dataset(), images, true, true);
    }
    List<String> header = new ArrayList<>(List.of("configuration"));
    s.columns().forEach(c -> header.add(c.header()));
    header.addAll(List.of("seeds", "steps", "wall time / run"));
    List<List<String>> rows = new ArrayList<>();
    Map<String, Double> reference = new HashMap<>();
    // Variants that differ only in how samples are drawn (sampling.*) share their training runs.
    record Trained(Path dir, double seconds) {}
    Map<String, Trained> trained = new HashMap<>();
    try (Evaluation eval = translation ? null
        : Evaluation.open(s.dataset(), dataDir, s.samples(), log)) {
      for (GanMetric m : translation ? List.<GanMetric>of() : metrics) {
        MetricResult ref = eval.reference(m);
        ref.values().forEach((k, v) -> reference.put(m.name() + "." + k, v));
      }
      for (Variant v : s.variants()) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        double seconds = 0;
        int steps = 0;
        List<String> diverged = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
          Map<String, String> o = overrides(s, v, seed, budget);
          RunConfig config = ConfigLoader.resolve(v.preset(), null, o);
          steps = config.loop().steps();
          String trainingKey = v.preset() + " " + trainingOverrides(o);
          Trained t = trained.get(trainingKey);
          if (t == null) {
            Path runDir = runDir(dir, v, seed);
            try {
              t = new Trained(runDir, train(config, runDir, dataDir, resume, log));
            } catch (dev.gan4j.TrainingDivergedException e) {
              // A run that diverges is a result too: the row says so and the study goes on.
              diverged.add("seed " + seed + " diverged at step " + e.step());
              log.accept("study: " + s.title() + " / " + v.label() + ", seed " + seed + ": "
                  + e.getMessage());
              continue;
            }
            trained.put(trainingKey, t);
          } else {
            log.accept("study: " + v.label() + ", seed " + seed + ": sampling from " + t.dir());
          }
          Path runDir = t.dir();
          double trainSeconds = t.seconds();
          long sampleStart = System.nanoTime();
          Evaluation.Report r;
          if (translation) {
            // The reference is the input itself, the same test inputs for every run.
            r = TranslationEvaluation.measure(runDir, metrics, s.samples(), dataDir, log);
            r.results().forEach(m -> m.reference().forEach((k, x) -> reference.put(m.metric() + "."
                + k, x)));
          } else {
            r = sample(eval, metrics, runDir, config, s.samples(), dataDir);
          }
          // Rejection sampling's critic is part of the cost of its samples; plain sampling is instant.
          boolean plain = "none".equals(config.sampling().rejection());
          double runSeconds = trainSeconds + (plain ? 0 : (System.nanoTime() - sampleStart) / 1e9);
          seconds += runSeconds;
          for (MetricResult m : r.results()) {
            m.values().forEach((k, x) -> values.computeIfAbsent(m.metric() + "." + k,
                key -> new ArrayList<>()).add(x));
          }
          log.accept(String.format(Locale.ROOT, "study: %s / %s, seed %d: %s (%.0f s)",
              s.title(), v.label(), seed, summarize(s.columns(), values), runSeconds));
        }
        int finished = seeds - diverged.size();
        List<String> row = new ArrayList<>(List.of(v.label()
            + (diverged.isEmpty() ? "" : " (" + String.join("; ", diverged) + ")")));
        for (Column c : s.columns()) {
          row.add(cell(c, values, finished));
        }
        row.add(diverged.isEmpty() ? Integer.toString(seeds) : finished + " of " + seeds);
        row.add(String.format(Locale.ROOT, "%,d", steps));
        row.add(finished == 0 ? "" : ProgressBar.duration(seconds / finished));
        rows.add(row);
      }
    }
    List<String> real = new ArrayList<>(List.of(translation ? "the input itself (no model)"
        : "real data (reference)"));
    for (Column c : s.columns()) {
      Double v = reference.get(c.metric() + "." + c.key());
      real.add(v == null ? "" : fmt(v * c.scale(), c.decimals()));
    }
    real.addAll(List.of("", "", ""));
    rows.add(real);
    for (Published p : s.published()) {
      List<String> row = new ArrayList<>(List.of(p.label()));
      row.addAll(p.cells());
      while (row.size() < header.size()) {
        row.add("");
      }
      rows.add(row);
    }
    return table(header, rows);
  }

  // A run's samples from noise, measured: a conditional run's samples keep their classes, an
  // InfoGAN run's their first code's categories; metrics that need what a variant's samples lack
  // leave its cells blank.
  private static Evaluation.Report sample(Evaluation eval, List<GanMetric> metrics, Path runDir,
      RunConfig config, int n, Path dataDir) {
    try (RunSampler sampler = RunSampler.open(runDir, config.sampling(), dataDir)) {
      boolean plainSampling = "none".equals(config.sampling().rejection());
      int[] asked = plainSampling ? sampler.askedLabels(n) : null;
      boolean conditional = sampler.classes() > 0;
      List<GanMetric> own = metrics.stream()
          .filter(m -> !m.needsClasses() || (conditional && asked != null))
          .filter(m -> !m.needsCodes() || (!conditional && asked != null))
          .toList();
      dev.gan4j.eval.EvalSet generated = eval.embed(sampler.sample(n, 0), n);
      return eval.evaluate(asked == null ? generated : generated.withLabels(asked), own,
          runDir.toString());
    }
  }

  private static int seeds(Section s, Budget budget) {
    return budget.seeds() > 0 ? budget.seeds() : s.seeds();
  }

  private static Path runDir(Path sectionDir, Variant v, int seed) {
    return sectionDir.resolve(slug(v.label()) + "-seed" + seed);
  }

  // The config fields one run of a variant sets: the variant's own, its seed, dataset and budget.
  private static Map<String, String> overrides(Section s, Variant v, int seed, Budget budget) {
    Map<String, String> o = new LinkedHashMap<>(v.overrides());
    o.put("seed", Integer.toString(seed));
    o.put("data.name", s.dataset());
    if (budget.steps() > 0) {
      o.put("loop.steps", Integer.toString(budget.steps()));
    }
    return o;
  }

  // Before a resumed study trains anything: each run folder already there must hold its run's config
  // and a checkpoint.
  private static void checkResumable(Plan plan, Budget budget, Path runsDir) {
    for (Section s : plan.sections()) {
      for (Variant v : s.variants()) {
        for (int seed = 1; seed <= seeds(s, budget); seed++) {
          Path dir = runDir(runsDir.resolve(slug(s.title())), v, seed);
          if (!Files.exists(dir.resolve("config.json"))) {
            continue;
          }
          // Without a checkpoint (killed, or diverged, before its first) it starts over.
          RunDirectory run = RunDirectory.openForResume(dir);
          RunConfig wanted = ConfigLoader.resolve(v.preset(), null, overrides(s, v, seed, budget));
          if (!ConfigLoader.toJson(ConfigLoader.readJson(run.config()))
              .equals(ConfigLoader.toJson(wanted))) {
            throw new RunDirectoryException(dir + " holds a run with another configuration than the"
                + " study's; move it away or choose another --runs-dir");
          }
        }
      }
    }
  }

  /**
   * Trains {@code config} into {@code runDir} and returns its training wall time. With {@code resume},
   * a folder an earlier session of the study left there (which {@link #checkResumable} found to hold
   * the same configuration and a checkpoint) is kept as it is when finished and continued from its
   * newest checkpoint when not.
   */
  private static double train(
      RunConfig config, Path runDir, Path dataDir, boolean resume, Consumer<String> log) {
    TrainingRun.Options options = new TrainingRun.Options(dataDir, false, null, false, log);
    if (!resume || !Files.exists(runDir.resolve("config.json"))) {
      return TrainingRun.start(config, runDir, options).last().wallSeconds();
    }
    RunDirectory run = RunDirectory.openForResume(runDir);
    TrainerSnapshot last;
    try {
      java.util.Optional<Path> newest = CheckpointStore.latest(run.checkpoints());
      if (newest.isEmpty()) {
        // Stopped (or diverged) before its first checkpoint: it trains again from its config.
        log.accept("study: starting " + runDir + " over (no checkpoint)");
        return TrainingRun.resume(runDir, null, options).last().wallSeconds();
      }
      last = CheckpointStore.read(newest.get());
    } catch (IOException e) {
      throw new RunDirectoryException(runDir + ": cannot list checkpoints: " + e.getMessage(), e);
    }
    if (last.iteration() < config.loop().steps()) {
      log.accept("study: continuing " + runDir + " from step " + last.iteration());
      return TrainingRun.resume(runDir, null, options).last().wallSeconds();
    }
    log.accept("study: reusing " + runDir + ", finished at step " + last.iteration());
    return last.wallSeconds();
  }

  private static String summarize(List<Column> columns, Map<String, List<Double>> values) {
    StringBuilder sb = new StringBuilder();
    for (Column c : columns) {
      List<Double> v = values.get(c.metric() + "." + c.key());
      if (v != null) {
        sb.append(sb.length() == 0 ? "" : ", ").append(c.header()).append(' ')
            .append(fmt(v.get(v.size() - 1) * c.scale(), c.decimals()));
      }
    }
    return sb.toString();
  }

  // mean ± standard error over seeds; one seed shows the value's own spread when the column has one.
  static String cell(Column c, Map<String, List<Double>> values, int seeds) {
    List<Double> v = values.get(c.metric() + "." + c.key());
    if (v == null || v.isEmpty()) {
      return "";
    }
    double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    if (seeds == 1) {
      List<Double> spread = c.spreadKey() == null ? null : values.get(c.metric() + "." + c.spreadKey());
      return fmt(mean * c.scale(), c.decimals())
          + (spread == null ? "" : " ± " + fmt(spread.get(0) * c.scale(), c.decimals()));
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double se = Math.sqrt(ss / (v.size() - 1)) / Math.sqrt(v.size());
    return fmt(mean * c.scale(), c.decimals()) + " ± " + fmt(se * c.scale(), c.decimals());
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String table(List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
    sb.append(" --- |".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      sb.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return sb.toString();
  }

  /**
   * {@code document} with {@code report} in place of the earlier report of the same study (between
   * {@code <!-- study:NAME -->} markers), or appended when it has none; a new document gets a heading.
   */
  public static String mergeInto(String document, String name, String report) {
    String begin = "<!-- study:" + name + " -->";
    String end = "<!-- /study:" + name + " -->";
    String block = begin + "\n" + report.strip() + "\n" + end + "\n";
    if (document == null || document.isBlank()) {
      return "# gan4j results\n\nEach section below is written by `gan4j study NAME`; rerun it to"
          + " refresh that section.\n\n" + block;
    }
    int i = document.indexOf(begin);
    int j = document.indexOf(end);
    if (i >= 0 && j > i) {
      return document.substring(0, i) + block + document.substring(j + end.length()).replaceFirst("^\n", "");
    }
    return document.stripTrailing() + "\n\n" + block;
  }

  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
