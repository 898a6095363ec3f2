package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The 2-D transposed convolution, built from one ordinary {@link Convolution}: DJL's PyTorch engine
 * (0.34) implements {@code conv2d} but not {@code conv_transpose2d}. Output position o of a transposed
 * convolution with stride s and padding p collects input i through kernel tap k = o + p - i·s, so the
 * outputs of one phase r = (o + p) mod s use only the taps k ≡ r (mod s). Each phase is a stride-1
 * correlation with a flipped sub-kernel of ⌈K/s⌉ taps; the s² sub-kernels stacked along the output
 * channels make one convolution, and a pixel shuffle interleaves the phases. It does the work of the
 * transposed convolution itself (not of a convolution over a zero-dilated input, s² times more) and is
 * made of differentiable operations, so gradients, and gradients of gradients, flow through it.
 *
 * <p>Public so the benchmarks can time it; layers use it through {@link ConvTranspose2dLayer}.
 *
 * <pre>{@code NDArray y = TransposedConvolution.apply(x, kernel, bias, 2, 1, new long[2]);}</pre>
 */
public final class TransposedConvolution {
  private TransposedConvolution() {}

  /**
   * conv_transpose2d(x, kernel) + bias, PyTorch's definition.
   *
   * @param x (n, I, h, w)
   * @param kernel (I, O, K, K)
   * @param bias (O), or null
   * @param stride the upsampling factor, on both axes
   * @param padding rows and columns cropped from every side of the full output
   * @param outputPadding extra rows and columns at the far edge, each in [0, stride)
   * @return (n, O, (h - 1)·stride - 2·padding + K + outputPadding[0], same for w), owned by {@code
   *     x}'s manager, as are the intermediate arrays
   */
  public static NDArray apply(
      NDArray x, NDArray kernel, NDArray bias, int stride, int padding, long[] outputPadding) {
    Shape xs = x.getShape();
    Shape ks = kernel.getShape();
    long n = xs.get(0);
    long h = xs.get(2);
    long w = xs.get(3);
    long in = ks.get(0);
    long out = ks.get(1);
    int k = Math.toIntExact(ks.get(2));
    int s = stride;
    int taps = (k + s - 1) / s;
    long oh = (h - 1) * s + k - 2L * padding + outputPadding[0];
    long ow = (w - 1) * s + k - 2L * padding + outputPadding[1];
    // Phase outputs z[t] are needed for t < T, with o = t·s + r - p covering every output.
    long th = (padding + oh + s - 1) / s;
    long tw = (padding + ow + s - 1) / s;
    // Sub-kernels: tap k = j·s + r; pad K to taps·s, split (j, r), flip j, phases first as outputs.
    // The kernel and bias are usually parameters: their first derived tensors go to the batch's
    // manager, so every later result is freed with the step.
    NDManager m = x.getManager();
    NDArray kk = (long) taps * s > k
        ? Tensors.on(m, kernel.pad(new Shape(0, taps * s - k, 0, taps * s - k), 0))
        : kernel;
    NDArray sub =
        Tensors.on(m, kk.reshape(new Shape(in, out, taps, s, taps, s)))
            .flip(2, 4)
            .transpose(3, 5, 1, 0, 2, 4) // (ry, rx, O, I, jy, jx)
            .reshape(new Shape((long) s * s * out, in, taps, taps));
    // Zero padding: taps - 1 before (the correlation looks back that far), enough after for T outputs.
    long padBottom = Math.max(0, th - h);
    long padRight = Math.max(0, tw - w);
    // (n, s·s·O, ≥th, ≥tw). When the padding is the same on every side (DCGAN's k4 s2 p1), the
    // convolution pads: the engine's conv2d does it without a padded copy of x, and faster.
    NDArray z = padBottom == taps - 1 && padRight == taps - 1
        ? Convolution.apply(x, sub, null, 1, taps - 1)
        : Convolution.apply(
            x.pad(new Shape(taps - 1, padRight, taps - 1, padBottom), 0), sub, null, 1, 0);
    long zh = z.getShape().get(2);
    long zw = z.getShape().get(3);
    NDArray shuffled =
        z.reshape(new Shape(n, s, s, out, zh, zw))
            .transpose(0, 3, 4, 1, 5, 2) // (n, O, t_y, r_y, t_x, r_x)
            .reshape(new Shape(n, out, zh * s, zw * s));
    NDArray y = shuffled.get(":, :, " + padding + ":" + (padding + oh) + ", " + padding + ":"
        + (padding + ow));
    return bias == null ? y : y.add(Tensors.on(m, bias.reshape(new Shape(1, out, 1, 1))));
  }
}
