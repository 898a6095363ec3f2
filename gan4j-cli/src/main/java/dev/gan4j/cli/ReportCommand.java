package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import dev.gan4j.cli.web.HtmlReport;
import dev.gan4j.io.CheckpointStore;
import dev.gan4j.io.LatentWalk;
import dev.gan4j.io.OutputPaths;
import dev.gan4j.io.RunDirectory;
import dev.gan4j.io.RunSampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j report}: a run as one self-contained HTML file. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write a run as one HTML file that opens offline in any browser: config, provenance, curves,"
          + " metrics beside their real-data references, alarms, grids over time, the evaluation"
          + " table of eval.json and a latent walk from the newest checkpoint; pictures, charts and"
          + " data are all inside the file."
    })
final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run folder.")
  Path run;

  @Option(names = "--out", paramLabel = "FILE",
      description = "The HTML file to write (default: report.html in the run folder).")
  Path out;

  @Option(names = "--frames", paramLabel = "N",
      description = "Points on each latent walk, 2.." + LatentWalk.MAX_FRAMES
          + " (default ${DEFAULT-VALUE}); 0 leaves the walk out.")
  int frames = 12;

  @Override
  public Integer call() {
    RunDirectory.openForResume(run); // a run folder: config.json at least
    Path target = out != null ? out : run.resolve("report.html");
    if (out == null) {
      OutputPaths.checkReplaceable(target);
    } else {
      OutputPaths.checkFile(target);
    }
    LatentWalk.Options walkOptions =
        frames == 0 ? null : new LatentWalk.Options(frames, 4, 0, null, null, 150);
    HtmlReport.write(run, target, walk(walkOptions));
    spec.commandLine().getOut().println("report: " + target);
    spec.commandLine().getOut().flush();
    return Gan4jCli.OK;
  }

  // Four walks from the newest checkpoint (seed 0), as an animation and as a strip; none when the
  // run has no checkpoint yet or the walk was declined.
  private HtmlReport.Walk walk(LatentWalk.Options o) {
    if (o == null) {
      return new HtmlReport.Walk(null, null, "No latent walk (--frames 0).");
    }
    try {
      if (CheckpointStore.latest(run.resolve("checkpoints")).isEmpty()) {
        return new HtmlReport.Walk(null, null, "No latent walk: the run has no checkpoint yet.");
      }
    } catch (IOException e) {
      throw new Gan4jException(run + ": cannot list checkpoints: " + e.getMessage(), e);
    }
    try (RunSampler sampler = RunSampler.open(run, "none", common.resolvedDataDir())) {
      LatentWalk.Pictures p = LatentWalk.render(sampler, o);
      String path = LatentWalk.spherical(sampler.config().model().prior())
          ? "great circles (slerp) of the normal prior" : "straight lines in the uniform prior's cube";
      return new HtmlReport.Walk(p.gif(), p.png(), String.format(java.util.Locale.ROOT,
          "%d walks of %d frames between noise vectors drawn with seed 0, along %s, from the"
              + " checkpoint of step %d: the animation, then every frame in one picture"
              + " (gan4j interpolate --run DIR --out walk.gif makes more).",
          o.rows(), o.frames(), path, sampler.step()));
    } catch (IOException e) { // encoding pictures in memory
      throw new java.io.UncheckedIOException(e);
    }
  }
}
