package dev.gan4j.train;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Limits;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.loss.GanLosses;
import dev.gan4j.loss.LossSettings;
import dev.gan4j.loss.Penalties;
import dev.gan4j.nn.Normalization;
import dev.gan4j.nn.Activation;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a training run, fully resolved: written to {@code config.json} in each
 * run directory, and enough (with the data) to reproduce the run's losses on the same machine. Each
 * record validates itself at construction and names the offending field. Values that size arrays
 * have upper bounds ({@link Limits}), so a config that passes validation never asks for an array
 * the JVM cannot make; whether the whole run fits in memory is {@link MemoryEstimate}'s question.
 *
 * <p>Build one from a preset ({@link Presets}), then let a config file and flags override it ({@link
 * ConfigLoader}).
 *
 * @param preset the preset this config started from, for the record
 * @param seed the seed of every random stream in the run
 */
public record RunConfig(
    String preset,
    long seed,
    Data data,
    Model model,
    Loss loss,
    Penalty penalty,
    Optim optim,
    Loop loop,
    Stabilize stabilize,
    Output output,
    Eval eval,
    Sampling sampling) {

  /** Checks presence of every section, and the rules that tie sections together. */
  public RunConfig {
    require(data, "data");
    require(model, "model");
    require(loss, "loss");
    require(penalty, "penalty");
    require(optim, "optim");
    require(loop, "loop");
    require(stabilize, "stabilize");
    require(output, "output");
    require(eval, "eval");
    require(sampling, "sampling");
    // The loss checks the generator count it needs itself (madgan: two or more).
    dev.gan4j.loss.GanLoss objective =
        GanLosses.byName(loss.name(), loss.settings(model.generators(), seed));
    if (model.generators() > 1 && !objective.tellsGeneratorsApart()) {
      throw new InvalidConfigException("model.generators > 1 needs a loss whose discriminator tells"
          + " the generators apart (madgan: one output per generator)");
    }
    if (loop.batchSize() % model.generators() != 0) {
      throw new InvalidConfigException("loop.batchSize (" + loop.batchSize()
          + ") must be a multiple of model.generators (" + model.generators() + ")");
    }
    if (loop.batchSize() % model.pack() != 0) {
      throw new InvalidConfigException("loop.batchSize (" + loop.batchSize()
          + ") must be a multiple of model.pack (" + model.pack() + ")");
    }
    boolean autoencoder = objective.critic().startsWith("autoencoder");
    Net d = model.discriminator();
    boolean mixes = "batch".equals(d.normalization()) || model.minibatchKernels() > 0
        || model.minibatchStdDev();
    if (autoencoder && (model.pack() > 1 || model.minibatchKernels() > 0 || model.minibatchStdDev())) {
      throw new InvalidConfigException("loss " + loss.name() + " uses an autoencoder discriminator,"
          + " which takes no packing or minibatch layers");
    }
    if (!"none".equals(penalty.name()) && (autoencoder || mixes)) {
      throw new InvalidConfigException("penalty " + penalty.name() + " needs a discriminator whose"
          + " samples do not interact: no autoencoder loss, batch normalization, minibatch"
          + " discrimination or minibatch stddev in D");
    }
  }

  /** A copy with another loop section. */
  public RunConfig withLoop(Loop newLoop) {
    return new RunConfig(
        preset, seed, data, model, loss, penalty, optim, newLoop, stabilize, output, eval, sampling);
  }

  /** A copy with another sampling section (e.g. {@code gan4j eval --rejection drs} on any run). */
  public RunConfig withSampling(Sampling newSampling) {
    return new RunConfig(
        preset, seed, data, model, loss, penalty, optim, loop, stabilize, output, eval, newSampling);
  }

  /**
   * Where the real samples come from.
   *
   * @param name {@code mnist}, {@code fashion-mnist}, {@code ring8}, {@code grid25}, or {@code
   *     folder:PATH} for a folder of PNG/JPEG images ({@link dev.gan4j.data.ImageFolder}), or
   *     image-to-image data in folders ({@link dev.gan4j.data.TranslationFolders}: {@code
   *     pairs:PATH}, {@code pairs:DIR_A,DIR_B}, {@code unpaired:PATH})
   * @param size for 2-D mixtures and Stacked MNIST, how many samples are drawn once into the
   *     training pool, 1..10,000,000 ({@link Limits#MAX_DATA_SIZE})
   * @param imageSize for folders: the side every image is resized and centre-cropped to, 4..1024
   * @param channels for folders: 1 (grey) or 3 (RGB)
   * @param skipBadImages for folders: leave out (and count) files that cannot be decoded, instead of
   *     stopping with an error naming the first
   */
  public record Data(String name, int size, int imageSize, int channels, boolean skipBadImages) {
    /** Validates the fields. */
    public Data {
      require(name, "data.name");
      if (!TrainingSet.fromFolders(name) && !TrainingSet.names().contains(name)) {
        throw new InvalidConfigException("data.name: unknown dataset '" + name + "'; known: "
            + TrainingSet.names() + ", or folder:PATH, pairs:PATH, pairs:DIR_A,DIR_B,"
            + " unpaired:PATH");
      }
      atLeast(size, 1, "data.size");
      Limits.atMost(size, Limits.MAX_DATA_SIZE, "data.size");
      if (imageSize < 4 || imageSize > 1024) {
        throw new InvalidConfigException("data.imageSize must be in 4..1024, got " + imageSize);
      }
      if (channels != 1 && channels != 3) {
        throw new InvalidConfigException("data.channels must be 1 or 3, got " + channels);
      }
    }

    /** A dataset by name, with the folder options at their defaults (64 × 64 RGB, no skipping). */
    public static Data named(String name, int size) {
      return new Data(name, size, 64, 3, false);
    }

    /** The folder's options, for {@link TrainingSet#load}. */
    public dev.gan4j.data.ImageFolder.Options folderOptions() {
      return new dev.gan4j.data.ImageFolder.Options(imageSize, channels, skipBadImages);
    }

    /** The shape of one sample: (c, h, w) for images, (2) for points. */
    public int[] sampleShape() {
      return TrainingSet.shapeOf(name, folderOptions());
    }
  }

  /**
   * The networks and the latent prior.
   *
   * @param family the model family by name ({@link ModelFamilies}): {@code gan}, the unconditional GAN,
   *     the conditional {@code cgan}, {@code acgan}, {@code projection}, or {@code infogan}
   * @param latentDim the dimension of z, 1..65,536 ({@link Limits#MAX_LATENT_DIM})
   * @param prior {@code normal} (N(0, I)) or {@code uniform} (U(-1, 1))
   * @param generator the generator's hidden layers
   * @param discriminator the discriminator's hidden layers (an autoencoder's encoder, mirrored into its
   *     decoder, for BEGAN and EBGAN)
   * @param generatorOutput the generator's output activation: {@code tanh} for data in [-1, 1] (images),
   *     {@code identity} for unbounded data (2-D mixtures: the grid reaches ±4)
   * @param generators how many generators (MAD-GAN; 1 otherwise)
   * @param pack samples the discriminator judges at once (PacGAN; 1 otherwise)
   * @param minibatchKernels kernels of a minibatch-discrimination layer in D (0: none), at most
   *     65,536
   * @param minibatchStdDev whether D appends the minibatch standard deviation to its features
   * @param codes InfoGAN's latent codes (read by the {@code infogan} family only; absent from an
   *     older config: the defaults)
   * @param mrgan the mode-regularized GAN's weights (read by the {@code mrgan} family only; absent
   *     from an older config: the defaults)
   * @param translation the weights of the image-to-image translation families ({@code pix2pix},
   *     {@code cyclegan}; absent from an older config: the papers' values)
   */
  public record Model(
      String family,
      int latentDim,
      String prior,
      Net generator,
      Net discriminator,
      String generatorOutput,
      int generators,
      int pack,
      int minibatchKernels,
      boolean minibatchStdDev,
      Codes codes,
      Mrgan mrgan,
      Translation translation) {
    /** Allowed priors. */
    public static final List<String> PRIORS = List.of("normal", "uniform");

    /** Allowed generator outputs. */
    public static final List<String> OUTPUTS = List.of("tanh", "identity");

    /** Validates the fields. */
    public Model {
      require(family, "model.family");
      ModelFamilies.byName(family); // an unknown name fails here, with the known ones listed
      atLeast(latentDim, 1, "model.latentDim");
      Limits.atMost(latentDim, Limits.MAX_LATENT_DIM, "model.latentDim");
      require(prior, "model.prior");
      if (!PRIORS.contains(prior)) {
        throw new InvalidConfigException(
            "model.prior: unknown prior '" + prior + "'; known: " + PRIORS);
      }
      require(generator, "model.generator");
      require(discriminator, "model.discriminator");
      require(generatorOutput, "model.generatorOutput");
      if (!OUTPUTS.contains(generatorOutput)) {
        throw new InvalidConfigException("model.generatorOutput: unknown output '"
            + generatorOutput + "'; known: " + OUTPUTS);
      }
      atLeast(generators, 1, "model.generators");
      atLeast(pack, 1, "model.pack");
      atLeast(minibatchKernels, 0, "model.minibatchKernels");
      Limits.atMost(minibatchKernels, Limits.MAX_COUNT, "model.minibatchKernels");
      if (codes == null) {
        codes = Codes.DEFAULT;
      }
      if (mrgan == null) {
        mrgan = Mrgan.DEFAULT;
      }
      if (translation == null) {
        translation = Translation.DEFAULT;
      }
    }

    /** A plain model: one generator, no packing, no minibatch layers. */
    public static Model plain(
        int latentDim, String prior, Net generator, Net discriminator, String generatorOutput) {
      return new Model("gan", latentDim, prior, generator, discriminator, generatorOutput, 1, 1, 0,
          false, Codes.DEFAULT, Mrgan.DEFAULT, Translation.DEFAULT);
    }

    /** A copy of this model as the family {@code name}, every other field kept. */
    public Model withFamily(String name) {
      return new Model(name, latentDim, prior, generator, discriminator, generatorOutput,
          generators, pack, minibatchKernels, minibatchStdDev, codes, mrgan, translation);
    }

    /** A copy of this model with other translation weights, every other field kept. */
    public Model withTranslation(Translation t) {
      return new Model(family, latentDim, prior, generator, discriminator, generatorOutput,
          generators, pack, minibatchKernels, minibatchStdDev, codes, mrgan, t);
    }
  }

  /**
   * The weights of the mode-regularized GAN (Che et al. 2017, its manifold-diffusion training), read
   * by the {@code mrgan} family only.
   *
   * @param reconstruction λ of the reconstruction term: the mean squared difference between a real
   *     sample x and G(E(x)), per value, in the manifold step's generator and encoder loss; >= 0
   */
  public record Mrgan(float reconstruction) {
    /** λ = 1. */
    public static final Mrgan DEFAULT = new Mrgan(1f);

    /** Validates the fields. */
    public Mrgan {
      if (!(reconstruction >= 0) || Float.isInfinite(reconstruction)) {
        throw new InvalidConfigException(
            "model.mrgan.reconstruction must be a finite number >= 0, got " + reconstruction);
      }
    }
  }

  /**
   * The objective weights of the image-to-image translation families: {@code pix2pix} (Isola et al.
   * 2017) reads the first two, {@code cyclegan} (Zhu et al. 2017) the rest and the adversarial one.
   *
   * @param l1Weight λ of pix2pix's L1 term between output and target, >= 0 (100 in the paper)
   * @param adversarialWeight the weight of the generator's adversarial term, >= 0 (1; 0 trains the
   *     no-GAN baseline: an L1-only U-Net, or for CycleGAN cycle and identity terms alone)
   * @param cycleWeight λ of CycleGAN's cycle-consistency terms (L1), >= 0 (10 in the paper)
   * @param identityWeight the identity terms' weight as a fraction of {@code cycleWeight}, >= 0 (0.5
   *     in the paper: λ_id = 0.5 λ)
   * @param poolSize generated images CycleGAN's history pool keeps for its discriminators, 0..10,000
   *     (50 in the paper; 0 turns the pool off)
   * @param resnetBlocks residual blocks of CycleGAN's generators, 0..64 (6 in the paper at 128 ×
   *     128)
   */
  public record Translation(float l1Weight, float adversarialWeight, float cycleWeight,
      float identityWeight, int poolSize, int resnetBlocks) {
    /** The papers' values. */
    public static final Translation DEFAULT = new Translation(100f, 1f, 10f, 0.5f, 50, 6);

    /** Validates the fields. */
    public Translation {
      finiteAtLeastZero(l1Weight, "model.translation.l1Weight");
      finiteAtLeastZero(adversarialWeight, "model.translation.adversarialWeight");
      finiteAtLeastZero(cycleWeight, "model.translation.cycleWeight");
      finiteAtLeastZero(identityWeight, "model.translation.identityWeight");
      atLeast(poolSize, 0, "model.translation.poolSize");
      Limits.atMost(poolSize, 10_000, "model.translation.poolSize");
      atLeast(resnetBlocks, 0, "model.translation.resnetBlocks");
      Limits.atMost(resnetBlocks, 64, "model.translation.resnetBlocks");
    }

    private static void finiteAtLeastZero(float v, String field) {
      if (!(v >= 0) || Float.isInfinite(v)) {
        throw new InvalidConfigException(field + " must be a finite number >= 0, got " + v);
      }
    }
  }

  /**
   * InfoGAN's latent codes (Chen et al. 2016), which join z in the generator's input and which the
   * discriminator's Q head learns to recover: categorical codes, each one-hot over its categories
   * with a uniform prior, then continuous codes, each uniform in [-1, 1]. Only the {@code infogan}
   * family reads them.
   *
   * @param categorical the categories of each categorical code, each 2..65,536 ({@link
   *     Limits#MAX_COUNT}), at most {@value #MAX_CODES} codes
   * @param continuous how many continuous codes, 0..65,536
   * @param categoricalWeight λ of the categorical codes' mutual-information term, >= 0 (1 in the
   *     paper, which finds it sufficient for discrete codes)
   * @param continuousWeight λ of the continuous codes' term, >= 0 (the paper uses a smaller λ for
   *     continuous codes, whose term involves a differential entropy)
   * @param qHidden widths of the hidden layers of Q's own head, which reads D's deepest features (the
   *     input of D's last linear layer) with D's activation and normalization, each 1..65,536, at most
   *     {@value Net#MAX_LAYERS}; empty (the default, and absent from an older config): Q's outputs are
   *     extra outputs of D's last linear layer. The paper's MNIST Q has one layer of 128.
   */
  public record Codes(int[] categorical, int continuous, float categoricalWeight,
      float continuousWeight, int[] qHidden) {
    /** The most categorical codes one model may have. */
    public static final int MAX_CODES = 256;

    /** One 10-way categorical code and two continuous ones, λ 1 and 0.1: the MNIST setup. */
    public static final Codes DEFAULT = new Codes(new int[] {10}, 2, 1f, 0.1f);

    /** Codes whose Q shares all of D's layers (no head of its own). */
    public Codes(int[] categorical, int continuous, float categoricalWeight,
        float continuousWeight) {
      this(categorical, continuous, categoricalWeight, continuousWeight, new int[0]);
    }

    /** Validates the fields. */
    public Codes {
      require(categorical, "model.codes.categorical");
      categorical = categorical.clone();
      qHidden = Net.layerWidths(qHidden == null ? new int[0] : qHidden, "model.codes.qHidden");
      if (categorical.length > MAX_CODES) {
        throw new InvalidConfigException("model.codes.categorical may list at most " + MAX_CODES
            + " codes, got " + categorical.length);
      }
      long width = continuous;
      for (int k : categorical) {
        if (k < 2) {
          throw new InvalidConfigException("model.codes.categorical: a categorical code needs at"
              + " least 2 categories (one category carries no information), got " + k);
        }
        Limits.atMost(k, Limits.MAX_COUNT, "model.codes.categorical: categories of a code");
        width += k;
      }
      atLeast(continuous, 0, "model.codes.continuous");
      Limits.atMost(continuous, Limits.MAX_LATENT_DIM, "model.codes.continuous");
      Limits.atMost(width, Limits.MAX_LATENT_DIM,
          "the codes' width (the categorical codes' categories plus model.codes.continuous)");
      if (!(categoricalWeight >= 0) || Float.isInfinite(categoricalWeight)) {
        throw new InvalidConfigException(
            "model.codes.categoricalWeight must be a finite number >= 0, got " + categoricalWeight);
      }
      if (!(continuousWeight >= 0) || Float.isInfinite(continuousWeight)) {
        throw new InvalidConfigException(
            "model.codes.continuousWeight must be a finite number >= 0, got " + continuousWeight);
      }
    }

    @Override
    public int[] categorical() {
      return categorical.clone();
    }

    @Override
    public int[] qHidden() {
      return qHidden.clone();
    }

    /** A copy of these codes whose Q has its own head of {@code widths}, every other field kept. */
    public Codes withQHidden(int... widths) {
      return new Codes(categorical, continuous, categoricalWeight, continuousWeight, widths);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Codes c
          && Arrays.equals(categorical, c.categorical)
          && continuous == c.continuous
          && Float.compare(categoricalWeight, c.categoricalWeight) == 0
          && Float.compare(continuousWeight, c.continuousWeight) == 0
          && Arrays.equals(qHidden, c.qHidden);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(categorical) + Arrays.hashCode(qHidden))
          + Objects.hash(continuous, categoricalWeight, continuousWeight);
    }

    @Override
    public String toString() {
      return "Codes" + Arrays.toString(categorical) + " continuous " + continuous + " weights "
          + categoricalWeight + ", " + continuousWeight + " Q head " + Arrays.toString(qHidden);
    }
  }

  /**
   * One network's architecture and layer options.
   *
   * @param arch the architecture by name ({@link dev.gan4j.nn.Architectures}: {@code mlp}, {@code
   *     dcgan}, {@code resnet}), sized from the data's shape
   * @param hidden widths of the hidden stages: units per layer for {@code mlp}, channels per stage
   *     for {@code dcgan} (smallest image first in G, largest first in D), the width then one entry
   *     per stage for {@code resnet}; each 1..65,536 ({@link Limits#MAX_WIDTH}), at most {@value
   *     #MAX_LAYERS} entries
   * @param activation {@code relu} or {@code leaky-relu}
   * @param leakySlope LeakyReLU's slope for negative inputs, in [0, 1)
   * @param dropout dropout probability after each hidden layer while training, in [0, 1)
   * @param normalization {@code none}, {@code batch}, {@code instance}, {@code weight} or {@code
   *     spectral} (see {@link Normalization})
   * @param noise standard deviation of Gaussian noise added after each hidden layer while training
   * @param maxNorm a max-norm constraint (Srivastava et al. 2014): after each update, every unit's
   *     incoming weight vector longer than this is scaled back to this length; 0 turns it off. The 2014
   *     GAN paper's MNIST discriminator used 1.9365.
   * @param initRange initial weights U(-r, r) and zero biases (pylearn2's {@code irange}, the 2014
   *     paper's code: 0.05 in G, 0.005 in D); 0 for PyTorch's default U(-1/sqrt(in), 1/sqrt(in))
   */
  public record Net(
      String arch,
      int[] hidden,
      String activation,
      float leakySlope,
      float dropout,
      String normalization,
      float noise,
      float maxNorm,
      float initRange) {
    /** Validates the fields. */
    public Net {
      dev.gan4j.nn.Architectures.byName(require(arch, "arch"));
      require(hidden, "hidden");
      hidden = layerWidths(hidden, "hidden");
      Activation.of(require(activation, "activation"));
      if (!(leakySlope >= 0 && leakySlope < 1)) {
        throw new InvalidConfigException("leakySlope must be in [0, 1), got " + leakySlope);
      }
      if (!(dropout >= 0 && dropout < 1)) {
        throw new InvalidConfigException("dropout must be in [0, 1), got " + dropout);
      }
      Normalization.of(require(normalization, "normalization"));
      if (!(noise >= 0) || Float.isInfinite(noise)) {
        throw new InvalidConfigException("noise must be >= 0, got " + noise);
      }
      if (!(maxNorm >= 0) || Float.isInfinite(maxNorm)) {
        throw new InvalidConfigException("maxNorm must be >= 0, got " + maxNorm);
      }
      if (!(initRange >= 0) || Float.isInfinite(initRange)) {
        throw new InvalidConfigException("initRange must be >= 0, got " + initRange);
      }
      if (maxNorm > 0 && (normalization.equals("weight") || normalization.equals("spectral"))) {
        throw new InvalidConfigException("maxNorm constrains plain weights; " + normalization
            + " normalization reparameterises them, so use one or the other");
      }
    }

    /** The most hidden layers (stages) one network may list. */
    public static final int MAX_LAYERS = 256;

    /**
     * A copy of {@code widths} (the field {@code field}) after checking it lists at most {@link
     * #MAX_LAYERS} layers, each 1..{@link Limits#MAX_WIDTH} wide.
     */
    static int[] layerWidths(int[] widths, String field) {
      if (widths.length > MAX_LAYERS) {
        throw new InvalidConfigException(field + " may list at most " + MAX_LAYERS + " layers, got "
            + widths.length);
      }
      for (int h : widths) {
        atLeast(h, 1, field + " layer width");
        Limits.atMost(h, Limits.MAX_WIDTH, field + " layer width");
      }
      return widths.clone();
    }

    /** Hidden layers without normalization or noise. */
    public static Net plain(int[] hidden, String activation, float leakySlope, float dropout) {
      return new Net("mlp", hidden, activation, leakySlope, dropout, "none", 0f, 0f, 0f);
    }

    @Override
    public int[] hidden() {
      return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Net n
          && arch.equals(n.arch)
          && Arrays.equals(hidden, n.hidden)
          && activation.equals(n.activation)
          && Float.compare(leakySlope, n.leakySlope) == 0
          && Float.compare(dropout, n.dropout) == 0
          && normalization.equals(n.normalization)
          && Float.compare(noise, n.noise) == 0
          && Float.compare(maxNorm, n.maxNorm) == 0
          && Float.compare(initRange, n.initRange) == 0;
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(hidden)
          + Objects.hash(arch, activation, leakySlope, dropout, normalization, noise, maxNorm,
              initRange);
    }

    @Override
    public String toString() {
      return "Net" + Arrays.toString(hidden) + " " + activation + " dropout " + dropout
          + " " + normalization;
    }
  }

  /**
   * The objective and its knobs (each read by the losses it applies to; see {@link LossSettings}).
   *
   * @param name a registered loss name, see {@link GanLosses#names()}
   * @param labelSmoothing one-sided label smoothing s in [0, 1): D's real target becomes 1 - s/2
   * @param fakeLabelSmoothing s' in [0, 1): D's fake target becomes s'/2 (two-sided smoothing)
   * @param labelFlip probability in [0, 0.5) that a sample's target is flipped in D's loss
   * @param clip weight clipping of D's parameters to [-c, c] after each update (WGAN); 0 turns it off
   * @param margin EBGAN's margin m
   * @param pullAway EBGAN's pulling-away weight λ_PT
   * @param gamma BEGAN's γ
   * @param lambdaK BEGAN's λ_k
   * @param featureMatching whether G matches D's features instead of its loss (Salimans et al. 2016)
   */
  public record Loss(
      String name,
      float labelSmoothing,
      float fakeLabelSmoothing,
      float labelFlip,
      float clip,
      float margin,
      float pullAway,
      float gamma,
      float lambdaK,
      boolean featureMatching) {
    /** Validates the fields. */
    public Loss {
      require(name, "loss.name");
      if (!GanLosses.names().contains(name)) {
        throw new InvalidConfigException("unknown loss '" + name + "'; known: " + GanLosses.names());
      }
      // Validates the knobs (fields are assigned only after this constructor body runs).
      new LossSettings(
          labelSmoothing, fakeLabelSmoothing, labelFlip, margin, pullAway, gamma, lambdaK, 1, 0);
      if (!(clip >= 0) || Float.isInfinite(clip)) {
        throw new InvalidConfigException("loss.clip must be >= 0, got " + clip);
      }
    }

    /** The named loss with its defaults (as the presets use it). */
    public static Loss named(String name) {
      LossSettings d = LossSettings.DEFAULT;
      return new Loss(name, 0f, 0f, 0f, 0f, d.margin(), d.pullAway(), d.gamma(), d.lambdaK(), false);
    }

    /** The loss's knobs for {@code generators} generators and a run's {@code seed}. */
    public LossSettings settings(int generators, long seed) {
      return new LossSettings(labelSmoothing, fakeLabelSmoothing, labelFlip, margin, pullAway, gamma,
          lambdaK, generators, seed);
    }
  }

  /**
   * A regularizer of the discriminator.
   *
   * @param name {@code none}, {@code gradient}, {@code gradient-one-sided}, {@code dragan} or {@code r1}
   *     (see {@link Penalties})
   * @param weight λ (γ for R1), >= 0
   */
  public record Penalty(String name, float weight) {
    /** No penalty. */
    public static final Penalty NONE = new Penalty("none", 10f);

    /** Validates the fields. */
    public Penalty {
      require(name, "penalty.name");
      Penalties.byName(name, weight);
    }
  }

  /**
   * One network's optimizer.
   *
   * @param name {@code adam}, {@code sgd} (with momentum) or {@code rmsprop}
   * @param lr learning rate, > 0
   * @param beta1 Adam's first-moment decay, in [0, 1)
   * @param beta2 Adam's second-moment decay, and RMSProp's decay ρ, in [0, 1)
   * @param momentum SGD's momentum, in [0, 1)
   * @param eps Adam's epsilon, > 0
   */
  public record Optimizer(
      String name, float lr, float beta1, float beta2, float momentum, float eps) {
    /** Allowed optimizer names. */
    public static final List<String> NAMES = List.of("adam", "sgd", "rmsprop");

    /** Validates the fields. */
    public Optimizer {
      require(name, "optimizer name");
      if (!NAMES.contains(name)) {
        throw new InvalidConfigException("unknown optimizer '" + name + "'; known: " + NAMES);
      }
      if (!(lr > 0 && Float.isFinite(lr))) {
        throw new InvalidConfigException("lr must be > 0, got " + lr);
      }
      unitInterval(beta1, "beta1");
      unitInterval(beta2, "beta2");
      unitInterval(momentum, "momentum");
      if (!(eps > 0)) {
        throw new InvalidConfigException("eps must be > 0, got " + eps);
      }
    }

    /** Adam with the given learning rate and betas, eps 1e-8. */
    public static Optimizer adam(float lr, float beta1, float beta2) {
      return new Optimizer("adam", lr, beta1, beta2, 0f, 1e-8f);
    }

    /** SGD with momentum. */
    public static Optimizer sgd(float lr, float momentum) {
      return new Optimizer("sgd", lr, 0.9f, 0.999f, momentum, 1e-8f);
    }
  }

  /** Separate optimizers (and learning rates) for the generator and the discriminator. */
  public record Optim(Optimizer generator, Optimizer discriminator) {
    /** Validates the fields. */
    public Optim {
      require(generator, "optim.generator");
      require(discriminator, "optim.discriminator");
    }
  }

  /**
   * Algorithm 1's loop.
   *
   * @param steps training iterations (generator updates)
   * @param batchSize m, the real and the noise minibatch size, 1..65,536 ({@link
   *     Limits#MAX_BATCH_SIZE})
   * @param dSteps k, discriminator updates per generator update
   */
  public record Loop(int steps, int batchSize, int dSteps) {
    /** Validates the fields. */
    public Loop {
      atLeast(steps, 1, "loop.steps");
      atLeast(batchSize, 1, "loop.batchSize");
      Limits.atMost(batchSize, Limits.MAX_BATCH_SIZE, "loop.batchSize");
      atLeast(dSteps, 1, "loop.dSteps");
    }
  }

  /**
   * Stabilizers that change the training step rather than the loss or the networks.
   *
   * @param instanceNoise standard deviation σ₀ of Gaussian noise added to every input of D (real and
   *     generated) while training, annealed linearly to 0 (instance noise, Sønderby et al. 2017;
   *     Arjovsky and Bottou 2017); 0 turns it off
   * @param instanceNoiseSteps iterations over which the noise anneals to 0 (0: the whole run)
   * @param unrollSteps K: G's step looks through K unrolled D updates, D restored afterwards (Metz et al.
   *     2017); 0 turns it off
   * @param emaDecay β of an exponential moving average of G's weights, used for sampling and evaluation
   *     (Yazıcı et al. 2019); 0 turns it off
   * @param lrDecayTo the fraction of both learning rates reached at the last iteration, decayed
   *     exponentially from the first (the 2014 paper decayed its learning rate too); 1 keeps them constant
   */
  public record Stabilize(
      float instanceNoise, int instanceNoiseSteps, int unrollSteps, float emaDecay, float lrDecayTo) {
    /** No stabilizers. */
    public static final Stabilize NONE = new Stabilize(0f, 0, 0, 0f, 1f);

    /** Validates the fields. */
    public Stabilize {
      if (!(instanceNoise >= 0) || Float.isInfinite(instanceNoise)) {
        throw new InvalidConfigException(
            "stabilize.instanceNoise must be >= 0, got " + instanceNoise);
      }
      atLeast(instanceNoiseSteps, 0, "stabilize.instanceNoiseSteps");
      atLeast(unrollSteps, 0, "stabilize.unrollSteps");
      if (!(emaDecay >= 0 && emaDecay < 1)) {
        throw new InvalidConfigException("stabilize.emaDecay must be in [0, 1), got " + emaDecay);
      }
      if (!(lrDecayTo > 0 && lrDecayTo <= 1)) {
        throw new InvalidConfigException("stabilize.lrDecayTo must be in (0, 1], got " + lrDecayTo);
      }
    }
  }

  /**
   * What a run writes, and how often (in iterations).
   *
   * @param logEvery a metrics.csv row every N iterations
   * @param sampleEvery a sample picture every N iterations
   * @param checkpointEvery a checkpoint every N iterations (and always at the end)
   * @param keepCheckpoints how many of the newest checkpoints to keep
   * @param gridSamples how many fixed-noise samples each picture shows, 1..4,096 ({@link
   *     Limits#MAX_GRID_SAMPLES})
   */
  public record Output(
      int logEvery, int sampleEvery, int checkpointEvery, int keepCheckpoints, int gridSamples) {
    /** Validates the fields. */
    public Output {
      atLeast(logEvery, 1, "output.logEvery");
      atLeast(sampleEvery, 1, "output.sampleEvery");
      atLeast(checkpointEvery, 1, "output.checkpointEvery");
      atLeast(keepCheckpoints, 1, "output.keepCheckpoints");
      atLeast(gridSamples, 1, "output.gridSamples");
      Limits.atMost(gridSamples, Limits.MAX_GRID_SAMPLES, "output.gridSamples");
    }
  }

  /**
   * Measurements while training, and the collapse alarm.
   *
   * @param every evaluate the generator every N iterations (and at the end); 0 turns it off
   * @param metrics comma-separated metric names, blank for the dataset's defaults ({@code fd-lenet,
   *     classes} for images, {@code mixture} for 2-D data)
   * @param samples how many generated samples each evaluation measures, 2..1,000,000 ({@link
   *     Limits#MAX_SAMPLES})
   * @param separationWindow raise the alarm when D separates every real from every generated sample
   *     of its batches for this many consecutive iterations; 0 turns that signal off
   */
  public record Eval(int every, String metrics, int samples, int separationWindow) {
    /** Off, with the defaults for when it is turned on. */
    public static final Eval DEFAULT = new Eval(0, "", 2000, 500);

    /** Validates the fields. */
    public Eval {
      atLeast(every, 0, "eval.every");
      require(metrics, "eval.metrics");
      atLeast(samples, 2, "eval.samples");
      Limits.atMost(samples, Limits.MAX_SAMPLES, "eval.samples");
      atLeast(separationWindow, 0, "eval.separationWindow");
    }
  }

  /**
   * How samples are drawn from the trained generator by {@code gan4j sample}, {@code gan4j eval} and the
   * studies (training pictures and evaluations while training always show the generator itself).
   *
   * @param rejection {@code none}, or {@code drs}: discriminator rejection sampling (Azadi et al. 2019)
   *     with a density-ratio critic trained against the frozen generator ({@code DiscriminatorRejection})
   * @param criticSteps Adam steps of that critic, each on a batch of real and a batch of generated samples
   *     of {@code loop.batchSize}
   * @param criticLr the critic's Adam learning rate (β1 0.5, β2 0.999)
   * @param percentile γ, the shift of the acceptance scores, is this percentile of a proposal batch's
   *     scores: higher rejects more
   * @param criticFeatures F: the critic sees 2F random Fourier features of a sample instead of its
   *     values (Tancik et al. 2020), so a perceptron on low-dimensional data can follow thin
   *     structures; 0 for the values themselves; at most 65,536
   * @param criticFrequency the standard deviation of those features' frequencies, in cycles per unit
   *     of the data
   */
  public record Sampling(String rejection, int criticSteps, float criticLr, float percentile,
      int criticFeatures, float criticFrequency) {
    /** The rejection schemes. */
    public static final List<String> REJECTIONS = List.of("none", "drs");

    /** The generator's samples as they come, with the critic's defaults for when DRS is turned on. */
    public static final Sampling NONE = new Sampling("none", 5000, 1e-3f, 20f, 0, 1f);

    /** Validates the fields. */
    public Sampling {
      require(rejection, "sampling.rejection");
      if (!REJECTIONS.contains(rejection)) {
        throw new InvalidConfigException(
            "sampling.rejection must be one of " + REJECTIONS + ", got '" + rejection + "'");
      }
      atLeast(criticSteps, 1, "sampling.criticSteps");
      if (!(criticLr > 0) || Float.isInfinite(criticLr)) {
        throw new InvalidConfigException("sampling.criticLr must be > 0, got " + criticLr);
      }
      if (!(percentile >= 0 && percentile <= 100)) {
        throw new InvalidConfigException(
            "sampling.percentile must be in [0, 100], got " + percentile);
      }
      atLeast(criticFeatures, 0, "sampling.criticFeatures");
      Limits.atMost(criticFeatures, Limits.MAX_COUNT, "sampling.criticFeatures");
      if (!(criticFrequency > 0) || Float.isInfinite(criticFrequency)) {
        throw new InvalidConfigException(
            "sampling.criticFrequency must be > 0, got " + criticFrequency);
      }
    }

    /** A copy with another rejection scheme. */
    public Sampling withRejection(String name) {
      return new Sampling(name, criticSteps, criticLr, percentile, criticFeatures, criticFrequency);
    }
  }

  static <T> T require(T value, String field) {
    if (value == null) {
      throw new InvalidConfigException(field + " is required");
    }
    return value;
  }

  static void atLeast(int value, int min, String field) {
    if (value < min) {
      throw new InvalidConfigException(field + " must be >= " + min + ", got " + value);
    }
  }

  static void unitInterval(float value, String field) {
    if (!(value >= 0 && value < 1)) {
      throw new InvalidConfigException(field + " must be in [0, 1), got " + value);
    }
  }
}
