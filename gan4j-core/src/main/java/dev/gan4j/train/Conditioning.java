package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.gan4j.Rng;
import dev.gan4j.loss.ClassLosses;
import dev.gan4j.loss.Critique;
import dev.gan4j.loss.MutualInformation;
import dev.gan4j.nn.Activation;
import dev.gan4j.nn.MlpSpec;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Normalization;

/**
 * How a model of the Algorithm-1 families uses class labels: not at all ({@link #NONE}, the {@code gan}
 * family), as an input of both players ({@link #CONCAT}, {@code cgan}: Mirza and Osindero 2014), or as a
 * class the discriminator predicts ({@link #AUXILIARY}, {@code acgan}: Odena et al. 2017).
 *
 * <p>Labels travel as one-hot rows (n, K). For the generator they join z: its input is [z, onehot(y)].
 * For a concatenating discriminator they join x as K extra features (vectors) or K constant planes
 * (images, after the data's channels), so every architecture takes them unchanged. A projection
 * discriminator ({@link #PROJECTION}, Miyato and Koyama 2018) reads them outside its network: its
 * score gains the inner product of a learned class embedding with the network's deepest features.
 *
 * <p>InfoGAN ({@link #info}, Chen et al. 2016) uses no labels: its latent codes ride inside the
 * latent vector ({@link LatentCodes}), and its discriminator's extra outputs are the head Q that
 * recovers them; both players add λ times the mutual-information term ({@link MutualInformation}).
 */
interface Conditioning {
  /** Whether this conditioning needs the dataset's labels. */
  boolean usesLabels();

  /** Inputs the generator takes beyond z, for K classes. */
  int generatorExtraInputs(int classes);

  /** The discriminator's input shape for samples of {@code sampleShape} and K classes. */
  int[] criticInputShape(int[] sampleShape, int classes);

  /** Outputs the discriminator has beyond the loss's, for K classes. */
  int criticExtraOutputs(int classes);

  /**
   * What the generated samples of a step are asked for, for the class or code terms: the labels
   * given (one-hot rows, or null), or InfoGAN's codes, read from the latent vectors z.
   */
  default NDArray asked(NDArray z, NDArray oneHot) {
    return oneHot;
  }

  /** InfoGAN's latent codes, which the latent vector carries after z; {@link LatentCodes#NONE}. */
  default LatentCodes codes() {
    return LatentCodes.NONE;
  }

  /**
   * InfoGAN's mutual-information lower bound L_I (nats) for generated samples and the codes they
   * were asked for, to log; null for conditionings without one.
   */
  default NDArray informationBound(Critique fake, NDArray asked, int lossOutputs) {
    return null;
  }

  /** What the discriminator has beyond one network score, for the refusal of penalties. */
  default String beyondScore() {
    return "class outputs";
  }

  /** The generator's input for latent vectors z (n, latent) and labels (n, K), or null labels. */
  NDArray generatorInput(NDArray z, NDArray oneHot);

  /** The discriminator's input for samples x (n, d) of {@code sampleShape} and labels (n, K). */
  NDArray criticInput(NDArray x, NDArray oneHot, int[] sampleShape);

  /** The part of the discriminator's output the adversarial loss reads. */
  Critique adversarial(Critique full, int lossOutputs);

  /** The discriminator's class term (added to its loss), or null when there is none. */
  NDArray discriminatorClassLoss(Critique real, Critique fake, NDArray realOneHot,
      NDArray fakeOneHot, int lossOutputs);

  /** The generator's class term (added to its loss), or null when there is none. */
  NDArray generatorClassLoss(Critique fake, NDArray fakeOneHot, int lossOutputs);

  /**
   * Whether gradient penalties apply: they need ∂D/∂x of one score per sample from the network alone,
   * which a discriminator with class outputs or a projection term does not give.
   */
  default boolean takesPenalty() {
    return true;
  }

  /**
   * The discriminator the model trains, around the network {@code inner} built for {@link
   * #criticInputShape}: {@code inner} itself, except for a projection discriminator.
   *
   * @param dataDim values per sample (the input's columns before any label)
   */
  default Critic critic(Critic inner, int classes, int dataDim, NDManager manager, Rng init) {
    return inner;
  }

  /** Labels unused: the unconditional GAN, exactly as before families existed. */
  Conditioning NONE = new Plain(false, false);

  /** cGAN: the label joins the inputs of both players. */
  Conditioning CONCAT = new Plain(true, true);

