package dev.gan4j.loss;

import dev.gan4j.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of discriminator penalties by config name: {@code none}, {@code gradient} (WGAN-GP),
 * {@code gradient-one-sided}, {@code dragan}, {@code r1}. The factory takes the weight (λ, or γ for R1).
 *
 * <pre>{@code Penalty p = Penalties.byName("gradient", 10f); // null for "none"}</pre>
 */
public final class Penalties {
  private static final Map<String, Function<Float, Penalty>> REGISTRY = new LinkedHashMap<>();

  static {
    REGISTRY.put("none", w -> null);
    REGISTRY.put("gradient", w -> new GradientPenalty(w, false));
    REGISTRY.put("gradient-one-sided", w -> new GradientPenalty(w, true));
    REGISTRY.put("dragan", DraganPenalty::new);
    REGISTRY.put("r1", R1Penalty::new);
  }

  private Penalties() {}

  /** The registered names. */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /** The penalty called {@code name} with {@code weight}, or null for {@code none}. */
  public static Penalty byName(String name, float weight) {
    Function<Float, Penalty> f = REGISTRY.get(name);
    if (f == null) {
      throw new InvalidConfigException("unknown penalty '" + name + "'; known: " + names());
    }
    if (!(weight >= 0f) || Float.isInfinite(weight)) {
      throw new InvalidConfigException("penalty.weight must be >= 0, got " + weight);
    }
    return f.apply(weight);
  }
}
