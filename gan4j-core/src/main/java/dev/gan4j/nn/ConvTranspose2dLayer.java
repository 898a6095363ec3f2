package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Rng;
import java.util.List;

/**
 * A 2-D transposed convolution ("fractionally strided" in Radford et al. 2015): the adjoint of a
 * {@link Conv2dLayer}, growing an image from side h to (h - 1)·s - 2p + k. DCGAN's generator doubles the
 * side at each stage with k = 4, s = 2, p = 1.
 *
 * <p>Its input gradient is the ordinary convolution of the upstream gradient with the same kernel.
 *
 * <pre>{@code Layer up = new ConvTranspose2dLayer(128, 64, 4, 2, 1, Dense.Form.PLAIN, Init.normal(0.02f), m, rng);}</pre>
 */
public final class ConvTranspose2dLayer extends ConvLayer {
  /** A transposed convolution with fresh weights in {@code manager}. */
  public ConvTranspose2dLayer(int in, int out, int kernel, int stride, int padding, Dense.Form form,
      Init init, NDManager manager, Rng rng) {
    // PyTorch computes a transposed convolution's default bound from the kernel's second axis.
    super(in, out, kernel, stride, padding, form, init, manager, rng, out * kernel * kernel);
  }

  @Override
  Shape kernelShape() {
    return new Shape(in, out, kernel, kernel);
  }

  @Override
  int outputAxis() {
    return 1;
  }

  @Override
  String kind() {
    return "conv-transpose";
  }

  @Override
  long outputSide(long side) {
    return (side - 1) * stride - 2L * padding + kernel;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    NDArray k = effectiveKernel(pass);
    save(saved, k, x);
    return TransposedConvolution.apply(x, k, bias(), stride, padding, new long[] {0, 0});
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    Saved s = (Saved) saved;
    return Convolution.apply(g, s.kernel(), null, stride, padding);
  }
}
