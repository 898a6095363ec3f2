package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import dev.gan4j.Limits;
import dev.gan4j.eval.Metrics;
import dev.gan4j.io.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j eval}: measures a run's generator, or samples from any source, against a dataset. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure generated samples against real data: a table on stdout (or JSON), beside each metric's"
          + " real-versus-real reference.",
      "With --run, the run's newest checkpoint is sampled and the report is also written to the"
          + " run's eval.json. With --samples, a file from any tool (.idx, .idx.gz, .npy, .csv) is"
          + " judged.",
      "Image metrics use gan4j's own evaluation classifier, trained once per dataset and cached in the"
          + " data dir (minutes, the first time)."
    })
final class EvalCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", paramLabel = "DIR", description = "A run folder to evaluate.")
  Path run;

  @Option(
      names = "--samples",
      paramLabel = "FILE",
      description = "Samples to evaluate: .idx/.idx.gz images, .npy arrays, or .csv (a sample a row).")
  Path samples;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "With --samples: mnist, fashion-mnist, ring8 or grid25.")
  String dataset;

  @Option(
      names = "--metrics",
      paramLabel = "LIST",
      description = "Comma-separated, or all (default): fd-lenet, kid-lenet, is-lenet, classes, prdc,"
          + " parzen for images, and conditional for a conditional run (cgan, acgan); mixture,"
          + " prdc for 2-D data; translation (only) for an image-to-image run (pix2pix, cyclegan).")
  String metrics = "all";

  @Option(
      names = "--n",
      description = "How many samples to measure, 2..1,000,000 (default: the published protocol's,"
          + " 2500 for 2-D mixtures, 10000 for images; 2000 test inputs per direction for an"
          + " image-to-image run; with --samples, at most this many of the file's).")
  Integer n;

  @Option(names = "--seed", description = "Noise seed for --run (default ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(names = "--format", paramLabel = "FMT", description = "text (default) or json.")
  String format = "text";

  @Option(
      names = "--rejection",
      paramLabel = "NAME",
      description = "With --run: none, or drs (discriminator rejection sampling); default: the run's"
          + " sampling.rejection.")
  String rejection;

  @Override
  public Integer call() {
    // Every check that needs no engine comes first: bad input fails fast, before minutes of work.
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("text") && !fmt.equals("json")) {
      throw new Gan4jException("--format must be text or json, got '" + format + "'");
    }
    if ((run == null) == (samples == null)) {
      throw new Gan4jException("give exactly one of --run DIR and --samples FILE");
    }
    if (n != null && n < 2) {
      throw new Gan4jException("--n must be >= 2, got " + n);
    }
    if (n != null) {
      Limits.atMost(n, Limits.MAX_SAMPLES, "--n");
    }
    if (run != null && dataset != null) {
      throw new Gan4jException("--dataset goes with --samples; a run knows its dataset");
    }
    if (rejection != null && run == null) {
      throw new Gan4jException("--rejection goes with --run; --samples are measured as they are");
    }
    RejectionOption.check(rejection);
    if (samples != null && dataset == null) {
      throw new Gan4jException("--samples needs --dataset NAME (mnist, fashion-mnist, ring8, grid25)");
    }
    for (String name : metrics.split(",")) {
      if (!name.isBlank() && !name.strip().equals("all")) {
        Metrics.byName(name.strip());
      }
    }
    java.util.function.Consumer<String> log =
        msg -> {
          if (!common.quiet) {
            System.err.println(msg);
            System.err.flush();
          }
        };
    Evaluation.Report report =
        run != null
            ? Evaluation.evaluateRun(run, metrics, n, seed, rejection, common.resolvedDataDir(), log)
            : Evaluation.evaluateFile(samples, dataset, metrics,
                n != null ? n : Evaluation.defaultSamples(dataset), common.resolvedDataDir(), log);
    PrintWriter out = spec.commandLine().getOut();
    out.print(fmt.equals("json") ? report.toJson() + System.lineSeparator() : report.toText());
    if (run != null && !common.quiet) {
      System.err.println("written to " + run.resolve("eval.json"));
    }
    out.flush();
    return Gan4jCli.OK;
  }
}
