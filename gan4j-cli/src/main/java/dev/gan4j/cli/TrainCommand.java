package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import dev.gan4j.cli.web.Dashboard;
import dev.gan4j.io.RunDirectory;
import dev.gan4j.io.TrainingRun;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.RunConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j train}: trains a GAN into a run folder, or resumes one. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a GAN (Algorithm 1 of Goodfellow et al. 2014) into a run folder.",
      "Settings come from the preset, then --config, then flags; the resolved config is written to"
          + " the run's config.json."
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "One of ${COMPLETION-CANDIDATES} (default mnist-mlp).",
      completionCandidates = PresetNames.class)
  String preset;

  /** The presets registered now, for --help. */
  static final class PresetNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return dev.gan4j.train.Presets.names().iterator();
    }
  }

  @Option(names = "--config", paramLabel = "FILE", description = "A JSON or YAML config file.")
  Path config;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The run folder to create (default: runs/<time>-<preset>).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description = "Continue this run from its newest checkpoint (with --steps to extend it).")
  Path resume;

  @Option(names = "--seed", description = "Seed of every random stream.")
  Long seed;

  @Option(names = "--steps", description = "Training iterations (generator updates).")
  Integer steps;

  @Option(names = "--batch-size", paramLabel = "M", description = "Minibatch size m, 1..65,536.")
  Integer batchSize;

  @Option(names = "--k", description = "Discriminator steps per generator step.")
  Integer k;

  @Option(
      names = "--loss",
      description = "minimax, non-saturating, wasserstein, wgan-gp, least-squares, hinge,"
          + " relativistic-average, began, ebgan, madgan (a loss other than the preset's brings its"
          + " paper's settings for whatever you do not set: docs/losses.md).")
  String loss;

  @Option(
      names = "--penalty",
      paramLabel = "NAME",
      description = "none, gradient, gradient-one-sided, dragan, r1.")
  String penalty;

  @Option(names = "--penalty-weight", paramLabel = "W", description = "λ (γ for r1).")
  Float penaltyWeight;

  @Option(names = "--label-smoothing", description = "One-sided label smoothing s in [0, 1).")
  Float labelSmoothing;

  @Option(names = "--optimizer", description = "adam, sgd or rmsprop, for both networks.")
  String optimizer;

  @Option(names = "--lr", description = "Learning rate of both networks.")
  Float lr;

  @Option(names = "--lr-g", description = "Generator learning rate.")
  Float lrG;

  @Option(names = "--lr-d", description = "Discriminator learning rate.")
  Float lrD;

  @Option(names = "--latent-dim", description = "Dimension of the noise z, 1..65,536.")
  Integer latentDim;

  @Option(names = "--prior", description = "normal or uniform.")
  String prior;

  @Option(
      names = "--data",
      paramLabel = "NAME",
      description = "mnist, fashion-mnist, stacked-mnist, ring8, grid25, a translation task"
          + " (edges2digits, ...), folder:PATH (PNG/JPEG images, class labels from subfolders),"
          + " or for pix2pix and cyclegan pairs:PATH (side-by-side A|B images), pairs:DIR_A,DIR_B"
          + " (matched by file name) or unpaired:PATH (PATH/trainA, PATH/trainB).")
  String data;

  @Option(
      names = "--image-size",
      paramLabel = "PX",
      description = "For folder data: the side images are resized and centre-cropped to (default 64).")
  Integer imageSize;

  @Option(names = "--channels", description = "For folder data: 1 (grey) or 3 (RGB, the default).")
  Integer channels;

  @Option(
      names = "--skip-bad-images",
      description = "For folder data: leave out (and count) files that cannot be decoded.")
  Boolean skipBadImages;

  @Option(names = "--log-every", paramLabel = "N", description = "A metrics.csv row every N steps.")
  Integer logEvery;

  @Option(names = "--sample-every", paramLabel = "N", description = "A sample picture every N steps.")
  Integer sampleEvery;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "A checkpoint every N steps.")
  Integer checkpointEvery;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      description = "Evaluate the generator every N steps: metrics into metrics.csv and the plot,"
          + " collapse alarms on the progress line and in run.log (0: off).")
  Integer evalEvery;

  @Option(
      names = "--eval-metrics",
      paramLabel = "LIST",
      description = "Metrics for --eval-every (default: fd-lenet,classes for images, mixture for 2-D).")
  String evalMetrics;

  @Option(
      names = "--eval-n",
      paramLabel = "N",
      description = "Samples per evaluation during training, 2..1,000,000 (default 2000).")
  Integer evalSamples;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Any config field by dotted path, e.g. --set model.generator.hidden=256,512"
          + " (widths 1..65,536); the preset is chosen with --preset.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(
      names = "--on-divergence",
      paramLabel = "stop|rollback",
      description = "When a loss or weight becomes NaN or infinite: stop (exit 1; the default), or"
          + " roll back to the last finite checkpoint with the learning rates halved.")
  String onDivergence = "stop";

  @Option(
      names = "--ui",
      negatable = false,
      description = "Serve the live dashboard of the run's folder while it trains; it stops when"
          + " training ends (gan4j ui serves the folder afterwards).")
  boolean ui;

  @Option(names = "--ui-port", paramLabel = "P",
      description = "The dashboard's port with --ui (0: any free port; default ${DEFAULT-VALUE}).")
  int uiPort = Dashboard.DEFAULT_PORT;

  @Option(names = "--ui-host", paramLabel = "ADDRESS",
      description = "The dashboard's address with --ui (default ${DEFAULT-VALUE}, this machine only).")
  String uiHost = "127.0.0.1";

  @Option(
      names = "--no-fetch",
      negatable = false,
      description = "Fail instead of fetching a missing image dataset with npm.")
  boolean noFetch;

  private TrainingRun.OnDivergence divergencePolicy() {
    return switch (onDivergence) {
      case "stop" -> TrainingRun.OnDivergence.STOP;
      case "rollback" -> TrainingRun.OnDivergence.ROLLBACK;
      default -> throw new Gan4jException(
          "--on-divergence must be stop or rollback, got '" + onDivergence + "'");
    };
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (!ui && (parsed.hasMatchedOption("--ui-port") || parsed.hasMatchedOption("--ui-host"))) {
      throw new dev.gan4j.InvalidConfigException("--ui-port and --ui-host set the dashboard that"
          + " --ui starts: add --ui");
    }
    TrainingRun.Options options =
        new TrainingRun.Options(
            common.resolvedDataDir(),
            !noFetch,
            common.quiet ? null : System.err,
            System.console() != null,
            msg -> {
              System.err.println(msg);
              System.err.flush();
            },
            divergencePolicy());
    TrainingRun.Summary summary;
    if (resume != null) {
      Map<String, String> overrides = overrides();
      overrides.remove("loop.steps");
      if (preset != null || config != null || out != null || !overrides.isEmpty()) {
        throw new Gan4jException(
            "--resume continues a run with its own config; it takes only --steps, --data-dir,"
                + " --on-divergence, --quiet and --verbose");
      }
      summary = withDashboard(resume, () -> TrainingRun.resume(resume, steps, options));
    } else {
      RunConfig resolved = ConfigLoader.resolve(preset, config, overrides());
      Path target = out != null ? out : RunDirectory.defaultPath(resolved.preset());
      summary = withDashboard(target, () -> TrainingRun.start(resolved, target, options));
    }
    RunDirectory run = summary.run();
    stdout.println("run:        " + run.root());
    if (summary.lastPicture() != null) {
      stdout.println("samples:    " + summary.lastPicture());
    }
    stdout.println("losses:     " + run.lossesPlot());
    stdout.println("metrics:    " + run.metrics());
    stdout.println("checkpoints: " + run.checkpoints());
    if (summary.last() != null) {
      stdout.printf(
          java.util.Locale.ROOT,
          "final:      step %d  loss_d %.4f  loss_g %.4f  D(x) %.3f  D(G(z)) %.3f  (%.0f s)%n",
          summary.last().step(), summary.last().lossD(), summary.last().lossG(),
          summary.last().dReal(), summary.last().dFake(), summary.last().wallSeconds());
    }
    stdout.flush();
    return Gan4jCli.OK;
  }

  // The training, beside the dashboard of the run's folder with --ui, stopped when it ends: a
  // script that trains still finishes when training does.
  private TrainingRun.Summary withDashboard(Path run, Supplier<TrainingRun.Summary> training) {
    if (!ui) {
      return training.get();
    }
    Path folder = run.toAbsolutePath().normalize().getParent();
    if (resume == null) {
      RunDirectory.checkCreatable(run); // refused before anything is made
    }
    boolean made = !Files.isDirectory(folder);
    Dashboard dashboard;
    try {
      Files.createDirectories(folder);
      dashboard = Dashboard.start(folder, uiHost, uiPort);
    } catch (IOException e) {
      throw new dev.gan4j.RunDirectoryException("cannot create " + folder + ": " + e.getMessage(), e);
    } catch (Gan4jException e) { // a port in use: leave no folder behind
      if (made) {
        try {
          Files.deleteIfExists(folder);
        } catch (IOException ignored) {
          // not empty after all: someone else's now
        }
      }
      throw e;
    }
    TrainingRun.Summary summary;
    try (dashboard) {
      System.err.println("dashboard:  " + dashboard.url(run.toAbsolutePath().normalize()
          .getFileName().toString()) + "  (while training)");
      System.err.flush();
      summary = training.get();
    }
    System.err.println("dashboard:  stopped with the training; gan4j ui " + folder
        + " serves the folder again");
    System.err.flush();
    return summary;
  }

  private Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    put(o, "seed", seed);
    put(o, "loop.steps", steps);
    put(o, "loop.batchSize", batchSize);
    put(o, "loop.dSteps", k);
    put(o, "loss.name", loss);
    put(o, "loss.labelSmoothing", labelSmoothing);
    put(o, "penalty.name", penalty);
    put(o, "penalty.weight", penaltyWeight);
    put(o, "optim.generator.name", optimizer);
    put(o, "optim.discriminator.name", optimizer);
    put(o, "optim.generator.lr", lr);
    put(o, "optim.discriminator.lr", lr);
    put(o, "optim.generator.lr", lrG);
    put(o, "optim.discriminator.lr", lrD);
    put(o, "model.latentDim", latentDim);
    put(o, "model.prior", prior);
    put(o, "data.name", data);
    put(o, "data.imageSize", imageSize);
    put(o, "data.channels", channels);
    put(o, "data.skipBadImages", skipBadImages);
    put(o, "output.logEvery", logEvery);
    put(o, "output.sampleEvery", sampleEvery);
    put(o, "output.checkpointEvery", checkpointEvery);
    put(o, "eval.every", evalEvery);
    put(o, "eval.metrics", evalMetrics);
    put(o, "eval.samples", evalSamples);
    o.putAll(set);
    return o;
  }

  private static void put(Map<String, String> o, String key, Object value) {
    if (value != null) {
      o.put(key, value.toString());
    }
  }
}
