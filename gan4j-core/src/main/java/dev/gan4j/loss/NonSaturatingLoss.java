package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import dev.gan4j.Rng;
import java.util.Map;

/**
 * The non-saturating objective of Goodfellow et al. 2014 (section 3): the discriminator's loss is the
 * minimax one, but G ascends log D(G(z)), i.e. descends mean(softplus(-l_fake)). Same fixed point as the
 * minimax game, much stronger gradients early in training when D rejects G's samples easily.
 */
public final class NonSaturatingLoss implements GanLoss {
  private final Labels labels;

  /** The loss with one-sided label smoothing {@code s} in [0, 1) on D's real targets; 0 disables it. */
  public NonSaturatingLoss(float labelSmoothing) {
    this(LossSettings.DEFAULT.withLabelSmoothing(labelSmoothing));
  }

  /** The loss with D's targets from {@code settings}. */
  public NonSaturatingLoss(LossSettings settings) {
    this.labels = new Labels(settings);
  }

  @Override
  public String name() {
    return GanLosses.NON_SATURATING;
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return labels.realTerm(realOut).add(labels.fakeTerm(fakeOut));
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return SigmoidCrossEntropy.perSample(fakeOut, 1f).mean();
  }

  @Override
  public Map<String, Rng> randomStreams() {
    return labels.flips() ? Map.of("label-flip", labels.rng()) : Map.of();
  }
}
