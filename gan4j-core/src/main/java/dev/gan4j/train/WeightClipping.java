package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.gan4j.nn.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * WGAN's Lipschitz constraint (Arjovsky et al. 2017): after each critic update, every critic weight is
 * clipped to [-c, c]. Config: {@code loss.clip} (0 turns it off).
 */
public final class WeightClipping implements TrainingHook {
  private static final NDIndex ALL = new NDIndex("...");
  private final float c;

  /** Clip to [-c, c], c > 0. */
  public WeightClipping(float c) {
    if (!(c > 0f) || Float.isInfinite(c)) {
      throw new dev.gan4j.InvalidConfigException("clip must be > 0, got " + c);
    }
    this.c = c;
  }

  static Optional<WeightClipping> fromConfig(RunConfig config) {
    float c = config.loss().clip();
    return c > 0f ? Optional.of(new WeightClipping(c)) : Optional.empty();
  }

  @Override
  public void afterUpdate(Side side, List<Parameter> params, NDManager step) {
    if (side != Side.DISCRIMINATOR) {
      return;
    }
    // The bounds are made in the step's manager: NDArray.clip(Number, Number) would make them in the
    // weight's long-lived manager, two arrays per parameter per update that live as long as the run.
    NDArray lo = step.create(-c);
    NDArray hi = step.create(c);
    for (Parameter p : params) {
      NDArray atLeastLo = p.array().maximum(lo);
      atLeastLo.attach(step); // a result lands in its first operand's manager
      p.array().set(ALL, atLeastLo.minimum(hi));
    }
  }
}
