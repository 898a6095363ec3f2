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

  /**
   * A lower bound of the weights and per-sample activations of the generator this architecture
   * builds from {@code latent} inputs to images of {@code sample} (c, h, w) with stage widths
   * {@code widths}, computed without building it: what the memory check reads before anything is
   * allocated. The default counts DCGAN's strided stages ({@link Footprint#stridedGenerator}).
   */
  default Footprint generatorFootprint(int latent, int[] widths, int[] sample, String activation) {
    return Footprint.stridedGenerator(latent, widths, sample);
  }

  /**
   * A lower bound of the weights and per-sample activations of the discriminator this architecture
   * builds for images of {@code sample} (c, h, w), {@code pack} scored together, with stage widths
   * {@code widths} and {@code kernels} minibatch-discrimination kernels. The default counts DCGAN's
   * strided stages ({@link Footprint#stridedDiscriminator}).
   */
  default Footprint discriminatorFootprint(int[] sample, int pack, int[] widths, String activation,
      int kernels) {
    return Footprint.stridedDiscriminator(sample, pack, widths, 0);
  }
}
