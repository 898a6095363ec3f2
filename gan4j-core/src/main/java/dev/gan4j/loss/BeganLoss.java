package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Boundary equilibrium GAN (BEGAN, Berthelot et al. 2017). The discriminator is an autoencoder; a
 * sample's score is its reconstruction loss L(v) = mean |v - D(v)| (the L1 energy). D descends L(x) - k_t
 * L(G(z)); G descends L(G(z)). After each D step the balance moves toward E[L(G(z))] = γ E[L(x)]:
 * k_{t+1} = clip(k_t + λ_k (γ L(x) - L(G(z))), 0, 1). The convergence measure M_global = L(x) + |γ L(x)
 * - L(G(z))| decreases as training converges; it is logged ({@link #state()}: {@code k},
 * {@code m_global}) and k is saved in checkpoints.
 */
public final class BeganLoss implements GanLoss {
  private final float gamma;
  private final float lambdaK;
  private double k;
  private double mGlobal = Double.NaN;

  /** The loss with {@code settings.gamma()} and {@code settings.lambdaK()}; k starts at 0. */
  public BeganLoss(LossSettings settings) {
    this.gamma = settings.gamma();
    this.lambdaK = settings.lambdaK();
  }

  @Override
  public String name() {
    return "began";
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return realOut.mean().sub(Scalars.times(fakeOut.mean(), (float) k));
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return fakeOut.mean();
  }

  @Override
  public void afterDiscriminatorStep(Critique real, Critique fake) {
    double lReal = real.scores().mean().getFloat();
    double lFake = fake.scores().mean().getFloat();
    double balance = gamma * lReal - lFake;
    k = Math.min(1, Math.max(0, k + lambdaK * balance));
    mGlobal = lReal + Math.abs(balance);
  }

  @Override
  public String critic() {
    return "autoencoder-l1";
  }

  @Override
  public boolean outputsAreLogits() {
    return false;
  }

  @Override
  public Map<String, Double> state() {
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("k", k);
    s.put("m_global", mGlobal);
    return s;
  }

  @Override
  public void restoreState(Map<String, Double> state) {
    k = state.getOrDefault("k", 0.0);
    mGlobal = state.getOrDefault("m_global", Double.NaN);
  }
}
