package dev.gan4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.gan4j.Rng;
import dev.gan4j.Scalars;
import dev.gan4j.loss.Critique;
import dev.gan4j.loss.GanLoss;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Normalization;
import dev.gan4j.nn.Parameter;
import dev.gan4j.nn.Pass;
import dev.gan4j.nn.ResnetTranslator;
import dev.gan4j.nn.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code cyclegan} family (Zhu et al. 2017): translation between two domains without pairs. Two
 * generators of residual blocks ({@link ResnetTranslator}), G: A → B and F: B → A, and two PatchGANs,
 * D_B judging B images and D_A judging A images. Each iteration, on a batch of A images a and an
 * unrelated batch of B images b:
 *
 * <ul>
 *   <li>G and F descend w · [GAN(D_B(G(a))) + GAN(D_A(F(b)))] + λ · [|F(G(a)) - a| + |G(F(b)) - b|]
 *       + λ_id λ · [|G(b) - b| + |F(a) - a|], with the configured GAN loss (least squares in the
 *       paper), λ = {@code model.translation.cycleWeight} (10) and λ_id = {@code identityWeight}
 *       (0.5); L1 terms are means over pixels;
 *   <li>then D_B and D_A each descend half their GAN loss on real images against generated ones
 *       drawn through a {@link HistoryPool} of {@code poolSize} (50) images per domain.
 * </ul>
 *
 * <p>The learning rates stay at their configured values for the first half of {@code loop.steps} and
 * fall linearly toward 0 over the second half, as in the paper. One optimizer updates G and F
 * together ({@code generator}), one D_A and D_B ({@code discriminator}). Generator widths are {@code
 * model.generator.hidden} (the first convolution's, then each strided stage's), blocks {@code
 * model.translation.resnetBlocks}; D's widths {@code model.discriminator.hidden}. metrics.csv logs
 * {@code loss.cycle}, {@code loss.identity} and {@code loss.adversarial}; D(x) and D(G(z)) are
 * D_B's.
 */
public final class CycleGan extends ImageTranslation {
  /** The family, registered as {@code cyclegan}. */
  public static final ModelFamily FAMILY = new ModelFamily() {
    @Override
    public String name() {
      return "cyclegan";
    }

    @Override
    public String description() {
      return "CycleGAN (Zhu et al. 2017): unpaired translation both ways, ResNet generators,"
          + " PatchGANs, least squares, cycle and identity L1, a history pool";
    }

    @Override
    public boolean translates() {
      return true;
    }

    @Override
    public Translators translators(RunConfig config, NDManager manager) {
      int[] shape = imageShape(config.data().sampleShape());
      Rng init = new Rng(0);
      return new Translators(generator(config, shape, manager, init),
          generator(config, shape, manager, init));
    }

    @Override
    public GanModel create(ModelContext context) {
      return new CycleGan(context, 1f);
    }
  };

  static final String CYCLE = "cycle";
  static final String IDENTITY = "identity";
  static final String ADVERSARIAL = "adversarial";
  static final String POOL_A = "pool.a";
  static final String POOL_B = "pool.b";

  private final Network gAb;
  private final Network gBa;
  private final GeneratorSet generators;
  private final Network dA;
  private final Network dB;
  private final Critic criticB;
  private final GanLoss loss;
  private final ParameterOptimizer optG;
  private final ParameterOptimizer optD;
  private final HistoryPool poolA;
  private final HistoryPool poolB;
  private final float adversarialWeight;
  private final float cycleWeight;
  private final float identityWeight;

