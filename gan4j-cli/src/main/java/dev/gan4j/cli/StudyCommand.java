package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import dev.gan4j.io.AtomicFiles;
import dev.gan4j.io.RunDirectory;
import dev.gan4j.io.Studies;
import dev.gan4j.io.Study;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan4j study NAME}: trains and evaluates a study's configurations and writes its report. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train every configuration of a study over several seeds, evaluate each run the same way, and"
          + " print a Markdown report (mean ± standard error, budget, wall time, published numbers).",
      "With --out FILE the report replaces that study's section of FILE (e.g. docs/results.md).",
      "Studies: baseline (the presets, next to PacGAN's Table 1 and the 2014 paper's Parzen table),"
          + " zoo-ring8 and zoo-grid25 (every loss and stabilizer on one mixture), best (the"
          + " configuration that aims past every row of PacGAN's Table 1 on both mixtures), dcgan,"
          + " fashion-dcgan and stacked-mnist (the convolutional presets), mrgan (the mode-regularized"
          + " GAN against the plain one), conditional (cGAN, AC-GAN, projection, InfoGAN),"
          + " translation (pix2pix beside the L1-only U-Net and the input itself on edges2digits and"
          + " inpaint-digits; CycleGAN both"
          + " ways)."
    })
final class StudyCommand implements Callable<Integer> {
  /** The registered study names, for the help (never a hand-kept list). */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return dev.gan4j.io.Studies.names().iterator();
    }
  }

  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      description = "The study: ${COMPLETION-CANDIDATES}.",
      completionCandidates = StudyCommand.Names.class)
  String name;

  @Option(names = "--out", paramLabel = "FILE", description = "Merge the report into this file.")
  Path out;

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description = "Where the study's runs go (default: runs/study-<name>-<time>).")
  Path runsDir;

  @Option(
      names = "--resume",
      description = "Take up an interrupted study in --runs-dir: finished runs with the same"
          + " configuration are kept, unfinished ones continue from their newest checkpoint.")
  boolean resume;

  @Option(names = "--seeds", description = "Seeds per configuration instead of the study's (quick checks).")
  int seeds;

  @Option(names = "--steps", description = "Training steps instead of the presets' (quick checks).")
  int steps;

  @Override
  public Integer call() throws IOException {
    Study.Plan plan = Studies.byName(name);
    Study.Budget budget = new Study.Budget(seeds, steps);
    if (out != null && Files.isDirectory(out)) {
      throw new Gan4jException(out + " is a folder; --out takes a Markdown file");
    }
    if (resume && runsDir == null) {
      throw new Gan4jException("--resume needs the --runs-dir of the study to take up");
    }
    Path runs = runsDir != null ? runsDir : RunDirectory.defaultPath("study-" + name);
    if (!resume && Files.exists(runs)) {
      throw new Gan4jException(
          runs + " already exists; choose another --runs-dir, or pass --resume to take it up");
    }
    StringBuilder command = new StringBuilder("gan4j study " + name);
    if (out != null) {
      command.append(" --out ").append(out);
    }
    if (runsDir != null) {
      command.append(" --runs-dir ").append(runsDir);
    }
    if (resume) {
      command.append(" --resume");
    }
    if (seeds > 0) {
      command.append(" --seeds ").append(seeds);
    }
    if (steps > 0) {
      command.append(" --steps ").append(steps);
    }
    String report =
        Study.run(
            plan, budget, runs, common.resolvedDataDir(),
            msg -> {
              if (!common.quiet) {
                System.err.println(msg);
                System.err.flush();
              }
            },
            command.toString(),
            resume);
    if (out != null) {
      String before = Files.exists(out) ? Files.readString(out) : null;
      AtomicFiles.writeString(out, Study.mergeInto(before, name, report));
      System.err.println("report merged into " + out);
    }
    spec.commandLine().getOut().print(report);
    spec.commandLine().getOut().flush();
    return Gan4jCli.OK;
  }
}
