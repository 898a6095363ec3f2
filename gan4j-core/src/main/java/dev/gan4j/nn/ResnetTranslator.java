package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;

/**
 * CycleGAN's generator (Zhu et al. 2017, after Johnson et al. 2016): an image-to-image network of
 * residual blocks between a strided encoder and a decoder. With widths w₀ … wₙ ({@code hidden}) and
 * b blocks:
 *
 * <pre>
 * x (c × h × w) → 7×7 conv → w₀ → [norm] → ReLU → per later width: 3×3 conv stride 2 (side / 2) → [norm] → ReLU
 *   → b × Residual[3×3 conv → [norm] → ReLU → 3×3 conv → [norm]]
 *   → per width back: 4×4 conv-transpose stride 2 (side × 2) → [norm] → ReLU → 7×7 conv → c' → tanh
 * </pre>
 *
 * <p>The paper pads by reflection; gan4j pads with zeros. Its transposed convolutions are 3×3 with an
 * output padding; gan4j's are 4×4 with padding 1, which double the side exactly. The sides must be
 * multiples of 2ⁿ for n strided stages.
 *
 * <pre>{@code Network g = ResnetTranslator.build(Shapes.of(1, 28, 28), Shapes.of(1, 28, 28), new int[] {32, 64, 128}, 3, Normalization.INSTANCE, m, rng);}</pre>
 */
public final class ResnetTranslator implements Architecture {
  /** The registry name. */
  public static final String NAME = "resnet-translator";

  static final int OUTER_KERNEL = 7;

  /** Residual blocks when the registry builds it (the {@code cyclegan} family reads its config's). */
  static final int DEFAULT_BLOCKS = 6;

  /** The architecture, as {@link Architectures} registers it. */
  ResnetTranslator() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CycleGAN's generator: image to image through residual blocks (hidden = widths per stage)";
  }

  @Override
  public Network generator(NetSpec spec, NDManager manager, Rng init) {
    MlpSpec o = spec.options();
    return build(spec.input(), spec.output(), o.hidden(), DEFAULT_BLOCKS, o.normalization(), manager,
        init);
  }

  @Override
  public Network discriminator(NetSpec spec, NDManager manager, Rng init) {
    throw new InvalidConfigException("resnet-translator is a generator (image to image); the"
        + " discriminator of the translation families is patchgan");
  }

  /**
   * The generator from images {@code in} to images {@code out} (same side), flat in and out.
   *
   * @param widths channels of the first convolution, then of each strided stage
   * @param blocks residual blocks at the smallest side, >= 0
   * @throws InvalidConfigException when the side is not a multiple of 2ⁿ for n strided stages
   */
  public static Network build(Shape in, Shape out, int[] widths, int blocks, Normalization norm,
      NDManager manager, Rng rng) {
    int stages = widths.length - 1;
    if (widths.length < 1) {
      throw new InvalidConfigException("the ResNet generator needs at least one width in"
          + " model.generator.hidden");
    }
    long f = 1L << stages;
    if (in.dimension() != 3 || in.get(1) % f != 0 || in.get(2) % f != 0
        || in.get(1) != out.get(1) || in.get(2) != out.get(2)) {
      throw new InvalidConfigException("a ResNet generator with " + stages + " strided stages halves"
          + " the image's side " + stages + " times, so its sides must be multiples of " + f
          + "; got " + Shapes.describe(in) + ": use fewer widths in model.generator.hidden");
    }
    Init init = Init.normal(DcganArchitecture.INIT_STD);
    Dense.Form form = norm.denseForm();
    Network.Builder b = Network.builder(Shapes.size(in));
    b.add("reshape", new ReshapeLayer(in));
    b.add("in", new Conv2dLayer(Math.toIntExact(in.get(0)), widths[0], OUTER_KERNEL, 1,
        OUTER_KERNEL / 2, form, init, manager, rng));
    normAct(b, "in", norm, widths[0], manager);
    for (int i = 1; i <= stages; i++) {
      b.add("down" + i, new Conv2dLayer(widths[i - 1], widths[i], 3, 2, 1, form, init, manager, rng));
      normAct(b, "down" + i, norm, widths[i], manager);
    }
    int w = widths[stages];
    for (int i = 0; i < blocks; i++) {
      Chain.Builder c = Chain.builder(b.shape());
      c.add("conv0", new Conv2dLayer(w, w, 3, 1, 1, form, init, manager, rng));
      UNet.addNorm(c, "norm0", norm, w, manager);
      c.add("act0", new ActivationLayer(Activation.RELU, 0f));
      c.add("conv1", new Conv2dLayer(w, w, 3, 1, 1, form, init, manager, rng));
      UNet.addNorm(c, "norm1", norm, w, manager);
      b.add("block" + i, new Residual(c.build()));
    }
    for (int i = stages; i >= 1; i--) {
      b.add("up" + i, new ConvTranspose2dLayer(widths[i], widths[i - 1], 4, 2, 1, form, init, manager,
          rng));
      normAct(b, "up" + i, norm, widths[i - 1], manager);
    }
    b.add("out", new Conv2dLayer(widths[0], Math.toIntExact(out.get(0)), OUTER_KERNEL, 1,
        OUTER_KERNEL / 2, form, init, manager, rng));
    b.add("tanh", new ActivationLayer(Activation.TANH, 0f));
    b.add("flatten", ReshapeLayer.flatten());
    return b.build();
  }

  private static void normAct(Network.Builder b, String name, Normalization norm, int width,
      NDManager manager) {
    Layer l = norm.layer(width, manager);
    if (l != null) {
      b.add(name + "-norm", l);
    }
    b.add(name + "-act", new ActivationLayer(Activation.RELU, 0f));
  }

}
