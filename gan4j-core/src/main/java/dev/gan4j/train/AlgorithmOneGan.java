package dev.gan4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.loss.Critique;
import dev.gan4j.loss.FeatureMatching;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.loss.GanLosses;
import dev.gan4j.loss.Penalties;
import dev.gan4j.loss.Penalty;
import dev.gan4j.loss.PenaltyContext;
import dev.gan4j.nn.Parameter;
import dev.gan4j.nn.Pass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gan} family: Algorithm 1 of Goodfellow et al. 2014. Each iteration, k discriminator
 * updates, each on m fresh noise samples and m real samples, then one generator update on m fresh noise
 * samples. Everything the zoo varies plugs in without a branch here: the objective is a {@link GanLoss},
 * the regularizer a {@link Penalty}, the discriminator a {@link Critic}, the generator side a {@link
 * GeneratorSet} (several generators, weight averaging), the iteration a {@link StepStrategy} (Unrolled
 * GAN), and clipping, max-norm, instance noise and learning-rate decay are {@link TrainingHook}s.
 *
 * <p>Engine discipline: every update's temporaries live in a sub-manager closed at its end; gradients
 * are zeroed in place before each backward pass (the PyTorch engine accumulates them); the generator's
 * forward pass for D's update runs without recording a graph, and D's parameters stop requiring
 * gradients during G's update, so neither network's update computes, let alone applies, the other's.
 */
public final class AlgorithmOneGan implements GanModel {
  /** The unconditional GAN, registered as {@code gan}. */
  public static final ModelFamily FAMILY = family("gan",
      "unconditional GAN (Goodfellow et al. 2014) with the loss, penalty and stabilizer zoo",
      Conditioning.NONE);

  /** The conditional GAN (Mirza and Osindero 2014), registered as {@code cgan}. */
  public static final ModelFamily CGAN = family("cgan",
      "conditional GAN (Mirza and Osindero 2014): the one-hot label joins the inputs of G and D",
      Conditioning.CONCAT);

  /**
   * The conditional GAN with a projection discriminator (Miyato and Koyama 2018), registered as
   * {@code projection}.
   */
  public static final ModelFamily PROJECTION = family("projection",
      "cGAN with a projection discriminator (Miyato and Koyama 2018): the label joins G's input; D's"
          + " score gains <embed(y), phi(x)> over its deepest features",
      Conditioning.PROJECTION);

  /** The auxiliary-classifier GAN (Odena et al. 2017), registered as {@code acgan}. */
  public static final ModelFamily ACGAN = family("acgan",
      "AC-GAN (Odena et al. 2017): the label joins G's input; D also predicts the class, and both"
          + " players minimise its cross-entropy",
      Conditioning.AUXILIARY);

  /**
   * InfoGAN (Chen et al. 2016), registered as {@code infogan}: latent codes ({@code model.codes})
   * join z, and a head Q on D's body recovers them; both players maximise the mutual-information
   * bound.
   */
  public static final ModelFamily INFOGAN = new ModelFamily() {
    @Override
    public String name() {
      return "infogan";
    }

    @Override
    public String description() {
      return "InfoGAN (Chen et al. 2016): categorical and continuous codes join z; a head Q on D's"
          + " body recovers them, and both players maximise the mutual-information bound";
    }

    @Override
    public LatentCodes latentCodes(RunConfig config) {
      return LatentCodes.of(config.model().codes());
    }

    @Override
    public GanModel create(ModelContext context) {
      return new AlgorithmOneGan(context, Conditioning.info(
          context.config().model().codes(), context.config().model().discriminator()));
    }
  };

  /** The name InfoGAN's mutual-information bound is reported under, in nats, on G's batch. */
  static final String MI_BOUND = "mi_bound";

