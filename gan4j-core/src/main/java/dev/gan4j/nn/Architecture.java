package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import dev.gan4j.Rng;

/**
 * A family of networks chosen by name in a run's config ({@code model.generator.arch}, {@code
 * model.discriminator.arch}), sized from the data's shape: one class, registered in {@link
 * Architectures}. Both networks read and write flat batches (n, d); image architectures reshape inside.
 *
 * <pre>{@code Network g = Architectures.byName("dcgan").generator(spec, manager, initRng);}</pre>
 */
public interface Architecture {
  /** The config name, e.g. {@code dcgan}. */
  String name();

  /** One line for help and docs. */
  String description();

  /** A generator from latent vectors ({@code spec.input()}) to samples of {@code spec.output()}. */
  Network generator(NetSpec spec, NDManager manager, Rng init);

  /** A discriminator from samples of {@code spec.input()} to {@code spec.output()} scores. */
  Network discriminator(NetSpec spec, NDManager manager, Rng init);
}
