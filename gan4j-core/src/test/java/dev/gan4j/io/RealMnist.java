package dev.gan4j.io;

import dev.gan4j.data.DataDir;
import dev.gan4j.data.ImageDatasets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The real MNIST of {@code GAN4J_DATA_DIR} for the tests that need it; they are skipped without. */
final class RealMnist {
  private RealMnist() {}

  /** The data folder holding MNIST, or the calling test is skipped (aborted) with the reason. */
  static Path dataDirOrSkip() {
    String env = System.getenv(DataDir.ENV_VAR);
    Assumptions.assumeTrue(env != null && !env.isBlank(), "GAN4J_DATA_DIR is not set");
    Path dataDir = Path.of(env.strip());
    Assumptions.assumeTrue(ImageDatasets.isPresent("mnist", dataDir), "no mnist in " + dataDir);
    return dataDir;
  }
}