  /** AC-GAN: the label joins G's input; D predicts it with K extra outputs. */
  Conditioning AUXILIARY = new Plain(true, false) {
    @Override
    public int criticExtraOutputs(int classes) {
      return classes;
    }

    @Override
    public Critique adversarial(Critique full, int lossOutputs) {
      return lossPart(full, lossOutputs);
    }

    @Override
    public NDArray discriminatorClassLoss(Critique real, Critique fake, NDArray realOneHot,
        NDArray fakeOneHot, int lossOutputs) {
      return ClassLosses.acganDiscriminator(classLogits(fake, lossOutputs),
          classLogits(real, lossOutputs), fakeOneHot, realOneHot);
    }

    @Override
    public NDArray generatorClassLoss(Critique fake, NDArray fakeOneHot, int lossOutputs) {
      return ClassLosses.acganGenerator(classLogits(fake, lossOutputs), fakeOneHot);
    }

    private NDArray classLogits(Critique c, int lossOutputs) {
      return extraPart(c, lossOutputs);
    }

    @Override
    public boolean takesPenalty() {
      return false;
    }

    @Override
    public Critic critic(Critic inner, int classes, int dataDim, NDManager manager, Rng init) {
      return unpacked(inner, "acgan's class outputs predict the class of one sample");
    }
  };

  /**
   * Projection discriminator (Miyato and Koyama 2018): the label joins G's input; D's network sees the
   * sample alone, and its score gains ⟨embed(y), φ(x)⟩, φ(x) the network's deepest features. The one-hot
   * rows ride after the sample's values in D's input, for {@link Critic#projection} to split off.
   */
  Conditioning PROJECTION = new Plain(true, false) {
    @Override
    public NDArray criticInput(NDArray x, NDArray oneHot, int[] sampleShape) {
      return x.concat(oneHot, 1);
    }

    @Override
    public String beyondScore() {
      return "a projection term";
    }

    @Override
    public boolean takesPenalty() {
      return false;
    }

    @Override
    public Critic critic(Critic inner, int classes, int dataDim, NDManager manager, Rng init) {
      return Critic.projection(inner, classes, dataDim, manager, init);
    }
  };

  /**
   * InfoGAN (Chen et al. 2016) with the codes {@code spec} describes: no labels; the codes join z
   * in G's input as part of its latent vector; Q has one output per code value (logits and means),
   * either as extra outputs of D's last linear layer or, when {@code spec.qHidden()} lists widths,
   * as a head of its own on D's deepest features, built with {@code discriminator}'s activation and
   * normalization; both players add λ times the negative mutual-information bound.
   *
   * @throws dev.gan4j.InvalidConfigException when {@code spec} has no code
   */
  static Conditioning info(RunConfig.Codes spec, RunConfig.Net discriminator) {
    return new Info(spec, discriminator);
  }

  /**
   * {@code inner}, refused when it packs samples: {@code why} says what needs one sample per score.
   *
   * @throws dev.gan4j.InvalidConfigException when {@code model.pack} is above 1
   */
  static Critic unpacked(Critic inner, String why) {
    if (inner.pack() > 1) {
      throw new dev.gan4j.InvalidConfigException(why + "; packing (model.pack " + inner.pack()
          + ") scores several together: use pack 1");
    }
    return inner;
  }

  /** The loss's scores of a discriminator with extra outputs: its first {@code lossOutputs} columns. */
  static Critique lossPart(Critique full, int lossOutputs) {
    return new Critique(full.scores().get(new NDIndex(":, :" + lossOutputs)), full.features());
  }

  /** The extra outputs (class logits, Q's code estimates): the columns after the loss's. */
  static NDArray extraPart(Critique full, int lossOutputs) {
    return full.scores().get(new NDIndex(":, " + lossOutputs + ":"));
  }

  /** One-hot rows (n, K) for labels held as floats (n) or (n, 1); in {@code manager}. */
  static NDArray oneHot(NDArray labels, int classes, NDManager manager) {
    NDArray ints = labels.reshape(-1).toType(DataType.INT64, false);
    ints.attach(manager);
    NDArray out = ints.oneHot(classes).toType(DataType.FLOAT32, false);
    out.attach(manager);
    return out;
  }

  /** The shared implementation: labels into G's input and, when {@code intoCritic}, into D's. */
  class Plain implements Conditioning {
    private final boolean labels;
    private final boolean intoCritic;

    Plain(boolean labels, boolean intoCritic) {
      this.labels = labels;
      this.intoCritic = intoCritic;
    }

    @Override
    public boolean usesLabels() {
      return labels;
    }

    @Override
    public int generatorExtraInputs(int classes) {
      return labels ? classes : 0;
    }

    @Override
    public int[] criticInputShape(int[] sampleShape, int classes) {
      if (!intoCritic) {
        return sampleShape;
      }
      int[] shape = sampleShape.clone();
      shape[0] += classes; // K more features (vectors) or K more planes (images)
      return shape;
    }

    @Override
    public int criticExtraOutputs(int classes) {
      return 0;
    }

    @Override
    public NDArray generatorInput(NDArray z, NDArray oneHot) {
      return labels ? z.concat(oneHot, 1) : z;
    }

