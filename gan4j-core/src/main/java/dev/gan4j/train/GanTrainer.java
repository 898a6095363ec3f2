package dev.gan4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.loss.Critique;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.loss.GanLosses;
import dev.gan4j.loss.Penalties;
import dev.gan4j.loss.Penalty;
import dev.gan4j.loss.PenaltyContext;
import dev.gan4j.nn.Parameter;
import dev.gan4j.nn.Pass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Algorithm 1 of Goodfellow et al. 2014: each iteration, k discriminator steps, each on m fresh noise
 * samples and m real samples, then one generator step on m fresh noise samples. The discriminator step is
 * {@link #discriminatorStep()}, the generator step {@link #generatorStep()}; {@link #step()} is one
 * iteration (put together by the config's {@link StepStrategy}) and {@link #train} the loop.
 *
 * <p>Everything the literature varies plugs in without a branch here: the objective is a {@link
 * GanLoss}, the regularizer a {@link Penalty}, the discriminator a {@link Critic}, the generator side a
 * {@link GeneratorSet} (several generators, weight averaging), the iteration a {@link StepStrategy}; weight
 * clipping and instance noise are options of the two steps.
 *
 * <p>Engine discipline: every step's temporaries live in a sub-manager closed at the end of the step;
 * gradients are zeroed in place before each backward pass (the PyTorch engine accumulates them); the
 * generator's forward pass for D's step runs without recording a graph, and D's parameters stop requiring
 * gradients during G's step, so neither network's step computes, let alone applies, the other's update.
 *
 * <pre>{@code try (GanTrainer t = new GanTrainer(config, TrainingSet.load(...))) { t.train(listeners); }}</pre>
 */
public final class GanTrainer implements AutoCloseable {
  private static final NDIndex ALL = new NDIndex("...");

  private final RunConfig config;
  private final TrainingSet data;
  private final NDManager manager;
  private final GeneratorSet generators;
  private final Critic critic;
  private final GanLoss loss;
  private final Penalty penalty;
  private final ParameterOptimizer optG;
  private final ParameterOptimizer optD;
  private final MinibatchSampler sampler;
  private final StepStrategy strategy;
  private final Map<String, Rng> streams = new LinkedHashMap<>();
  private final Rng noiseRng;
  private final Rng dropoutRng;
  private final Rng penaltyRng;
  private final Rng instanceNoiseRng;
  private final int m;
  private final int latentDim;
  private float[] noiseBuffer;
  private float[] instanceBuffer;
  private long iteration;
  private double wallSeconds;
  private boolean report = true;
  private float lastLossD;
  private float lastLossG;
  private float lastDReal;
  private float lastDFake;
  private boolean lastSeparated;

  /** Builds the networks, loss, penalty and optimizers from {@code config}, with {@code data} as the real samples. */
  public GanTrainer(RunConfig config, TrainingSet data) {
    Engines.init();
    this.config = config;
    this.data = data;
    this.m = config.loop().batchSize();
    this.latentDim = config.model().latentDim();
    manager = NDManager.newBaseManager();
    loss = lossFor(config);
    Rng initRng = Rng.derive(config.seed(), "init");
    generators = GeneratorSet.forConfig(config, data.sampleShape(), manager, initRng);
    critic = Critic.forConfig(config, data.sampleShape(), loss, manager, initRng);
    penalty = Penalties.byName(config.penalty().name(), config.penalty().weight());
    optG = ParameterOptimizer.create(config.optim().generator(), generators.parameters(), manager);
    optD = ParameterOptimizer.create(config.optim().discriminator(), critic.parameters(), manager);
    NDArray all = HostArrays.upload(manager, data.values(), new Shape(data.count(), data.dim()));
    sampler = new MinibatchSampler(all, config.seed());
    strategy = StepStrategy.forConfig(config);
    noiseRng = stream("noise");
    dropoutRng = stream("dropout");
    penaltyRng = stream("penalty");
    instanceNoiseRng = stream("instance-noise");
    loss.randomStreams().forEach((name, rng) -> streams.put("loss." + name, rng));
  }

  private Rng stream(String name) {
    Rng rng = Rng.derive(config.seed(), name);
    streams.put(name, rng);
    return rng;
  }

  /** The loss a config describes, wrapped in feature matching when asked. */
  static GanLoss lossFor(RunConfig config) {
    GanLoss base =
        GanLosses.byName(
            config.loss().name(), config.loss().settings(config.model().generators(), config.seed()));
    return config.loss().featureMatching() ? new dev.gan4j.loss.FeatureMatching(base) : base;
  }

  /** Runs iterations until {@code config.loop().steps()} are done, notifying {@code listeners}. */
  public void train(List<? extends GanTrainingListener> listeners) {
    for (GanTrainingListener l : listeners) {
      l.onStart(this);
    }
    try {
      long total = config.loop().steps();
      while (iteration < total && !Thread.currentThread().isInterrupted()) {
        StepResult r = step();
        for (GanTrainingListener l : listeners) {
          l.onStep(this, r);
        }
      }
    } finally {
      for (GanTrainingListener l : listeners) {
        l.onEnd(this);
      }
    }
  }

  /** One iteration, as the config's {@link StepStrategy} composes it (Algorithm 1 by default). */
  public StepResult step() {
    long t0 = System.nanoTime();
    float decay = config.stabilize().lrDecayTo();
    if (decay < 1f) {
      // A function of the iteration alone, so a resumed run follows the same schedule.
      double f = Math.pow(decay, (double) iteration / config.loop().steps());
      optG.setLearningRate((float) (config.optim().generator().lr() * f));
      optD.setLearningRate((float) (config.optim().discriminator().lr() * f));
    }
    strategy.iterate(steps);
    iteration++;
    double seconds = (System.nanoTime() - t0) / 1e9;
    wallSeconds += seconds;
    return new StepResult(
        iteration,
        sampler.epochProgress(),
        lastLossD,
        lastLossG,
        lastDReal,
        lastDFake,
        m / Math.max(seconds, 1e-9),
        wallSeconds,
        lastSeparated,
        loss.state());
  }

  private final StepStrategy.Steps steps =
      new StepStrategy.Steps() {
        @Override
        public void discriminatorStep() {
          GanTrainer.this.discriminatorStep();
        }

        @Override
        public void generatorStep() {
          GanTrainer.this.generatorStep();
        }

        @Override
        public int dSteps() {
          return config.loop().dSteps();
        }

        @Override
        public Object saveDiscriminator() {
          return GanTrainer.this.saveDiscriminator();
        }

        @Override
        public void restoreDiscriminator(Object saved) {
          GanTrainer.this.restoreDiscriminator(saved);
        }

        @Override
        public void reportDiscriminator(boolean on) {
          report = on;
        }
      };

  /**
   * One discriminator update on m real and m generated samples; G is not touched. Returns D's loss.
   * Package-visible so tests can check each network is untouched by the other's step.
   */
  float discriminatorStep() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray real = instanceNoise(sampler.next(m, step), step);
      // Outside a gradient collector no graph is recorded: G's forward pass is a constant here.
      NDArray fake = instanceNoise(generators.forward(noise(m, step), pass), step);
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
      if (config.loss().clip() > 0f) {
        clip(critic.parameters(), config.loss().clip());
      }
      maxNorm(critic.parameters(), config.model().discriminator().maxNorm(), step);
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
      NDArray real = loss.generatorNeedsReal() ? instanceNoise(sampler.next(m, step), step) : null;
      zeroGradients(generators.parameters());
      critic.setTrainable(false);
      NDArray lossG;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray fake = instanceNoise(generators.forward(z, pass), step);
        Critique fakeOut = critic.critique(fake, pass);
        Critique realOut = real == null ? null : critic.critique(real, pass);
        lossG = loss.generatorLoss(fakeOut, realOut);
        gc.backward(lossG);
      } finally {
        critic.setTrainable(true);
      }
      optG.update(step);
      maxNorm(generators.parameters(), config.model().generator().maxNorm(), step);
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

  // Instance noise: N(0, σ²) on every input of D, σ annealed linearly from σ₀ to 0.
  private NDArray instanceNoise(NDArray x, NDManager step) {
    float sigma = instanceNoiseLevel();
    if (sigma == 0f) {
      return x;
    }
    int n = Math.toIntExact(x.size());
    if (instanceBuffer == null || instanceBuffer.length != n) {
      instanceBuffer = new float[n];
    }
    instanceNoiseRng.fillGaussian(instanceBuffer);
    for (int i = 0; i < n; i++) {
      instanceBuffer[i] *= sigma;
    }
    return x.add(HostArrays.upload(step, instanceBuffer, x.getShape()));
  }

  /** The instance-noise standard deviation at the current iteration. */
  public float instanceNoiseLevel() {
    RunConfig.Stabilize s = config.stabilize();
    if (s.instanceNoise() == 0f) {
      return 0f;
    }
    long span = s.instanceNoiseSteps() > 0 ? s.instanceNoiseSteps() : config.loop().steps();
    return (float) (s.instanceNoise() * Math.max(0.0, 1.0 - (double) iteration / span));
  }

  // WGAN's Lipschitz constraint: every weight clipped to [-c, c] after each critic update.
  private static void clip(List<Parameter> params, float c) {
    for (Parameter p : params) {
      NDArray clipped = p.array().clip(-c, c);
      p.array().set(ALL, clipped);
      clipped.close();
    }
  }

  // The max-norm constraint: each unit's incoming weights (a column of a layer's in × out matrix, one
  // per maxout piece) scaled back to length c when longer. Biases and other tensors are left alone.
  private static void maxNorm(List<Parameter> params, float c, NDManager step) {
    if (c <= 0f) {
      return;
    }
    for (Parameter p : params) {
      NDArray w = p.array();
      if (!p.name().endsWith(".weight") || w.getShape().dimension() != 2) {
        continue;
      }
      // Results of an op land in its first operand's manager: start in the step's, not w's.
      NDArray squares = w.square();
      squares.attach(step);
      NDArray norms = squares.sum(new int[] {0}).sqrt();
      w.divi(norms.maximum(c).div(c)); // w / (max(‖w‖, c) / c): unchanged inside the ball
    }
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

  /** {@code n} samples from the generator for noise drawn from {@code rng}; no graph, no dropout. */
  public float[] generate(int n, Rng rng) {
    return generate(drawNoise(n, rng), n);
  }

  /**
   * The generator's outputs for the given latent vectors (n × latentDim, row-major), in inference mode
   * and from the averaged weights when weight averaging is on.
   */
  public float[] generate(float[] z, int n) {
    try (NDManager step = manager.newSubManager()) {
      NDArray zs = HostArrays.upload(step, z, new Shape(n, latentDim));
      return generators.sample(zs, Pass.inference(step)).toFloatArray();
    }
  }

  /** Latent vectors from the configured prior: n × latentDim values, row-major. */
  public float[] drawNoise(int n, Rng rng) {
    float[] z = new float[n * latentDim];
    fillNoise(z, rng);
    return z;
  }

  private NDArray noise(int n, NDManager step) {
    // One reused host buffer, uploaded through HostArrays so no native memory outlives the step.
    if (noiseBuffer == null || noiseBuffer.length != n * latentDim) {
      noiseBuffer = new float[n * latentDim];
    }
    fillNoise(noiseBuffer, noiseRng);
    return HostArrays.upload(step, noiseBuffer, new Shape(n, latentDim));
  }

  private void fillNoise(float[] z, Rng rng) {
    GeneratorSet.fillNoise(config.model(), z, rng);
  }

  static void zeroGradients(List<Parameter> params) {
    for (Parameter p : params) {
      // In place, without handing out a new handle per parameter (GradientCollector.zeroGradients leaks).
      JniUtils.zeroGrad((PtNDArray) p.array());
    }
  }

  /** The resolved config. */
  public RunConfig config() {
    return config;
  }

  /** The real data. */
  public TrainingSet data() {
    return data;
  }

  /** Iterations completed. */
  public long iteration() {
    return iteration;
  }

  /** The generator side (one or several generators, weight averages). */
  public GeneratorSet generators() {
    return generators;
  }

  /** The discriminator. */
  public Critic discriminator() {
    return critic;
  }

  /** The objective. */
  public GanLoss loss() {
    return loss;
  }

  /** The generator's optimizer. */
  public ParameterOptimizer generatorOptimizer() {
    return optG;
  }

  /** The discriminator's optimizer. */
  public ParameterOptimizer discriminatorOptimizer() {
    return optD;
  }

  /** A full copy of the training state; see {@link #restore}. */
  public TrainerSnapshot snapshot() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("iteration", iteration);
    counters.put("optimizer.generator.updates", optG.updates());
    counters.put("optimizer.discriminator.updates", optD.updates());
    counters.put("sampler.epoch", (long) sampler.epoch());
    counters.put("sampler.cursor", (long) sampler.cursor());
    Map<String, long[]> rngs = new LinkedHashMap<>();
    streams.forEach((name, rng) -> rngs.put(name, rng.state()));
    Map<String, Double> doubles = new LinkedHashMap<>();
    doubles.put(TrainerSnapshot.WALL_SECONDS, wallSeconds);
    loss.state().forEach((k, v) -> doubles.put("loss." + k, v));
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    liveTensors()
        .forEach(
            (name, array) -> {
              tensors.put(name, array.toFloatArray());
              shapes.put(name, array.getShape().getShape());
            });
    return new TrainerSnapshot(counters, doubles, rngs, tensors, shapes);
  }

  /**
   * Puts a snapshot's state back, so training continues exactly as the run that took it would have.
   *
   * @throws dev.gan4j.RunDirectoryException if the snapshot does not fit these networks
   */
  public void restore(TrainerSnapshot s) {
    for (Map.Entry<String, NDArray> e : liveTensors().entrySet()) {
      float[] values = s.tensors().get(e.getKey());
      long[] shape = s.shapes().get(e.getKey());
      if (values == null || shape == null || !new Shape(shape).equals(e.getValue().getShape())) {
        throw new dev.gan4j.RunDirectoryException(
            "checkpoint does not match the configured networks at tensor '" + e.getKey() + "'");
      }
      HostArrays.copyInto(e.getValue(), values);
    }
    iteration = s.counters().get("iteration");
    optG.setUpdates(s.counters().get("optimizer.generator.updates"));
    optD.setUpdates(s.counters().get("optimizer.discriminator.updates"));
    sampler.restore(
        Math.toIntExact(s.counters().get("sampler.epoch")),
        Math.toIntExact(s.counters().get("sampler.cursor")));
    streams.forEach(
        (name, rng) -> {
          long[] state = s.rngStates().get(name);
          if (state != null) { // streams added by newer versions start fresh in older checkpoints
            rng.setState(state);
          }
        });
    wallSeconds = s.wallSeconds();
    Map<String, Double> lossState = new LinkedHashMap<>();
    s.doubles().forEach((k, v) -> {
      if (k.startsWith("loss.")) {
        lossState.put(k.substring(5), v);
      }
    });
    loss.restoreState(lossState);
  }

  private Map<String, NDArray> liveTensors() {
    Map<String, NDArray> out = new LinkedHashMap<>(generators.tensors());
    for (Parameter p : critic.parameters()) {
      out.put("discriminator." + p.name(), p.array());
    }
    critic.buffers().forEach((k, v) -> out.put("discriminator.buffer." + k, v));
    optG.state().forEach((k, v) -> out.put("optimizer.generator." + k, v));
    optD.state().forEach((k, v) -> out.put("optimizer.discriminator." + k, v));
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
