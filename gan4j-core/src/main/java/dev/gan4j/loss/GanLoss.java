package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * A GAN objective as a pure function of the discriminator's raw outputs (logits, or critic values for
 * losses without a sigmoid). Implementations use numerically stable forms (softplus), never
 * {@code log(sigmoid(x))}.
 *
 * <p>Convention (TF-GAN's, so its published test values apply): the discriminator's loss is the mean of
 * its per-sample terms on real data plus the mean of its per-sample terms on generated data. Both methods
 * return a scalar the optimizer descends.
 *
 * <pre>{@code GanLoss loss = GanLosses.byName("non-saturating"); NDArray l = loss.discriminatorLoss(r, f);}</pre>
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

  /** Whether {@link #generatorLoss} reads the real outputs (relativistic losses do). */
  default boolean generatorNeedsReal() {
    return false;
  }

  /** Whether the discriminator's output is a logit whose sigmoid is the probability D(x). */
  default boolean outputsAreLogits() {
    return true;
  }
}
