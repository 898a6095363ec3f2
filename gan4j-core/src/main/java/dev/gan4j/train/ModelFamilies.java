package dev.gan4j.train;

import dev.gan4j.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of model families by name. {@code gan} is the unconditional GAN of Goodfellow et al. 2014
 * with every loss, penalty and stabilizer of the zoo ({@link AlgorithmOneGan}); the conditional
 * families ({@code cgan}, {@code acgan}, {@code projection}), InfoGAN ({@code infogan}) and the
 * mode-regularized GAN ({@code mrgan}, {@link ModeRegularizedGan}) register here too.
 */
public final class ModelFamilies {
  private static final Map<String, ModelFamily> FAMILIES = new LinkedHashMap<>();

  static {
    register(AlgorithmOneGan.FAMILY);
    register(AlgorithmOneGan.CGAN);
    register(AlgorithmOneGan.ACGAN);
    register(AlgorithmOneGan.PROJECTION);
    register(AlgorithmOneGan.INFOGAN);
    register(ModeRegularizedGan.FAMILY);
    register(Pix2Pix.FAMILY);
    register(CycleGan.FAMILY);
  }

  private ModelFamilies() {}

  private static void register(ModelFamily family) {
    FAMILIES.put(family.name(), family);
  }

  /** The family of this name. */
  public static ModelFamily byName(String name) {
    ModelFamily f = FAMILIES.get(name);
    if (f == null) {
      throw new InvalidConfigException(
          "model.family: unknown family '" + name + "'; known: " + names());
    }
    return f;
  }

  /** The registered names, in registration order. */
  public static List<String> names() {
    return List.copyOf(FAMILIES.keySet());
  }
}
