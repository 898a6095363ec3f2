package dev.gan4j.bench;

/**
 * One GAN training loop under measurement: each {@link #step()} is one iteration of Algorithm 1 of
 * Goodfellow et al. 2014 (one discriminator update, then one generator update) on a minibatch of
 * {@link #batchSize()} samples.
 *
 * <pre>{@code try (GanLoop loop = Gan4jLoop.create(data, 64)) { loop.step(); }}</pre>
 */
interface GanLoop extends AutoCloseable {
  /** A short name for tables: {@code gan4j} or {@code minimal DJL}. */
  String name();

  /** Samples per minibatch (m in Algorithm 1). */
  int batchSize();

  /** One iteration: a D step then a G step. */
  void step();

  /**
   * The discriminator's and the generator's loss after the last step, to show the loop really
   * trains.
   */
  float[] lastLosses();

  /** Frees the loop's native memory. */
  @Override
  void close();
}
