package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Rng;
import java.util.List;

/**
 * A 2-D convolution over images (n, c, h, w): {@code out} filters of k × k over {@code in} channels,
 * with stride and zero padding, output side (h + 2p - k) / s + 1 (rounded down). DCGAN's discriminator
 * is a stack of them with stride 2 in place of pooling (Radford et al. 2015).
 *
 * <p>Its input gradient is the transposed convolution of the upstream gradient with the same kernel
 * (and an output padding that restores the input's side when the stride did not divide it evenly): an
 * ordinary differentiable operation, so gradient penalties on convolutional critics train with one
 * backward pass.
 *
 * <pre>{@code Layer c = new Conv2dLayer(1, 64, 4, 2, 1, Dense.Form.PLAIN, Init.normal(0.02f), manager, rng);}</pre>
 */
public final class Conv2dLayer extends ConvLayer {
  /** A convolution with fresh weights in {@code manager}. */
  public Conv2dLayer(int in, int out, int kernel, int stride, int padding, Dense.Form form,
      Init init, NDManager manager, Rng rng) {
    super(in, out, kernel, stride, padding, form, init, manager, rng, in * kernel * kernel);
  }

  @Override
  Shape kernelShape() {
    return new Shape(out, in, kernel, kernel);
  }

  @Override
  int outputAxis() {
    return 0;
  }

  @Override
  String kind() {
    return "conv";
  }

  @Override
  long outputSide(long side) {
    long span = side + 2L * padding - kernel;
    return span < 0 ? 0 : span / stride + 1;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    NDArray k = effectiveKernel(pass);
    save(saved, k, x);
    return Convolution.apply(x, k, bias(), stride, padding);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    Saved s = (Saved) saved;
    Shape in = s.inputShape();
    // Rows and columns the forward pass's stride skipped at the far edge come back as output padding.
    long oh = (in.get(2) + 2L * padding - kernel) % stride;
    long ow = (in.get(3) + 2L * padding - kernel) % stride;
    return TransposedConvolution.apply(g, s.kernel(), null, stride, padding, new long[] {oh, ow});
  }
}
