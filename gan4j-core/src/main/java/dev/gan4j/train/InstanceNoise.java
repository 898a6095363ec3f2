package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import java.util.Optional;
import java.util.function.Function;

/**
 * Instance noise (Sønderby et al. 2017; Arjovsky and Bottou 2017): N(0, σ²) added to every input of the
 * discriminator during training, real and generated alike, with σ annealed linearly from σ₀ to 0 over a
 * span of iterations. Config: {@code stabilize.instanceNoise} (σ₀; 0 turns it off) and {@code
 * stabilize.instanceNoiseSteps} (the span; 0 means the whole run). Draws from the checkpointed stream
 * {@code instance-noise}.
 */
public final class InstanceNoise implements TrainingHook {
  /** The name of the random stream the noise is drawn from. */
  public static final String STREAM = "instance-noise";

  private final float sigma0;
  private final long span;
  private final Rng rng;
  private float[] buffer;

  /**
   * σ₀ annealed to 0 over {@code span} iterations (0: over the run's configured iterations).
   *
   * @param rng the stream the noise is drawn from
   */
  public InstanceNoise(float sigma0, long span, Rng rng) {
    if (!(sigma0 > 0f) || Float.isInfinite(sigma0)) {
      throw new dev.gan4j.InvalidConfigException("instanceNoise must be > 0, got " + sigma0);
    }
    if (span < 0) {
      throw new dev.gan4j.InvalidConfigException("instanceNoiseSteps must be >= 0, got " + span);
    }
    this.sigma0 = sigma0;
    this.span = span;
    this.rng = rng;
  }

  static Optional<InstanceNoise> fromConfig(RunConfig config, Function<String, Rng> streams) {
    RunConfig.Stabilize s = config.stabilize();
    return s.instanceNoise() > 0f
        ? Optional.of(new InstanceNoise(s.instanceNoise(), s.instanceNoiseSteps(), streams.apply(STREAM)))
        : Optional.empty();
  }

  /** σ after {@code iteration} of {@code totalIterations} iterations. */
  public float level(long iteration, long totalIterations) {
    long over = span > 0 ? span : totalIterations;
    return (float) (sigma0 * Math.max(0.0, 1.0 - (double) iteration / over));
  }

  @Override
  public NDArray discriminatorInput(NDArray x, TrainingState state, NDManager step) {
    float sigma = level(state.iteration(), state.totalIterations());
    if (sigma == 0f) {
      return x;
    }
    int n = Math.toIntExact(x.size());
    if (buffer == null || buffer.length != n) {
      buffer = new float[n];
    }
    rng.fillGaussian(buffer);
    for (int i = 0; i < n; i++) {
      buffer[i] *= sigma;
    }
    return x.add(HostArrays.upload(step, buffer, x.getShape()));
  }
}
