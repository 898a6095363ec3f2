package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Binary cross-entropy on logits in its stable form: with softplus(x) = log(1 + e^x), -log sigmoid(x) =
 * softplus(-x) and -log(1 - sigmoid(x)) = softplus(x). PyTorch's softplus switches to the identity for
 * large inputs, so neither form overflows.
 */
final class SigmoidCrossEntropy {
  private SigmoidCrossEntropy() {}

  /** Per-sample -[t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))], for a constant target t. */
  static NDArray perSample(NDArray logits, float target) {
    if (target == 1f) {
      return Activation.softPlus(logits.neg());
    }
    if (target == 0f) {
      return Activation.softPlus(logits);
    }
    return Scalars.times(Activation.softPlus(logits.neg()), target)
        .add(Scalars.times(Activation.softPlus(logits), 1f - target));
  }

  /** Per-sample cross-entropy with a target per sample (same shape as the logits). */
  static NDArray perSample(NDArray logits, NDArray targets) {
    return Activation.softPlus(logits.neg())
        .mul(targets)
        .add(Activation.softPlus(logits).mul(targets.neg().add(1f)));
  }
}
