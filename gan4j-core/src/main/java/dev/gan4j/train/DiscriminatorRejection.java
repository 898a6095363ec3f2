package dev.gan4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.gan4j.Gan4jException;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.nn.MlpSpec;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Normalization;
import dev.gan4j.nn.Pass;
import java.util.Arrays;

/**
 * Discriminator rejection sampling (DRS, Azadi et al. 2019): samples from a trained generator, each kept
 * with a probability that grows with the estimated density ratio p_data(x) / p_g(x), so the kept samples
 * follow the data more closely than the generator does. Off-manifold samples (the bridges a continuous
 * generator draws between the modes of a mixture) have a ratio near 0 and are dropped.
 *
 * <p>The ratio comes from a critic: a perceptron with the discriminator's hidden layers, trained with the
 * logistic loss on real samples against samples of the frozen generator. At the optimum its logit is
 * D̃(x) = log p_data(x) - log p_g(x). The paper keeps training the GAN's own discriminator with G
 * frozen; gan4j trains a fresh one, because a packed, Wasserstein, hinge or autoencoder discriminator
 * gives no per-sample log ratio, and so that the rule applies to any finished run. On low-dimensional
 * data the critic can see random Fourier features of a sample instead of its coordinates ({@code
 * sampling.criticFeatures}, Tancik et al. 2020): a perceptron on raw 2-D points learns smooth functions
 * first and does not carve out the thin bridges between modes.
 *
 * <p>The acceptance rule is the paper's. With D̃*_M the largest logit seen so far (first over a burn-in
 * of {@value #BURN_IN} proposals, then raised by every batch), a proposal's score is F(x) = D̃(x) - D̃*_M
 * - log(1 - exp(D̃(x) - D̃*_M - ε)), and it is kept with probability σ(F(x) - γ), γ the {@code
 * percentile}-th percentile of F over its proposal batch. Exact rejection sampling would keep a sample
 * with probability exp(D̃(x) - D̃*_M); the shifted logistic form still orders the samples by their
 * ratio, and γ trades the share of proposals kept against how firmly low ratios are refused.
 *
 * <pre>{@code
 * DiscriminatorRejection drs = DiscriminatorRejection.train(config, real, proposals, manager);
 * float[] kept = drs.sample(2500, 0, proposals, manager);
 * }</pre>
 */
public final class DiscriminatorRejection {
  /** Proposals drawn to estimate the largest logit before sampling starts. */
  public static final int BURN_IN = 10_000;

  /** ε of the score, which keeps the logarithm finite at the largest logit. */
  public static final double EPSILON = 1e-6;

  /** Proposals per batch while sampling, at least (a batch of n when more samples are asked for). */
  public static final int BATCH = 2_000;

  /** Sampling gives up after this many proposals per requested sample. */
  public static final int MAX_PROPOSALS_PER_SAMPLE = 1_000;

  /** Draws samples from the generator. */
  @FunctionalInterface
  public interface Proposals {
    /** {@code n} generated samples (n × dim), noise drawn from {@code rng}, arrays in {@code manager}. */
    NDArray draw(int n, Rng rng, NDManager manager);
  }

  private final Network critic;
  private final NDArray frequencies;
  private final RunConfig.Sampling settings;
  private final int dim;
  private final float finalLoss;

  private DiscriminatorRejection(Network critic, NDArray frequencies, RunConfig.Sampling settings,
      int dim, float finalLoss) {
    this.critic = critic;
    this.frequencies = frequencies;
    this.settings = settings;
    this.dim = dim;
    this.finalLoss = finalLoss;
  }

  /**
   * The critic's perceptron for a config: D's hidden widths, activation and initialization, one logit
   * out, no packing, minibatch layers, normalization, dropout or noise (each would stop the logit from
   * being a function of the one sample it scores).
   */
  static MlpSpec criticSpec(RunConfig config, int inputDim) {
    RunConfig.Net d = config.model().discriminator();
    return new MlpSpec(inputDim, d.hidden(), 1, dev.gan4j.nn.Activation.of(d.activation()),
        d.leakySlope(), dev.gan4j.nn.Activation.IDENTITY, 0f, Normalization.NONE, false, 0f, 1, 0,
        false, d.initRange());
  }

