package dev.gan4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.Scalars;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.loss.Critique;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.loss.Penalties;
import dev.gan4j.loss.Penalty;
import dev.gan4j.nn.Activation;
import dev.gan4j.nn.Architectures;
import dev.gan4j.nn.MlpSpec;
import dev.gan4j.nn.NetSpec;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Normalization;
import dev.gan4j.nn.Parameter;
import dev.gan4j.nn.Pass;
import dev.gan4j.nn.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code mrgan} family: the mode-regularized GAN of Che et al. 2017, trained by their
 * manifold-diffusion algorithm (MDGAN). An encoder E maps a real sample x to a latent vector, and
 * two discriminators split the generator's task in two:
 *
 * <ul>
 *   <li><b>Manifold step.</b> The manifold discriminator D1 tells real x from reconstructions
 *       G(E(x)); G and E minimise the adversarial loss on G(E(x)) plus λ times the mean squared
 *       difference between x and G(E(x)). Every real sample has a reconstruction that D1 and the
 *       reconstruction term pull toward it, so no mode of the data is left without generator mass
 *       nearby: the remedy for missing modes.
 *   <li><b>Diffusion step.</b> The diffusion discriminator D2 tells reconstructions G(E(x)) (its
 *       "real" side) from samples G(z); G minimises the adversarial loss on G(z). This spreads the
 *       noise prior's mass over what the manifold step learned.
 * </ul>
 *
 * <p>Each iteration runs k manifold discriminator updates, one generator-and-encoder update, k
 * diffusion discriminator updates and one generator update, each on its own m real samples and m
 * noise samples. Both discriminators have the configured architecture and loss; E has the
 * discriminator's architecture with z's width as its output. The configured penalty applies to both
 * discriminators and the hooks (instance noise, clipping, max-norm, learning-rate decay) to every
 * network of their side.
 *
 * <p>What a run logs: {@code loss_d} and {@code loss_g} are each player's total over both steps;
 * {@code d_real} and {@code d_fake} are D1's mean probability on x and on G(E(x)); the columns
 * {@code loss.reconstruction}, {@code loss.diffusion_real} and {@code loss.diffusion_fake} hold the
 * mean squared reconstruction error and D2's mean probability on G(E(x)) and on G(z). Checkpoints
 * hold {@code encoder.*} and {@code diffusion.*} beside the generator and D1 ({@code discriminator.*}),
 * with their optimizers under the roles {@code encoder} and {@code diffusion}.
 *
 * <pre>{@code ./gan4j train --preset grid25 --set model.family=mrgan --set model.mrgan.reconstruction=1}</pre>
 */
public final class ModeRegularizedGan implements GanModel {
  /** The family, registered as {@code mrgan}. */
  public static final ModelFamily FAMILY = new ModelFamily() {
    @Override
    public String name() {
      return "mrgan";
    }

    @Override
    public String description() {
      return "mode-regularized GAN (Che et al. 2017), manifold-diffusion training: an encoder E, a"
          + " reconstruction term and two discriminators, x vs G(E(x)) and G(E(x)) vs G(z)";
    }

    @Override
    public GanModel create(ModelContext context) {
      return new ModeRegularizedGan(context);
    }
  };

  /** The optimizer role of the encoder. */
  public static final String ENCODER = "encoder";

  /** The optimizer role, and checkpoint prefix, of the diffusion discriminator D2. */
  public static final String DIFFUSION = "diffusion";

  /** The mean squared difference between x and G(E(x)) in the last generator-and-encoder update. */
  static final String RECONSTRUCTION = "reconstruction";

  /** D2's mean probability on reconstructions G(E(x)) in its last update. */
  static final String DIFFUSION_REAL = "diffusion_real";

  /** D2's mean probability on samples G(z) in its last update. */
  static final String DIFFUSION_FAKE = "diffusion_fake";

  private final RunConfig config;
  private final NDManager manager;
  private final MinibatchSampler sampler;
  private final TrainingHooks hooks;
  private final GeneratorSet generators;
  private final Network encoder;
  private final Critic manifold;
  private final Critic diffusion;
  private final GanLoss loss;
  private final Penalty penalty;
  private final ParameterOptimizer optG;
  private final ParameterOptimizer optE;
  private final ParameterOptimizer optD1;
  private final ParameterOptimizer optD2;
  private final Map<String, ParameterOptimizer> optimizers = new LinkedHashMap<>();
  private final List<Parameter> generatorSide = new ArrayList<>();
  private final float lambda;
  private final Rng noiseRng;
  private final Rng dropoutRng;
  private final Rng penaltyRng;
  private final int m;
  private final int latentDim;
  private final AlgorithmOneGan.NoiseBuffer noise = new AlgorithmOneGan.NoiseBuffer();

  // What the last updates measured, for IterationStats.
  private Update lastManifold;
  private Update lastDiffusion;
  private float lastManifoldG;
  private float lastDiffusionG;
  private float lastReconstruction = Float.NaN;

