package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;

/**
 * The PatchGAN discriminator of pix2pix (Isola et al. 2017): a fully convolutional network whose
 * output is a map of logits, one per overlapping patch of the input, each judging whether its patch
 * is real. With widths w₁ … wₙ ({@code hidden}), all 4×4 convolutions with padding 1:
 *
 * <pre>
 * image → conv w₁, stride 2 → LeakyReLU 0.2 → conv w₂, stride 2 → [norm] → LeakyReLU ...
 *       → conv wₙ, stride 1 → [norm] → LeakyReLU → conv 1, stride 1 → the map, flattened
 * </pre>
 *
 * <p>Every hidden convolution but the last has stride 2. A patch's side, the receptive field of one
 * output logit, is r = 1 + Σᵢ (kᵢ - 1) Πⱼ₍ⱼ₍ᵢ₎ sⱼ ({@link #receptiveField}): pix2pix's 70 × 70
 * PatchGAN is widths 64, 128, 256, 512; widths 32, 64 give 16 × 16 patches, a 12 × 12 map on 28 × 28
 * images ({@link #mapSide}).
 *
 * <pre>{@code Network d = PatchGan.build(Shapes.of(2, 28, 28), new int[] {32, 64}, Normalization.BATCH, m, rng);}</pre>
 */
public final class PatchGan implements Architecture {
  /** The registry name. */
  public static final String NAME = "patchgan";

  static final int KERNEL = 4;
  static final int PADDING = 1;
  static final float SLOPE = 0.2f;

  /** The architecture, as {@link Architectures} registers it. */
  PatchGan() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "pix2pix's PatchGAN discriminator: one logit per patch (hidden = channels per layer)";
  }

  @Override
  public Network generator(NetSpec spec, NDManager manager, Rng init) {
    throw new InvalidConfigException("patchgan is a discriminator; the generator of pix2pix is unet,"
        + " of cyclegan resnet-translator");
  }

  @Override
  public Network discriminator(NetSpec spec, NDManager manager, Rng init) {
    return build(spec.input(), spec.options().hidden(), spec.options().normalization(), manager,
        init);
  }

  /** The strides of the convolutions for {@code layers} hidden widths, the output one last. */
  public static int[] strides(int layers) {
    int[] s = new int[layers + 1];
    for (int i = 0; i <= layers; i++) {
      s[i] = i < layers - 1 ? 2 : 1;
    }
    return s;
  }

  /**
   * The receptive field (patch side) of one output of a stack of convolutions with these kernels and
   * strides: 1 + Σᵢ (kᵢ - 1) Πⱼ₍ⱼ₍ᵢ₎ sⱼ.
   */
  public static int receptiveField(int[] kernels, int[] strides) {
    int r = 1;
    int jump = 1;
    for (int i = 0; i < kernels.length; i++) {
      r += (kernels[i] - 1) * jump;
      jump *= strides[i];
    }
    return r;
  }

  /** The patch side of a PatchGAN with {@code layers} hidden widths. */
  public static int receptiveField(int layers) {
    int[] k = new int[layers + 1];
    java.util.Arrays.fill(k, KERNEL);
    return receptiveField(k, strides(layers));
  }

  /** The side of the logit map for an input of side {@code side} and {@code layers} hidden widths. */
  public static int mapSide(int side, int layers) {
    int s = side;
    for (int stride : strides(layers)) {
      s = (s + 2 * PADDING - KERNEL) / stride + 1;
    }
    return s;
  }

  /**
   * The PatchGAN over images {@code in} (c × h × w): flat in, one logit per patch out.
   *
   * @throws InvalidConfigException when the image is too small for the map to have a patch
   */
  public static Network build(Shape in, int[] widths, Normalization norm, NDManager manager,
      Rng rng) {
    if (widths.length < 1) {
      throw new InvalidConfigException("the PatchGAN needs at least one width in"
          + " model.discriminator.hidden");
    }
    if (in.dimension() != 3 || mapSide(Math.toIntExact(Math.min(in.get(1), in.get(2))),
        widths.length) < 1) {
      throw new InvalidConfigException("a PatchGAN of " + widths.length + " layers leaves no patch"
          + " of a " + Shapes.describe(in) + " image: use fewer widths in"
          + " model.discriminator.hidden");
    }
    Init init = Init.normal(DcganArchitecture.INIT_STD);
    Dense.Form form = norm.denseForm();
    int[] strides = strides(widths.length);
    Network.Builder b = Network.builder(Shapes.size(in));
    b.add("reshape", new ReshapeLayer(in));
    int channels = Math.toIntExact(in.get(0));
    for (int i = 0; i < widths.length; i++) {
      b.add("conv" + i, new Conv2dLayer(channels, widths[i], KERNEL, strides[i], PADDING, form, init,
          manager, rng));
      Layer l = i == 0 ? null : norm.layer(widths[i], manager);
      if (l != null) {
        b.add("norm" + i, l);
      }
      b.add("act" + i, new ActivationLayer(Activation.LEAKY_RELU, SLOPE));
      channels = widths[i];
    }
    b.features();
    b.add("out", new Conv2dLayer(channels, 1, KERNEL, 1, PADDING, form, init, manager, rng));
    b.add("flatten", ReshapeLayer.flatten());
    return b.build();
  }
}
