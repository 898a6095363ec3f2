package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Conv2dLayer} and {@link ConvTranspose2dLayer} share: a square kernel with stride and
 * padding, a bias per output channel, and the kernel stored plainly or reparameterised as a {@link
 * Dense} layer's weights are ({@link Dense.Form}: weight normalization per output channel, spectral
 * normalization of the kernel viewed as a matrix with one column per output channel).
 */
abstract class ConvLayer implements Layer {
  private static final float EPS = 1e-12f;

  final int in;
  final int out;
  final int kernel;
  final int stride;
  final int padding;
  private final Dense.Form form;
  private final NDArray weight; // the kernel (conv: out, in, k, k; transposed: in, out, k, k), or v
  private final NDArray bias;
  private final NDArray gain; // WEIGHT only, one per output channel
  private final NDArray u; // SPECTRAL only

  ConvLayer(int in, int out, int kernel, int stride, int padding, Dense.Form form, Init init,
      NDManager manager, Rng rng, int fanIn) {
    for (int v : new int[] {in, out, kernel, stride}) {
      if (v < 1) {
        throw new InvalidConfigException("convolution channels, kernel and stride must be >= 1, got "
            + in + " -> " + out + ", kernel " + kernel + ", stride " + stride);
      }
    }
    if (padding < 0 || padding >= kernel) {
      throw new InvalidConfigException(
          "convolution padding must be in [0, kernel), got " + padding + " for kernel " + kernel);
    }
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.form = form;
    Shape shape = kernelShape();
    float[] w = new float[Math.toIntExact(shape.size())];
    float[] b = new float[out];
    init.fill(w, b, fanIn, rng);
    weight = param(HostArrays.upload(manager, w, shape));
    bias = param(HostArrays.upload(manager, b, new Shape(out)));
    if (form == Dense.Form.WEIGHT) {
      float[] g = new float[out];
      for (int i = 0; i < w.length; i++) {
        int unit = outputChannelOf(i);
        g[unit] += w[i] * w[i];
      }
      for (int j = 0; j < out; j++) {
        g[j] = (float) Math.sqrt(g[j]); // g starts at ‖v‖, so the initial kernel is the plain one
      }
      gain = param(HostArrays.upload(manager, g, gainShape()));
    } else {
      gain = null;
    }
    u = form == Dense.Form.SPECTRAL ? SpectralNorm.initialVector(out, manager, rng) : null;
  }

  private static NDArray param(NDArray a) {
    a.setRequiresGradient(true);
    return a;
  }

  /** The kernel's shape. */
  abstract Shape kernelShape();

  /** The axis of the kernel that indexes output channels. */
  abstract int outputAxis();

  /** The kind of layer for {@link #describe}, e.g. {@code conv}. */
  abstract String kind();

  private int outputChannelOf(int flatIndex) {
    int perK = kernel * kernel;
    return outputAxis() == 0 ? flatIndex / (in * perK) : (flatIndex / perK) % out;
  }

  private Shape gainShape() {
    return outputAxis() == 0 ? new Shape(out, 1, 1, 1) : new Shape(1, out, 1, 1);
  }

  /** The kernel actually applied, as a differentiable expression whose temporaries go to the pass. */
  NDArray effectiveKernel(Pass pass) {
    NDManager m = pass.manager();
    switch (form) {
      case WEIGHT:
        int[] fanAxes = outputAxis() == 0 ? new int[] {1, 2, 3} : new int[] {0, 2, 3};
        NDArray norms = Tensors.on(m, weight.square()).sum(fanAxes, true).add(EPS).sqrt();
        return Tensors.on(m, gain.add(0f)).div(norms).mul(weight);
      case SPECTRAL:
        // One column per output channel: (in·k·k) × out.
        NDArray units = outputAxis() == 0 ? weight : Tensors.on(m, weight.transpose(1, 0, 2, 3));
        NDArray matrix = Tensors.on(m, units.reshape(new Shape(out, -1))).transpose();
        NDArray sigma = SpectralNorm.sigma(matrix, u, pass);
        return Tensors.on(m, weight.div(sigma.reshape(new Shape())));
      default:
        return weight;
    }
  }

  NDArray bias() {
    return bias;
  }

  /** The spatial size after the layer for an input side, or < 1 when the input is too small. */
  abstract long outputSide(long side);

  @Override
  public Shape outputShape(Shape input) {
    if (input.dimension() != 3 || input.get(0) != in) {
      throw Shapes.mismatch(this, input, "(" + in + " x h x w)");
    }
    long h = outputSide(input.get(1));
    long w = outputSide(input.get(2));
    if (h < 1 || w < 1) {
      throw Shapes.mismatch(this, input, "an image of at least " + kernel + " x " + kernel
          + " after padding");
    }
    return new Shape(out, h, w);
  }

  @Override
  public Map<String, NDArray> parameters() {
    return Dense.weightBiasGain(weight, bias, gain);
  }

  @Override
  public Map<String, NDArray> buffers() {
    return SpectralNorm.buffers(u);
  }

  @Override
  public String describe() {
    return kind() + "(" + in + "->" + out + ", k" + kernel + " s" + stride + " p" + padding
        + (form == Dense.Form.PLAIN ? "" : ", " + form.name().toLowerCase(Locale.ROOT) + " norm")
        + ")";
  }

  /** What the input gradient needs: the kernel used and the input's shape. */
  record Saved(NDArray kernel, Shape inputShape) {}

  static void save(List<Object> saved, NDArray kernel, NDArray x) {
    if (saved != null) {
      saved.add(new Saved(kernel, x.getShape()));
    }
  }
}
