package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.Rng;
import dev.gan4j.loss.Critique;
import dev.gan4j.loss.GanLoss;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.nn.Activation;
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
 * The discriminator as the trainer sees it: something that scores a batch ({@link Critique}), has
 * parameters and buffers, and can give its input gradient for penalties. Two kinds: a network of the
 * configured architecture whose outputs are the scores ({@link #mlp}), and an autoencoder whose score is a
 * sample's reconstruction error, for BEGAN and EBGAN ({@link #autoencoder}). {@link #forConfig} picks the
 * one the loss asks for.
 *
 * <pre>{@code Critic d = Critic.forConfig(config, new int[] {2}, loss, manager, initRng); Critique c = d.critique(x, pass);}</pre>
 */
public interface Critic {
  /** The discriminator's scores (and features) for a batch. */
  Critique critique(NDArray x, Pass pass);

  /** ∂D/∂x at {@code x}, for penalties (an MLP critic whose samples do not interact). */
  NDArray inputGradient(NDArray x, Pass pass);

  /** Samples per score (PacGAN packing). */
  int pack();

  /** The trainable tensors, named. */
  List<Parameter> parameters();

  /** Non-trainable state, named. */
  Map<String, NDArray> buffers();

  /** One line describing the layers. */
  String describe();

  /** Whether its scores are a network's outputs (false for an autoencoder's reconstruction error). */
  default boolean scoresAreOutputs() {
    return true;
  }

  /** Whether backward passes compute its gradients (off during the generator's step). */
  default void setTrainable(boolean trainable) {
    for (Parameter p : parameters()) {
      p.array().setRequiresGradient(trainable);
    }
  }

  /**
   * The discriminator {@code config} describes for samples of shape {@code sampleShape} and {@code
   * loss}.
   */
  static Critic forConfig(
      RunConfig config, int[] sampleShape, GanLoss loss, NDManager manager, Rng init) {
    return forConfig(config, sampleShape, loss, 0, manager, init);
  }

  /**
   * The discriminator {@code config} describes for inputs of shape {@code sampleShape}, with {@code
   * extraOutputs} outputs after the loss's (AC-GAN's class logits, InfoGAN's Q).
   */
  static Critic forConfig(RunConfig config, int[] sampleShape, GanLoss loss, int extraOutputs,
      NDManager manager, Rng init) {
    RunConfig.Net d = config.model().discriminator();
    RunConfig.Model model = config.model();
    Normalization norm = Normalization.of(d.normalization());
    Activation act = Activation.of(d.activation());
    Shape data = Shapes.of(sampleShape);
    int dataDim = Shapes.size(data);
    if (loss.critic().startsWith("autoencoder")) {
      if (extraOutputs > 0) {
        throw new dev.gan4j.InvalidConfigException("loss " + config.loss().name()
            + " uses an autoencoder discriminator, which has no outputs beyond its score (class"
            + " logits, InfoGAN's Q): use it with the gan or cgan family");
      }
      if (!"mlp".equals(d.arch())) {
        throw new dev.gan4j.InvalidConfigException("loss " + config.loss().name()
            + " uses an autoencoder discriminator, which gan4j builds from perceptrons only:"
            + " model.discriminator.arch must be mlp, got " + d.arch());
      }
      int[] hidden = d.hidden();
      int code = hidden.length == 0 ? Math.max(2, dataDim) : hidden[hidden.length - 1];
      int[] encoderHidden = java.util.Arrays.copyOf(hidden, Math.max(0, hidden.length - 1));
      int[] decoderHidden = new int[encoderHidden.length];
      for (int i = 0; i < encoderHidden.length; i++) {
        decoderHidden[i] = encoderHidden[encoderHidden.length - 1 - i];
      }
      MlpSpec enc = new MlpSpec(dataDim, encoderHidden, code, act, d.leakySlope(), Activation.IDENTITY,
          d.dropout(), norm, false, d.noise(), 1, 0, false, d.initRange());
      MlpSpec dec = new MlpSpec(code, decoderHidden, dataDim, act, d.leakySlope(), Activation.IDENTITY,
          d.dropout(), norm, true, d.noise(), 1, 0, false, d.initRange());
      return autoencoder(
          Network.mlp(enc, manager, init), Network.mlp(dec, manager, init),
          "autoencoder-l1".equals(loss.critic()));
    }
    int outputs = loss.outputs() + extraOutputs;
    MlpSpec options = new MlpSpec(dataDim, d.hidden(), outputs, act, d.leakySlope(),
        Activation.IDENTITY, d.dropout(), norm, false, d.noise(), model.pack(),
        model.minibatchKernels(), model.minibatchStdDev(), d.initRange());
    NetSpec spec = new NetSpec(data, Shapes.of(outputs), options);
    return network(Architectures.byName(d.arch()).discriminator(spec, manager, init));
  }

  /** A network critic: its outputs are the scores, its last hidden layer the features. */
  static Critic network(Network net) {
    return new Critic() {
      @Override
      public Critique critique(NDArray x, Pass pass) {
        Network.Output o = net.forward(x, pass);
        return new Critique(o.out(), o.features());
      }

      @Override
      public NDArray inputGradient(NDArray x, Pass pass) {
        return net.inputGradient(x, pass);
      }

      @Override
      public int pack() {
        return net.pack();
      }

      @Override
      public List<Parameter> parameters() {
        return net.parameters();
      }

      @Override
      public Map<String, NDArray> buffers() {
        return net.buffers();
      }

      @Override
      public String describe() {
        return net.describe();
      }
    };
  }

  /**
   * A projection discriminator (Miyato and Koyama 2018) around the network critic {@code inner}: its
   * input rows are a sample's {@code dataDim} values followed by the one-hot class (K values); the
   * score is inner's score of the sample plus ⟨E yᵀ, φ(x)⟩, with E a learned K × F class embedding
   * (parameter {@code projection.embedding}, drawn U(±1/√F) from {@code init}) and φ(x) inner's deepest
   * features (F values). Gradient penalties are refused: ∂D/∂x would need the features' gradient.
   *
   * @throws dev.gan4j.InvalidConfigException when inner gives more than one score per sample (a loss
   *     with several outputs, an autoencoder) or packs samples
   */
  static Critic projection(Critic inner, int classes, int dataDim, NDManager manager, Rng init) {
    if (!inner.scoresAreOutputs()) {
      throw new dev.gan4j.InvalidConfigException("the projection discriminator adds its term to a"
          + " network's score; this loss scores by an autoencoder's reconstruction error: use a loss"
          + " with a network discriminator (hinge, the 2014 losses, least squares, Wasserstein)");
    }
    if (inner.pack() > 1) {
      throw new dev.gan4j.InvalidConfigException("the projection discriminator scores one sample"
          + " with one class; packing (model.pack " + inner.pack() + ") groups several: use pack 1");
    }
    long features;
    try (NDManager probe = manager.newSubManager()) {
      Critique c = inner.critique(probe.zeros(new Shape(1, dataDim)), Pass.inference(probe));
      if (c.scores().getShape().get(c.scores().getShape().dimension() - 1) != 1) {
        throw new dev.gan4j.InvalidConfigException("the projection discriminator adds its term to"
            + " one score per sample; this loss gives " + c.scores().getShape().get(1)
            + ": use a loss with one output (hinge, the 2014 losses, least squares, Wasserstein)");
      }
      if (c.features() == null) {
        throw new dev.gan4j.InvalidConfigException(
            "the projection discriminator needs a network discriminator with features");
      }
      features = c.features().size();
    }
    float r = (float) (1 / Math.sqrt(features));
    float[] e = new float[Math.toIntExact(classes * features)];
    init.fillUniform(e, -r, r);
    NDArray embedding = dev.gan4j.HostArrays.upload(manager, e, new Shape(classes, features));
    embedding.setRequiresGradient(true);
    List<Parameter> params = new ArrayList<>(inner.parameters());
    params.add(new Parameter("projection.embedding", embedding));
    String columns = ":, :" + dataDim;
    String labels = ":, " + dataDim + ":";
    return new Parts(params, inner.buffers(), 1, inner.describe()
        + " | projection <embed(y), phi(x)> (" + classes + " x " + features + ")") {
      @Override
      public Critique critique(NDArray xy, Pass pass) {
        Critique c = inner.critique(xy.get(new ai.djl.ndarray.index.NDIndex(columns)), pass);
        NDArray oneHot = xy.get(new ai.djl.ndarray.index.NDIndex(labels));
        NDArray phi = c.features().reshape(xy.getShape().get(0), features);
        // (n, K)·(K, F) picks each sample's class embedding; its inner product with φ(x) is (n, 1).
        NDArray term = oneHot.matMul(embedding).mul(phi).sum(new int[] {1}, true);
        return new Critique(c.scores().add(term), c.features());
      }

      @Override
      public NDArray inputGradient(NDArray x, Pass pass) {
        throw new dev.gan4j.InvalidConfigException(
            "penalties are not defined for the projection discriminator");
      }
    };
  }

  /**
   * {@code inner} with a head of its own on its deepest features: the scores are inner's followed by
   * the head's outputs (InfoGAN's Q on D's shared body, Chen et al. 2016). The head's parameters and
   * buffers join inner's under {@code prefix}. Gradient penalties are refused: ∂D/∂x of several
   * outputs is not one score's.
   *
   * @throws dev.gan4j.InvalidConfigException when inner has no features (an autoencoder) or packs
   */
  static Critic withHead(Critic inner, Network head, String prefix) {
    if (!inner.scoresAreOutputs()) {
      throw new dev.gan4j.InvalidConfigException("a head on the discriminator's features needs a"
          + " network discriminator; this loss scores by an autoencoder's reconstruction error");
    }
    long features = Shapes.size(head.inputShape());
    List<Parameter> params = new ArrayList<>(inner.parameters());
    head.parameters().forEach(p -> params.add(new Parameter(prefix + p.name(), p.array())));
    Map<String, NDArray> buffers = new LinkedHashMap<>(inner.buffers());
    head.buffers().forEach((k, v) -> buffers.put(prefix + k, v));
    return new Parts(params, buffers, inner.pack(),
        inner.describe() + " | " + prefix + " " + head.describe()) {
      @Override
      public Critique critique(NDArray x, Pass pass) {
        Critique c = inner.critique(x, pass);
        NDArray phi = c.features().reshape(x.getShape().get(0), features);
        return new Critique(c.scores().concat(head.forward(phi, pass).out(), 1), c.features());
      }

      @Override
      public NDArray inputGradient(NDArray x, Pass pass) {
        throw new dev.gan4j.InvalidConfigException(
            "penalties are not defined for a discriminator with a head beyond its score");
      }
    };
  }

  /**
   * The width of {@code critic}'s deepest features (what a head on them reads), probed with one
   * zero sample of {@code dataDim} values.
   */
  static int featureWidth(Critic critic, int dataDim, NDManager manager) {
    try (NDManager probe = manager.newSubManager()) {
      Critique c = critic.critique(probe.zeros(new Shape(1, dataDim)), Pass.inference(probe));
      if (c.features() == null) {
        throw new dev.gan4j.InvalidConfigException(
            "a head on the discriminator's features needs a network discriminator with features");
      }
      return Math.toIntExact(c.features().size());
    }
  }

  /**
   * An autoencoder critic (BEGAN, EBGAN): a sample's score is its reconstruction error, mean |x - x̂|
   * ({@code l1}) or mean (x - x̂)², one value per sample; the features are the encoder's code.
   */
  static Critic autoencoder(Network encoder, Network decoder, boolean l1) {
    List<Parameter> params = new ArrayList<>();
    encoder.parameters().forEach(p -> params.add(new Parameter("encoder." + p.name(), p.array())));
    decoder.parameters().forEach(p -> params.add(new Parameter("decoder." + p.name(), p.array())));
    Map<String, NDArray> buffers = new LinkedHashMap<>();
    encoder.buffers().forEach((k, v) -> buffers.put("encoder." + k, v));
    decoder.buffers().forEach((k, v) -> buffers.put("decoder." + k, v));
    return new Parts(params, buffers, 1, "encoder " + encoder.describe() + " | decoder "
        + decoder.describe() + " | energy " + (l1 ? "mean |x - x'|" : "mean (x - x')^2")) {
      @Override
      public Critique critique(NDArray x, Pass pass) {
        NDArray code = encoder.forward(x, pass).out();
        NDArray error = x.sub(decoder.forward(code, pass).out());
        NDArray energy = (l1 ? error.abs() : error.square()).mean(new int[] {1}, true);
        return new Critique(energy, code);
      }

      @Override
      public NDArray inputGradient(NDArray x, Pass pass) {
        throw new dev.gan4j.InvalidConfigException(
            "penalties are not defined for autoencoder discriminators");
      }

      @Override
      public boolean scoresAreOutputs() {
        return false;
      }
    };
  }

  /**
   * A critic assembled from parts: its parameters, buffers, pack size and description fixed when it
   * is made, so each kind (projection, a head on the features, an autoencoder) writes only its
   * scoring and its input gradient.
   */
  abstract class Parts implements Critic {
    private final List<Parameter> params;
    private final Map<String, NDArray> buffers;
    private final int pack;
    private final String description;

    Parts(List<Parameter> params, Map<String, NDArray> buffers, int pack, String description) {
      this.params = params;
      this.buffers = buffers;
      this.pack = pack;
      this.description = description;
    }

    @Override
    public int pack() {
      return pack;
    }

    @Override
    public List<Parameter> parameters() {
      return params;
    }

    @Override
    public Map<String, NDArray> buffers() {
      return buffers;
    }

    @Override
    public String describe() {
      return description;
    }
  }
}
