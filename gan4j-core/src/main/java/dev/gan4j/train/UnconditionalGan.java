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
public final class UnconditionalGan implements GanModel {
  /** The family, registered as {@code gan}. */
  public static final ModelFamily FAMILY =
      new ModelFamily() {
        @Override
        public String name() {
          return "gan";
        }

        @Override
        public String description() {
          return "unconditional GAN (Goodfellow et al. 2014) with the loss, penalty and stabilizer zoo";
        }

        @Override
        public GanModel create(ModelContext context) {
          return new UnconditionalGan(context);
        }
      };

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
  private final Rng noiseRng;
  private final Rng dropoutRng;
  private final Rng penaltyRng;
  private final int m;
  private final int latentDim;
  private float[] noiseBuffer;
  private boolean report = true;
  private float lastLossD;
  private float lastLossG;
  private float lastDReal;
  private float lastDFake;
  private boolean lastSeparated;

  /** Builds the networks, loss, penalty and optimizers a context's config describes. */
  public UnconditionalGan(ModelContext context) {
    this.config = context.config();
    this.manager = context.manager();
    this.sampler = context.sampler();
    this.hooks = context.hooks();
    this.m = config.loop().batchSize();
    this.latentDim = config.model().latentDim();
    loss = lossFor(config);
    Rng initRng = Rng.derive(config.seed(), "init");
    generators = GeneratorSet.forConfig(config, context.sampleShape(), manager, initRng);
    critic = Critic.forConfig(config, context.sampleShape(), loss, manager, initRng);
    penalty = Penalties.byName(config.penalty().name(), config.penalty().weight());
    optG = ParameterOptimizer.create(config.optim().generator(), generators.parameters(), manager);
    optD = ParameterOptimizer.create(config.optim().discriminator(), critic.parameters(), manager);
    optimizers.put(GENERATOR, optG);
    optimizers.put(DISCRIMINATOR, optD);
    strategy = StepStrategy.forConfig(config);
    noiseRng = context.stream("noise");
    dropoutRng = context.stream("dropout");
    penaltyRng = context.stream("penalty");
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
    return new IterationStats(
        lastLossD, lastLossG, lastDReal, lastDFake, lastSeparated, loss.state());
  }

  private final StepStrategy.Steps steps =
      new StepStrategy.Steps() {
        @Override
        public void discriminatorStep() {
          UnconditionalGan.this.discriminatorStep();
        }

        @Override
        public void generatorStep() {
          UnconditionalGan.this.generatorStep();
        }

        @Override
        public int dSteps() {
          return config.loop().dSteps();
        }

        @Override
        public Object saveDiscriminator() {
          return UnconditionalGan.this.saveDiscriminator();
        }

        @Override
        public void restoreDiscriminator(Object saved) {
          UnconditionalGan.this.restoreDiscriminator(saved);
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
      NDArray real = hooks.discriminatorInput(sampler.next(m, step), step);
      // Outside a gradient collector no graph is recorded: G's forward pass is a constant here.
      NDArray fake = hooks.discriminatorInput(generators.forward(noise(m, step), pass), step);
      zeroGradients(critic.parameters());
      NDArray lossD;
      Critique realOut;
      Critique fakeOut;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        realOut = critic.critique(real, pass);
        fakeOut = critic.critique(fake, pass);
        lossD = loss.discriminatorLoss(realOut, fakeOut);
        if (penalty != null) {
          lossD = lossD.add(penalty.apply(penaltyContext(real, fake, pass, step)));
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
      NDArray real =
          loss.generatorNeedsReal() ? hooks.discriminatorInput(sampler.next(m, step), step) : null;
      zeroGradients(generators.parameters());
      critic.setTrainable(false);
      NDArray lossG;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray fake = hooks.discriminatorInput(generators.forward(z, pass), step);
        Critique fakeOut = critic.critique(fake, pass);
        Critique realOut = real == null ? null : critic.critique(real, pass);
        lossG = loss.generatorLoss(fakeOut, realOut);
        gc.backward(lossG);
      } finally {
        critic.setTrainable(true);
      }
      optG.update(step);
      hooks.afterUpdate(TrainingHook.Side.GENERATOR, generators.parameters(), step);
      generators.updateAverage(step);
      lastLossG = lossG.getFloat();
      return lastLossG;
    }
  }

  private PenaltyContext penaltyContext(NDArray real, NDArray fake, Pass pass, NDManager step) {
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

  private NDArray noise(int n, NDManager step) {
    // One reused host buffer, uploaded through HostArrays so no native memory outlives the step.
    if (noiseBuffer == null || noiseBuffer.length != n * latentDim) {
      noiseBuffer = new float[n * latentDim];
    }
    fillNoise(noiseBuffer, noiseRng);
    return HostArrays.upload(step, noiseBuffer, new Shape(n, latentDim));
  }

  @Override
  public void fillNoise(float[] z, Rng rng) {
    GeneratorSet.fillNoise(config.model(), z, rng);
  }

  @Override
  public int latentDim() {
    return latentDim;
  }

  @Override
  public NDArray sample(NDArray z, Pass pass) {
    return generators.sample(z, pass);
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
    for (Parameter p : critic.parameters()) {
      out.put("discriminator." + p.name(), p.array());
    }
    critic.buffers().forEach((k, v) -> out.put("discriminator.buffer." + k, v));
    return out;
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
