package dev.gan4j.train;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.train.RunConfig.Data;
import dev.gan4j.train.RunConfig.Loop;
import dev.gan4j.train.RunConfig.Loss;
import dev.gan4j.train.RunConfig.Model;
import dev.gan4j.train.RunConfig.Net;
import dev.gan4j.train.RunConfig.Optim;
import dev.gan4j.train.RunConfig.Optimizer;
import dev.gan4j.train.RunConfig.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Named starting points for a run. A config file and flags override any field of a preset.
 *
 * <ul>
 *   <li>{@code mnist-mlp}: the MNIST experiment of Goodfellow et al. 2014 with today's defaults
 *       (LeakyReLU 0.2, batch normalization in G, Adam 2e-4 with β1 = 0.5, non-saturating loss, dropout
 *       in D, samples from an exponential moving average of G's weights), 5,000 iterations.
 *   <li>{@code mnist-mlp-paper}: as close to the paper as gan4j gets: a ReLU generator (1200, 1200), a
 *       maxout discriminator (240 units of 5 pieces, twice) with dropout 0.5 and a max-norm constraint,
 *       the paper code's initialization, uniform noise, SGD with momentum 0.5 (lr 0.05), k = 1, batch
 *       100 ({@code --loss minimax} for eq. 1).
 *   <li>{@code mnist-dcgan}: DCGAN (Radford et al. 2015) sized for 28 × 28 with InfoGAN's
 *       dense layers ({@code dcgan-dense}), Adam 2e-4 with β1 = 0.5 for D and 1e-3 for G, 3,000
 *       iterations.
 *   <li>{@code fashion-dcgan}, {@code stacked-mnist-dcgan}: the plain {@code dcgan} networks (G
 *       128, 64 channels; D 64, 128) at Adam 2e-4 for both; Fashion-MNIST 3,000 iterations,
 *       Stacked MNIST 15,000 with PacGAN2 packing.
 *   <li>{@code mnist-infogan}: InfoGAN's MNIST setup (Chen et al. 2016, appendix C.1) on the
 *       {@code dcgan-dense} networks, Q a head of its own, 2,000 iterations.
 *   <li>{@code mnist-cgan}, {@code mnist-acgan}, {@code fashion-acgan}: conditional GANs on the same
 *       {@code dcgan-dense} networks and learning rates, 3,000 iterations.
 *   <li>{@code ring8}, {@code grid25}: PacGAN's 2-D mixtures with small MLPs, a linear generator
 *       output (the grid spans ±4), Adam 2e-4 with β1 = 0.5, 10,000 iterations.
 * </ul>
 *
 * <pre>{@code RunConfig c = Presets.get("ring8");}</pre>
 */
public final class Presets {
  /** The preset {@code ./gan4j train} runs when given none. */
  public static final String DEFAULT = "mnist-mlp";

  private static final Map<String, Supplier<RunConfig>> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put("mnist-mlp", Presets::mnistMlp);
    PRESETS.put("mnist-mlp-paper", Presets::mnistMlpPaper);
    PRESETS.put("mnist-dcgan", Presets::mnistDcgan);
    PRESETS.put("fashion-dcgan", Presets::fashionDcgan);
    PRESETS.put("mnist-cgan", () -> conditional("mnist-cgan", "mnist", "cgan"));
    PRESETS.put("mnist-acgan", () -> conditional("mnist-acgan", "mnist", "acgan"));
    PRESETS.put("fashion-acgan", () -> conditional("fashion-acgan", "fashion-mnist", "acgan"));
    PRESETS.put("mnist-infogan", Presets::mnistInfogan);
    PRESETS.put("stacked-mnist-dcgan", Presets::stackedMnistDcgan);
    PRESETS.put("edges2digits-pix2pix", () -> pix2pix("edges2digits-pix2pix", "edges2digits", 1f));
    // The pix2pix paper's no-GAN ablation: the same U-Net trained on L1 alone.
    PRESETS.put("edges2digits-l1", () -> pix2pix("edges2digits-l1", "edges2digits", 0f));
    PRESETS.put("thin2thick-cyclegan", Presets::thin2thickCyclegan);
    PRESETS.put("ring8", () -> mixture("ring8"));
    PRESETS.put("grid25", () -> mixture("grid25"));
  }

  private Presets() {}

  /** The preset names. */
  public static List<String> names() {
    return List.copyOf(PRESETS.keySet());
  }

  /** The preset called {@code name}; unknown names fail with the list of known ones. */
  public static RunConfig get(String name) {
    Supplier<RunConfig> s = PRESETS.get(name);
    if (s == null) {
      throw new InvalidConfigException("unknown preset '" + name + "'; known: " + names());
    }
    return s.get();
  }

  private static RunConfig mnistMlp() {
    Optimizer adam = Optimizer.adam(2e-4f, 0.5f, 0.999f);
    return new RunConfig(
        "mnist-mlp",
        1,
        Data.named("mnist", 1),
        Model.plain(
            100,
            "normal",
            new Net("mlp", new int[] {256, 512, 1024}, "leaky-relu", 0.2f, 0f, "batch", 0f, 0f, 0f),
            Net.plain(new int[] {1024, 512, 256}, "leaky-relu", 0.2f, 0.3f),
            "tanh"),
        Loss.named("non-saturating"),
        RunConfig.Penalty.NONE,
        new Optim(adam, adam),
        new Loop(5000, 64, 1),
        // An average of G's weights for the pictures and metrics: the live generator's samples carry
        // the speckle of its last few updates.
        new RunConfig.Stabilize(0f, 0, 0, 0.999f, 1f),
        new Output(10, 500, 1000, 2, 64),
        RunConfig.Eval.DEFAULT,
        RunConfig.Sampling.NONE);
  }

  // The DCGAN issue 13 describes: Radford et al. 2015 sized for 28 x 28 (G: 128 x 7 x 7 -> 64 x
  // 14 x 14 -> 1 x 28 x 28; D: 64 then 128 channels), Adam 2e-4 with beta1 0.5 for both.
  // fashion-dcgan and stacked-mnist-dcgan train it as it is; mnist-dcgan adds InfoGAN's dense
  // layers: on MNIST these nets reached fd-lenet 121 at 3,000 iterations and 70 at 10,000, the
  // dense ones 13.6 at 3,000 (one seed each, docs/networks.md).
  private static Model plainDcgan(int pack) {
    return new Model("gan", 100, "normal",
        new Net("dcgan", new int[] {128, 64}, "relu", 0f, 0f, "batch", 0f, 0f, 0f),
        new Net("dcgan", new int[] {64, 128}, "leaky-relu", 0.2f, 0f, "batch", 0f, 0f, 0f),
        "tanh", 1, pack, 0, false, RunConfig.Codes.DEFAULT, RunConfig.Mrgan.DEFAULT,
        RunConfig.Translation.DEFAULT);
  }

  private static Optim plainAdam() {
    Optimizer adam = Optimizer.adam(2e-4f, 0.5f, 0.999f);
    return new Optim(adam, adam);
  }

  // InfoGAN's MNIST networks (Chen et al. 2016, appendix C.1): the DCGAN stages with a dense layer
  // of 1,024 after z in G and after the last convolution in D (batch norm; ReLU in G, LeakyReLU 0.2
  // in D), and G learning 5x faster than D (Adam 1e-3 against 2e-4, beta1 0.5).
  private static Model denseDcgan(String family) {
    return Model.plain(100, "normal", denseGenerator(), denseDiscriminator(), "tanh")
        .withFamily(family);
  }

  private static Net denseGenerator() {
    return new Net("dcgan-dense", new int[] {1024, 128, 64}, "relu", 0f, 0f, "batch", 0f, 0f, 0f);
  }

  private static Net denseDiscriminator() {
    return new Net("dcgan-dense", new int[] {64, 128, 1024}, "leaky-relu", 0.2f, 0f, "batch", 0f,
        0f, 0f);
  }

  private static Optim fastGenerator() {
    return new Optim(Optimizer.adam(1e-3f, 0.5f, 0.999f), Optimizer.adam(2e-4f, 0.5f, 0.999f));
  }

  // Every DCGAN-family preset: its model, optimizer and iterations, at batch 64 with one D step,
  // the non-saturating loss, no penalty or stabilizer.
  private static RunConfig dcgan(String name, Data data, Model model, Optim optim, int steps) {
    return new RunConfig(name, 1, data, model, Loss.named("non-saturating"),
        RunConfig.Penalty.NONE, optim, new Loop(steps, 64, 1), RunConfig.Stabilize.NONE,
        new Output(10, 500, 1000, 2, 64), RunConfig.Eval.DEFAULT, RunConfig.Sampling.NONE);
  }

  // The dense networks and rates the conditional presets and InfoGAN share, so the conditional
  // study's unconditional row differs from them only in the conditioning.
  private static RunConfig mnistDcgan() {
    return dcgan("mnist-dcgan", Data.named("mnist", 1), denseDcgan("gan"), fastGenerator(), 3000);
  }

  private static RunConfig fashionDcgan() {
    // The DCGAN on Fashion-MNIST's 60,000 training images.
    return dcgan("fashion-dcgan", Data.named("fashion-mnist", 1), plainDcgan(1), plainAdam(), 3000);
  }

  // A conditional family on InfoGAN's networks and learning rates with the DCGAN preset's budget
  // (3,000 iterations of 64). On the plain DCGAN networks and learning rates cGAN asked for a class
  // drew it 95.3% of the time and AC-GAN 88.9%; on these 98.0% and 99.5% (one seed each,
  // docs/conditional.md).
  private static RunConfig conditional(String name, String data, String family) {
    return dcgan(name, Data.named(data, 1), denseDcgan(family), fastGenerator(), 3000);
  }

  // InfoGAN's MNIST setup (Chen et al. 2016, appendix C.1): one 10-way categorical code and two
  // continuous ones beside 62 noise values, the dense networks and learning rates above, Q a head
  // of its own (128, batch norm, LeakyReLU) on D's dense features. On the plain DCGAN networks and
  // learning rates the code stayed a style rather than the digit (docs/conditional.md).
  private static RunConfig mnistInfogan() {
    Model model = new Model("infogan", 62, "normal", denseGenerator(), denseDiscriminator(), "tanh",
        1, 1, 0, false, RunConfig.Codes.DEFAULT.withQHidden(128), RunConfig.Mrgan.DEFAULT,
        RunConfig.Translation.DEFAULT);
    return dcgan("mnist-infogan", Data.named("mnist", 1), model, fastGenerator(), 2000);
  }

  // Three digits as three channels, 1,000 modes (Metz et al. 2017), on the DCGAN (InfoGAN's
  // dense layers reached 820 modes against 935 here, docs/networks.md). PacGAN2 packing: the
  // discriminator judges two samples at once (Lin et al. 2018's PacDCGAN2). 15,000 iterations: on
  // one seed the modes were 921 at 3,000, 994 at 6,000 and all 1,000 at 9,000, with KL to uniform
  // 0.80, 0.40 and 0.17 (docs/networks.md).
  private static RunConfig stackedMnistDcgan() {
    return dcgan("stacked-mnist-dcgan", Data.named("stacked-mnist", 50_000), plainDcgan(2),
        plainAdam(), 15_000);
  }

  private static RunConfig mnistMlpPaper() {
    // The paper's lr 0.1 diverged here within 400 iterations (pixels in [-1, 1] double D's inputs
    // against the paper's [0, 1]); 0.05 trains.
    Optimizer sgd = Optimizer.sgd(0.05f, 0.5f);
    return new RunConfig(
        "mnist-mlp-paper",
        1,
        Data.named("mnist", 1),
        Model.plain(
            100,
            "uniform",
            // The paper's pylearn2 initialization (irange 0.05 in G, 0.005 in D, zero biases) and its
            // max-norm constraint on D's units: with PyTorch's default initialization G's output barely
            // depends on z, and SGD collapses it onto one image within a few hundred iterations.
            new Net("mlp", new int[] {1200, 1200}, "relu", 0f, 0f, "none", 0f, 0f, 0.05f),
            new Net("mlp", new int[] {240, 240}, "maxout", 0f, 0.5f, "none", 0f, 1.9365f, 0.005f),
            "tanh"),
        Loss.named("non-saturating"),
        RunConfig.Penalty.NONE,
        new Optim(sgd, sgd),
        new Loop(6000, 100, 1),
        RunConfig.Stabilize.NONE,
        new Output(10, 500, 1000, 2, 64),
        RunConfig.Eval.DEFAULT,
        RunConfig.Sampling.NONE);
  }

  private static RunConfig mixture(String name) {
    Optimizer adam = Optimizer.adam(2e-4f, 0.5f, 0.999f);
    return new RunConfig(
        name,
        1,
        Data.named(name, 100_000),
        Model.plain(
            8,
            "normal",
            Net.plain(new int[] {128, 128, 128}, "relu", 0f, 0f),
            Net.plain(new int[] {128, 128, 128}, "leaky-relu", 0.2f, 0f),
            "identity"),
        Loss.named("non-saturating"),
        RunConfig.Penalty.NONE,
        new Optim(adam, adam),
        new Loop(10_000, 128, 1),
        RunConfig.Stabilize.NONE,
        new Output(10, 500, 1000, 2, 2500),
        // PacGAN's protocol measures 2,500 samples; mode counts at other sizes do not compare.
        new RunConfig.Eval(0, "", 2500, 500),
        // For rejection sampling: a perceptron on raw 2-D points cannot follow the thin bridges a
        // generator draws between modes; 64 Fourier features at 1 cycle per unit can (docs/losses.md).
        new RunConfig.Sampling("none", 5000, 1e-3f, 20f, 64, 1f));
  }

  // pix2pix sized for 28 x 28 digits and a shared 2-core machine: a two-level U-Net (64 channels at
  // 14 x 14, 128 at 7 x 7) and a PatchGAN of 16 x 16 patches (a 12 x 12 logit map), batch norm and
  // dropout 0.5 as in the paper, Adam 2e-4 with beta1 0.5, lambda 100; the adversarial weight 0 gives
  // the L1-only baseline. 3,000 steps (six passes over the 8,000 training pairs). The U-Net's widths
  // were 32, 64 until the second three-seed study: on edges2digits they preserved 96.8% of the
  // classes, these 97.4% at the same steps (docs/translation.md); 2-3 minutes on two cores here.
  private static RunConfig pix2pix(String name, String task, float adversarialWeight) {
    Optimizer adam = Optimizer.adam(2e-4f, 0.5f, 0.999f);
    RunConfig.Translation t = new RunConfig.Translation(100f, adversarialWeight, 10f, 0.5f, 50, 6);
    Model model = Model.plain(1, "normal",
            new Net("unet", new int[] {64, 128}, "relu", 0f, 0.5f, "batch", 0f, 0f, 0f),
            new Net("patchgan", new int[] {32, 64}, "leaky-relu", 0.2f, 0f, "batch", 0f, 0f, 0f),
            "tanh")
        .withFamily("pix2pix").withTranslation(t);
    return new RunConfig(name, 1, Data.named(task, 20_000), model, Loss.named("non-saturating"),
        RunConfig.Penalty.NONE, new Optim(adam, adam), new Loop(3000, 16, 1),
        RunConfig.Stabilize.NONE, new Output(10, 500, 500, 2, 64), RunConfig.Eval.DEFAULT,
        RunConfig.Sampling.NONE);
  }

  // CycleGAN sized for 28 x 28 digits and a shared 2-core machine: ResNet generators 16 -> 32
  // (14 x 14) -> 64 (7 x 7) with two blocks, PatchGANs of 16 x 16 patches, instance norm, least squares, Adam 2e-4 with beta1
  // 0.5, cycle lambda 10, a 50-image pool. No identity term: at this budget the paper's 0.5 lambda
  // held the translated strokes' thickness short of the target half's (docs/translation.md).
  private static RunConfig thin2thickCyclegan() {
    Optimizer adam = Optimizer.adam(2e-4f, 0.5f, 0.999f);
    RunConfig.Translation t = new RunConfig.Translation(100f, 1f, 10f, 0f, 50, 2);
    Model model = Model.plain(1, "normal",
            new Net("resnet-translator", new int[] {16, 32, 64}, "relu", 0f, 0f, "instance", 0f, 0f,
                0f),
            new Net("patchgan", new int[] {32, 64}, "leaky-relu", 0.2f, 0f, "instance", 0f, 0f, 0f),
            "tanh")
        .withFamily("cyclegan").withTranslation(t);
    return new RunConfig("thin2thick-cyclegan", 1,
        Data.named(dev.gan4j.data.TranslationTasks.THIN2THICK, 20_000), model,
        Loss.named("least-squares"), RunConfig.Penalty.NONE, new Optim(adam, adam),
        new Loop(1000, 8, 1), RunConfig.Stabilize.NONE, new Output(10, 500, 500, 2, 64),
        RunConfig.Eval.DEFAULT, RunConfig.Sampling.NONE);
  }
}
