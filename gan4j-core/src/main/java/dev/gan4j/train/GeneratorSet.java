package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.nn.Activation;
import dev.gan4j.nn.Architecture;
import dev.gan4j.nn.Architectures;
import dev.gan4j.nn.NetSpec;
import dev.gan4j.nn.Shapes;
import dev.gan4j.nn.MlpSpec;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Normalization;
import dev.gan4j.nn.Parameter;
import dev.gan4j.nn.Pass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator side of a run: one generator, or K of them for MAD-GAN (a batch of n noise vectors is
 * split into K consecutive blocks, block i drawn by generator i, so the discriminator's K + 1-way loss
 * knows who made what), and optionally an exponential moving average of each generator's weights
 * (Yazıcı et al. 2019), which sampling and evaluation use instead of the live weights.
 *
 * <p>Tensor names for checkpoints: {@code generator.layer0.weight} for a single generator, {@code
 * generator1.layer0.weight, generator2...} for several; the averages add {@code ema.} after the first dot.
 *
 * <pre>{@code GeneratorSet g = GeneratorSet.forConfig(config, new int[] {2}, manager, rng); NDArray x = g.forward(z, pass);}</pre>
 */
public final class GeneratorSet {
  private final List<Network> live;
  private final List<Network> average;
  private final float decay;

  private GeneratorSet(List<Network> live, List<Network> average, float decay) {
    this.live = List.copyOf(live);
    this.average = average == null ? null : List.copyOf(average);
    this.decay = decay;
  }

  /**
   * The generators {@code config} describes for samples of shape {@code sampleShape} ((2) for points,
   * (c, h, w) for images), weights from {@code init}.
   */
  public static GeneratorSet forConfig(
      RunConfig config, int[] sampleShape, NDManager manager, Rng init) {
    return forConfig(config, sampleShape, 0, manager, init);
  }

  /**
   * The generators a config describes, taking {@code extraInputs} values after z (a conditional
   * model's one-hot label).
   */
  public static GeneratorSet forConfig(
      RunConfig config, int[] sampleShape, int extraInputs, NDManager manager, Rng init) {
    NetSpec spec = spec(config, sampleShape, extraInputs);
    Architecture arch = Architectures.byName(config.model().generator().arch());
    List<Network> live = new ArrayList<>();
    for (int i = 0; i < config.model().generators(); i++) {
      live.add(arch.generator(spec, manager, init));
    }
    float decay = config.stabilize().emaDecay();
    List<Network> average = null;
    if (decay > 0f) {
      average = new ArrayList<>();
      for (Network g : live) {
        // Same shape; its weights start as copies of the live ones (the init values are overwritten).
        Network a = arch.generator(spec, manager, new Rng(0));
        copy(g, a);
        average.add(a);
      }
    }
    return new GeneratorSet(live, average, decay);
  }

  /**
   * One generator built by its family (an image-to-image network), without weight averaging: its
   * tensors are named {@code generator.*} like a configured one's.
   */
  public static GeneratorSet of(Network generator) {
    return new GeneratorSet(List.of(generator), null, 0f);
  }

