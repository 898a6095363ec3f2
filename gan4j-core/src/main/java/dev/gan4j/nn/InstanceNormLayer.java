package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance normalization (Ulyanov et al. 2016) for the vectors of a multilayer perceptron: each sample's
 * units are normalized by that sample's own mean and standard deviation (for a feature vector, one
 * instance is one row, so this is the normalization layer norm also computes), then scaled by γ and
 * shifted by β. Samples do not interact, so it works with gradient penalties.
 */
public final class InstanceNormLayer implements Layer {
  private static final float EPS = 1e-5f;

  private final int width;
  private final NDArray gamma;
  private final NDArray beta;

  /** A layer over {@code width} units, γ = 1 and β = 0 to start. */
  public InstanceNormLayer(int width, NDManager manager) {
    this.width = width;
    gamma = manager.ones(new Shape(width));
    beta = manager.zeros(new Shape(width));
    gamma.setRequiresGradient(true);
    beta.setRequiresGradient(true);
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    NDArray centred = x.sub(x.mean(new int[] {1}, true));
    NDArray std = centred.square().mean(new int[] {1}, true).add(EPS).sqrt();
    NDArray normalized = centred.div(std);
    if (saved != null) {
      saved.add(new NDArray[] {normalized, std});
    }
    return normalized.mul(gamma).add(beta);
  }

  // With y = (x - mean) / s per row and upstream g·γ = h: ∂/∂x = (h - mean(h) - y · mean(h ⊙ y)) / s.
  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    NDArray[] s = (NDArray[]) saved;
    NDArray y = s[0];
    NDArray h = g.mul(gamma);
    return h.sub(h.mean(new int[] {1}, true))
        .sub(y.mul(h.mul(y).mean(new int[] {1}, true)))
        .div(s[1]);
  }

  @Override
  public int outputWidth(int inputWidth) {
    return inputWidth;
  }

  @Override
  public Map<String, NDArray> parameters() {
    Map<String, NDArray> p = new LinkedHashMap<>();
    p.put("gamma", gamma);
    p.put("beta", beta);
    return p;
  }

  @Override
  public String describe() {
    return "instance-norm(" + width + ")";
  }
}
