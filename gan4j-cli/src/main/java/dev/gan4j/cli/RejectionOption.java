package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import dev.gan4j.train.RunConfig;

/** The {@code --rejection} option of {@code gan4j sample} and {@code gan4j eval}. */
final class RejectionOption {
  private RejectionOption() {}

  /** Fails with the known names unless {@code name} is null (the run's own) or one of them. */
  static void check(String name) {
    if (name != null && !RunConfig.Sampling.REJECTIONS.contains(name)) {
      throw new Gan4jException(
          "--rejection must be one of " + RunConfig.Sampling.REJECTIONS + ", got '" + name + "'");
    }
  }
}
