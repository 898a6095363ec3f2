package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Energy-based GAN (EBGAN, Zhao, Mathieu and LeCun 2017). The discriminator is an autoencoder whose
 * energy is the reconstruction error D(v) = mean (v - Dec(Enc(v)))². D descends D(x) + max(0, m -
 * D(G(z))): low energy for data, at least m for generated samples. G descends D(G(z)) plus λ_PT times the
 * pulling-away term, PT = 1/(N(N-1)) Σ_{i≠j} cos²(S_i, S_j) over the encoder codes S of the generated
 * batch, which pushes G's samples apart and away from a single mode.
 */
public final class EbganLoss implements GanLoss {
  private final float margin;
  private final float pullAway;

  /** The loss with margin {@code settings.margin()} and λ_PT {@code settings.pullAway()}. */
  public EbganLoss(LossSettings settings) {
    this.margin = settings.margin();
    this.pullAway = settings.pullAway();
  }

  @Override
  public String name() {
    return "ebgan";
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return realOut.mean().add(Activation.relu(fakeOut.neg().add(margin)).mean());
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    return fakeOut.mean();
  }

  @Override
  public NDArray generatorLoss(Critique fake, Critique real) {
    NDArray loss = generatorLoss(fake.scores(), null);
    if (pullAway == 0f || fake.features() == null) {
      return loss;
    }
    return loss.add(Scalars.times(pullingAway(fake.features()), pullAway));
  }

  /** PT = 1/(N(N-1)) Σ_{i≠j} (S_iᵀS_j / (‖S_i‖ ‖S_j‖))² for codes S (N × d). */
  static NDArray pullingAway(NDArray s) {
    long n = s.getShape().get(0);
    NDArray unit = s.div(s.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    NDArray cos2 = unit.matMul(unit.transpose()).square();
    // Σ over all pairs minus the diagonal (cos² = 1 for every i = j, up to the epsilon).
    NDArray diag = unit.square().sum(new int[] {1}).square().sum();
    return Scalars.over(cos2.sum().sub(diag), (float) (n * (n - 1)));
  }

  @Override
  public String critic() {
    return "autoencoder-l2";
  }

  @Override
  public boolean outputsAreLogits() {
    return false;
  }
}
