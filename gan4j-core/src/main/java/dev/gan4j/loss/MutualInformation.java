package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.gan4j.Scalars;

/**
 * InfoGAN's mutual-information term (Chen et al. 2016). The generator receives latent codes c
 * beside its noise; an auxiliary distribution Q(c | x), a head on the discriminator's body, tries
 * to recover them from the generated sample x = G(z, c). The variational lower bound
 *
 * <pre>L_I = E[log Q(c | x)] + H(c)  ≤  I(c; G(z, c))</pre>
 *
 * is maximised by both the generator and Q; each adds λ times its negative to its loss.
 *
 * <p>Layout. The codes of a batch are rows (n, W): for each categorical code its one-hot category
 * (K_i columns), then one value per continuous code. Q's outputs have the same layout: K_i logits
 * for each categorical code (Q is their softmax), then one mean μ_j per continuous code. Q of a
 * continuous code is a Gaussian with that mean and unit variance (the paper's factored Gaussian, σ
 * fixed at 1), so its log-likelihood is -½(c - μ)² - ½ log 2π.
 *
 * <p>Entropies. A categorical code with a uniform prior over K categories has H = log K; a
 * continuous code uniform on [-1, 1] has the differential entropy log 2. For a Q that ignores x the
 * bound is -KL(p(c) || Q(c)) ≤ 0: exactly 0 for a categorical code when Q is the uniform prior, and
 * at most log 2 - ½ log 2π - 1/6 ≈ -0.393 nats for a continuous code (mean 0: a unit Gaussian
 * cannot match a uniform prior). A Q that predicts the code raises it, to log K for a categorical
 * code and to log 2 - ½ log 2π ≈ -0.226 for a continuous code predicted exactly (σ = 1 limits it
 * there).
 *
 * <pre>{@code NDArray bound = MutualInformation.lowerBound(q, codes, new int[] {10}, 2);}</pre>
 */
public final class MutualInformation {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private MutualInformation() {}

  /**
   * L_I in nats, averaged over the rows: Σ_i (log Q(c_i | x) + log K_i) over the categorical codes
   * plus Σ_j (log N(c_j; μ_j, 1) + log 2) over the continuous ones.
   *
   * @param q Q's outputs (n, W) in the layout above
   * @param codes the codes the samples were generated from (n, W)
   * @param categorical the categories of each categorical code
   * @param continuous how many continuous codes
   */
  public static NDArray lowerBound(NDArray q, NDArray codes, int[] categorical, int continuous) {
    NDArray total = null;
    int at = 0;
    for (int k : categorical) {
      NDArray term = ClassLosses.crossEntropy(columns(q, at, k), columns(codes, at, k)).neg()
          .add((float) Math.log(k));
      total = total == null ? term : total.add(term);
      at += k;
    }
    if (continuous > 0) {
      NDArray term = squaredErrors(q, codes, at, continuous).neg()
          .add((float) (continuous * (Math.log(2) - HALF_LOG_TWO_PI)));
      total = total == null ? term : total.add(term);
    }
    if (total == null) {
      throw new IllegalArgumentException("the mutual-information bound needs at least one code");
    }
    return total;
  }

  /**
   * The term a player adds to its loss: λ_cat Σ_i CE_i + λ_cont Σ_j mean ½(c_j - μ_j)², the
   * negative of {@link #lowerBound} without its constants (the codes' entropies and the Gaussian's
   * normaliser), each part weighted. The constants do not change a gradient; leaving them out keeps
   * the logged losses near the adversarial ones.
   */
  public static NDArray loss(NDArray q, NDArray codes, int[] categorical, int continuous,
      float categoricalWeight, float continuousWeight) {
    NDArray total = null;
    int at = 0;
    for (int k : categorical) {
      NDArray term = Scalars.times(
          ClassLosses.crossEntropy(columns(q, at, k), columns(codes, at, k)), categoricalWeight);
      total = total == null ? term : total.add(term);
      at += k;
    }
    if (continuous > 0) {
      NDArray term = Scalars.times(squaredErrors(q, codes, at, continuous), continuousWeight);
      total = total == null ? term : total.add(term);
    }
    if (total == null) {
      throw new IllegalArgumentException("the mutual-information term needs at least one code");
    }
    return total;
  }

  // Mean over rows of Σ_j ½ (c_j - μ_j)² for the continuous codes in columns [at, at + count).
  private static NDArray squaredErrors(NDArray q, NDArray codes, int at, int count) {
    NDArray diff = columns(codes, at, count).sub(columns(q, at, count));
    return Scalars.times(diff.square().sum(new int[] {1}).mean(), 0.5f);
  }

  private static NDArray columns(NDArray x, int from, int count) {
    return x.get(new NDIndex(":, " + from + ":" + (from + count)));
  }
}