    @Override
    public NDArray criticInput(NDArray x, NDArray oneHot, int[] sampleShape) {
      if (!intoCritic) {
        return x;
      }
      if (sampleShape.length == 1) {
        return x.concat(oneHot, 1);
      }
      // Images are rows of (c, h, w) values, channel after channel: K constant planes go after them.
      long plane = (long) sampleShape[1] * sampleShape[2];
      long n = oneHot.getShape().get(0);
      long k = oneHot.getShape().get(1);
      NDArray planes = oneHot.reshape(n, k, 1).repeat(2, plane).reshape(n, k * plane);
      return x.concat(planes, 1);
    }

    @Override
    public Critique adversarial(Critique full, int lossOutputs) {
      return full;
    }

    @Override
    public NDArray discriminatorClassLoss(Critique real, Critique fake, NDArray realOneHot,
        NDArray fakeOneHot, int lossOutputs) {
      return null;
    }

    @Override
    public NDArray generatorClassLoss(Critique fake, NDArray fakeOneHot, int lossOutputs) {
      return null;
    }
  }

  /** InfoGAN's conditioning: see {@link #info}. */
  final class Info extends Plain {
    private final LatentCodes codes;
    private final int[] categorical;
    private final int continuous;
    private final float categoricalWeight;
    private final float continuousWeight;
    private final int[] qHidden;
    private final RunConfig.Net discriminator;

    Info(RunConfig.Codes spec, RunConfig.Net discriminator) {
      super(false, false);
      codes = LatentCodes.of(spec);
      if (codes.isEmpty()) {
        throw new dev.gan4j.InvalidConfigException("model.family infogan needs at least one code:"
            + " set model.codes.categorical (e.g. 10) or model.codes.continuous (e.g. 2)");
      }
      categorical = codes.categorical();
      continuous = codes.continuous();
      categoricalWeight = spec.categoricalWeight();
      continuousWeight = spec.continuousWeight();
      qHidden = spec.qHidden();
      this.discriminator = discriminator;
    }

    @Override
    public LatentCodes codes() {
      return codes;
    }

    @Override
    public int generatorExtraInputs(int classes) {
      return codes.width(); // the codes, after z in the latent vector the generator reads
    }

    @Override
    public int criticExtraOutputs(int classes) {
      // K_i logits per categorical code and one mean per continuous code, from D's last layer
      // unless Q has a head of its own.
      return qHidden.length == 0 ? codes.width() : 0;
    }

    @Override
    public NDArray asked(NDArray z, NDArray oneHot) {
      long columns = z.getShape().get(1);
      return z.get(new NDIndex(":, " + (columns - codes.width()) + ":"));
    }

    @Override
    public Critique adversarial(Critique full, int lossOutputs) {
      return lossPart(full, lossOutputs);
    }

    // Q reads generated samples only: its codes are known there, and real data has none.
    @Override
    public NDArray discriminatorClassLoss(Critique real, Critique fake, NDArray realOneHot,
        NDArray fakeCodes, int lossOutputs) {
      return MutualInformation.loss(q(fake, lossOutputs), fakeCodes, categorical, continuous,
          categoricalWeight, continuousWeight);
    }

    @Override
    public NDArray generatorClassLoss(Critique fake, NDArray fakeCodes, int lossOutputs) {
      return MutualInformation.loss(q(fake, lossOutputs), fakeCodes, categorical, continuous,
          categoricalWeight, continuousWeight);
    }

    @Override
    public NDArray informationBound(Critique fake, NDArray asked, int lossOutputs) {
      return MutualInformation.lowerBound(q(fake, lossOutputs), asked, categorical, continuous);
    }

    private static NDArray q(Critique c, int lossOutputs) {
      return extraPart(c, lossOutputs);
    }

    @Override
    public boolean takesPenalty() {
      return false;
    }

    @Override
    public String beyondScore() {
      return "Q outputs (the codes it predicts)";
    }

    @Override
    public Critic critic(Critic inner, int classes, int dataDim, NDManager manager, Rng init) {
      Critic d = unpacked(inner, "infogan's Q recovers the codes of one sample");
      if (qHidden.length == 0) {
        return d;
      }
      // Q's own head (Chen et al.'s MNIST Q: one hidden layer of 128, batch norm, LeakyReLU) on the
      // features D's score reads; its hidden layers are normalized as D's are.
      MlpSpec head = new MlpSpec(Critic.featureWidth(d, dataDim, manager), qHidden, codes.width(),
          Activation.of(discriminator.activation()), discriminator.leakySlope(),
          Activation.IDENTITY, 0f, Normalization.of(discriminator.normalization()), true, 0f, 1, 0,
          false, discriminator.initRange());
      return Critic.withHead(d, Network.mlp(head, manager, init), "q.");
    }
  }
}
