package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of {@link Architecture}s by name, and the ones gan4j ships: {@code mlp} (multilayer
 * perceptrons on flattened samples, {@link Network#mlp}), {@code dcgan} ({@link DcganArchitecture}),
 * {@code resnet} ({@link ResnetArchitecture}), the translation networks, and {@code dcgan-dense}
 * ({@link DcganDenseArchitecture}, InfoGAN's MNIST nets). Adding one is a class and a {@link #register} call;
 * nothing else switches on the name.
 *
 * <pre>{@code Architecture a = Architectures.byName("dcgan");}</pre>
 */
public final class Architectures {
  private static final Map<String, Architecture> REGISTRY = new LinkedHashMap<>();

  static {
    register(new MlpArchitecture());
    register(new DcganArchitecture());
    register(new ResnetArchitecture());
    register(new UNet());
    register(new PatchGan());
    register(new ResnetTranslator());
    register(new DcganDenseArchitecture());
  }

  private Architectures() {}

  /** Registers (or replaces) an architecture under its name. */
  public static synchronized void register(Architecture a) {
    REGISTRY.put(a.name(), a);
  }

  /** The registered names, in registration order. */
  public static synchronized List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /** The architecture called {@code name}; unknown names fail with the list of known ones. */
  public static synchronized Architecture byName(String name) {
    Architecture a = REGISTRY.get(name);
    if (a == null) {
      throw new InvalidConfigException("unknown architecture '" + name + "'; known: " + names());
    }
    return a;
  }

  /** Multilayer perceptrons on flattened samples: gan4j's original networks, unchanged. */
  private static final class MlpArchitecture implements Architecture {
    @Override
    public String name() {
      return "mlp";
    }

    @Override
    public String description() {
      return "multilayer perceptrons on flattened samples (hidden = units per layer)";
    }

    @Override
    public Network generator(NetSpec spec, NDManager manager, Rng init) {
      return Network.mlp(spec.options(), manager, init);
    }

    @Override
    public Network discriminator(NetSpec spec, NDManager manager, Rng init) {
      return Network.mlp(spec.options(), manager, init);
    }

    @Override
    public Footprint generatorFootprint(int latent, int[] widths, int[] sample,
        String activation) {
      return Footprint.denseGenerator(latent, widths, sample, activation);
    }

    @Override
    public Footprint discriminatorFootprint(int[] sample, int pack, int[] widths,
        String activation, int kernels) {
      return Footprint.denseDiscriminator(sample, pack, widths, activation, kernels);
    }
  }
}
