package dev.gan4j.loss;

import ai.djl.nn.Activation;
import ai.djl.ndarray.NDArray;

/**
 * The hinge loss of geometric GAN (Lim and Ye 2017), used with spectral normalization by Miyato et al.
 * 2018: D descends mean(max(0, 1 - D(x))) + mean(max(0, 1 + D(G(z)))); G descends -mean(D(G(z))).
 */
public final class HingeLoss implements GanLoss {
  @Override
  public String name() {
    return "hinge";
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return Activation.relu(realOut.neg().add(1f)).mean().add(Activation.relu(fakeOut.add(1f)).mean());
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return fakeOut.mean().neg();
  }

  @Override
  public boolean outputsAreLogits() {
    return false;
  }
}
