package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Rng;

/**
 * Residual networks in the style of the WGAN-GP and SNGAN papers' ResNet GANs (Gulrajani et al. 2017,
 * Miyato et al. 2018), with one width w for every stage (the first entry of {@code hidden}) and one
 * stage per further entry, so {@code hidden = 64, 64, 64} has two stages:
 *
 * <pre>
 * G: z → linear → w × h/2ˢ × w/2ˢ → per stage: upsample ×2 → residual[norm, act, 3×3 conv, norm, act,
 *      3×3 conv] → norm → act → 3×3 conv → c × h × w → output activation
 * D: image → 3×3 conv → w channels → per stage: residual[act, 3×3 conv, act, 3×3 conv] → 2×2 average
 *      pool → act → flatten → [minibatch layers] → linear → scores
 * </pre>
 *
 * <p>Blocks keep their width, so every shortcut is the identity ({@link Residual}). Weights start as
 * PyTorch's default (U(-r, r) when the config sets {@code initRange} r).
 */
public final class ResnetArchitecture implements Architecture {
  private static final int K = 3;

  @Override
  public String name() {
    return "resnet";
  }

  @Override
  public String description() {
    return "residual blocks of 3x3 convolutions, one width (hidden = width, then one entry per stage)";
  }

  private static Init init(MlpSpec o) {
    return o.initRange() > 0f ? Init.uniform(o.initRange()) : Init.pytorch();
  }

  private static Conv2dLayer conv(int in, int out, MlpSpec o, NDManager manager, Rng rng) {
    return new Conv2dLayer(in, out, K, 1, 1, o.normalization().denseForm(), init(o), manager, rng);
  }

  private static Residual block(Shape s, MlpSpec o, boolean norms, NDManager manager, Rng rng) {
    int w = Math.toIntExact(s.get(0));
    Chain.Builder c = Chain.builder(s);
    for (int j = 0; j < 2; j++) {
      Layer norm = norms ? o.normalization().layer(w, manager) : null;
      if (norm != null) {
        c.add("norm" + j, norm);
      }
      c.add("act" + j, new ActivationLayer(o.activation(), o.leakySlope()));
      c.add("conv" + j, conv(w, w, o, manager, rng));
    }
    return new Residual(c.build());
  }

  @Override
  public Network generator(NetSpec spec, NDManager manager, Rng rng) {
    MlpSpec o = spec.options();
    int stages = o.hidden().length - 1;
    int w = o.hidden()[0];
    Shape img = DcganArchitecture.image(name(), "generator", spec.output(), Math.max(stages, 1));
    int h0 = Math.toIntExact(img.get(1) >> stages);
    int w0 = Math.toIntExact(img.get(2) >> stages);
    Network.Builder b = Network.builder(o.inputDim());
    b.add("layer0", new Dense(o.inputDim(), w * h0 * w0, o.normalization().denseForm(), manager,
        rng, init(o)));
    b.add("reshape", new ReshapeLayer(Shapes.of(w, h0, w0)));
    for (int i = 0; i < stages; i++) {
      b.add("up" + i, new UpsampleLayer(2));
      b.add("block" + i, block(b.shape(), o, true, manager, rng));
    }
    DcganArchitecture.stageEnd(b, stages, w, o, true, manager);
    b.add("layer1", conv(w, Math.toIntExact(img.get(0)), o, manager, rng));
    return DcganArchitecture.imageOutput(b, o);
  }

  @Override
  public Network discriminator(NetSpec spec, NDManager manager, Rng rng) {
    MlpSpec o = spec.options();
    int stages = o.hidden().length - 1;
    int w = o.hidden()[0];
    Shape img = DcganArchitecture.image(name(), "discriminator", spec.input(), Math.max(stages, 1));
    Network.Builder b = DcganArchitecture.packedImageInput(o, img);
    b.add("layer0", conv(Math.toIntExact(b.shape().get(0)), w, o, manager, rng));
    for (int i = 0; i < stages; i++) {
      b.add("block" + i, block(b.shape(), o, false, manager, rng));
      b.add("pool" + i, new AvgPoolLayer(2));
    }
    b.add("act", new ActivationLayer(o.activation(), o.leakySlope()));
    Network.regularize(b, stages, o.noise(), o.dropout());
    return DcganArchitecture.scoreHead(
        b, o, o.normalization().denseForm(), init(o), 1, manager, rng);
  }

  @Override
  public Footprint generatorFootprint(int latent, int[] widths, int[] sample, String activation) {
    return Footprint.residualGenerator(latent, widths, sample);
  }

  @Override
  public Footprint discriminatorFootprint(int[] sample, int pack, int[] widths, String activation,
      int kernels) {
    return Footprint.residualDiscriminator(sample, pack, widths);
  }
}
