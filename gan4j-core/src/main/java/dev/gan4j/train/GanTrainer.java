package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.nn.Pass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop: runs iterations of the config's model family, checkpoints and restores the whole
 * state, and calls listeners. It updates no network itself: the family's {@link GanModel} owns its
 * discriminator and generator steps (Algorithm 1 of Goodfellow et al. 2014 for the {@code gan} family,
 * {@link AlgorithmOneGan}), and stabilizers that act between steps are {@link TrainingHook}s.
 *
 * <p>Engine discipline: every step's temporaries live in a sub-manager closed at the end of the step;
 * networks, optimizer state and the real data live in the trainer's manager, closed by {@link #close}.
 *
 * <pre>{@code try (GanTrainer t = new GanTrainer(config, TrainingSet.load(...))) { t.train(listeners); }}</pre>
 */
public final class GanTrainer implements AutoCloseable {
  private final RunConfig config;
  private final TrainingSet data;
  private final NDManager manager;
  private final MinibatchSampler sampler;
  private final Map<String, Rng> streams = new LinkedHashMap<>();
  private final TrainingHooks hooks;
  private final GanModel model;
  private long iteration;
  private double wallSeconds;
  private double lrScale = 1.0;
  private volatile boolean stopRequested;

  /**
   * Builds the config's model family (networks, loss, optimizers) with {@code data} as the real
   * samples.
   *
   * @throws dev.gan4j.InvalidConfigException when the run cannot fit in memory ({@link
   *     MemoryEstimate}), before anything is allocated
   */
  public GanTrainer(RunConfig config, TrainingSet data) {
    MemoryEstimate.of(config, data.count()).check();
    Engines.init();
    this.config = config;
    this.data = data;
    manager = NDManager.newBaseManager();
    try {
      ModelFamily family = ModelFamilies.byName(config.model().family());
      boolean labelled = family.usesLabels();
      if (labelled && !data.hasLabels()) {
        throw new dev.gan4j.InvalidConfigException("model.family " + family.name() + " trains on"
            + " class labels, and dataset " + data.name() + " has none (a folder needs one"
            + " subfolder per class)");
      }
      // A family that uses labels gets each sample's class as a last column, so shuffling, packing
      // and checkpointed sampler positions keep every label with its sample.
      NDArray all = labelled
          ? HostArrays.upload(manager, withLabelColumn(data), new Shape(data.count(), data.dim() + 1))
          : HostArrays.upload(manager, data.values(), new Shape(data.count(), data.dim()));
      sampler = new MinibatchSampler(all, config.seed());
      ModelContext.RandomStreams randomStreams =
          new ModelContext.RandomStreams() {
            @Override
            public Rng stream(String name) {
              return streams.computeIfAbsent(name, n -> Rng.derive(config.seed(), n));
            }

            @Override
            public void register(String name, Rng rng) {
              if (streams.putIfAbsent(name, rng) != null) {
                throw new IllegalStateException("random stream '" + name + "' registered twice");
              }
            }
          };
      TrainingHook.TrainingState state =
          new TrainingHook.TrainingState() {
            @Override
            public long iteration() {
              return iteration;
            }

            @Override
            public long totalIterations() {
              return config.loop().steps();
            }

            @Override
            public Map<String, ParameterOptimizer> optimizers() {
              return model.optimizers();
            }

            @Override
            public double learningRateScale() {
              return lrScale;
            }
          };
      hooks = TrainingHooks.forConfig(config, state, randomStreams::stream);
      model =
          family.create(
              new ModelContext(config, data.sampleShape(), sampler, manager, hooks, randomStreams,
                  labelled ? data.classes() : 0));
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  private static float[] withLabelColumn(TrainingSet data) {
    int d = data.dim();
    float[] out = new float[Math.multiplyExact(data.count(), d + 1)];
    for (int i = 0; i < data.count(); i++) {
      System.arraycopy(data.values(), i * d, out, i * (d + 1), d);
      out[i * (d + 1) + d] = data.labels()[i];
    }
    return out;
  }

  /** Runs iterations until {@code config.loop().steps()} are done, notifying {@code listeners}. */
  public void train(List<? extends GanTrainingListener> listeners) {
    Engines.init(); // this thread's autograd switch off, when it is not the one that built the trainer
    for (GanTrainingListener l : listeners) {
      l.onStart(this);
    }
    RuntimeException failure = null;
    try {
      long total = config.loop().steps();
      while (iteration < total && !stopRequested && !Thread.currentThread().isInterrupted()) {
        StepResult r = step();
        for (GanTrainingListener l : listeners) {
          l.onStep(this, r);
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    // Every listener ends, even after a failure (a last checkpoint, a session-end line); the first
    // failure is the one reported, later ones ride along as suppressed.
    for (GanTrainingListener l : listeners) {
      try {
        l.onEnd(this);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else if (failure != e) {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Asks {@link #train} to return after the iteration in progress, its listeners' {@code onEnd}
   * included (a checkpoint is written): what a signal handler calls. Safe from any thread.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** Whether {@link #requestStop} was called. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** One iteration of the model family (Algorithm 1 for {@code gan}), with the hooks around it. */
  public StepResult step() {
    long t0 = System.nanoTime();
    hooks.beforeIteration();
    GanModel.IterationStats s = model.iterate();
    iteration++;
    double seconds = (System.nanoTime() - t0) / 1e9;
    wallSeconds += seconds;
    return new StepResult(
        iteration,
        sampler.epochProgress(),
        s.lossD(),
        s.lossG(),
        s.dReal(),
        s.dFake(),
        config.loop().batchSize() / Math.max(seconds, 1e-9),
        wallSeconds,
        s.separated(),
        s.lossState());
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
      NDArray zs = HostArrays.upload(step, z, new Shape(n, model.latentDim()));
      return model.sample(zs, Pass.inference(step)).toFloatArray();
    }
  }

  /**
   * The generator's outputs for latent vectors and the classes asked for (a conditional model; an
   * unconditional one ignores {@code labels}).
   */
  public float[] generate(float[] z, int n, int[] labels) {
    try (NDManager step = manager.newSubManager()) {
      NDArray zs = HostArrays.upload(step, z, new Shape(n, model.latentDim()));
      return model.sample(zs, labels, Pass.inference(step)).toFloatArray();
    }
  }

  /** Latent vectors from the configured prior: n × latentDim values, row-major. */
  public float[] drawNoise(int n, Rng rng) {
    float[] z = new float[n * model.latentDim()];
    model.fillNoise(z, rng);
    return z;
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

  /** The model the family built: its networks, loss and optimizers. */
  public GanModel model() {
    return model;
  }

  /** The stabilizer hooks of this run, in calling order. */
  public TrainingHooks hooks() {
    return hooks;
  }

  /** The generator side (one or several generators, weight averages). */
  public GeneratorSet generators() {
    return model.generators();
  }

  /** The discriminator. */
  public Critic discriminator() {
    return model.discriminator();
  }

  /** The objective. */
  public GanLoss loss() {
    return model.loss();
  }

  /** The generator's optimizer. */
  public ParameterOptimizer generatorOptimizer() {
    return model.optimizers().get(GanModel.GENERATOR);
  }

  /** The discriminator's optimizer. */
  public ParameterOptimizer discriminatorOptimizer() {
    return model.optimizers().get(GanModel.DISCRIMINATOR);
  }

  /**
   * Multiplies every learning rate by {@code factor} from now on, schedules included (a rollback after
   * a divergence halves them); checkpoints keep the accumulated factor.
   */
  public void scaleLearningRates(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be > 0, got " + factor);
    }
    lrScale *= factor;
    for (ParameterOptimizer opt : model.optimizers().values()) {
      opt.setLearningRate((float) (opt.learningRate() * factor));
    }
  }

  /** The factor on the configured learning rates (1 unless {@link #scaleLearningRates} was called). */
  public double learningRateScale() {
    return lrScale;
  }

  /**
   * The first loss, weight or optimizer tensor that is NaN or infinite, named, or empty when all are
   * finite. Reads each tensor's finiteness on the engine (one small result per tensor).
   */
  public java.util.Optional<String> firstNonFinite() {
    try (NDManager step = manager.newSubManager()) {
      for (Map.Entry<String, NDArray> e : liveTensors().entrySet()) {
        // Results land in their first operand's manager: move each into the step's at once.
        NDArray nan = e.getValue().isNaN();
        nan.attach(step);
        NDArray inf = e.getValue().isInfinite();
        inf.attach(step);
        if (nan.logicalOr(inf).any().getBoolean()) {
          return java.util.Optional.of(e.getKey());
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** A full copy of the training state; see {@link #restore}. */
  public TrainerSnapshot snapshot() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("iteration", iteration);
    model.optimizers().forEach((role, opt) -> counters.put("optimizer." + role + ".updates", opt.updates()));
    counters.put("sampler.epoch", (long) sampler.epoch());
    counters.put("sampler.cursor", (long) sampler.cursor());
    if (model.classes() > 0) {
      counters.put(TrainerSnapshot.CLASSES, (long) model.classes()); // for samplers of the run
    }
    Map<String, long[]> rngs = new LinkedHashMap<>();
    streams.forEach((name, rng) -> rngs.put(name, rng.state()));
    Map<String, Double> doubles = new LinkedHashMap<>();
    doubles.put(TrainerSnapshot.WALL_SECONDS, wallSeconds);
    doubles.put(TrainerSnapshot.LR_SCALE, lrScale);
    doubles.putAll(model.state());
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
   * @throws dev.gan4j.RunDirectoryException if the snapshot does not fit these networks and data,
   *     or its counters are impossible (those are checked before any state changes)
   */
  public void restore(TrainerSnapshot s) {
    long epoch = counter(s, "sampler.epoch");
    long cursor = counter(s, "sampler.cursor");
    if (counter(s, "iteration") < 0 || epoch < 0 || epoch > Integer.MAX_VALUE || cursor < 0
        || cursor >= data.count()) {
      throw new dev.gan4j.RunDirectoryException("checkpoint counters are impossible for this run:"
          + " iteration " + s.counters().get("iteration") + ", sampler.epoch " + epoch
          + ", sampler.cursor " + cursor + " (the data holds " + data.count() + " samples)");
    }
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
    model.optimizers().forEach((role, opt) -> {
      Long updates = s.counters().get("optimizer." + role + ".updates");
      if (updates == null) {
        throw new dev.gan4j.RunDirectoryException(
            "checkpoint has no update count for the " + role + " optimizer");
      }
      opt.setUpdates(updates);
    });
    sampler.restore((int) epoch, (int) cursor);
    streams.forEach(
        (name, rng) -> {
          long[] state = s.rngStates().get(name);
          if (state != null) { // streams added by newer versions start fresh in older checkpoints
            rng.setState(state);
          }
        });
    wallSeconds = s.wallSeconds();
    lrScale = s.doubles().getOrDefault(TrainerSnapshot.LR_SCALE, 1.0);
    for (ParameterOptimizer opt : model.optimizers().values()) {
      opt.setLearningRate((float) (opt.baseLearningRate() * lrScale)); // schedules reapply theirs
    }
    model.restoreState(s.doubles());
  }

  private static long counter(TrainerSnapshot s, String name) {
    Long v = s.counters().get(name);
    if (v == null) {
      throw new dev.gan4j.RunDirectoryException("checkpoint has no counter '" + name + "'");
    }
    return v;
  }

  private Map<String, NDArray> liveTensors() {
    Map<String, NDArray> out = new LinkedHashMap<>(model.tensors());
    model.optimizers().forEach(
        (role, opt) -> opt.state().forEach((k, v) -> out.put("optimizer." + role + "." + k, v)));
    return out;
  }

  /** Arrays the trainer's manager holds between steps: the same count after every step. */
  int liveArrayCount() {
    return manager.getManagedArrays().size();
  }

  @Override
  public void close() {
    manager.close();
  }
}
