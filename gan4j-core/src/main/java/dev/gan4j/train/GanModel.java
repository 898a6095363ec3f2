package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import dev.gan4j.Rng;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.nn.Pass;
import java.util.Map;

/**
 * The networks of one training run and how one iteration updates them: what a {@link ModelFamily}
 * builds. {@link GanTrainer} loops, checkpoints and calls listeners; it never updates a network itself
 * (the split of Mimicry's trainer and its GAN classes). A family with more networks than one generator
 * and one discriminator (an encoder, two of each) still names its main pair here, and puts the rest in
 * {@link #tensors()} and {@link #optimizers()}, so checkpoints, resume and evaluation work unchanged.
 */
public interface GanModel {
  /** The role names of the two optimizers every model has, in {@link #optimizers()}. */
  String GENERATOR = "generator";

  /** See {@link #GENERATOR}. */
  String DISCRIMINATOR = "discriminator";

  /** One training iteration: the family's discriminator and generator updates. */
  IterationStats iterate();

  /** The generator side: the networks samples come from, with their weight averages. */
  GeneratorSet generators();

  /** The discriminator whose output the losses and the logged D(x), D(G(z)) refer to. */
  Critic discriminator();

  /** The adversarial objective. */
  GanLoss loss();

  /**
   * Every optimizer by role, generator first: {@link #GENERATOR}, {@link #DISCRIMINATOR}, then any others.
   * Their state and update counts are checkpointed under {@code optimizer.<role>.}.
   */
  Map<String, ParameterOptimizer> optimizers();

  /**
   * Every network tensor a checkpoint must hold (weights, buffers, averages), by a name unique in the
   * run: {@code generator.*}, {@code discriminator.*}, and the family's own prefixes.
   */
  Map<String, NDArray> tensors();

  /** Scalars the model carries between iterations (a loss's running state), by name. */
  Map<String, Double> state();

  /** Puts {@link #state()} values back; names not known are ignored, missing ones keep their value. */
  void restoreState(Map<String, Double> state);

  /** The length of one latent vector: z, and the codes after it when the model has some. */
  int latentDim();

  /** Fills {@code z} (n × {@link #latentDim()} values) from the model's prior. */
  void fillNoise(float[] z, Rng rng);

  /** Samples for latent vectors z (n × latentDim), with the weights meant for sampling (averages if on). */
  NDArray sample(NDArray z, Pass pass);

  /**
   * The latent codes the latent vector carries after z (InfoGAN); {@link LatentCodes#NONE} when
   * there are none. {@link #latentDim()} counts them.
   */
  default LatentCodes codes() {
    return LatentCodes.NONE;
  }

  /**
   * The names of the values {@link IterationStats#lossState} reports each iteration, for
   * metrics.csv (as {@code loss.NAME}): the loss's own state, and what the family adds.
   */
  default java.util.List<String> reportedState() {
    return java.util.List.copyOf(loss().state().keySet());
  }

  /** The classes the model is conditioned on; 0 for an unconditional model. */
  default int classes() {
    return 0;
  }

  /**
   * Samples for latent vectors z and the classes asked for, one per row (conditional models); an
   * unconditional model ignores the labels.
   */
  default NDArray sample(NDArray z, int[] labels, Pass pass) {
    return sample(z, pass);
  }

  /**
   * What one iteration measured, from its last discriminator update and its generator update.
   *
   * @param lossD the discriminator's loss
   * @param lossG the generator's loss
   * @param dReal mean D(x) on the real batch (probability for logit losses)
   * @param dFake mean D(G(z)) on the generated batch
   * @param separated whether min D(x) > max D(G(z)) in the last discriminator update
   * @param lossState the loss's own state after the iteration and the values the family adds
   *     (InfoGAN's {@code mi_bound}), by name (logged in metrics.csv)
   */
  record IterationStats(
      float lossD, float lossG, float dReal, float dFake, boolean separated,
      Map<String, Double> lossState) {}
}
