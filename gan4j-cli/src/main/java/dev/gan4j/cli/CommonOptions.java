package dev.gan4j.cli;

import dev.gan4j.data.DataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: {@code --verbose}, {@code --quiet}, {@code --data-dir}. */
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

  Path resolvedDataDir() {
    return DataDir.resolve(dataDir);
  }
}