  private ModeRegularizedGan(ModelContext context) {
    this.config = context.config();
    refuseUnsupported(config);
    this.manager = context.manager();
    this.sampler = context.sampler();
    this.hooks = context.hooks();
    this.m = config.loop().batchSize();
    this.latentDim = config.model().latentDim();
    this.lambda = config.model().mrgan().reconstruction();
    int[] sampleShape = context.sampleShape().clone();
    loss = AlgorithmOneGan.lossFor(config);
    if (loss.critic().startsWith("autoencoder") || !loss.state().isEmpty()) {
      throw new InvalidConfigException("loss " + config.loss().name() + " keeps a discriminator of"
          + " its own kind or state between updates, which the mrgan family's two discriminators"
          + " cannot share: use non-saturating, minimax, least-squares, hinge, wasserstein or"
          + " relativistic losses");
    }
    Rng initRng = Rng.derive(config.seed(), "init");
    generators = GeneratorSet.forConfig(config, sampleShape, manager, initRng);
    manifold = Critic.forConfig(config, sampleShape, loss, manager, initRng);
    diffusion = Critic.forConfig(config, sampleShape, loss, manager, initRng);
    encoder = encoderFor(config, sampleShape, manager, initRng);
    penalty = Penalties.byName(config.penalty().name(), config.penalty().weight());
    optG = ParameterOptimizer.create(config.optim().generator(), generators.parameters(), manager);
    optE = ParameterOptimizer.create(config.optim().generator(), encoder.parameters(), manager);
    optD1 = ParameterOptimizer.create(config.optim().discriminator(), manifold.parameters(), manager);
    optD2 =
        ParameterOptimizer.create(config.optim().discriminator(), diffusion.parameters(), manager);
    optimizers.put(GENERATOR, optG);
    optimizers.put(DISCRIMINATOR, optD1);
    optimizers.put(ENCODER, optE);
    optimizers.put(DIFFUSION, optD2);
    generatorSide.addAll(generators.parameters());
    generatorSide.addAll(encoder.parameters());
    noiseRng = context.stream("noise");
    dropoutRng = context.stream("dropout");
    penaltyRng = context.stream("penalty");
    loss.randomStreams().forEach((name, rng) -> context.streams().register("loss." + name, rng));
  }

  private static void refuseUnsupported(RunConfig config) {
    String why = null;
    if (config.model().generators() > 1) {
      why = "model.generators must be 1 (MAD-GAN's several generators need their own loss)";
    } else if (config.stabilize().unrollSteps() > 0) {
      why = "stabilize.unrollSteps must be 0 (Unrolled GAN looks ahead through one discriminator)";
    }
    if (why != null) {
      throw new InvalidConfigException("the mrgan family trains one generator against two"
          + " discriminators: " + why);
    }
  }

  /** E: the discriminator's architecture, with z's width as its output and no dropout or noise. */
  static Network encoderFor(RunConfig config, int[] sampleShape, NDManager manager, Rng init) {
    RunConfig.Net d = config.model().discriminator();
    Shape data = Shapes.of(sampleShape);
    int latent = config.model().latentDim();
    MlpSpec options = new MlpSpec(Shapes.size(data), d.hidden(), latent,
        Activation.of(d.activation()), d.leakySlope(), Activation.IDENTITY, 0f,
        Normalization.of(d.normalization()), false, 0f, 1, 0, false, d.initRange());
    return Architectures.byName(d.arch())
        .discriminator(new NetSpec(data, Shapes.of(latent), options), manager, init);
  }

  @Override
  public IterationStats iterate() {
    int k = config.loop().dSteps();
    for (int i = 0; i < k; i++) {
      lastManifold = manifoldDiscriminatorStep();
    }
    lastManifoldG = manifoldGeneratorStep();
    for (int i = 0; i < k; i++) {
      lastDiffusion = diffusionDiscriminatorStep();
    }
    lastDiffusionG = diffusionGeneratorStep();
    Map<String, Double> state = new LinkedHashMap<>();
    state.put(RECONSTRUCTION, (double) lastReconstruction);
    state.put(DIFFUSION_REAL, (double) lastDiffusion.dReal());
    state.put(DIFFUSION_FAKE, (double) lastDiffusion.dFake());
    return new IterationStats(lastManifold.loss() + lastDiffusion.loss(),
        lastManifoldG + lastDiffusionG, lastManifold.dReal(), lastManifold.dFake(),
        lastManifold.separated(), state);
  }

  @Override
  public List<String> reportedState() {
    return List.of(RECONSTRUCTION, DIFFUSION_REAL, DIFFUSION_FAKE);
  }

  /** One update of a discriminator: its loss, mean probabilities, and whether it separated them. */
  record Update(float loss, float dReal, float dFake, boolean separated) {}

