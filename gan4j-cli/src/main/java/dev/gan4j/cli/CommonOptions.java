package dev.gan4j.cli;

import dev.gan4j.data.DataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command shares: {@code --verbose}, {@code --quiet}, {@code --data-dir}, {@code
 * --threads}.
 */
final class CommonOptions {
  @Option(
      names = "--verbose",
      description = "Show stack traces and the engine's log messages.")
  boolean verbose;

  @Option(names = "--quiet", description = "No progress display.")
  boolean quiet;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where datasets live (default: $GAN4J_DATA_DIR, else ~/.gan4j/data).")
  Path dataDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "The engine's threads (default: one per core; 0 keeps the default).")
  void setThreads(int n) {
    if (n < 0 || n > 1024) {
      throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
          "--threads must be in [0, 1024] (0: one per core), got " + n);
    }
    dev.gan4j.Engines.setThreads(n); // applied when the engine loads; recorded in provenance.json
  }

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  Path resolvedDataDir() {
    return DataDir.resolve(dataDir);
  }
}
