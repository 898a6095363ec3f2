package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The original objective of Goodfellow et al. 2014, eq. (1): D ascends log D(x) + log(1 - D(G(z))); G
 * descends log(1 - D(G(z))). With D's logit l, log(1 - sigmoid(l)) = -softplus(l), so G's loss is
 * mean(-softplus(l_fake)). Its gradient vanishes when D confidently rejects the samples, which is why the
 * paper recommends the non-saturating variant in practice ({@link NonSaturatingLoss}).
 *
 * <p>One-sided label smoothing (Salimans et al. 2016) moves the real target from 1 to 1 - s/2, TF-GAN's
 * convention {@code y(1 - s) + s/2}; generated samples keep target 0.
 */
public final class MinimaxLoss implements GanLoss {
  private final float labelSmoothing;

  /** The loss with one-sided label smoothing {@code s} in [0, 1); 0 disables it. */
  public MinimaxLoss(float labelSmoothing) {
    this.labelSmoothing = GanLosses.checkSmoothing(labelSmoothing);
  }

  @Override
  public String name() {
    return GanLosses.MINIMAX;
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return GanLosses.discriminatorCrossEntropy(realOut, fakeOut, labelSmoothing);
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return Activation.softPlus(fakeOut).neg().mean();
  }
}
