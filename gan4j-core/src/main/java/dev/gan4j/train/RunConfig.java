package dev.gan4j.train;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.loss.GanLosses;
import dev.gan4j.nn.Activation;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a training run, fully resolved: written to {@code config.json} in each run
 * directory, and enough (with the data) to reproduce the run's losses on the same machine. Each record
 * validates itself at construction and names the offending field.
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
    Optim optim,
    Loop loop,
    Output output,
    Eval eval) {

  /** Checks presence of every section. */
  public RunConfig {
    require(data, "data");
    require(model, "model");
    require(loss, "loss");
    require(optim, "optim");
    require(loop, "loop");
    require(output, "output");
    require(eval, "eval");
  }

  /** A copy with another loop section. */
  public RunConfig withLoop(Loop newLoop) {
    return new RunConfig(preset, seed, data, model, loss, optim, newLoop, output, eval);
  }

  /**
   * Where the real samples come from.
   *
   * @param name {@code mnist}, {@code fashion-mnist}, {@code ring8} or {@code grid25}
   * @param size for 2-D mixtures, how many points are drawn once into the training pool
   */
  public record Data(String name, int size) {
    /** Validates the fields. */
    public Data {
      require(name, "data.name");
      if (!TrainingSet.names().contains(name)) {
        throw new InvalidConfigException(
            "data.name: unknown dataset '" + name + "'; known: " + TrainingSet.names());
      }
      atLeast(size, 1, "data.size");
    }
  }

  /**
   * The two networks and the latent prior.
   *
   * @param latentDim the dimension of z
   * @param prior {@code normal} (N(0, I)) or {@code uniform} (U(-1, 1))
   * @param generator the generator's hidden layers
   * @param discriminator the discriminator's hidden layers
   * @param generatorOutput the generator's output activation: {@code tanh} for data in [-1, 1] (images),
   *     {@code identity} for unbounded data (2-D mixtures: the grid reaches ±4)
   */
  public record Model(
      int latentDim, String prior, Net generator, Net discriminator, String generatorOutput) {
    /** Allowed priors. */
    public static final List<String> PRIORS = List.of("normal", "uniform");

    /** Allowed generator outputs. */
    public static final List<String> OUTPUTS = List.of("tanh", "identity");

    /** Validates the fields. */
    public Model {
      atLeast(latentDim, 1, "model.latentDim");
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
    }
  }

  /**
   * A multilayer perceptron's hidden layers.
   *
   * @param hidden widths of the hidden layers
   * @param activation {@code relu} or {@code leaky-relu}
   * @param leakySlope LeakyReLU's slope for negative inputs, in [0, 1)
   * @param dropout dropout probability after each hidden layer while training, in [0, 1)
   */
  public record Net(int[] hidden, String activation, float leakySlope, float dropout) {
    /** Validates the fields. */
    public Net {
      require(hidden, "hidden");
      hidden = hidden.clone();
      for (int h : hidden) {
        atLeast(h, 1, "hidden layer width");
      }
      Activation.of(require(activation, "activation"));
      if (!(leakySlope >= 0 && leakySlope < 1)) {
        throw new InvalidConfigException("leakySlope must be in [0, 1), got " + leakySlope);
      }
      if (!(dropout >= 0 && dropout < 1)) {
        throw new InvalidConfigException("dropout must be in [0, 1), got " + dropout);
      }
    }

    @Override
    public int[] hidden() {
      return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Net n
          && Arrays.equals(hidden, n.hidden)
          && activation.equals(n.activation)
          && Float.compare(leakySlope, n.leakySlope) == 0
          && Float.compare(dropout, n.dropout) == 0;
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(hidden) + Objects.hash(activation, leakySlope, dropout);
    }

    @Override
    public String toString() {
      return "Net" + Arrays.toString(hidden) + " " + activation + " dropout " + dropout;
    }
  }

  /**
   * The objective.
   *
   * @param name a registered loss name, see {@link GanLosses#names()}
   * @param labelSmoothing one-sided label smoothing s in [0, 1): D's real target becomes 1 - s/2
   */
  public record Loss(String name, float labelSmoothing) {
    /** Validates the fields. */
    public Loss {
      require(name, "loss.name");
      GanLosses.byName(name, labelSmoothing);
    }
  }

  /**
   * One network's optimizer.
   *
   * @param name {@code adam} or {@code sgd}
   * @param lr learning rate, > 0
   * @param beta1 Adam's first-moment decay, in [0, 1)
   * @param beta2 Adam's second-moment decay, in [0, 1)
   * @param momentum SGD's momentum, in [0, 1)
   * @param eps Adam's epsilon, > 0
   */
  public record Optimizer(
      String name, float lr, float beta1, float beta2, float momentum, float eps) {
    /** Allowed optimizer names. */
    public static final List<String> NAMES = List.of("adam", "sgd");

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
   * @param batchSize m, the real and the noise minibatch size
   * @param dSteps k, discriminator updates per generator update
   */
  public record Loop(int steps, int batchSize, int dSteps) {
    /** Validates the fields. */
    public Loop {
      atLeast(steps, 1, "loop.steps");
      atLeast(batchSize, 1, "loop.batchSize");
      atLeast(dSteps, 1, "loop.dSteps");
    }
  }

  /**
   * What a run writes, and how often (in iterations).
   *
   * @param logEvery a metrics.csv row every N iterations
   * @param sampleEvery a sample picture every N iterations
   * @param checkpointEvery a checkpoint every N iterations (and always at the end)
   * @param keepCheckpoints how many of the newest checkpoints to keep
   * @param gridSamples how many fixed-noise samples each picture shows
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
    }
  }

  /**
   * Measurements while training, and the collapse alarm.
   *
   * @param every evaluate the generator every N iterations (and at the end); 0 turns it off
   * @param metrics comma-separated metric names, blank for the dataset's defaults ({@code fd-lenet,
   *     classes} for images, {@code mixture} for 2-D data)
   * @param samples how many generated samples each evaluation measures, >= 2
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
      atLeast(separationWindow, 0, "eval.separationWindow");
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
