package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import dev.gan4j.Rng;
import java.util.Map;

/**
 * A GAN objective as a function of the discriminator's raw outputs (logits, critic values, or energies
 * for the autoencoder discriminators of BEGAN and EBGAN). Implementations use numerically stable forms
 * (softplus), never {@code log(sigmoid(x))}, and are registered by config name in {@link GanLosses}.
 *
 * <p>Convention (TF-GAN's, so its published test values apply): the discriminator's loss is the mean of
 * its per-sample terms on real data plus the mean of its per-sample terms on generated data. Both methods
 * return a scalar the optimizer descends.
 *
 * <p>Most losses need only the scores; the {@link Critique} overloads, which the trainer calls, let a loss
 * read the discriminator's features too, and a few hooks let a loss keep state across steps (BEGAN's
 * balance k_t) and say what kind of discriminator it needs.
 *
 * <pre>{@code GanLoss loss = GanLosses.byName("hinge"); NDArray l = loss.discriminatorLoss(realOut, fakeOut);}</pre>
 */
public interface GanLoss {
  /** The config name, e.g. {@code non-saturating}. */
  String name();

  /** The scalar the discriminator descends, from its outputs on a real and a generated batch. */
  NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut);

  /**
   * The scalar the generator descends.
   *
   * @param fakeOut the discriminator's outputs on generated samples
   * @param realOut its outputs on real samples, for relativistic losses; may be null when {@link
   *     #generatorNeedsReal()} is false
   */
  NDArray generatorLoss(NDArray fakeOut, NDArray realOut);

  /** The discriminator's loss from full critiques; by default, from the scores alone. */
  default NDArray discriminatorLoss(Critique real, Critique fake) {
    return discriminatorLoss(real.scores(), fake.scores());
  }

  /** The generator's loss from full critiques ({@code real} null unless {@link #generatorNeedsReal()}). */
  default NDArray generatorLoss(Critique fake, Critique real) {
    return generatorLoss(fake.scores(), real == null ? null : real.scores());
  }

  /** Whether the generator's loss reads the discriminator's view of real samples. */
  default boolean generatorNeedsReal() {
    return false;
  }

  /** Whether the scores are logits whose sigmoid is the probability D(x) (else they are shown raw). */
  default boolean outputsAreLogits() {
    return true;
  }

  /**
   * What the progress line and metrics show as D(x) for scores: the probability of "real" for logit
   * losses, the raw score (critic value, energy) otherwise. One value per row.
   */
  default NDArray probability(NDArray scores) {
    return outputsAreLogits() ? scores.getNDArrayInternal().sigmoid() : scores;
  }

  /** The discriminator this loss needs: {@code mlp}, or an autoencoder scoring by reconstruction. */
  default String critic() {
    return "mlp";
  }

  /** Outputs per sample the discriminator must have (MAD-GAN: one per generator plus real). */
  default int outputs() {
    return 1;
  }

  /**
   * Whether the discriminator tells several generators apart (MAD-GAN), so that {@code
   * model.generators} may exceed 1.
   */
  default boolean tellsGeneratorsApart() {
    return false;
  }

  /** Called after each discriminator update with that step's critiques (BEGAN updates k_t here). */
  default void afterDiscriminatorStep(Critique real, Critique fake) {}

  /** State the loss keeps across steps, by name: logged in metrics.csv and saved in checkpoints. */
  default Map<String, Double> state() {
    return Map.of();
  }

  /** Restores {@link #state()} from a checkpoint. */
  default void restoreState(Map<String, Double> state) {}

  /** Random streams the loss draws from (label flipping), by name, for checkpoints. */
  default Map<String, Rng> randomStreams() {
    return Map.of();
  }
}
