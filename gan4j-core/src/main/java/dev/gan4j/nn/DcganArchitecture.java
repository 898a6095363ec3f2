package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;

/**
 * DCGAN (Radford et al. 2015), sized from the data's shape. With stage widths w₀ … wₙ₋₁ ({@code hidden})
 * and images c × h × w, where h and w must be multiples of 2ⁿ:
 *
 * <pre>
 * G: z → linear → w₀ × h/2ⁿ × w/2ⁿ → [norm] → act
 *      → per later stage: 4×4 transposed conv, stride 2 (side × 2) → [norm] → act
 *      → 4×4 transposed conv, stride 2 → c × h × w → output activation (tanh)
 * D: image (c·pack channels) → per stage: 4×4 conv, stride 2 (side / 2) → [norm, not on the first]
 *      → act (LeakyReLU 0.2) → flatten → [minibatch layers] → linear → scores
 * </pre>
 *
 * <p>For MNIST, {@code hidden = 128, 64} in G gives the paper's shape scaled to 28 × 28: 128 × 7 × 7,
 * 64 × 14 × 14, 1 × 28 × 28; {@code hidden = 64, 128} in D gives 64 × 14 × 14 and 128 × 7 × 7. Weights
 * start N(0, 0.02²) as the paper's (U(-r, r) when the config sets {@code initRange} r). No pooling and no
 * hidden dense layers, as the paper recommends; normalization (batch in the paper's G and D) is the
 * config's, applied per channel.
 */
public final class DcganArchitecture implements Architecture {
  static final int KERNEL = 4;
  static final int STRIDE = 2;
  static final int PADDING = 1;
  static final float INIT_STD = 0.02f;

  @Override
  public String name() {
    return "dcgan";
  }

  @Override
  public String description() {
    return "DCGAN: strided 4x4 convolutions, side halved / doubled per stage (hidden = channels)";
  }

  static Init init(MlpSpec o) {
    return o.initRange() > 0f ? Init.uniform(o.initRange()) : Init.normal(INIT_STD);
  }

  /** The image shape, checked: an architecture over images needs (c, h, w) data. */
  static Shape image(String arch, String role, Shape data, int stages) {
    if (!NetSpec.isImage(data)) {
      throw new InvalidConfigException(role + " architecture " + arch + " needs image data (channels"
          + " x height x width); this data has samples of shape " + Shapes.describe(data)
          + ": use arch mlp");
    }
    if (stages < 1) {
      throw new InvalidConfigException(role + " architecture " + arch
          + " needs at least one stage width in hidden");
    }
    long f = 1L << stages;
    if (data.get(1) % f != 0 || data.get(2) % f != 0) {
      throw new InvalidConfigException(role + " architecture " + arch + " with " + stages
          + " stages halves the image's side " + stages + " times, so its sides must be multiples of "
          + f + "; got " + Shapes.describe(data) + ": use fewer stage widths in hidden or another"
          + " --image-size");
    }
    return data;
  }

  @Override
  public Network generator(NetSpec spec, NDManager manager, Rng rng) {
    MlpSpec o = spec.options();
    int[] widths = o.hidden();
    int n = widths.length;
    Shape img = image(name(), "generator", spec.output(), n);
    int h0 = Math.toIntExact(img.get(1) >> n);
    int w0 = Math.toIntExact(img.get(2) >> n);
    Dense.Form form = o.normalization().denseForm();
    Init init = init(o);
    Network.Builder b = Network.builder(o.inputDim());
    b.add("layer0", new Dense(o.inputDim(), widths[0] * h0 * w0, form, manager, rng, init));
    b.add("reshape", new ReshapeLayer(Shapes.of(widths[0], h0, w0)));
    stageEnd(b, 0, widths[0], o, true, manager);
    return upStages(b, widths, 0, img, o, form, init, manager, rng);
  }