  /** The model; {@code adversarialSign} -1 flips G's adversarial terms (tests only). */
  CycleGan(ModelContext context, float adversarialSign) {
    super(context);
    RunConfig.Translation t = config.model().translation();
    adversarialWeight = adversarialSign * t.adversarialWeight();
    cycleWeight = t.cycleWeight();
    identityWeight = t.identityWeight() * t.cycleWeight();
    loss = AlgorithmOneGan.lossFor(config);
    if (loss.outputs() != 1 || loss.critic().startsWith("autoencoder")
        || loss.generatorNeedsReal()) {
      throw new dev.gan4j.InvalidConfigException("cyclegan needs a loss with one score per patch"
          + " whose generator term reads generated images only; got " + config.loss().name());
    }
    Rng init = Rng.derive(config.seed(), "init");
    gAb = generator(config, imageShape, manager, init);
    gBa = generator(config, imageShape, manager, init);
    generators = GeneratorSet.of(gAb);
    dB = Pix2Pix.discriminator(config, imageShape, 1, manager, init);
    dA = Pix2Pix.discriminator(config, imageShape, 1, manager, init);
    criticB = Critic.network(dB);
    List<Parameter> gParams = new ArrayList<>(Translators.prefixed("ab.", gAb));
    gParams.addAll(Translators.prefixed("ba.", gBa));
    List<Parameter> dParams = new ArrayList<>(Translators.prefixed("b.", dB));
    dParams.addAll(Translators.prefixed("a.", dA));
    optG = ParameterOptimizer.create(config.optim().generator(), gParams, manager);
    optD = ParameterOptimizer.create(config.optim().discriminator(), dParams, manager);
    setMain(generators, criticB, loss, optG, optD);
    Rng poolRng = context.stream("pool");
    poolA = new HistoryPool(t.poolSize(), imageDim, manager, poolRng);
    poolB = new HistoryPool(t.poolSize(), imageDim, manager, poolRng);
  }

  /** A ResNet generator as a config describes it, for images of {@code shape}. */
  static Network generator(RunConfig config, int[] shape, NDManager manager, Rng init) {
    RunConfig.Net n = requireArch(config.model().generator(), "model.generator",
        ResnetTranslator.NAME, config.model().family());
    return ResnetTranslator.build(Shapes.of(shape), Shapes.of(shape), n.hidden(),
        config.model().translation().resnetBlocks(), Normalization.of(n.normalization()), manager,
        init);
  }

  /**
   * The learning-rate factor after {@code done} of {@code total} iterations: 1 over the first half,
   * then falling linearly, (total - done) / (total - half), reaching 1 / (total - half) at the last.
   */
  static double decay(long done, long total) {
    long half = total / 2;
    return done < half ? 1.0 : (double) (total - done) / (total - half);
  }

