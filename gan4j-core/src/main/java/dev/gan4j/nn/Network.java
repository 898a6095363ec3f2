package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed-forward network: a sequence of {@link Layer}s, with named parameters and buffers for
 * checkpoints, the features its last linear layer reads (for feature matching), and the gradient of
 * its output with respect to its input (for gradient penalties). {@link #mlp} builds the multilayer
 * perceptrons of gan4j's generators and discriminators from an {@link MlpSpec}.
 *
 * <p>Weights live in the manager given at construction; a forward pass allocates in its {@link Pass}'s
 * manager, so a training step's temporaries go away with the step's sub-manager.
 *
 * <pre>{@code Network g = Network.mlp(spec, manager, new Rng(1)); NDArray x = g.forward(z, Pass.inference(m)).out();}</pre>
 */
public final class Network {
  private final MlpSpec spec;
  private final List<Layer> layers;
  private final List<String> names;
  private final int featureLayer;
  private final List<Parameter> parameters;
  private final Map<String, NDArray> buffers;

  /**
   * What a forward pass produced.
   *
   * @param out the output
   * @param features the input to the last linear layer: the network's deepest features
   */
  public record Output(NDArray out, NDArray features) {}

  private Network(MlpSpec spec, List<Layer> layers, List<String> names, int featureLayer) {
    this.spec = spec;
    this.layers = List.copyOf(layers);
    this.names = List.copyOf(names);
    this.featureLayer = featureLayer;
    List<Parameter> params = new ArrayList<>();
    Map<String, NDArray> bufs = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      String prefix = names.get(i) + ".";
      layers.get(i).parameters().forEach((k, v) -> params.add(new Parameter(prefix + k, v)));
      layers.get(i).buffers().forEach((k, v) -> bufs.put(prefix + k, v));
    }
    this.parameters = Collections.unmodifiableList(params);
    this.buffers = Collections.unmodifiableMap(bufs);
  }

  /**
   * The multilayer perceptron {@code spec} describes, weights drawn from {@code init}: [pack] then per
   * hidden layer linear, [batch or instance norm], activation, [noise], [dropout]; then [minibatch
   * standard deviation], [minibatch discrimination], the output linear layer and its activation.
   * Linear layers are named {@code layer0, layer1, ...} in order, so a plain perceptron's parameters are
   * {@code layer0.weight, layer0.bias, ...}.
   */
  public static Network mlp(MlpSpec spec, NDManager manager, Rng init) {
    List<Layer> layers = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int width = spec.inputDim();
    if (spec.pack() > 1) {
      add(layers, names, new PackLayer(spec.pack()), "pack");
      width *= spec.pack();
    }
    Dense.Form form = spec.normalization().denseForm();
    int[] hidden = spec.hidden();
    boolean maxout = spec.activation() == Activation.MAXOUT;
    int pieces = maxout ? Activation.MAXOUT_PIECES : 1; // a maxout unit's layer makes one value a piece
    for (int i = 0; i < hidden.length; i++) {
      add(layers, names,
          new Dense(width, hidden[i] * pieces, form, manager, init, spec.initRange()), "layer" + i);
      width = hidden[i];
      boolean norm = i > 0 || spec.normalizeFirstLayer();
      if (norm && spec.normalization() == Normalization.BATCH) {
        add(layers, names, new BatchNormLayer(width * pieces, manager), "norm" + i);
      } else if (norm && spec.normalization() == Normalization.INSTANCE) {
        add(layers, names, new InstanceNormLayer(width * pieces, manager), "norm" + i);
      }
      add(layers, names,
          maxout
              ? new MaxoutLayer(pieces)
              : new ActivationLayer(spec.activation(), spec.leakySlope()),
          "act" + i);
      if (spec.noise() > 0f) {
        add(layers, names, new GaussianNoiseLayer(spec.noise()), "noise" + i);
      }
      if (spec.dropout() > 0f) {
        add(layers, names, new DropoutLayer(spec.dropout()), "dropout" + i);
      }
    }
    if (spec.minibatchStdDev()) {
      add(layers, names, new MinibatchStdDev(), "mbstd");
      width += 1;
    }
    if (spec.minibatchKernels() > 0) {
      add(layers, names,
          new MinibatchDiscrimination(
              width, spec.minibatchKernels(), MlpSpec.MINIBATCH_KERNEL_DIMS, manager, init),
          "mbd");
      width += spec.minibatchKernels();
    }
    int featureLayer = layers.size();
    add(layers, names,
        new Dense(width, spec.outputDim(), form, manager, init, spec.initRange()),
        "layer" + hidden.length);
    if (spec.outputActivation() != Activation.IDENTITY) {
      add(layers, names, new ActivationLayer(spec.outputActivation(), spec.leakySlope()), "out");
    }
    return new Network(spec, layers, names, featureLayer);
  }

  private static void add(List<Layer> layers, List<String> names, Layer layer, String name) {
    layers.add(layer);
    names.add(name);
  }

  /** The spec it was built from. */
  public MlpSpec spec() {
    return spec;
  }

  /** The layers, in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** The trainable tensors, in a fixed order, with names unique in the network. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The non-trainable state (spectral-norm vectors, running statistics), by name. */
  public Map<String, NDArray> buffers() {
    return buffers;
  }

  /** The number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters) {
      n += p.array().size();
    }
    return n;
  }

  /** Whether a sample's output depends on the other samples of the batch (batch statistics). */
  public boolean mixesSamples() {
    return layers.stream().anyMatch(Layer::mixesSamples);
  }

  /** The network's output for a batch {@code x} (rows are samples). */
  public Output forward(NDArray x, Pass pass) {
    NDArray h = x;
    NDArray features = x;
    for (int i = 0; i < layers.size(); i++) {
      if (i == featureLayer) {
        features = h;
      }
      h = layers.get(i).forward(h, pass, null);
    }
    return new Output(h, features);
  }

  /**
   * ∂(Σ outputs)/∂x for a batch {@code x}: for a network with one output per sample whose samples do not
   * interact, row i is the gradient of sample i's output. The result is a differentiable expression of
   * the parameters (see {@link Layer}), so a penalty on it trains them with an ordinary backward pass.
   *
   * @throws InvalidConfigException when a layer mixes the samples of a batch
   */
  public NDArray inputGradient(NDArray x, Pass pass) {
    if (mixesSamples()) {
      throw new InvalidConfigException("gradient penalties need a discriminator whose samples do not"
          + " interact; remove batch normalization, minibatch discrimination and minibatch stddev");
    }
    List<List<Object>> saved = new ArrayList<>();
    NDArray h = x;
    for (Layer layer : layers) {
      List<Object> s = new ArrayList<>(1);
      h = layer.forward(h, pass, s);
      saved.add(s);
    }
    NDArray g = h.onesLike();
    for (int i = layers.size() - 1; i >= 0; i--) {
      List<Object> s = saved.get(i);
      g = layers.get(i).inputGradient(g, s.isEmpty() ? null : s.get(0));
    }
    return g;
  }

  /** Whether backward passes compute this network's gradients (off while the other network steps). */
  public void setTrainable(boolean trainable) {
    for (Parameter p : parameters) {
      p.array().setRequiresGradient(trainable);
    }
  }

  /** One line per layer, for logs and docs. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (Layer l : layers) {
      parts.add(l.describe());
    }
    return String.join(" -> ", parts);
  }
}