  /**
   * A generator's later stages, from a builder that holds the first stage's w₀ × h/2ⁿ × w/2ⁿ map:
   * per later stage a 4×4 transposed convolution with stride 2 and its stage end, then the one to
   * the image's channels and {@link #imageOutput}. Layer i of {@code widths} is named
   * layer(i + offset).
   */
  static Network upStages(Network.Builder b, int[] widths, int offset, Shape img, MlpSpec o,
      Dense.Form form, Init init, NDManager manager, Rng rng) {
    int n = widths.length;
    for (int i = 1; i < n; i++) {
      b.add("layer" + (i + offset), new ConvTranspose2dLayer(
          widths[i - 1], widths[i], KERNEL, STRIDE, PADDING, form, init, manager, rng));
      stageEnd(b, i + offset, widths[i], o, true, manager);
    }
    b.add("layer" + (n + offset), new ConvTranspose2dLayer(
        widths[n - 1], Math.toIntExact(img.get(0)), KERNEL, STRIDE, PADDING, form, init, manager,
        rng));
    return imageOutput(b, o);
  }

  /** A generator's end: its output activation, then the image flattened for the trainer. */
  static Network imageOutput(Network.Builder b, MlpSpec o) {
    if (o.outputActivation() != Activation.IDENTITY) {
      b.add("out", new ActivationLayer(o.outputActivation(), o.leakySlope()));
    }
    b.add("flatten", ReshapeLayer.flatten());
    return b.build();
  }

  @Override
  public Network discriminator(NetSpec spec, NDManager manager, Rng rng) {
    MlpSpec o = spec.options();
    int[] widths = o.hidden();
    Shape img = image(name(), "discriminator", spec.input(), widths.length);
    Network.Builder b = packedImageInput(o, img);
    Dense.Form form = o.normalization().denseForm();
    Init init = init(o);
    downStages(b, widths, o, form, init, manager, rng);
    return scoreHead(b, o, form, init, widths.length, manager, rng);
  }

  /**
   * A discriminator's stages, layer0 onward: per stage a 4×4 convolution with stride 2 and its stage
   * end (no normalization on the first unless asked for).
   */
  static void downStages(Network.Builder b, int[] widths, MlpSpec o, Dense.Form form, Init init,
      NDManager manager, Rng rng) {
    int channels = Math.toIntExact(b.shape().get(0));
    for (int i = 0; i < widths.length; i++) {
      b.add("layer" + i, new Conv2dLayer(
          channels, widths[i], KERNEL, STRIDE, PADDING, form, init, manager, rng));
      stageEnd(b, i, widths[i], o, i > 0 || o.normalizeFirstLayer(), manager);
      channels = widths[i];
    }
  }

  /** A discriminator's input: flat samples, packed (PacGAN: along channels), as images. */
  static Network.Builder packedImageInput(MlpSpec o, Shape img) {
    Network.Builder b = Network.builder(o.inputDim()).pack(o.pack());
    if (o.pack() > 1) {
      b.add("pack", new PackLayer(o.pack()));
    }
    return b.add("image", new ReshapeLayer(
        new Shape(img.get(0) * o.pack(), img.get(1), img.get(2))));
  }

  /** A discriminator's end: flatten, minibatch layers, then one linear layer to the scores. */
  static Network scoreHead(Network.Builder b, MlpSpec o, Dense.Form form, Init init, int index,
      NDManager manager, Rng rng) {
    b.add("flatten", ReshapeLayer.flatten());
    Network.minibatchLayers(b, o.minibatchStdDev(), o.minibatchKernels(), manager, rng);
    b.features();
    b.add("layer" + index,
        new Dense(Shapes.size(b.shape()), o.outputDim(), form, manager, rng, init));
    return b.build();
  }

  /** A stage's normalization (when {@code normalize}), activation, noise and dropout. */
  static void stageEnd(Network.Builder b, int i, int width, MlpSpec o, boolean normalize,
      NDManager manager) {
    Layer norm = o.normalization().layer(width, manager);
    if (normalize && norm != null) {
      b.add("norm" + i, norm);
    }
    if (o.activation() == Activation.MAXOUT) {
      throw new InvalidConfigException("maxout units are for mlp networks; use relu or leaky-relu");
    }
    b.add("act" + i, new ActivationLayer(o.activation(), o.leakySlope()));
    Network.regularize(b, i, o.noise(), o.dropout());
  }
}
