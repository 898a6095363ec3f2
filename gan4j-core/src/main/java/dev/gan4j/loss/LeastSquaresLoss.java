package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * Least-squares GAN (Mao et al. 2017) with the 0-1 coding: D descends ½ mean((D(x) - 1)²) + ½
 * mean(D(G(z))²); G descends ½ mean((D(G(z)) - 1)²). Penalising samples that are on the right side of the
 * boundary but far from the data keeps G's gradients alive where the sigmoid loss saturates.
 */
public final class LeastSquaresLoss implements GanLoss {
  @Override
  public String name() {
    return "least-squares";
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return Scalars.times(realOut.sub(1f).square().mean().add(fakeOut.square().mean()), 0.5f);
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return Scalars.times(fakeOut.sub(1f).square().mean(), 0.5f);
  }

  @Override
  public boolean outputsAreLogits() {
    return false;
  }
}
