package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import dev.gan4j.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of GAN losses by config name, and static factories for each. Adding a loss is one class
 * plus one {@link #register} line here; the trainer never branches on the name.
 *
 * <pre>{@code GanLoss l = GanLosses.byName("minimax", 0f); GanLoss ns = GanLosses.nonSaturating();}</pre>
 */
public final class GanLosses {
  /** Config name of {@link MinimaxLoss}. */
  public static final String MINIMAX = "minimax";

  /** Config name of {@link NonSaturatingLoss}. */
  public static final String NON_SATURATING = "non-saturating";

  private static final Map<String, Function<Float, GanLoss>> REGISTRY = new LinkedHashMap<>();

  static {
    register(MINIMAX, MinimaxLoss::new);
    register(NON_SATURATING, NonSaturatingLoss::new);
  }

  private GanLosses() {}

  /** Registers a loss factory taking the label-smoothing value. */
  public static synchronized void register(String name, Function<Float, GanLoss> factory) {
    REGISTRY.put(name, factory);
  }

  /** The registered names, in registration order. */
  public static synchronized List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /** The loss registered under {@code name}; unknown names fail with the list of known ones. */
  public static synchronized GanLoss byName(String name, float labelSmoothing) {
    Function<Float, GanLoss> f = REGISTRY.get(name);
    if (f == null) {
      throw new InvalidConfigException("unknown loss '" + name + "'; known: " + names());
    }
    return f.apply(labelSmoothing);
  }

  /** The minimax loss of the 2014 paper, without label smoothing. */
  public static GanLoss minimax() {
    return new MinimaxLoss(0f);
  }

  /** The non-saturating loss of the 2014 paper, without label smoothing. */
  public static GanLoss nonSaturating() {
    return new NonSaturatingLoss(0f);
  }

  static float checkSmoothing(float s) {
    if (!(s >= 0f && s < 1f)) {
      throw new InvalidConfigException("labelSmoothing must be in [0, 1), got " + s);
    }
    return s;
  }

  // mean over real of -log D(x) (target smoothed) + mean over fake of -log(1 - D(G(z)))
  static NDArray discriminatorCrossEntropy(NDArray realOut, NDArray fakeOut, float smoothing) {
    float realTarget = 1f - 0.5f * smoothing;
    return SigmoidCrossEntropy.perSample(realOut, realTarget)
        .mean()
        .add(SigmoidCrossEntropy.perSample(fakeOut, 0f).mean());
  }
}
