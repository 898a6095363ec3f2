package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import dev.gan4j.HostArrays;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generators of an image-to-image translation run: domain A to B ({@code forward}), and for
 * CycleGAN B to A ({@code backward}, null for pix2pix). Their checkpoint tensors are named {@link
 * #FORWARD}{@code *} and {@link #BACKWARD}{@code *}.
 *
 * <pre>{@code Translators t = family.translators(config, manager); t.load(snapshot.tensors());}</pre>
 *
 * @param forward A to B
 * @param backward B to A, or null
 */
public record Translators(Network forward, Network backward) {
  /** The checkpoint prefix of the A-to-B generator (the one samples and pictures come from). */
  public static final String FORWARD = "generator.";

  /** The checkpoint prefix of CycleGAN's B-to-A generator. */
  public static final String BACKWARD = "generatorBA.";

  /** The network for one direction. */
  public Network direction(boolean toA) {
    return toA ? backward : forward;
  }

  /** Every tensor of both generators, by checkpoint name. */
  public Map<String, NDArray> tensors() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    add(out, FORWARD, forward);
    if (backward != null) {
      add(out, BACKWARD, backward);
    }
    return out;
  }

  /** Adds a network's parameters and buffers under {@code prefix}. */
  static void add(Map<String, NDArray> out, String prefix, Network net) {
    net.parameters().forEach(p -> out.put(prefix + p.name(), p.array()));
    net.buffers().forEach((k, v) -> out.put(prefix + "buffer." + k, v));
  }

  /** A network's parameters renamed with {@code prefix}, for one optimizer over several networks. */
  static java.util.List<Parameter> prefixed(String prefix, Network net) {
    java.util.List<Parameter> out = new java.util.ArrayList<>();
    net.parameters().forEach(p -> out.add(new Parameter(prefix + p.name(), p.array())));
    return out;
  }

  /**
   * Copies a checkpoint's tensors into the generators.
   *
   * @throws dev.gan4j.RunDirectoryException when a tensor is missing or of another size
   */
  public void load(Map<String, float[]> values) {
    tensors().forEach((name, array) -> {
      float[] v = values.get(name);
      if (v == null || v.length != array.size()) {
        throw new dev.gan4j.RunDirectoryException(
            "checkpoint does not match the run's translation generator at '" + name + "'");
      }
      HostArrays.copyInto(array, v);
    });
  }
}
