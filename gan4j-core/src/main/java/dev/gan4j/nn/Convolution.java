package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The 2-D convolution (cross-correlation, PyTorch's {@code conv2d}). Two implementations: the engine's
 * own {@code conv2d} (oneDNN on CPU), used for every configuration that {@link EngineConvolution}'s
 * check has found to give the same outputs, input gradients and weight gradients as gan4j's; and
 * gan4j's own, {@link #windows}, as strided slices and one matrix product ("im2col"), used otherwise.
 * gan4j's is the reference: made of slices, stacking and products, which differentiate correctly to any
 * order. (DJL 0.34's engine was once found here to give wrong input gradients for small channel counts;
 * the check decides per configuration, not per processor: docs/networks.md.)
 *
 * <p>Public so the benchmarks can time both; layers use it through {@link Conv2dLayer}.
 *
 * <pre>{@code NDArray y = Convolution.apply(x, kernel, bias, 2, 1); // (n, o, h', w')}</pre>
 */
public final class Convolution {
  private Convolution() {}

  /**
   * conv2d(x, kernel) + bias, through the engine when {@link EngineConvolution} trusts it for this
   * configuration, else through {@link #windows}.
   *
   * @param x (n, c, h, w)
   * @param kernel (o, c, k, k)
   * @param bias (o), or null
   * @param stride the step between windows, on both axes
   * @param padding zeros added on every side
   * @return (n, o, (h + 2·padding - k)/stride + 1, same for w), owned by {@code x}'s manager
   */
  public static NDArray apply(NDArray x, NDArray kernel, NDArray bias, int stride, int padding) {
    return EngineConvolution.trusted(x, kernel, stride, padding)
        ? EngineConvolution.apply(x, kernel, bias, stride, padding)
        : windows(x, kernel, bias, stride, padding);
  }

  /**
   * conv2d(x, kernel) + bias, computed by gan4j: strided windows and one matrix product.
   *
   * @param x (n, c, h, w)
   * @param kernel (o, c, k, k)
   * @param bias (o), or null
   * @param stride the step between windows, on both axes
   * @param padding zeros added on every side
   * @return (n, o, (h + 2·padding - k)/stride + 1, same for w), owned by {@code x}'s manager, as
   *     are the intermediate arrays
   */
  public static NDArray windows(NDArray x, NDArray kernel, NDArray bias, int stride, int padding) {
    Shape xs = x.getShape();
    Shape ks = kernel.getShape();
    long n = xs.get(0);
    long c = xs.get(1);
    long out = ks.get(0);
    int k = Math.toIntExact(ks.get(2));
    int s = stride;
    int j = (k + s - 1) / s; // taps per axis after space-to-depth
    long oh = (xs.get(2) + 2L * padding - k) / s + 1;
    long ow = (xs.get(3) + 2L * padding - k) / s + 1;
    // Pad, then round the padded sides up to multiples of s (and enough for the last window).
    long hp = Math.max((oh - 1 + j) * s, xs.get(2) + 2L * padding);
    long wp = Math.max((ow - 1 + j) * s, xs.get(3) + 2L * padding);
    hp = (hp + s - 1) / s * s;
    wp = (wp + s - 1) / s * s;
    NDArray xp = x.pad(new Shape(padding, wp - xs.get(3) - padding, padding,
        hp - xs.get(2) - padding), 0);
    // Space to depth: xp[s·a + r] = X[r][a], so tap k = s·q + r of output o reads X[r][o + q]: a
    // stride-1 window over the s² phase planes, j × j shifts instead of k × k strided slices.
    NDArray phases = s == 1 ? xp
        : xp.reshape(new Shape(n, c, hp / s, s, wp / s, s))
            .transpose(0, 1, 3, 5, 2, 4)
            .reshape(new Shape(n, c * s * s, hp / s, wp / s));
    NDList taps = new NDList(j * j);
    for (int qy = 0; qy < j; qy++) {
      for (int qx = 0; qx < j; qx++) {
        taps.add(phases.get(new NDIndex(":, :, {}:{}, {}:{}", qy, qy + oh, qx, qx + ow)));
      }
    }
    long depth = c * s * s * j * j;
    // Patches (n·oh·ow, c·s²·j²), one row per output position, for one large matrix product
    // against the kernel arranged (o, c, ry, rx, qy, qx).
    NDArray patches = NDArrays.stack(taps, 4) // (n, c·s², oh, ow, j²)
        .transpose(0, 2, 3, 1, 4)
        .reshape(new Shape(n * oh * ow, depth));
    // The kernel is usually a parameter: its first derived tensor goes to the batch's manager, so this
    // and every later result are freed with the step (an op's result joins its first operand's).
    NDManager m = x.getManager();
    NDArray kk = (long) j * s > k
        ? Tensors.on(m, kernel.pad(new Shape(0, j * s - k, 0, j * s - k), 0))
        : kernel;
    NDArray w = Tensors.on(m, kk.reshape(new Shape(out, c, j, s, j, s)))
        .transpose(0, 1, 3, 5, 2, 4)
        .reshape(new Shape(out, depth));
    NDArray rows = patches.getNDArrayInternal().linear(patches, w, bias).singletonOrThrow();
    rows.attach(m);
    return rows.reshape(new Shape(n, oh, ow, out)).transpose(0, 3, 1, 2);
  }
}
