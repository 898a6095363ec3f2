package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * What the discriminator says about a batch: its raw scores (logits, critic values or energies; one row
 * per sample, or per pack of samples) and the features its last layer read (an autoencoder's code for
 * BEGAN and EBGAN), for losses that need more than the scores (feature matching, EBGAN's pulling-away
 * term).
 *
 * <pre>{@code NDArray loss = ganLoss.discriminatorLoss(Critique.of(realLogits), Critique.of(fakeLogits));}</pre>
 *
 * @param scores the discriminator's outputs, shape (rows, outputs)
 * @param features its deepest features, or null
 */
public record Critique(NDArray scores, NDArray features) {
  /** Scores without features. */
  public static Critique of(NDArray scores) {
    return new Critique(scores, null);
  }
}
