package dev.gan4j.cli;

import dev.gan4j.io.RunSampler;
import dev.gan4j.io.TranslationSamples;
import dev.gan4j.train.LatentCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j sample}: draws samples from a trained run's generator into a file. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Draw samples from a run's newest checkpoint.",
      "For an image-to-image run (pix2pix, cyclegan): a .png of --n fixed test inputs, one a row,"
          + " input | output | target (CycleGAN: a | G(a) | F(G(a)) | b | F(b) | G(F(b))).",
      "The format follows the extension: .png (grid or scatter), .csv (a sample a row),"
          + " .npy (float32, (n, c, h, w) or (n, d), for NumPy), .idx / .idx.gz (uint8 images)."
    })
final class SampleCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run folder.")
  Path run;

  @Option(names = "--n", required = true, description = "How many samples, 1..1,000,000.")
  int n;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The output file.")
  Path out;

  @Option(names = "--seed", description = "Seed of the noise (default ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(
      names = "--class",
      paramLabel = "C",
      description = "For a conditional run (cgan, acgan, projection): every sample of class C,"
          + " 0..K-1.")
  Integer label;

  @Option(
      names = "--code",
      paramLabel = "NAME=V[,...]",
      description = "For an InfoGAN run: fix latent codes in every sample, e.g. cat0=3,cont0=0.5."
          + " catI takes a category 0..K-1, contJ any finite number (prior U(-1, 1)); codes not"
          + " named are drawn from their priors.")
  String code;

  @Option(
      names = "--rejection",
      paramLabel = "NAME",
      description = "none, or drs (discriminator rejection sampling); default: the run's"
          + " sampling.rejection.")
  String rejection;

  @Override
  public Integer call() throws Exception {
    RejectionOption.check(rejection);
    if (code != null && label != null) {
      throw new dev.gan4j.InvalidConfigException("--class is for conditional runs and --code for"
          + " InfoGAN runs: give one of them");
    }
    // Before the engine starts: bad input fails fast and quietly.
    if (TranslationSamples.isTranslationRun(run)) {
      return translations();
    }
    RunSampler.checkOutput(run, n, out);
    LatentCodes.Fixed fixed = code == null ? null : RunSampler.checkCodes(run, code);
    try (RunSampler sampler = RunSampler.open(run, rejection, common.resolvedDataDir())) {
      sampler.write(n, seed, label, fixed, out);
      spec.commandLine()
          .getOut()
          .printf("wrote %d samples from step %d to %s%n", n, sampler.step(), out);
    }
    return Gan4jCli.OK;
  }

  // An image-to-image run: a picture of fixed test inputs beside their translations and targets.
  private Integer translations() throws java.io.IOException {
    if (label != null || code != null || rejection != null) {
      throw new dev.gan4j.InvalidConfigException("--class, --code and --rejection steer samples"
          + " drawn from noise; a translation run's sample translates fixed test inputs");
    }
    TranslationSamples.checkOutput(n, out);
    TranslationSamples.Written w = TranslationSamples.write(run, n, common.resolvedDataDir(), out);
    spec.commandLine().getOut().printf("wrote %d rows of translations from step %d to %s%n",
        w.rows(), w.step(), out);
    return Gan4jCli.OK;
  }
}