  /** D1 on real x against reconstructions G(E(x)); package-visible for tests. */
  Update manifoldDiscriminatorStep() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray x = sampler.next(m, step);
      // Outside a gradient collector no graph is recorded: E and G are constants here.
      NDArray reconstructed = reconstruct(x, pass);
      return discriminatorUpdate(manifold, optD1, hooks.discriminatorInput(x, step),
          hooks.discriminatorInput(reconstructed, step), pass, step);
    }
  }

  /** D2 on reconstructions G(E(x)) (its real side) against samples G(z). */
  Update diffusionDiscriminatorStep() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray reconstructed = reconstruct(sampler.next(m, step), pass);
      NDArray fake = generators.forward(noise(m, step), pass);
      return discriminatorUpdate(diffusion, optD2, hooks.discriminatorInput(reconstructed, step),
          hooks.discriminatorInput(fake, step), pass, step);
    }
  }

  /** G and E: the adversarial loss on G(E(x)) against D1, plus λ times the reconstruction error. */
  float manifoldGeneratorStep() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray x = sampler.next(m, step);
      AlgorithmOneGan.zeroGradients(generatorSide);
      manifold.setTrainable(false);
      NDArray total;
      NDArray error;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray reconstructed = reconstruct(x, pass);
        Critique fakeOut = manifold.critique(hooks.discriminatorInput(reconstructed, step), pass);
        Critique realOut = loss.generatorNeedsReal()
            ? manifold.critique(hooks.discriminatorInput(x, step), pass) : null;
        error = reconstructed.sub(x).square().mean();
        total = loss.generatorLoss(fakeOut, realOut).add(Scalars.times(error, lambda));
        gc.backward(total);
      } finally {
        manifold.setTrainable(true);
      }
      optG.update(step);
      optE.update(step);
      hooks.afterUpdate(TrainingHook.Side.GENERATOR, generatorSide, step);
      lastReconstruction = error.getFloat();
      return total.getFloat();
    }
  }

  /** G alone: the adversarial loss on G(z) against D2. */
  float diffusionGeneratorStep() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray z = noise(m, step);
      NDArray reconstructed = loss.generatorNeedsReal()
          ? reconstruct(sampler.next(m, step), pass) : null;
      AlgorithmOneGan.zeroGradients(generators.parameters());
      diffusion.setTrainable(false);
      NDArray lossG;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Critique fakeOut =
            diffusion.critique(hooks.discriminatorInput(generators.forward(z, pass), step), pass);
        Critique realOut = reconstructed == null
            ? null : diffusion.critique(hooks.discriminatorInput(reconstructed, step), pass);
        lossG = loss.generatorLoss(fakeOut, realOut);
        gc.backward(lossG);
      } finally {
        diffusion.setTrainable(true);
      }
      optG.update(step);
      hooks.afterUpdate(TrainingHook.Side.GENERATOR, generators.parameters(), step);
      generators.updateAverage(step);
      return lossG.getFloat();
    }
  }

  private Update discriminatorUpdate(Critic critic, ParameterOptimizer opt, NDArray real,
      NDArray fake, Pass pass, NDManager step) {
    AlgorithmOneGan.zeroGradients(critic.parameters());
    NDArray lossD;
    Critique realOut;
    Critique fakeOut;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      realOut = critic.critique(real, pass);
      fakeOut = critic.critique(fake, pass);
      lossD = loss.discriminatorLoss(realOut, fakeOut);
      if (penalty != null) {
        lossD = lossD.add(penalty.apply(
            AlgorithmOneGan.penaltyContext(critic, real, fake, pass, step, penaltyRng)));
      }
      gc.backward(lossD);
    }
    opt.update(step);
    hooks.afterUpdate(TrainingHook.Side.DISCRIMINATOR, critic.parameters(), step);
    loss.afterDiscriminatorStep(realOut, fakeOut);
    NDArray pr = loss.probability(realOut.scores());
    NDArray pf = loss.probability(fakeOut.scores());
    return new Update(lossD.getFloat(), pr.mean().getFloat(), pf.mean().getFloat(),
        pr.min().getFloat() > pf.max().getFloat());
  }

  /**
   * G(E(x)) with the live generator (no weight average). G's normalization layers keep their running
   * statistics for prior noise: sampling never feeds G encoded samples, and their statistics (E's
   * outputs are not held to the prior) made the running averages useless for it.
   */
  NDArray reconstruct(NDArray x, Pass pass) {
    return generators.forward(encoder.forward(x, pass).out(), pass.keepingStatistics());
  }

  private NDArray noise(int n, NDManager step) {
    return noise.draw(this, n, noiseRng, step);
  }

  /** The encoder E. */
  Network encoder() {
    return encoder;
  }

  /** The diffusion discriminator D2. */
  Critic diffusionDiscriminator() {
    return diffusion;
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

  @Override
  public GeneratorSet generators() {
    return generators;
  }

  /** The manifold discriminator D1, the one that sees real data. */
  @Override
  public Critic discriminator() {
    return manifold;
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
    AlgorithmOneGan.putTensors(out, "discriminator.", manifold.parameters(), manifold.buffers());
    AlgorithmOneGan.putTensors(out, DIFFUSION + ".", diffusion.parameters(), diffusion.buffers());
    AlgorithmOneGan.putTensors(out, ENCODER + ".", encoder.parameters(), encoder.buffers());
    return out;
  }

  @Override
  public Map<String, Double> state() {
    return Map.of();
  }

  @Override
  public void restoreState(Map<String, Double> state) {
    // The losses mrgan accepts keep no state between updates.
  }
}
