package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import java.util.List;
import java.util.Map;

/**
 * Minibatch discrimination (Salimans et al. 2016, section 3.2): lets the discriminator see how similar a
 * sample is to the others of its batch, so a collapsed generator, whose samples all look alike, is easy
 * to reject. With the layer input f(x_i) (A values), a learned tensor T (A × B × C) gives M_i = f(x_i) T,
 * a B × C matrix per sample; for each of the B kernels c_b(x_i, x_j) = exp(-‖M_i,b - M_j,b‖₁), and
 * o(x_i)_b = Σ_j c_b(x_i, x_j) over the batch (j = i included, as in the paper). The layer outputs [f(x_i),
 * o(x_i)]: A + B values.
 */
public final class MinibatchDiscrimination implements Layer {
  private final int in;
  private final int kernels;
  private final int dims;
  private final NDArray t;

  /**
   * A layer with {@code kernels} (B) kernels of {@code dims} (C) dimensions.
   *
   * @param init where T's initial values come from, U(-1/sqrt(A), 1/sqrt(A))
   */
  public MinibatchDiscrimination(int in, int kernels, int dims, NDManager manager, Rng init) {
    this.in = in;
    this.kernels = kernels;
    this.dims = dims;
    float[] v = new float[in * kernels * dims];
    float bound = (float) (1.0 / Math.sqrt(in));
    init.fillUniform(v, -bound, bound);
    t = HostArrays.upload(manager, v, new Shape(in, kernels * dims));
    t.setRequiresGradient(true);
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    if (saved != null) {
      saved.add(null);
    }
    long n = x.getShape().get(0);
    NDArray m = x.matMul(t).reshape(new Shape(n, kernels, dims));
    NDArray l1 = m.expandDims(1).sub(m.expandDims(0)).abs().sum(new int[] {3}); // (n, n, B)
    NDArray o = l1.neg().exp().sum(new int[] {1}); // (n, B)
    return x.concat(o, 1);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    throw new UnsupportedOperationException("minibatch discrimination mixes the samples of a batch");
  }

  @Override
  public Shape outputShape(Shape input) {
    if (input.dimension() != 1 || input.get(0) != in) {
      throw Shapes.mismatch(this, input, "(" + in + ")");
    }
    return new Shape(in + kernels);
  }

  @Override
  public Map<String, NDArray> parameters() {
    return Map.of("t", t);
  }

  @Override
  public boolean mixesSamples() {
    return true;
  }

  @Override
  public String describe() {
    return "minibatch-discrimination(" + in + " -> +" + kernels + " kernels x " + dims + ")";
  }
}