  private static ModelFamily family(String name, String description, Conditioning conditioning) {
    return new ModelFamily() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public boolean usesLabels() {
        return conditioning.usesLabels();
      }

      @Override
      public GanModel create(ModelContext context) {
        return new AlgorithmOneGan(context, conditioning);
      }
    };
  }

  private static final NDIndex ALL = new NDIndex("...");

  private final RunConfig config;
  private final NDManager manager;
  private final MinibatchSampler sampler;
  private final TrainingHooks hooks;
  private final GeneratorSet generators;
  private final Critic critic;
  private final GanLoss loss;
  private final Penalty penalty;
  private final ParameterOptimizer optG;
  private final ParameterOptimizer optD;
  private final Map<String, ParameterOptimizer> optimizers = new LinkedHashMap<>();
  private final StepStrategy strategy;
  private final Conditioning conditioning;
  private final LatentCodes codes;
  private final int classes;
  private final int[] sampleShape;
  private final int dataDim;
  private final Rng labelRng;
  private final Rng noiseRng;
  private final Rng dropoutRng;
  private final Rng penaltyRng;
  private final int m;
  private final int latentDim;
  private final NoiseBuffer noise = new NoiseBuffer();
  private boolean report = true;
  private float lastLossD;
  private float lastLossG;
  private float lastDReal;
  private float lastDFake;
  private boolean lastSeparated;
  private float lastBound = Float.NaN;

  /** Builds the networks, loss, penalty and optimizers a context's config describes. */
  public AlgorithmOneGan(ModelContext context) {
    this(context, Conditioning.NONE);
  }

  private AlgorithmOneGan(ModelContext context, Conditioning conditioning) {
    this.conditioning = conditioning;
    this.codes = conditioning.codes();
    this.classes = conditioning.usesLabels() ? context.classes() : 0;
    this.sampleShape = context.sampleShape().clone();
    int d = 1;
    for (int v : sampleShape) {
      d *= v;
    }
    this.dataDim = d;
    this.config = context.config();
    this.manager = context.manager();
    this.sampler = context.sampler();
    this.hooks = context.hooks();
    this.m = config.loop().batchSize();
    // InfoGAN's codes are part of the latent vector, after z.
    this.latentDim = config.model().latentDim() + codes.width();
    loss = lossFor(config);
    Rng initRng = Rng.derive(config.seed(), "init");
    generators = GeneratorSet.forConfig(config, sampleShape,
        conditioning.generatorExtraInputs(classes), manager, initRng);
    critic = conditioning.critic(
        Critic.forConfig(config, conditioning.criticInputShape(sampleShape, classes), loss,
            conditioning.criticExtraOutputs(classes), manager, initRng),
        classes, dataDim, manager, initRng);
    penalty = Penalties.byName(config.penalty().name(), config.penalty().weight());
    if (penalty != null && !conditioning.takesPenalty()) {
      throw new dev.gan4j.InvalidConfigException("penalty " + config.penalty().name()
          + " needs the gradient of a network's single score; the " + config.model().family()
          + " family's discriminator also has " + conditioning.beyondScore()
          + ": use no penalty (the gan and cgan families take penalties)");
    }
    optG = ParameterOptimizer.create(config.optim().generator(), generators.parameters(), manager);
    optD = ParameterOptimizer.create(config.optim().discriminator(), critic.parameters(), manager);
    optimizers.put(GENERATOR, optG);
    optimizers.put(DISCRIMINATOR, optD);
    strategy = StepStrategy.forConfig(config);
    noiseRng = context.stream("noise");
    dropoutRng = context.stream("dropout");
    penaltyRng = context.stream("penalty");
    labelRng = classes > 0 ? context.stream("labels") : null;
    loss.randomStreams().forEach((name, rng) -> context.streams().register("loss." + name, rng));
  }

  /** The loss a config describes, wrapped in feature matching when asked. */
  static GanLoss lossFor(RunConfig config) {
    GanLoss base =
        GanLosses.byName(
            config.loss().name(), config.loss().settings(config.model().generators(), config.seed()));
    return config.loss().featureMatching() ? new FeatureMatching(base) : base;
  }

  @Override
  public IterationStats iterate() {
    strategy.iterate(steps);
    Map<String, Double> state = loss.state();
    if (!codes.isEmpty()) {
      state = new LinkedHashMap<>(state);
      state.put(MI_BOUND, (double) lastBound);
    }
    return new IterationStats(lastLossD, lastLossG, lastDReal, lastDFake, lastSeparated, state);
  }

  @Override
  public List<String> reportedState() {
    List<String> names = new java.util.ArrayList<>(loss.state().keySet());
    if (!codes.isEmpty()) {
      names.add(MI_BOUND);
    }
    return names;
  }

  private final StepStrategy.Steps steps =
      new StepStrategy.Steps() {
        @Override
        public void discriminatorStep() {
          AlgorithmOneGan.this.discriminatorStep();
        }

        @Override
        public void generatorStep() {
          AlgorithmOneGan.this.generatorStep();
        }

        @Override
        public int dSteps() {
          return config.loop().dSteps();
        }

        @Override
        public Object saveDiscriminator() {
          return AlgorithmOneGan.this.saveDiscriminator();
        }

        @Override
        public void restoreDiscriminator(Object saved) {
          AlgorithmOneGan.this.restoreDiscriminator(saved);
        }

        @Override
        public void reportDiscriminator(boolean on) {
          report = on;
        }
      };

  /**
   * One discriminator update on m real and m generated samples; G is not touched. Returns D's loss.
   * Package-visible so tests can check each network is untouched by the other's update.
   */
  float discriminatorStep() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray batch = sampler.next(m, step);
      // A labelled batch carries each sample's class in its last column; generated samples are asked
      // for the same classes, so real and generated inputs of D differ only in the sample.
      NDArray labels = classes > 0 ? labelsOf(batch, step) : null;
      NDArray real = conditioning.criticInput(
          hooks.discriminatorInput(classes > 0 ? samplesOf(batch) : batch, step), labels,
          sampleShape);
      // What the generated samples are asked for: the real batch's classes, or InfoGAN's codes.
      NDArray z = noise(m, step);
      NDArray asked = conditioning.asked(z, labels);
      // Outside a gradient collector no graph is recorded: G's forward pass is a constant here.
      NDArray fake = conditioning.criticInput(hooks.discriminatorInput(
          generators.forward(conditioning.generatorInput(z, asked), pass), step),
          asked, sampleShape);
      zeroGradients(critic.parameters());
      NDArray lossD;
      Critique realOut;
      Critique fakeOut;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Critique realFull = critic.critique(real, pass);
        Critique fakeFull = critic.critique(fake, pass);
        realOut = conditioning.adversarial(realFull, loss.outputs());
        fakeOut = conditioning.adversarial(fakeFull, loss.outputs());
        lossD = loss.discriminatorLoss(realOut, fakeOut);
        NDArray classTerm = conditioning.discriminatorClassLoss(realFull, fakeFull, labels, asked,
            loss.outputs());
        if (classTerm != null) {
          lossD = lossD.add(classTerm);
        }
        if (penalty != null) {
          lossD = lossD.add(
              penalty.apply(penaltyContext(critic, real, fake, pass, step, penaltyRng)));
        }
        gc.backward(lossD);
      }
      optD.update(step);
      hooks.afterUpdate(TrainingHook.Side.DISCRIMINATOR, critic.parameters(), step);
      loss.afterDiscriminatorStep(realOut, fakeOut);
      float value = lossD.getFloat();
      if (report) {
        lastLossD = value;
        NDArray pr = loss.probability(realOut.scores());
        NDArray pf = loss.probability(fakeOut.scores());
        lastDReal = pr.mean().getFloat();
        lastDFake = pf.mean().getFloat();
        lastSeparated = pr.min().getFloat() > pf.max().getFloat();
      }
      return value;
    }
  }

  /** One generator update on m fresh noise samples; D's parameters are not updated. Returns G's loss. */
  float generatorStep() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray z = noise(m, step);
      // The classes asked for (uniform), or InfoGAN's codes, read from z.
      NDArray asked = conditioning.asked(z, classes > 0 ? randomLabels(m, step) : null);
      NDArray real = null;
      if (loss.generatorNeedsReal()) {
        NDArray batch = sampler.next(m, step);
        real = conditioning.criticInput(
            hooks.discriminatorInput(classes > 0 ? samplesOf(batch) : batch, step),
            classes > 0 ? labelsOf(batch, step) : null, sampleShape);
      }
      zeroGradients(generators.parameters());
      critic.setTrainable(false);
      NDArray lossG;
      Critique fakeFull;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray fake = conditioning.criticInput(hooks.discriminatorInput(
            generators.forward(conditioning.generatorInput(z, asked), pass), step), asked,
            sampleShape);
        fakeFull = critic.critique(fake, pass);
        Critique fakeOut = conditioning.adversarial(fakeFull, loss.outputs());
        Critique realOut = real == null
            ? null : conditioning.adversarial(critic.critique(real, pass), loss.outputs());
        lossG = loss.generatorLoss(fakeOut, realOut);
        NDArray classTerm = conditioning.generatorClassLoss(fakeFull, asked, loss.outputs());
        if (classTerm != null) {
          lossG = lossG.add(classTerm);
        }
        gc.backward(lossG);
      } finally {
        critic.setTrainable(true);
      }
      optG.update(step);
      hooks.afterUpdate(TrainingHook.Side.GENERATOR, generators.parameters(), step);
      generators.updateAverage(step);
      NDArray bound = conditioning.informationBound(fakeFull, asked, loss.outputs());
      if (bound != null) {
        lastBound = bound.getFloat();
      }
      lastLossG = lossG.getFloat();
      return lastLossG;
    }
  }

  /** What a penalty reads for one discriminator update of {@code critic}. */
  static PenaltyContext penaltyContext(
      Critic critic, NDArray real, NDArray fake, Pass pass, NDManager step, Rng penaltyRng) {
    return new PenaltyContext() {
      @Override
      public NDArray real() {
        return real;
      }

      @Override
      public NDArray fake() {
        return fake;
      }

      @Override
      public NDArray inputGradient(NDArray x) {
        return critic.inputGradient(x, pass);
      }

      @Override
      public int pack() {
        return critic.pack();
      }

      @Override
      public NDManager manager() {
        return step;
      }

      @Override
      public Rng rng() {
        return penaltyRng;
      }
    };
  }

  private record SavedDiscriminator(
      Map<String, NDArray> tensors, long updates, Map<String, Double> lossState) {}

  private Object saveDiscriminator() {
    Map<String, NDArray> copies = new LinkedHashMap<>();
    discriminatorTensors().forEach((name, array) -> copies.put(name, array.duplicate()));
    return new SavedDiscriminator(copies, optD.updates(), new LinkedHashMap<>(loss.state()));
  }

  private void restoreDiscriminator(Object saved) {
    SavedDiscriminator s = (SavedDiscriminator) saved;
    discriminatorTensors().forEach((name, array) -> {
      NDArray copy = s.tensors().get(name);
      array.set(ALL, copy);
      copy.close();
    });
    optD.setUpdates(s.updates());
    loss.restoreState(s.lossState());
  }

  private Map<String, NDArray> discriminatorTensors() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    critic.parameters().forEach(p -> out.put("p." + p.name(), p.array()));
    critic.buffers().forEach((k, v) -> out.put("b." + k, v));
    optD.state().forEach((k, v) -> out.put("o." + k, v));
    return out;
  }

  // The samples of a labelled batch: every column but the last.
  private NDArray samplesOf(NDArray batch) {
    return batch.get(new NDIndex(":, :" + dataDim));
  }

  // The one-hot classes of a labelled batch, from its last column.
  private NDArray labelsOf(NDArray batch, NDManager step) {
    return Conditioning.oneHot(batch.get(new NDIndex(":, " + dataDim)), classes, step);
  }

  // Classes for generated samples: uniform, from the checkpointed stream "labels".
  private NDArray randomLabels(int n, NDManager step) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = labelRng.nextInt(classes);
    }
    return Conditioning.oneHot(HostArrays.upload(step, y, new Shape(n)), classes, step);
  }

  private NDArray noise(int n, NDManager step) {
    return noise.draw(this, n, noiseRng, step);
  }

  /**
   * A model's latent vectors for one step: one reused host buffer, filled by the model's {@link
   * GanModel#fillNoise} and uploaded through {@link HostArrays}, so no native memory outlives the
   * step.
   */
  static final class NoiseBuffer {
    private float[] buffer;

    NDArray draw(GanModel model, int n, Rng rng, NDManager step) {
      int width = model.latentDim();
      if (buffer == null || buffer.length != n * width) {
        buffer = new float[n * width];
      }
      model.fillNoise(buffer, rng);
      return HostArrays.upload(step, buffer, new Shape(n, width));
    }
  }

  @Override
  public void fillNoise(float[] z, Rng rng) {
    codes.fillLatent(config.model(), z, rng);
  }

  @Override
  public LatentCodes codes() {
    return codes;
  }

  @Override
  public int latentDim() {
    return latentDim;
  }

  @Override
  public NDArray sample(NDArray z, Pass pass) {
    if (classes == 0) {
      return generators.sample(z, pass);
    }
    // Unspecified classes: balanced, sample i of class i mod K.
    return sample(z, GeneratorSet.balancedClasses(Math.toIntExact(z.getShape().get(0)), classes),
        pass);
  }

  @Override
  public NDArray sample(NDArray z, int[] labels, Pass pass) {
    if (classes == 0) {
      return generators.sample(z, pass);
    }
    // Every labelled conditioning puts the one-hot class after z in G's input.
    return generators.sample(GeneratorSet.withClasses(z, labels, classes), pass);
  }

  @Override
  public int classes() {
    return classes;
  }

  static void zeroGradients(List<Parameter> params) {
    for (Parameter p : params) {
      // In place, without handing out a new handle per parameter (GradientCollector.zeroGradients leaks).
      JniUtils.zeroGrad((PtNDArray) p.array());
    }
  }

  @Override
  public GeneratorSet generators() {
    return generators;
  }

  @Override
  public Critic discriminator() {
    return critic;
  }

  @Override
  public GanLoss loss() {
    return loss;
  }

  @Override
  public Map<String, ParameterOptimizer> optimizers() {
    return optimizers;
  }

  @Override
  public Map<String, NDArray> tensors() {
    Map<String, NDArray> out = new LinkedHashMap<>(generators.tensors());
    putTensors(out, "discriminator.", critic.parameters(), critic.buffers());
    return out;
  }

  /**
   * Puts a network's parameters in {@code out} as {@code prefix + name} and its buffers as {@code
   * prefix + "buffer." + name}: how checkpoints name every network but the generators.
   */
  static void putTensors(Map<String, NDArray> out, String prefix, List<Parameter> parameters,
      Map<String, NDArray> buffers) {
    for (Parameter p : parameters) {
      out.put(prefix + p.name(), p.array());
    }
    buffers.forEach((k, v) -> out.put(prefix + "buffer." + k, v));
  }

  @Override
  public Map<String, Double> state() {
    Map<String, Double> out = new LinkedHashMap<>();
    loss.state().forEach((k, v) -> out.put("loss." + k, v));
    return out;
  }

  @Override
  public void restoreState(Map<String, Double> state) {
    Map<String, Double> lossState = new LinkedHashMap<>();
    state.forEach((k, v) -> {
      if (k.startsWith("loss.")) {
        lossState.put(k.substring(5), v);
      }
    });
    loss.restoreState(lossState);
  }
}
