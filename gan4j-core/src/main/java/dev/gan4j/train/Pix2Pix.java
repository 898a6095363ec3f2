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
import dev.gan4j.nn.PatchGan;
import dev.gan4j.nn.Pass;
import dev.gan4j.nn.Shapes;
import dev.gan4j.nn.UNet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pix2pix} family (Isola et al. 2017): paired image-to-image translation. A U-Net
 * generator ({@link UNet}) maps an input x to an output G(x); a PatchGAN ({@link PatchGan}) judges
 * the pair (x, y) stacked as channels, one logit per patch. Each iteration, on one batch of pairs:
 *
 * <ul>
 *   <li>D descends the configured GAN loss (non-saturating: binary cross-entropy) on D(x, y) as real
 *       and D(x, G(x)) as fake, every patch a term, halved as in the paper;
 *   <li>G descends w · (its GAN loss on D(x, G(x))) + λ · mean |G(x) - y|, with λ =
 *       {@code model.translation.l1Weight} (100) and w = {@code adversarialWeight} (1; 0 gives the
 *       L1-only U-Net, the paper's no-GAN ablation).
 * </ul>
 *
 * <p>G's widths are {@code model.generator.hidden} (one per level; the sides must be multiples of
 * 2ⁿ), its decoder's dropout {@code model.generator.dropout}; D's are {@code
 * model.discriminator.hidden}, which set its patch ({@link PatchGan#receptiveField}). metrics.csv
 * logs G's two terms as {@code loss.l1} and {@code loss.adversarial}.
 */
public final class Pix2Pix extends ImageTranslation {
  /** The family, registered as {@code pix2pix}. */
  public static final ModelFamily FAMILY = new ModelFamily() {
    @Override
    public String name() {
      return "pix2pix";
    }

    @Override
    public String description() {
      return "pix2pix (Isola et al. 2017): paired translation, U-Net G, PatchGAN D on (input, output),"
          + " GAN loss + 100 L1";
    }

    @Override
    public boolean translates() {
      return true;
    }

    @Override
    public Translators translators(RunConfig config, NDManager manager) {
      return new Translators(generator(config, imageShape(config.data().sampleShape()), manager,
          new Rng(0)), null);
    }

    @Override
    public GanModel create(ModelContext context) {
      return new Pix2Pix(context, 1f);
    }
  };

  static final String L1 = "l1";
  static final String ADVERSARIAL = "adversarial";

  private final Network g;
  private final GeneratorSet generators;
  private final Network dNet;
  private final Critic critic;
  private final GanLoss loss;
  private final ParameterOptimizer optG;
  private final ParameterOptimizer optD;
  private final float l1Weight;
  private final float adversarialWeight;
  private IterationStats last;

  /**
   * The model; {@code adversarialSign} -1 flips the sign of G's adversarial term (G then helps D),
   * which only tests use, to show the term matters.
   */
  Pix2Pix(ModelContext context, float adversarialSign) {
    super(context);
    String data = config.data().name();
    boolean unpaired = dev.gan4j.data.TranslationTasks.isTask(data)
        ? !dev.gan4j.data.TranslationTasks.paired(data)
        : dev.gan4j.data.TranslationFolders.isFolderData(data)
            && !dev.gan4j.data.TranslationFolders.paired(data);
    if (unpaired) {
      throw new dev.gan4j.InvalidConfigException("pix2pix learns from (input, target) pairs; the data "
          + data + " has two unpaired domains: use model.family=cyclegan");
    }
    RunConfig.Translation t = config.model().translation();
    l1Weight = t.l1Weight();
    adversarialWeight = adversarialSign * t.adversarialWeight();
    loss = AlgorithmOneGan.lossFor(config);
    if (loss.outputs() != 1 || loss.critic().startsWith("autoencoder")) {
      throw new dev.gan4j.InvalidConfigException("pix2pix needs a loss with one score per patch;"
          + " got " + config.loss().name());
    }
    Rng init = Rng.derive(config.seed(), "init");
    g = generator(config, imageShape, manager, init);
    generators = GeneratorSet.of(g);
    dNet = discriminator(config, imageShape, 2, manager, init);
    critic = Critic.network(dNet);
    optG = ParameterOptimizer.create(config.optim().generator(), g.parameters(), manager);
    optD = ParameterOptimizer.create(config.optim().discriminator(), dNet.parameters(), manager);
    setMain(generators, critic, loss, optG, optD);
  }

  /** The U-Net a config describes for images of {@code shape}. */
  static Network generator(RunConfig config, int[] shape, NDManager manager, Rng init) {
    RunConfig.Net n = requireArch(config.model().generator(), "model.generator", UNet.NAME,
        config.model().family());
    return UNet.build(Shapes.of(shape), Shapes.of(shape), n.hidden(),
        Normalization.of(n.normalization()), n.dropout(), manager, init);
  }

  /** The PatchGAN a config describes for {@code images} images of {@code shape} stacked as channels. */
  static Network discriminator(RunConfig config, int[] shape, int images, NDManager manager,
      Rng init) {
    RunConfig.Net n = requireArch(config.model().discriminator(), "model.discriminator",
        PatchGan.NAME, config.model().family());
    return PatchGan.build(Shapes.of(images * shape[0], shape[1], shape[2]), n.hidden(),
        Normalization.of(n.normalization()), manager, init);
  }

  @Override
  public IterationStats iterate() {
    try (NDManager step = manager.newSubManager()) {
      Pass pass = Pass.training(step, dropoutRng);
      NDArray rows = sampler.next(m, step);
      NDArray x = inputs(rows);
      NDArray y = targets(rows);
      // D's update: outside a gradient collector G's forward pass records no graph.
      NDArray fake = g.forward(x, pass).out();
      AlgorithmOneGan.zeroGradients(critic.parameters());
      NDArray lossD;
      NDArray realScores;
      NDArray fakeScores;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        realScores = critic.critique(pair(x, y, step), pass).scores();
        fakeScores = critic.critique(pair(x, fake, step), pass).scores();
        lossD = Scalars.times(loss.discriminatorLoss(realScores, fakeScores), 0.5f);
        gc.backward(lossD);
      }
      optD.update(step);
      hooks.afterUpdate(TrainingHook.Side.DISCRIMINATOR, critic.parameters(), step);
      float dReal = loss.probability(realScores).mean().getFloat();
      float dFake = loss.probability(fakeScores).mean().getFloat();
      boolean separated = loss.probability(realScores).min().getFloat()
          > loss.probability(fakeScores).max().getFloat();
      // G's update: D's parameters compute no gradients.
      AlgorithmOneGan.zeroGradients(g.parameters());
      critic.setTrainable(false);
      NDArray lossG;
      NDArray adv;
      NDArray l1;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray out = g.forward(x, pass).out();
        NDArray outScores = critic.critique(pair(x, out, step), pass).scores();
        NDArray realForG = loss.generatorNeedsReal()
            ? critic.critique(pair(x, y, step), pass).scores() : null;
        adv = loss.generatorLoss(Critique.of(outScores),
            realForG == null ? null : Critique.of(realForG));
        l1 = l1(out, y);
        lossG = Scalars.times(adv, adversarialWeight).add(Scalars.times(l1, l1Weight));
        gc.backward(lossG);
      } finally {
        critic.setTrainable(true);
      }
      optG.update(step);
      hooks.afterUpdate(TrainingHook.Side.GENERATOR, g.parameters(), step);
      Map<String, Double> state = new LinkedHashMap<>();
      state.put(L1, (double) l1.getFloat());
      state.put(ADVERSARIAL, (double) adv.getFloat());
      last = new IterationStats(lossD.getFloat(), lossG.getFloat(), dReal, dFake, separated, state);
      return last;
    }
  }

  // D's input: the condition and the image it is judged with, stacked as channels (flat rows of
  // (c, h, w) images joined end to end are the rows of (2c, h, w) images).
  private NDArray pair(NDArray x, NDArray img, NDManager step) {
    return hooks.discriminatorInput(x.concat(img, 1), step);
  }

  @Override
  public boolean paired() {
    return true;
  }

  @Override
  public NDArray translate(NDArray images, boolean toA, Pass pass) {
    if (toA) {
      throw new dev.gan4j.InvalidConfigException("a pix2pix run translates one way, A to B");
    }
    return generators.sample(images, pass);
  }

  @Override
  public List<String> reportedState() {
    return List.of(L1, ADVERSARIAL);
  }

  @Override
  public Map<String, NDArray> tensors() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    Translators.add(out, Translators.FORWARD, g);
    Translators.add(out, "discriminator.", dNet);
    return out;
  }
}
