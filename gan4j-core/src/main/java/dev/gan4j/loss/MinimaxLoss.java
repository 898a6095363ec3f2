package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.gan4j.Rng;
import java.util.Map;

/**
 * The original objective of Goodfellow et al. 2014, eq. (1): D ascends log D(x) + log(1 - D(G(z))); G
 * descends log(1 - D(G(z))). With D's logit l, log(1 - sigmoid(l)) = -softplus(l), so G's loss is
 * mean(-softplus(l_fake)). Its gradient vanishes when D confidently rejects the samples, which is why the
 * paper recommends the non-saturating variant in practice ({@link NonSaturatingLoss}).
 *
 * <p>D's targets follow {@link LossSettings}: one- or two-sided label smoothing (TF-GAN's convention
 * {@code y(1 - s) + s/2}) and label flipping.
 */
public final class MinimaxLoss implements GanLoss {
  private final Labels labels;

  /** The loss with one-sided label smoothing {@code s} in [0, 1); 0 disables it. */
  public MinimaxLoss(float labelSmoothing) {
    this(LossSettings.DEFAULT.withLabelSmoothing(labelSmoothing));
  }

  /** The loss with D's targets from {@code settings}. */
  public MinimaxLoss(LossSettings settings) {
    this.labels = new Labels(settings);
  }

  @Override
  public String name() {
    return GanLosses.MINIMAX;
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return labels.realTerm(realOut).add(labels.fakeTerm(fakeOut));
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return Activation.softPlus(fakeOut).neg().mean();
  }

  @Override
  public Map<String, Rng> randomStreams() {
    return labels.flips() ? Map.of("label-flip", labels.rng()) : Map.of();
  }
}
