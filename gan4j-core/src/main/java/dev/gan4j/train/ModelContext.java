package dev.gan4j.train;

import ai.djl.ndarray.NDManager;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;

/**
 * What a {@link ModelFamily} builds its model from.
 *
 * @param config the resolved run config
 * @param sampleShape one real sample's shape: (d) for vectors, (c, h, w) for images
 * @param sampler the real minibatches (the trainer checkpoints its position)
 * @param manager the run's long-lived manager: networks and optimizer state live here, nothing per step
 * @param hooks the stabilizers to call at their points ({@link TrainingHook})
 * @param streams the run's checkpointed random streams
 * @param classes the dataset's classes when the family uses labels (batches then end in a label
 *     column), else 0
 */
public record ModelContext(
    RunConfig config,
    int[] sampleShape,
    MinibatchSampler sampler,
    NDManager manager,
    TrainingHooks hooks,
    RandomStreams streams,
    int classes) {
  /** The checkpointed random stream of this name, derived from the seed and the name. */
  public Rng stream(String name) {
    return streams.stream(name);
  }

  /** The random streams a run checkpoints and restores, by name. */
  public interface RandomStreams {
    /** The stream of this name, derived from the run's seed and the name on first use. */
    Rng stream(String name);

    /** Checkpoints a stream created elsewhere (a loss's own) under {@code name}. */
    void register(String name, Rng rng);
  }
}
