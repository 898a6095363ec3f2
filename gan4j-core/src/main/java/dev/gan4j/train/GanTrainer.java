package dev.gan4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.loss.GanLosses;
import dev.gan4j.nn.Activation;
import dev.gan4j.nn.Mlp;
import dev.gan4j.nn.MlpSpec;
import dev.gan4j.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Algorithm 1 of Goodfellow et al. 2014: each iteration, k discriminator steps, each on m fresh noise
 * samples and m real samples, then one generator step on m fresh noise samples. The discriminator step is
 * {@link #discriminatorStep()}, the generator step {@link #generatorStep()}; {@link #step()} is one
 * iteration and {@link #train} the loop.
 *
 * <p>Engine discipline: every step's temporaries live in a sub-manager closed at the end of the step;
 * gradients are zeroed in place before each backward pass (the PyTorch engine accumulates them); the
 * generator's forward pass for D's step runs without recording a graph, and D's parameters stop requiring
 * gradients during G's step, so neither network's step computes, let alone applies, the other's update.
 *
 * <pre>{@code try (GanTrainer t = new GanTrainer(config, TrainingSet.load(...))) { t.train(listeners); }}</pre>
 */
public final class GanTrainer implements AutoCloseable {
  private final RunConfig config;
  private final TrainingSet data;
  private final NDManager manager;
  private final Mlp generator;
  private final Mlp discriminator;
  private final GanLoss loss;
  private final ParameterOptimizer optG;
  private final ParameterOptimizer optD;
  private final MinibatchSampler sampler;
  private final Rng noiseRng;
  private final Rng dropoutRng;
  private final int m;
  private final int latentDim;
  private float[] noiseBuffer;
  private long iteration;
  private double wallSeconds;
  private float lastLossD;
  private float lastDReal;
  private float lastDFake;
  private boolean lastSeparated;

  /** Builds both networks and optimizers from {@code config}, with {@code data} as the real samples. */
  public GanTrainer(RunConfig config, TrainingSet data) {
    Engines.init();
    this.config = config;
    this.data = data;
    this.m = config.loop().batchSize();
    this.latentDim = config.model().latentDim();
    manager = NDManager.newBaseManager();
    Rng initRng = Rng.derive(config.seed(), "init");
    generator = new Mlp(generatorSpec(config, data.dim()), manager, initRng);
    discriminator = new Mlp(discriminatorSpec(config, data.dim()), manager, initRng);
    loss = GanLosses.byName(config.loss().name(), config.loss().labelSmoothing());
    optG = ParameterOptimizer.create(config.optim().generator(), generator.parameters(), manager);
    optD =
        ParameterOptimizer.create(
            config.optim().discriminator(), discriminator.parameters(), manager);
    NDArray all = manager.create(data.values(), new Shape(data.count(), data.dim()));
    sampler = new MinibatchSampler(all, config.seed());
    noiseRng = Rng.derive(config.seed(), "noise");
    dropoutRng = Rng.derive(config.seed(), "dropout");
  }

  /** The generator network a config describes: latent → hidden → data, output per config. */
  public static MlpSpec generatorSpec(RunConfig config, int dataDim) {
    RunConfig.Net g = config.model().generator();
    return new MlpSpec(
        config.model().latentDim(),
        g.hidden(),
        dataDim,
        Activation.of(g.activation()),
        g.leakySlope(),
        Activation.of(config.model().generatorOutput()),
        g.dropout());
  }

  /** The discriminator network a config describes: data → hidden → one logit. */
  public static MlpSpec discriminatorSpec(RunConfig config, int dataDim) {
    RunConfig.Net d = config.model().discriminator();
    return new MlpSpec(
        dataDim,
        d.hidden(),
        1,
        Activation.of(d.activation()),
        d.leakySlope(),
        Activation.IDENTITY,
        d.dropout());
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

  /** One iteration: k discriminator steps, then one generator step. */
  public StepResult step() {
    long t0 = System.nanoTime();
    for (int i = 0; i < config.loop().dSteps(); i++) {
      discriminatorStep();
    }
    float lossG = generatorStep();
    iteration++;
    double seconds = (System.nanoTime() - t0) / 1e9;
    wallSeconds += seconds;
    return new StepResult(
        iteration,
        sampler.epochProgress(),
        lastLossD,
        lossG,
        lastDReal,
        lastDFake,
        m / Math.max(seconds, 1e-9),
        wallSeconds,
        lastSeparated);
  }

  /**
   * One discriminator update on m real and m generated samples; G is not touched. Returns D's loss.
   * Package-visible so tests can check each network is untouched by the other's step.
   */
  float discriminatorStep() {
    try (NDManager step = manager.newSubManager()) {
      NDArray real = sampler.next(m, step);
      // Outside a gradient collector no graph is recorded: G's forward pass is a constant here.
      NDArray fake = generator.forward(noise(m, step), true, dropoutRng);
      zeroGradients(discriminator);
      NDArray lossD;
      NDArray realOut;
      NDArray fakeOut;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        realOut = discriminator.forward(real, true, dropoutRng);
        fakeOut = discriminator.forward(fake, true, dropoutRng);
        lossD = loss.discriminatorLoss(realOut, fakeOut);
        gc.backward(lossD);
      }
      optD.update(step);
      lastLossD = lossD.getFloat();
      lastDReal = meanOutput(realOut);
      lastDFake = meanOutput(fakeOut);
      lastSeparated = realOut.min().getFloat() > fakeOut.max().getFloat();
      return lastLossD;
    }
  }

  /** One generator update on m fresh noise samples; D's parameters are not updated. Returns G's loss. */
  float generatorStep() {
    try (NDManager step = manager.newSubManager()) {
      NDArray z = noise(m, step);
      NDArray real = loss.generatorNeedsReal() ? sampler.next(m, step) : null;
      zeroGradients(generator);
      discriminator.setTrainable(false);
      NDArray lossG;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray fakeOut = discriminator.forward(generator.forward(z, true, dropoutRng), true, dropoutRng);
        NDArray realOut = real == null ? null : discriminator.forward(real, true, dropoutRng);
        lossG = loss.generatorLoss(fakeOut, realOut);
        gc.backward(lossG);
      } finally {
        discriminator.setTrainable(true);
      }
      optG.update(step);
      return lossG.getFloat();
    }
  }

  /** {@code n} samples from the generator for noise drawn from {@code rng}; no graph, no dropout. */
  public float[] generate(int n, Rng rng) {
    return generate(drawNoise(n, rng), n);
  }

  /** The generator's outputs for the given latent vectors (n × latentDim, row-major). */
  public float[] generate(float[] z, int n) {
    try (NDManager step = manager.newSubManager()) {
      NDArray zs = HostArrays.upload(step, z, new Shape(n, latentDim));
      return generator.forward(zs, false, null).toFloatArray();
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
    if ("uniform".equals(config.model().prior())) {
      rng.fillUniform(z, -1f, 1f);
    } else {
      rng.fillGaussian(z);
    }
  }

  private float meanOutput(NDArray out) {
    NDArray v = loss.outputsAreLogits() ? out.getNDArrayInternal().sigmoid() : out;
    return v.mean().getFloat();
  }

  private static void zeroGradients(Mlp net) {
    for (Parameter p : net.parameters()) {
      // In place, without handing out a new handle per parameter (GradientCollector.zeroGradients leaks).
      ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.array());
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

  /** The generator network. */
  public Mlp generator() {
    return generator;
  }

  /** The discriminator network. */
  public Mlp discriminator() {
    return discriminator;
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
    rngs.put("noise", noiseRng.state());
    rngs.put("dropout", dropoutRng.state());
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    liveTensors()
        .forEach(
            (name, array) -> {
              tensors.put(name, array.toFloatArray());
              shapes.put(name, array.getShape().getShape());
            });
    return new TrainerSnapshot(counters, Map.of("wallSeconds", wallSeconds), rngs, tensors, shapes);
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
    noiseRng.setState(s.rngStates().get("noise"));
    dropoutRng.setState(s.rngStates().get("dropout"));
    wallSeconds = s.doubles().getOrDefault("wallSeconds", 0.0);
  }

  private Map<String, NDArray> liveTensors() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Parameter p : generator.parameters()) {
      out.put("generator." + p.name(), p.array());
    }
    for (Parameter p : discriminator.parameters()) {
      out.put("discriminator." + p.name(), p.array());
    }
    optG.state().forEach((k, v) -> out.put("optimizer.generator." + k, v));
    optD.state().forEach((k, v) -> out.put("optimizer.discriminator." + k, v));
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
