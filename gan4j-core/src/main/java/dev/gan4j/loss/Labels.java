package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;

/**
 * The discriminator's targets for cross-entropy losses: 1 for real and 0 for generated samples, moved by
 * label smoothing (TF-GAN's convention: real 1 - s/2, generated s'/2) and, with probability p per sample,
 * flipped (t becomes 1 - t) by label noise drawn from gan4j's own {@link Rng}.
 */
final class Labels {
  private final float real;
  private final float fake;
  private final float flip;
  private final Rng rng;
  private float[] buffer = new float[0];

  Labels(LossSettings s) {
    real = 1f - 0.5f * s.labelSmoothing();
    fake = 0.5f * s.fakeLabelSmoothing();
    flip = s.labelFlip();
    rng = Rng.derive(s.seed(), "label-flip");
  }

  /** Mean cross-entropy of D's logits on real samples against the real target. */
  NDArray realTerm(NDArray logits) {
    return term(logits, real);
  }

  /** Mean cross-entropy of D's logits on generated samples against the fake target. */
  NDArray fakeTerm(NDArray logits) {
    return term(logits, fake);
  }

  private NDArray term(NDArray logits, float target) {
    if (flip == 0f) {
      return SigmoidCrossEntropy.perSample(logits, target).mean();
    }
    int n = Math.toIntExact(logits.size());
    if (buffer.length != n) {
      buffer = new float[n];
    }
    for (int i = 0; i < n; i++) {
      buffer[i] = rng.nextDouble() < flip ? 1f - target : target;
    }
    NDArray targets = HostArrays.upload(logits.getManager(), buffer, logits.getShape());
    return SigmoidCrossEntropy.perSample(logits, targets).mean();
  }

  Rng rng() {
    return rng;
  }

  boolean flips() {
    return flip > 0f;
  }
}
