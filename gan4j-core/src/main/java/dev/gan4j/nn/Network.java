package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed-forward network: a {@link Chain} of named layers (whose blocks may be {@link Residual} or
 * {@link SkipConcat}, so the network is a small graph), with named parameters and buffers for
 * checkpoints, the features its last linear layer reads (for feature matching), and the gradient of
 * its output with respect to its input (for gradient penalties). A network's input and output are
 * flat, (n, d): image networks reshape inside ({@link ReshapeLayer}), so samplers, losses and
 * penalties see every kind of data alike. {@link #mlp} builds the multilayer perceptrons of gan4j's
 * generators and discriminators from an {@link MlpSpec}; {@link Architectures} builds the rest.
 *
 * <p>Weights live in the manager given at construction; a forward pass allocates in its {@link Pass}'s
 * manager, so a training step's temporaries go away with the step's sub-manager.
 *
 * <pre>{@code Network g = Network.mlp(spec, manager, new Rng(1)); NDArray x = g.forward(z, Pass.inference(m)).out();}</pre>
 */
public final class Network {
  private final Chain body;
  private final int featureLayer;
  private final int pack;
  private final List<Parameter> parameters;
  private final Map<String, NDArray> buffers;

  /**
   * What a forward pass produced.
   *
   * @param out the output
   * @param features the input to the last linear layer: the network's deepest features
   */
  public record Output(NDArray out, NDArray features) {}

  private Network(Chain body, int featureLayer, int pack) {
    this.body = body;
    this.featureLayer = featureLayer;
    this.pack = pack;
    List<Parameter> params = new ArrayList<>();
    body.parameters().forEach((k, v) -> params.add(new Parameter(k, v)));
    this.parameters = Collections.unmodifiableList(params);
    this.buffers = body.buffers();
  }

  /** A builder for a network whose samples come in as vectors of {@code inputDim} values. */
  public static Builder builder(int inputDim) {
    return new Builder(new Shape(inputDim));
  }

  /**
   * Builds a network layer by layer, checking shapes as it goes ({@link Chain.Builder}); {@link
   * #features()} marks where the deepest features are read, {@link #pack} records PacGAN packing.
   */
  public static final class Builder {
    private final Chain.Builder chain;
    private int featureLayer = -1;
    private int pack = 1;

    private Builder(Shape input) {
      chain = Chain.builder(input);
    }

    /** Appends {@code layer} under {@code name}; see {@link Chain.Builder#add}. */
    public Builder add(String name, Layer layer) {
      chain.add(name, layer);
      return this;
    }

    /** The features are the input of the next layer added (the last linear layer's input). */
    public Builder features() {
      featureLayer = chain.size();
      return this;
    }

    /** Records that the network judges packs of {@code m} samples (its first layer packs them). */
    public Builder pack(int m) {
      pack = m;
      return this;
    }

    /** The shape of one sample after the layers added so far. */
    public Shape shape() {
      return chain.shape();
    }

    /**
     * The network; its output must be flat.
     *
     * @throws InvalidConfigException when the last layer's output is not a vector
     */
    public Network build() {
      if (chain.shape().dimension() != 1) {
        throw new InvalidConfigException("a network's output must be flat (n, d), got "
            + Shapes.describe(chain.shape()) + " per sample: end it with a flatten layer");
      }
      Chain c = chain.build();
      return new Network(c, featureLayer < 0 ? c.layers().size() - 1 : featureLayer, pack);
    }
  }

  /**
   * The multilayer perceptron {@code spec} describes, weights drawn from {@code init}: [pack] then per
   * hidden layer linear, [batch or instance norm], activation, [noise], [dropout]; then [minibatch
   * standard deviation], [minibatch discrimination], the output linear layer and its activation.
   * Linear layers are named {@code layer0, layer1, ...} in order, so a plain perceptron's parameters are
   * {@code layer0.weight, layer0.bias, ...}.
   */
  public static Network mlp(MlpSpec spec, NDManager manager, Rng init) {
    Builder b = builder(spec.inputDim()).pack(spec.pack());
    int width = spec.inputDim();
    if (spec.pack() > 1) {
      b.add("pack", new PackLayer(spec.pack()));
      width *= spec.pack();
    }
    Dense.Form form = spec.normalization().denseForm();
    int[] hidden = spec.hidden();
    boolean maxout = spec.activation() == Activation.MAXOUT;
    int pieces = maxout ? Activation.MAXOUT_PIECES : 1; // a maxout unit's layer makes one value a piece
    for (int i = 0; i < hidden.length; i++) {
      b.add("layer" + i,
          new Dense(width, hidden[i] * pieces, form, manager, init, spec.initRange()));
      width = hidden[i];
      boolean norm = i > 0 || spec.normalizeFirstLayer();
      Layer normLayer = spec.normalization().layer(width * pieces, manager);
      if (norm && normLayer != null) {
        b.add("norm" + i, normLayer);
      }
      b.add("act" + i,
          maxout ? new MaxoutLayer(pieces) : new ActivationLayer(spec.activation(), spec.leakySlope()));
      regularize(b, i, spec.noise(), spec.dropout());
    }
    minibatchLayers(b, spec.minibatchStdDev(), spec.minibatchKernels(), manager, init);
    b.features();
    b.add("layer" + hidden.length,
        new Dense(Shapes.size(b.shape()), spec.outputDim(), form, manager, init, spec.initRange()));
    if (spec.outputActivation() != Activation.IDENTITY) {
      b.add("out", new ActivationLayer(spec.outputActivation(), spec.leakySlope()));
    }
    return b.build();
  }

  /** Appends hidden stage {@code i}'s Gaussian noise and dropout, when asked for. */
  static void regularize(Builder b, int i, float noise, float dropout) {
    if (noise > 0f) {
      b.add("noise" + i, new GaussianNoiseLayer(noise));
    }
    if (dropout > 0f) {
      b.add("dropout" + i, new DropoutLayer(dropout));
    }
  }

  /** Appends a discriminator's minibatch standard deviation and minibatch discrimination, if asked. */
  static void minibatchLayers(Builder b, boolean stdDev, int kernels, NDManager manager, Rng init) {
    if (stdDev) {
      b.add("mbstd", new MinibatchStdDev());
    }
    if (kernels > 0) {
      b.add("mbd", new MinibatchDiscrimination(
          Shapes.size(b.shape()), kernels, MlpSpec.MINIBATCH_KERNEL_DIMS, manager, init));
    }
  }

  /** Samples per score: the PacGAN pack size, 1 without packing. */
  public int pack() {
    return pack;
  }

  /** The shape of one input sample. */
  public Shape inputShape() {
    return body.inputShape();
  }

  /** The top-level layers, in order (blocks count as one). */
  public List<Layer> layers() {
    return body.layers();
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
    return body.mixesSamples();
  }

  /** The network's output for a batch {@code x} (rows are samples). */
  public Output forward(NDArray x, Pass pass) {
    List<Layer> layers = body.layers();
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
    List<Object> saved = new ArrayList<>(1);
    NDArray out = body.forward(x, pass, saved);
    return body.inputGradient(out.onesLike(), saved.get(0));
  }

  /** Whether backward passes compute this network's gradients (off while the other network steps). */
  public void setTrainable(boolean trainable) {
    for (Parameter p : parameters) {
      p.array().setRequiresGradient(trainable);
    }
  }

  /** One line per layer, for logs and docs. */
  public String describe() {
    return body.describe();
  }
}
