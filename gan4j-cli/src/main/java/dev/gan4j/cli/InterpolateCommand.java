package dev.gan4j.cli;

import dev.gan4j.io.LatentWalk;
import dev.gan4j.io.RunSampler;
import dev.gan4j.train.LatentCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j interpolate}: latent walks of a trained run's generator, as a GIF or a strip. */
@Command(
    name = "interpolate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Walk through a run's latent space between points drawn from its prior: along great"
          + " circles (slerp) for a normal prior, straight lines for a uniform one.",
      "The format follows the extension: .gif (an animation that loops, the walks side by side)"
          + " or .png (a strip, one walk a row)."
    })
final class InterpolateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run folder.")
  Path run;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The output file, .gif or .png.")
  Path out;

  @Option(names = "--frames", paramLabel = "N",
      description = "Points on each walk, its ends included, 2.." + LatentWalk.MAX_FRAMES
          + " (default ${DEFAULT-VALUE}).")
  int frames = 16;

  @Option(names = "--rows", paramLabel = "K",
      description = "Separate walks, 1.." + LatentWalk.MAX_ROWS + " (default ${DEFAULT-VALUE}).")
  int rows = 4;

  @Option(names = "--seed", description = "Seed of the walks' end points (default ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(names = "--delay-ms", paramLabel = "MS",
      description = "How long the GIF shows each frame, 10..10000 (default ${DEFAULT-VALUE}).")
  int delayMs = 100;

  @Option(
      names = "--class",
      paramLabel = "C",
      description = "For a conditional run: every walk of class C, 0..K-1 (default: walk r of"
          + " class r mod K).")
  Integer label;

  @Option(
      names = "--code",
      paramLabel = "NAME=V[,...]",
      description = "For an InfoGAN run: fix latent codes along every walk, e.g. cat0=3,cont0=0.5"
          + " (default: each walk keeps the codes drawn for its start).")
  String code;

  @Override
  public Integer call() throws Exception {
    if (code != null && label != null) {
      throw new dev.gan4j.InvalidConfigException("--class is for conditional runs and --code for"
          + " InfoGAN runs: give one of them");
    }
    // Before the engine starts: bad input fails fast and quietly.
    LatentWalk.checkOutput(out);
    LatentCodes.Fixed fixed = code == null ? null : RunSampler.checkCodes(run, code);
    LatentWalk.Options options =
        new LatentWalk.Options(frames, rows, seed, label, fixed, delayMs);
    dev.gan4j.io.RunDirectory.open(run);
    try (RunSampler sampler = RunSampler.open(run, "none", common.resolvedDataDir())) {
      LatentWalk.render(sampler, options).write(out);
      spec.commandLine().getOut().printf("wrote %d walks of %d frames from step %d to %s%n",
          rows, frames, sampler.step(), out);
    }
    return Gan4jCli.OK;
  }
}