  @Override
  public IterationStats iterate() {
    double f = decay(optG.updates(), config.loop().steps());
    optG.setLearningRate((float) (optG.baseLearningRate() * f));
    optD.setLearningRate((float) (optD.baseLearningRate() * f));
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray rows = sampler.next(m, step);
      NDArray a = inputs(rows);
      NDArray b = targets(rows);
      // The generators' update; D's parameters compute no gradients.
      AlgorithmOneGan.zeroGradients(gAb.parameters());
      AlgorithmOneGan.zeroGradients(gBa.parameters());
      dA.setTrainable(false);
      dB.setTrainable(false);
      NDArray fakeB;
      NDArray fakeA;
      Terms terms;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        fakeB = gAb.forward(a, pass).out();
        fakeA = gBa.forward(b, pass).out();
        terms = generatorTerms(a, b, fakeA, fakeB, pass, step);
        gc.backward(terms.total());
      } finally {
        dA.setTrainable(true);
        dB.setTrainable(true);
      }
      optG.update(step);
      hooks.afterUpdate(TrainingHook.Side.GENERATOR, generators.parameters(), step);
      // The discriminators' update, on generated images from the history pools.
      NDArray shownB = poolB.query(fakeB.stopGradient(), step);
      NDArray shownA = poolA.query(fakeA.stopGradient(), step);
      AlgorithmOneGan.zeroGradients(dA.parameters());
      AlgorithmOneGan.zeroGradients(dB.parameters());
      NDArray lossD;
      NDArray realB;
      NDArray fakeScoresB;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        realB = dB.forward(hooks.discriminatorInput(b, step), pass).out();
        fakeScoresB = dB.forward(hooks.discriminatorInput(shownB, step), pass).out();
        NDArray realA = dA.forward(hooks.discriminatorInput(a, step), pass).out();
        NDArray fakeScoresA = dA.forward(hooks.discriminatorInput(shownA, step), pass).out();
        lossD = Scalars.times(loss.discriminatorLoss(realB, fakeScoresB)
            .add(loss.discriminatorLoss(realA, fakeScoresA)), 0.5f);
        gc.backward(lossD);
      }
      optD.update(step);
      hooks.afterUpdate(TrainingHook.Side.DISCRIMINATOR, criticB.parameters(), step);
      hooks.afterUpdate(TrainingHook.Side.DISCRIMINATOR, dA.parameters(), step);
      NDArray pr = loss.probability(realB);
      NDArray pf = loss.probability(fakeScoresB);
      Map<String, Double> state = new LinkedHashMap<>();
      state.put(CYCLE, (double) terms.cycle().getFloat());
      state.put(IDENTITY, (double) terms.identity().getFloat());
      state.put(ADVERSARIAL, (double) terms.adversarial().getFloat());
      return new IterationStats(lossD.getFloat(), terms.total().getFloat(), pr.mean().getFloat(),
          pf.mean().getFloat(), pr.min().getFloat() > pf.max().getFloat(), state);
    }
  }

  /** The generators' objective and its three parts. */
  record Terms(NDArray total, NDArray adversarial, NDArray cycle, NDArray identity) {}

  /** G's and F's terms for real a, b and their translations fakeA = F(b), fakeB = G(a). */
  Terms generatorTerms(NDArray a, NDArray b, NDArray fakeA, NDArray fakeB, Pass pass,
      NDManager step) {
    NDArray adv = loss.generatorLoss(Critique.of(dB.forward(fakeB, pass).out()), null)
        .add(loss.generatorLoss(Critique.of(dA.forward(fakeA, pass).out()), null));
    UnaryOperator<NDArray> g = x -> gAb.forward(x, pass).out();
    UnaryOperator<NDArray> f = x -> gBa.forward(x, pass).out();
    NDArray cycle = cycleLoss(a, b, fakeA, fakeB, g, f);
    NDArray identity = identityWeight > 0f
        ? identityLoss(a, b, g, f)
        : step.zeros(new ai.djl.ndarray.types.Shape());
    NDArray total = Scalars.times(adv, adversarialWeight).add(Scalars.times(cycle, cycleWeight))
        .add(Scalars.times(identity, identityWeight));
    return new Terms(total, adv, cycle, identity);
  }

  /**
   * The cycle-consistency terms |F(G(a)) - a| + |G(F(b)) - b|, means over pixels, for the
   * translations fakeB = G(a) and fakeA = F(b) already made.
   */
  static NDArray cycleLoss(NDArray a, NDArray b, NDArray fakeA, NDArray fakeB,
      UnaryOperator<NDArray> g, UnaryOperator<NDArray> f) {
    return l1(f.apply(fakeB), a).add(l1(g.apply(fakeA), b));
  }

  /** The identity terms |G(b) - b| + |F(a) - a|, means over pixels. */
  static NDArray identityLoss(NDArray a, NDArray b, UnaryOperator<NDArray> g,
      UnaryOperator<NDArray> f) {
    return l1(g.apply(b), b).add(l1(f.apply(a), a));
  }

  @Override
  public boolean paired() {
    return false;
  }

  @Override
  public NDArray translate(NDArray images, boolean toA, Pass pass) {
    return toA ? gBa.forward(images, pass).out() : generators.sample(images, pass);
  }

  @Override
  public List<String> reportedState() {
    return List.of(CYCLE, IDENTITY, ADVERSARIAL);
  }

  @Override
  public Map<String, NDArray> tensors() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    Translators.add(out, Translators.FORWARD, gAb);
    Translators.add(out, Translators.BACKWARD, gBa);
    Translators.add(out, "discriminator.", dB);
    Translators.add(out, "discriminatorA.", dA);
    out.put(POOL_A, poolA.images());
    out.put(POOL_B, poolB.images());
    return out;
  }

  @Override
  public Map<String, Double> state() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(POOL_A + ".count", (double) poolA.count());
    out.put(POOL_B + ".count", (double) poolB.count());
    return out;
  }

  @Override
  public void restoreState(Map<String, Double> state) {
    Double ca = state.get(POOL_A + ".count");
    Double cb = state.get(POOL_B + ".count");
    if (ca != null) {
      poolA.setCount(ca.intValue());
    }
    if (cb != null) {
      poolB.setCount(cb.intValue());
    }
  }
}
