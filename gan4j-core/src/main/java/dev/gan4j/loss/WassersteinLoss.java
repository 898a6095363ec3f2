package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * The Wasserstein GAN objective (Arjovsky, Chintala and Bottou 2017): a critic f without sigmoid
 * estimates W(P_r, P_g) = sup over 1-Lipschitz f of E[f(x)] - E[f(G(z))]. The critic descends
 * mean(f(G(z))) - mean(f(x)); the generator descends -mean(f(G(z))).
 *
 * <p>The Lipschitz constraint is not part of the loss: {@code wasserstein} brings weight clipping to ±c
 * (WGAN's defaults: c = 0.01, RMSProp with lr 5e-5, 5 critic steps per generator step), {@code wgan-gp}
 * the gradient penalty of Gulrajani et al. 2017 (λ = 10, Adam 1e-4 with β = (0, 0.9), 5 critic steps);
 * see {@link GanLosses#paperDefaults}.
 */
public final class WassersteinLoss implements GanLoss {
  private final String name;

  /** The loss registered as {@code name} ({@code wasserstein} or {@code wgan-gp}). */
  public WassersteinLoss(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return fakeOut.mean().sub(realOut.mean());
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
