package dev.gan4j.loss;

import dev.gan4j.InvalidConfigException;

/**
 * The knobs of the losses, each read by the losses it applies to (others ignore it).
 *
 * <pre>{@code LossSettings s = LossSettings.DEFAULT.withLabelSmoothing(0.2f);}</pre>
 *
 * @param labelSmoothing s: the real target becomes 1 - s/2 (TF-GAN's y(1 - s) + s/2; one-sided smoothing,
 *     Salimans et al. 2016); cross-entropy losses
 * @param fakeLabelSmoothing s': the fake target becomes s'/2 (with labelSmoothing, two-sided smoothing)
 * @param labelFlip probability that a sample's target is flipped in D's loss (noisy labels)
 * @param margin EBGAN's margin m on the energy of generated samples
 * @param pullAway EBGAN's weight of the pulling-away term
 * @param gamma BEGAN's diversity ratio γ = E[L(G(z))] / E[L(x)] that k_t steers to
 * @param lambdaK BEGAN's learning rate λ_k for k_t
 * @param generators MAD-GAN's number of generators
 * @param seed seed of the label-flipping stream
 */
public record LossSettings(
    float labelSmoothing,
    float fakeLabelSmoothing,
    float labelFlip,
    float margin,
    float pullAway,
    float gamma,
    float lambdaK,
    int generators,
    long seed) {
  /** No smoothing or flipping; EBGAN m = 1, λ_PT = 0.1; BEGAN γ = 0.5, λ_k = 0.001; one generator. */
  public static final LossSettings DEFAULT = new LossSettings(0f, 0f, 0f, 1f, 0.1f, 0.5f, 0.001f, 1, 0);

  /** Validates every field, naming it. */
  public LossSettings {
    unit(labelSmoothing, "labelSmoothing");
    unit(fakeLabelSmoothing, "fakeLabelSmoothing");
    if (!(labelFlip >= 0f && labelFlip < 0.5f)) {
      throw new InvalidConfigException("labelFlip must be in [0, 0.5), got " + labelFlip);
    }
    if (!(margin > 0f) || Float.isInfinite(margin)) {
      throw new InvalidConfigException("margin must be > 0, got " + margin);
    }
    if (!(pullAway >= 0f) || Float.isInfinite(pullAway)) {
      throw new InvalidConfigException("pullAway must be >= 0, got " + pullAway);
    }
    if (!(gamma > 0f && gamma <= 1f)) {
      throw new InvalidConfigException("gamma must be in (0, 1], got " + gamma);
    }
    if (!(lambdaK > 0f && lambdaK < 1f)) {
      throw new InvalidConfigException("lambdaK must be in (0, 1), got " + lambdaK);
    }
    if (generators < 1) {
      throw new InvalidConfigException("generators must be >= 1, got " + generators);
    }
  }

  /** A copy with one-sided label smoothing {@code s}. */
  public LossSettings withLabelSmoothing(float s) {
    return new LossSettings(s, fakeLabelSmoothing, labelFlip, margin, pullAway, gamma, lambdaK,
        generators, seed);
  }

  private static void unit(float v, String field) {
    if (!(v >= 0f && v < 1f)) {
      throw new InvalidConfigException(field + " must be in [0, 1), got " + v);
    }
  }
}
