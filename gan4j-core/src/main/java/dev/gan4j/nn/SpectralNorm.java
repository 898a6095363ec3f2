package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;

/**
 * Spectral normalization's estimate of σ(W), the largest singular value (Miyato et al. 2018): one step
 * of power iteration per training pass from a vector u kept across steps (a buffer, saved in
 * checkpoints). u and v are constants for the gradient; σ = vᵀWu is differentiated, as in the paper.
 * Dense layers pass W as it is (in × out); convolutions pass their kernel viewed as (in·k·k × out).
 */
final class SpectralNorm {
  private static final float EPS = 1e-12f;
  private static final NDIndex ALL = new NDIndex("...");

  private SpectralNorm() {}

  /** A random unit vector (out × 1) to start the power iteration, drawn from {@code init}. */
  static NDArray initialVector(int out, NDManager manager, Rng init) {
    float[] u0 = new float[out];
    init.fillGaussian(u0);
    double norm = 0;
    for (float v : u0) {
      norm += v * v;
    }
    for (int j = 0; j < out; j++) {
      u0[j] /= (float) Math.sqrt(norm);
    }
    return HostArrays.upload(manager, u0, new Shape(out, 1));
  }

  /**
   * σ(W) as a (1, 1) differentiable expression of {@code matrix} (in × out); a training pass also
   * advances {@code u} by one power-iteration step. Temporaries go to the pass's manager.
   */
  static NDArray sigma(NDArray matrix, NDArray u, Pass pass) {
    NDManager m = pass.manager();
    NDArray w = Tensors.on(m, matrix.stopGradient());
    NDArray uu = Tensors.on(m, u.duplicate());
    NDArray v = normalize(w.matMul(uu)); // (in, 1)
    if (pass.training()) {
      uu = normalize(w.transpose().matMul(v)); // (out, 1)
      v = normalize(w.matMul(uu));
      u.set(ALL, uu); // the estimate carries over to the next step
    }
    return v.transpose().matMul(matrix).matMul(uu);
  }

  /** A layer's buffers: the power-iteration vector {@code u}, when it has one. */
  static java.util.Map<String, NDArray> buffers(NDArray u) {
    return u == null ? java.util.Map.of() : java.util.Map.of("u", u);
  }

  private static NDArray normalize(NDArray v) {
    return v.div(v.square().sum().add(EPS).sqrt());
  }
}
