package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;

/**
 * One forward pass's circumstances: training or inference, where its temporaries live, and the random
 * stream its dropout masks and noise come from (gan4j's own {@link Rng}, so a seed fixes them and a
 * checkpoint restores them).
 *
 * <pre>{@code NDArray y = net.forward(x, Pass.training(stepManager, dropoutRng));}</pre>
 */
public final class Pass {
  private final boolean training;
  private final boolean updateStatistics;
  private final NDManager manager;
  private final Rng rng;
  // Host buffers by length, one set per thread and reused across passes: a step's masks and noise
  // make no Java garbage (the upload copies them out, so reuse is safe once it returns).
  private static final ThreadLocal<java.util.Map<Integer, float[]>> BUFFERS =
      ThreadLocal.withInitial(java.util.HashMap::new);
  private static final int MAX_BUFFERS = 16;

  private Pass(boolean training, boolean updateStatistics, NDManager manager, Rng rng) {
    this.training = training;
    this.updateStatistics = updateStatistics;
    this.manager = manager;
    this.rng = rng;
  }

  /** A training pass: dropout and noise active, normalization statistics updated. */
  public static Pass training(NDManager manager, Rng rng) {
    return new Pass(true, true, manager, rng);
  }

  /** An inference pass: deterministic, nothing updated. */
  public static Pass inference(NDManager manager) {
    return new Pass(false, false, manager, null);
  }

  /**
   * This training pass, except that normalization layers leave their running statistics alone (they
   * still normalize by the batch's own). For a network fed inputs that inference will never see: the
   * mode-regularized GAN's generator on encoded real samples, whose statistics would otherwise be
   * mixed into those that sampling from the prior uses.
 An inference pass is returned as it is (it updates
   * nothing already).
   */
  public Pass keepingStatistics() {
    return training ? new Pass(true, false, manager, rng) : this;
  }

  /** Whether this is a training pass. */
  public boolean training() {
    return training;
  }

  /** Whether normalization layers update their running statistics (training passes, by default). */
  public boolean updatesStatistics() {
    return updateStatistics;
  }

  /** Where the pass's temporaries go. */
  public NDManager manager() {
    return manager;
  }

  /** A tensor of {@code shape} filled by {@code fill} from the pass's random stream (training only). */
  NDArray random(Shape shape, Filler fill) {
    int n = Math.toIntExact(shape.size());
    java.util.Map<Integer, float[]> buffers = BUFFERS.get();
    float[] buffer = buffers.get(n);
    if (buffer == null) {
      if (buffers.size() >= MAX_BUFFERS) {
        buffers.clear(); // many distinct shapes: keep the cache small rather than complete
      }
      buffer = new float[n];
      buffers.put(n, buffer);
    }
    fill.fill(buffer, rng);
    return HostArrays.upload(manager, buffer, shape);
  }

  /** Writes random values into a host buffer. */
  @FunctionalInterface
  interface Filler {
    void fill(float[] out, Rng rng);
  }
}
