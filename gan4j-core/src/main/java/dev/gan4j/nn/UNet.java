package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;

/**
 * The U-Net generator of pix2pix (Isola et al. 2017, after Ronneberger et al. 2015): an encoder of
 * 4×4 stride-2 convolutions, each halving the side, and a decoder of 4×4 stride-2 transposed
 * convolutions, each doubling it, with the encoder's features at every depth concatenated to the
 * decoder's at the same depth ({@link SkipConcat}). With widths w₀ … wₙ₋₁ ({@code hidden}):
 *
 * <pre>
 * x (c × h × w) → conv → w₀ × h/2 → SkipConcat[ LeakyReLU 0.2 → conv → w₁ × h/4 → [norm]
 *     → SkipConcat[ ... innermost: LeakyReLU → conv → wₙ₋₁ × h/2ⁿ → ReLU → conv-transpose → wₙ₋₂ ... ]
 *     → ReLU → conv-transpose → w₀ × h/2 → [norm] → [dropout] ] → ReLU → conv-transpose → c' × h × w → tanh
 * </pre>
 *
 * <p>Every encoder level but the input's own has its skip (n - 1 concatenations for n levels; the
 * input joins nothing, as in pix2pix). Dropout after every decoder level but the output's is the
 * generator's only noise, as in the paper (which has it on the three levels nearest the bottleneck); it is active while training (gan4j's dropout is off at inference, so
 * sampling is deterministic). The sides must be multiples of 2ⁿ, else the config is refused.
 *
 * <pre>{@code Network g = UNet.build(Shapes.of(1, 28, 28), Shapes.of(1, 28, 28), new int[] {64, 128}, Normalization.BATCH, 0.5f, m, rng);}</pre>
 */
public final class UNet implements Architecture {
  /** The registry name. */
  public static final String NAME = "unet";

  static final int KERNEL = 4;
  static final int STRIDE = 2;
  static final int PADDING = 1;
  static final float SLOPE = 0.2f;

  /** The architecture, as {@link Architectures} registers it. */
  UNet() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "pix2pix's U-Net generator: image to image, skips at every depth (hidden = channels per level)";
  }

  @Override
  public Network generator(NetSpec spec, NDManager manager, Rng init) {
    MlpSpec o = spec.options();
    return build(spec.input(), spec.output(), o.hidden(), o.normalization(), o.dropout(), manager,
        init);
  }

  @Override
  public Network discriminator(NetSpec spec, NDManager manager, Rng init) {
    throw new InvalidConfigException("unet is a generator (image to image); the discriminator of"
        + " the translation families is patchgan");
  }

  /**
   * The U-Net from images {@code in} to images {@code out} (same side), flat in and out.
   *
   * @param widths channels per encoder level, outermost first (at least one level)
   * @param dropout dropout after the decoder's inner levels while training, [0, 1)
   * @throws InvalidConfigException when the side is not a multiple of 2ⁿ for n levels
   */
  public static Network build(Shape in, Shape out, int[] widths, Normalization norm, float dropout,
      NDManager manager, Rng rng) {
    int depth = widths.length;
    if (depth < 1) {
      throw new InvalidConfigException("the U-Net needs at least one level width in"
          + " model.generator.hidden");
    }
    long f = 1L << depth;
    if (in.dimension() != 3 || in.get(1) % f != 0 || in.get(2) % f != 0
        || in.get(1) != out.get(1) || in.get(2) != out.get(2)) {
      throw new InvalidConfigException("a U-Net of " + depth + " levels halves the image's side "
          + depth + " times, so its sides must be multiples of " + f + "; got "
          + Shapes.describe(in) + ": use fewer widths in model.generator.hidden");
    }
    Init init = Init.normal(DcganArchitecture.INIT_STD);
    Dense.Form form = norm.denseForm();
    int c = Math.toIntExact(in.get(0));
    Network.Builder b = Network.builder(Shapes.size(in));
    b.add("reshape", new ReshapeLayer(in));
    b.add("down0", new Conv2dLayer(c, widths[0], KERNEL, STRIDE, PADDING, form, init, manager, rng));
    int channels = widths[0];
    if (depth > 1) {
      b.add("level1", level(1, widths, b.shape(), norm, dropout, manager, rng));
      channels = 2 * widths[0];
    }
    b.add("act", new ActivationLayer(Activation.RELU, 0f));
    b.add("up0", new ConvTranspose2dLayer(channels, Math.toIntExact(out.get(0)), KERNEL, STRIDE,
        PADDING, form, init, manager, rng));
    b.add("out", new ActivationLayer(Activation.TANH, 0f));
    b.add("flatten", ReshapeLayer.flatten());
    return b.build();
  }

  // Level i: [x, up(inner(down(x)))], x with widths[i - 1] channels; the innermost has no inner level.
  private static Layer level(int i, int[] widths, Shape input, Normalization norm, float dropout,
      NDManager manager, Rng rng) {
    Init init = Init.normal(DcganArchitecture.INIT_STD);
    Dense.Form form = norm.denseForm();
    int inCh = widths[i - 1];
    boolean innermost = i == widths.length - 1;
    Chain.Builder c = Chain.builder(input);
    c.add("act", new ActivationLayer(Activation.LEAKY_RELU, SLOPE));
    c.add("down", new Conv2dLayer(inCh, widths[i], KERNEL, STRIDE, PADDING, form, init, manager, rng));
    int channels = widths[i];
    if (!innermost) {
      addNorm(c, "down-norm", norm, widths[i], manager);
      c.add("level" + (i + 1), level(i + 1, widths, c.shape(), norm, dropout, manager, rng));
      channels = 2 * widths[i];
    }
    c.add("up-act", new ActivationLayer(Activation.RELU, 0f));
    c.add("up", new ConvTranspose2dLayer(channels, inCh, KERNEL, STRIDE, PADDING, form, init, manager,
        rng));
    addNorm(c, "up-norm", norm, inCh, manager);
    if (dropout > 0f) {
      c.add("dropout", new DropoutLayer(dropout));
    }
    return new SkipConcat(c.build());
  }

  /** Appends the normalization layer of {@code width} channels, when {@code norm} has one. */
  static void addNorm(Chain.Builder c, String name, Normalization norm, int width,
      NDManager manager) {
    Layer l = norm.layer(width, manager);
    if (l != null) {
      c.add(name, l);
    }
  }
}
