package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The relativistic average GAN (RaGAN, Jolicoeur-Martineau 2019): D estimates how much more realistic a
 * real sample is than the average generated one, and vice versa. With critic values C and the batch
 * means C̄_r, C̄_f: D descends mean softplus(-(C(x) - C̄_f)) + mean softplus(C(G(z)) - C̄_r); G descends
 * the mirror image, mean softplus(-(C(G(z)) - C̄_r)) + mean softplus(C(x) - C̄_f), so G needs D's view of
 * real samples too.
 */
public final class RelativisticAverageLoss implements GanLoss {
  @Override
  public String name() {
    return "relativistic-average";
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return Activation.softPlus(realOut.sub(fakeOut.mean()).neg())
        .mean()
        .add(Activation.softPlus(fakeOut.sub(realOut.mean())).mean());
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return Activation.softPlus(fakeOut.sub(realOut.mean()).neg())
        .mean()
        .add(Activation.softPlus(realOut.sub(fakeOut.mean())).mean());
  }

  @Override
  public boolean generatorNeedsReal() {
    return true;
  }
}
