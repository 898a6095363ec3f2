package dev.gan4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.Arrays;

/**
 * DCGAN with one fully connected hidden layer at its dense end, as the networks of InfoGAN's MNIST
 * experiment (Chen et al. 2016, appendix C.1): registered as {@code dcgan-dense}. {@code hidden}
 * lists the dense layer's width beside the {@link DcganArchitecture dcgan} stage widths: first in G
 * (dense, then stages smallest image first), last in D (stages largest image first, then dense).
 *
 * <pre>
 * G: z → linear → f → [norm] → act → linear → w₀ × h/2ⁿ × w/2ⁿ → [norm] → act
 *      → per later stage: 4×4 transposed conv, stride 2 → [norm] → act
 *      → 4×4 transposed conv, stride 2 → c × h × w → output activation (tanh)
 * D: image → per stage: 4×4 conv, stride 2 → [norm, not on the first] → act
 *      → flatten → linear → f → [norm] → act → [minibatch layers] → linear → scores
 * </pre>
 *
 * <p>For MNIST, G {@code hidden = 1024, 128, 64} and D {@code hidden = 64, 128, 1024} are the paper's
 * networks: G 1024 → 128 × 7 × 7 → 64 × 14 × 14 → 1 × 28 × 28, D 64 × 14 × 14 → 128 × 7 × 7 → 1024.
 * D's features (what feature matching and InfoGAN's Q head read) are the dense layer's 1,024 values.
 *
 * <pre>{@code Network g = Architectures.byName("dcgan-dense").generator(spec, manager, rng);}</pre>
 */
public final class DcganDenseArchitecture implements Architecture {
  @Override
  public String name() {
    return "dcgan-dense";
  }

  @Override
  public String description() {
    return "DCGAN with a dense hidden layer (InfoGAN's MNIST nets): hidden = dense width then"
        + " channels per stage in G, channels per stage then dense width in D";
  }

  // The stage widths of hidden, after the dense width is split off at index `dense`.
  private static int[] stages(String role, int[] hidden, int dense) {
    if (hidden.length < 2) {
      throw new InvalidConfigException(role + " architecture dcgan-dense needs a dense width and at"
          + " least one stage width in hidden (e.g. " + ("generator".equals(role)
              ? "1024, 128, 64" : "64, 128, 1024") + "), got " + Arrays.toString(hidden));
    }
    return dense == 0
        ? Arrays.copyOfRange(hidden, 1, hidden.length)
        : Arrays.copyOf(hidden, hidden.length - 1);
  }

  @Override
  public Network generator(NetSpec spec, NDManager manager, Rng rng) {
    MlpSpec o = spec.options();
    int[] hidden = o.hidden();
    int[] widths = stages("generator", hidden, 0);
    int n = widths.length;
    Shape img = DcganArchitecture.image(name(), "generator", spec.output(), n);
    int h0 = Math.toIntExact(img.get(1) >> n);
    int w0 = Math.toIntExact(img.get(2) >> n);
    Dense.Form form = o.normalization().denseForm();
    Init init = DcganArchitecture.init(o);
    Network.Builder b = Network.builder(o.inputDim());
    b.add("layer0", new Dense(o.inputDim(), hidden[0], form, manager, rng, init));
    DcganArchitecture.stageEnd(b, 0, hidden[0], o, true, manager);
    b.add("layer1", new Dense(hidden[0], widths[0] * h0 * w0, form, manager, rng, init));
    b.add("reshape", new ReshapeLayer(Shapes.of(widths[0], h0, w0)));
    DcganArchitecture.stageEnd(b, 1, widths[0], o, true, manager);
    return DcganArchitecture.upStages(b, widths, 1, img, o, form, init, manager, rng);
  }

  @Override
  public Network discriminator(NetSpec spec, NDManager manager, Rng rng) {
    MlpSpec o = spec.options();
    int[] hidden = o.hidden();
    int[] widths = stages("discriminator", hidden, hidden.length - 1);
    int n = widths.length;
    Shape img = DcganArchitecture.image(name(), "discriminator", spec.input(), n);
    Network.Builder b = DcganArchitecture.packedImageInput(o, img);
    Dense.Form form = o.normalization().denseForm();
    Init init = DcganArchitecture.init(o);
    DcganArchitecture.downStages(b, widths, o, form, init, manager, rng);
    b.add("flatten", ReshapeLayer.flatten());
    int dense = hidden[n];
    b.add("layer" + n, new Dense(Shapes.size(b.shape()), dense, form, manager, rng, init));
    DcganArchitecture.stageEnd(b, n, dense, o, true, manager);
    Network.minibatchLayers(b, o.minibatchStdDev(), o.minibatchKernels(), manager, rng);
    b.features();
    b.add("layer" + (n + 1),
        new Dense(Shapes.size(b.shape()), o.outputDim(), form, manager, rng, init));
    return b.build();
  }

  // The dense layer's weights and units on top of the DCGAN stages'.
  @Override
  public Footprint generatorFootprint(int latent, int[] widths, int[] sample, String activation) {
    int[] stages = stages("generator", widths, 0);
    int dense = widths[0];
    Footprint conv = Footprint.stridedGenerator(dense, stages, sample);
    return new Footprint((double) latent * dense + conv.parameters(),
        dense + conv.activationsPerSample());
  }

  @Override
  public Footprint discriminatorFootprint(int[] sample, int pack, int[] widths, String activation,
      int kernels) {
    int[] conv = stages("discriminator", widths, widths.length - 1);
    return Footprint.stridedDiscriminator(sample, pack, conv, widths[widths.length - 1]);
  }
}
