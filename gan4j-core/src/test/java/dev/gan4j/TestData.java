package dev.gan4j;

import dev.gan4j.data.DataDir;
import dev.gan4j.data.ImageDatasets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where tests find real datasets: the data dir that {@code GAN4J_DATA_DIR} names (CI sets it). */
public final class TestData {
  private TestData() {}

  /** The data dir holding {@code dataset}; the calling test is skipped, saying why, when there is none. */
  public static Path dirWith(String dataset) {
    String env = System.getenv(DataDir.ENV_VAR);
    Assumptions.assumeTrue(env != null && !env.isBlank(), "GAN4J_DATA_DIR is not set");
    Path dir = Path.of(env.strip());
    Assumptions.assumeTrue(ImageDatasets.isPresent(dataset, dir), "no " + dataset + " in " + dir);
    return dir;
  }
}