  /**
   * Trains the critic for {@code config.sampling()} against the frozen generator behind {@code
   * proposals}: {@code criticSteps} Adam steps, each on {@code loop.batchSize} real and as many
   * generated samples. Its arrays live in {@code manager}; each step's temporaries in a sub-manager.
   * Deterministic for a config's seed.
   */
  public static DiscriminatorRejection train(
      RunConfig config, TrainingSet real, Proposals proposals, NDManager manager) {
    RunConfig.Sampling s = config.sampling();
    int dim = real.dim();
    NDArray frequencies = null;
    if (s.criticFeatures() > 0) {
      // B (dim × F), entries N(0, criticFrequency²) in cycles per unit of the data (Tancik et al. 2020).
      float[] b = new float[dim * s.criticFeatures()];
      Rng.derive(config.seed(), "drs-fourier").fillGaussian(b);
      for (int i = 0; i < b.length; i++) {
        b[i] *= s.criticFrequency();
      }
      frequencies = HostArrays.upload(manager, b, new Shape(dim, s.criticFeatures()));
    }
    Network critic = Network.mlp(
        criticSpec(config, frequencies == null ? dim : 2 * s.criticFeatures()), manager,
        Rng.derive(config.seed(), "drs-init"));
    ParameterOptimizer opt = ParameterOptimizer.create(
        RunConfig.Optimizer.adam(s.criticLr(), 0.5f, 0.999f), critic.parameters(), manager);
    int m = config.loop().batchSize();
    Rng noise = Rng.derive(config.seed(), "drs-noise");
    Rng dropout = Rng.derive(config.seed(), "drs-dropout");
    float last = Float.NaN;
    try (NDManager data = manager.newSubManager()) {
      NDArray values = HostArrays.upload(data, real.values(), new Shape(real.count(), dim));
      MinibatchSampler sampler =
          new MinibatchSampler(values, Rng.derive(config.seed(), "drs-data").nextLong());
      for (int i = 0; i < s.criticSteps(); i++) {
        try (NDManager step = manager.newSubManager()) {
          Pass pass = Pass.training(step, dropout);
          NDArray x = sampler.next(m, step);
          NDArray g = proposals.draw(m, noise, step);
          AlgorithmOneGan.zeroGradients(critic.parameters());
          NDArray loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray realLogit = critic.forward(features(x, frequencies), pass).out();
            NDArray fakeLogit = critic.forward(features(g, frequencies), pass).out();
            // Logistic loss: -log σ(D̃(x)) on real, -log(1 - σ(D̃(g))) on generated samples.
            loss = Activation.softPlus(realLogit.neg()).mean()
                .add(Activation.softPlus(fakeLogit).mean());
            gc.backward(loss);
          }
          opt.update(step);
          if (i == s.criticSteps() - 1) {
            last = loss.getFloat();
          }
        }
      }
    }
    return new DiscriminatorRejection(critic, frequencies, s, dim, last);
  }

  // The critic's inputs: x itself, or its random Fourier features [cos 2πxB, sin 2πxB].
  private static NDArray features(NDArray x, NDArray frequencies) {
    if (frequencies == null) {
      return x;
    }
    NDArray phase = x.matMul(frequencies).muli((float) (2 * Math.PI));
    return phase.cos().concat(phase.sin(), 1);
  }

  /** The critic's logistic loss on its last step (2 log 2 ≈ 1.386 when it cannot tell them apart). */
  public float finalLoss() {
    return finalLoss;
  }

  /** The critic's logits D̃(x) ≈ log p_data(x) / p_g(x) for a batch {@code x} (n × dim). */
  public float[] logits(NDArray x) {
    try (NDManager step = x.getManager().newSubManager()) {
      NDArray out = critic.forward(features(x, frequencies), Pass.inference(step)).out();
      return out.toFloatArray();
    }
  }

  /**
   * {@code n} samples (row-major, n × dim) kept by the acceptance rule from proposals drawn from
   * {@code seed}: the burn-in from a stream derived from it, the proposals from {@code new Rng(seed)},
   * the acceptance draws from another derived stream.
   *
   * @throws Gan4jException when fewer than one proposal in {@value #MAX_PROPOSALS_PER_SAMPLE} is kept
   */
  public float[] sample(int n, long seed, Proposals proposals, NDManager manager) {
    if (n < 1) {
      throw new InvalidConfigException("n must be >= 1, got " + n);
    }
    double maxLogit = Double.NEGATIVE_INFINITY;
    try (NDManager step = manager.newSubManager()) {
      for (float l : logits(proposals.draw(BURN_IN, Rng.derive(seed, "drs-burn-in"), step))) {
        maxLogit = Math.max(maxLogit, l);
      }
    }
    Rng draws = new Rng(seed);
    Rng coins = Rng.derive(seed, "drs-accept");
    float[] out = new float[n * dim];
    int kept = 0;
    long proposed = 0;
    int batch = Math.max(BATCH, n);
    while (kept < n) {
      if (proposed >= (long) n * MAX_PROPOSALS_PER_SAMPLE) {
        throw new Gan4jException(String.format(java.util.Locale.ROOT,
            "rejection sampling kept %d of %d proposals; lower sampling.percentile (now %s)",
            kept, proposed, settings.percentile()));
      }
      try (NDManager step = manager.newSubManager()) {
        NDArray x = proposals.draw(batch, draws, step);
        float[] l = logits(x);
        float[] values = x.toFloatArray();
        for (float v : l) {
          maxLogit = Math.max(maxLogit, v);
        }
        double[] p = acceptance(l, maxLogit, settings.percentile());
        for (int i = 0; i < batch && kept < n; i++) {
          if (coins.nextDouble() < p[i]) {
            System.arraycopy(values, i * dim, out, kept * dim, dim);
            kept++;
          }
        }
        proposed += batch;
      }
    }
    return out;
  }

  /**
   * The acceptance probabilities of a batch: σ(F(x) - γ) with F(x) = D̃(x) - M - log(1 - exp(D̃(x) - M -
   * ε)) and γ the {@code percentile}-th percentile of F over the batch (linear interpolation).
   *
   * @param maxLogit M, at least every logit of the batch
   */
  public static double[] acceptance(float[] logits, double maxLogit, double percentile) {
    if (logits.length == 0) {
      return new double[0];
    }
    double[] f = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      double d = logits[i] - maxLogit;
      if (d > 0) {
        throw new IllegalArgumentException("logit " + logits[i] + " above the maximum " + maxLogit);
      }
      f[i] = d - Math.log1p(-Math.exp(d - EPSILON));
    }
    double gamma = percentile(f, percentile);
    double[] p = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      p[i] = 1.0 / (1.0 + Math.exp(-(f[i] - gamma)));
    }
    return p;
  }

  /** The q-th percentile (0..100) of {@code values}, interpolating linearly between order statistics. */
  static double percentile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = q / 100.0 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }
}