  /**
   * A conditional generator's input: latent vectors z (n, latent) followed by the one-hot classes asked
   * for, (n, latent + K), in {@code z}'s manager.
   *
   * @throws dev.gan4j.InvalidConfigException if a class is outside 0..K-1
   */
  public static NDArray withClasses(NDArray z, int[] labels, int classes) {
    int n = Math.toIntExact(z.getShape().get(0));
    if (labels.length != n) {
      throw new IllegalArgumentException(n + " latent vectors but " + labels.length + " labels");
    }
    float[] oneHot = new float[Math.multiplyExact(n, classes)];
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new dev.gan4j.InvalidConfigException(
            "class " + labels[i] + " is outside 0.." + (classes - 1));
      }
      oneHot[i * classes + labels[i]] = 1f;
    }
    NDArray y = dev.gan4j.HostArrays.upload(z.getManager(), oneHot, new Shape(n, classes));
    return z.concat(y, 1);
  }

  /**
   * The classes a conditional generator is asked for when a caller names none: balanced, sample i
   * of class i mod K, so n samples hold n / K of each class (the classes below n mod K one more).
   * Sampling and evaluation use it, and the {@code conditional} metric reads the classes back.
   */
  public static int[] balancedClasses(int n, int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException(
          "balanced classes need at least one class, got " + classes);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classes;
    }
    return labels;
  }

  /** Fills {@code z} with latent noise from the config's prior: U(-1, 1) for uniform, else N(0, 1). */
  public static void fillNoise(RunConfig.Model model, float[] z, Rng rng) {
    if ("uniform".equals(model.prior())) {
      rng.fillUniform(z, -1f, 1f);
    } else {
      rng.fillGaussian(z);
    }
  }

  /** The generator network a config describes: latent → hidden → data. */
  public static NetSpec spec(RunConfig config, int[] sampleShape) {
    return spec(config, sampleShape, 0);
  }

  /** The generator network a config describes, with {@code extraInputs} inputs after z. */
  public static NetSpec spec(RunConfig config, int[] sampleShape, int extraInputs) {
    RunConfig.Net g = config.model().generator();
    Shape data = Shapes.of(sampleShape);
    int inputs = config.model().latentDim() + extraInputs;
    MlpSpec options = new MlpSpec(inputs, g.hidden(), Shapes.size(data),
        Activation.of(g.activation()), g.leakySlope(),
        Activation.of(config.model().generatorOutput()), g.dropout(),
        Normalization.of(g.normalization()), true, g.noise(), 1, 0, false, g.initRange());
    return new NetSpec(Shapes.of(inputs), data, options);
  }

  /** How many generators. */
  public int count() {
    return live.size();
  }

  /** The live generators. */
  public List<Network> networks() {
    return live;
  }

  /** Whether weight averaging is on. */
  public boolean averaged() {
    return average != null;
  }

  /** Samples for noise {@code z} (n × latent) from the live weights: block i of the rows from generator i. */
  public NDArray forward(NDArray z, Pass pass) {
    return forward(live, z, pass);
  }

  /**
   * Samples for noise {@code z} as users get them: from the averaged weights when averaging is on. An
   * inference pass runs {@link #SAMPLE_CHUNK} rows at a time, each chunk's temporaries freed before
   * the next, so a large request (26,000 Stacked MNIST samples) needs the memory of one chunk.
   */
  public NDArray sample(NDArray z, Pass pass) {
    return forward(average != null ? average : live, z, pass);
  }

  /** Rows per forward pass when sampling in inference: bounds a convolutional generator's memory. */
  public static final int SAMPLE_CHUNK = 512;

  private static NDArray forward(List<Network> nets, NDArray z, Pass pass) {
    if (nets.size() == 1) {
      return forward(nets.get(0), z, pass);
    }
    long n = z.getShape().get(0);
    int k = nets.size();
    NDList parts = new NDList();
    long start = 0;
    for (int i = 0; i < k; i++) {
      long size = n / k + (i < n % k ? 1 : 0);
      if (size == 0) {
        continue;
      }
      NDArray block = z.get(new NDIndex(start + ":" + (start + size)));
      parts.add(forward(nets.get(i), block, pass));
      start += size;
    }
    return NDArrays.concat(parts, 0);
  }

  // One network's output; an inference pass over many rows goes chunk by chunk (rows are independent
  // there: batch norm uses its running statistics and dropout is off).
  private static NDArray forward(Network net, NDArray z, Pass pass) {
    long n = z.getShape().get(0);
    if (pass.training() || n <= SAMPLE_CHUNK) {
      return net.forward(z, pass).out();
    }
    NDList parts = new NDList();
    for (long start = 0; start < n; start += SAMPLE_CHUNK) {
      long end = Math.min(n, start + SAMPLE_CHUNK);
      try (NDManager chunk = pass.manager().newSubManager()) {
        NDArray rows = z.get(new NDIndex(start + ":" + end));
        rows.attach(chunk);
        NDArray out = net.forward(rows, Pass.inference(chunk)).out();
        out.attach(pass.manager()); // kept; the chunk's temporaries go with its manager
        parts.add(out);
      }
    }
    return NDArrays.concat(parts, 0);
  }

  /** Moves every average toward its live weights: a ← β a + (1 - β) w, buffers copied. */
  public void updateAverage(NDManager step) {
    if (average == null) {
      return;
    }
    for (int g = 0; g < live.size(); g++) {
      List<Parameter> w = live.get(g).parameters();
      List<Parameter> a = average.get(g).parameters();
      for (int i = 0; i < w.size(); i++) {
        NDArray part = w.get(i).array().mul(1f - decay);
        part.attach(step);
        a.get(i).array().muli(decay).addi(part);
      }
      copyBuffers(live.get(g), average.get(g));
    }
  }

  /** Every tensor to checkpoint (parameters, buffers, averages), by name. */
  public Map<String, NDArray> tensors() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (int g = 0; g < live.size(); g++) {
      String prefix = live.size() == 1 ? "generator." : "generator" + (g + 1) + ".";
      add(out, prefix, live.get(g));
      if (average != null) {
        add(out, prefix + "ema.", average.get(g));
      }
    }
    return out;
  }

  /** The live parameters of all generators, named as in {@link #tensors()}. */
  public List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    for (int g = 0; g < live.size(); g++) {
      String prefix = live.size() == 1 ? "" : "g" + (g + 1) + ".";
      for (Parameter p : live.get(g).parameters()) {
        out.add(new Parameter(prefix + p.name(), p.array()));
      }
    }
    return out;
  }

  private static void add(Map<String, NDArray> out, String prefix, Network net) {
    net.parameters().forEach(p -> out.put(prefix + p.name(), p.array()));
    net.buffers().forEach((k, v) -> out.put(prefix + "buffer." + k, v));
  }

  private static final NDIndex ALL = new NDIndex("...");

  private static void copy(Network from, Network to) {
    List<Parameter> a = from.parameters();
    List<Parameter> b = to.parameters();
    for (int i = 0; i < a.size(); i++) {
      b.get(i).array().set(ALL, a.get(i).array());
    }
    copyBuffers(from, to);
    to.setTrainable(false);
  }

  private static void copyBuffers(Network from, Network to) {
    for (Map.Entry<String, NDArray> e : from.buffers().entrySet()) {
      to.buffers().get(e.getKey()).set(ALL, e.getValue());
    }
  }

  /** Loads live and averaged weights from checkpoint tensors named as in {@link #tensors()}. */
  public void load(Map<String, float[]> values) {
    tensors().forEach((name, array) -> {
      float[] v = values.get(name);
      if (v == null) {
        throw new dev.gan4j.RunDirectoryException(
            "checkpoint does not match the configured generator at '" + name + "'");
      }
      HostArrays.copyInto(array, v);
    });
  }
}
