package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance normalization (Ulyanov et al. 2016): for images, each channel of each sample is normalized by
 * its own mean and standard deviation over the image's positions; for the vectors of a multilayer
 * perceptron, each sample's units by that sample's mean and deviation (one instance is one row, so this
 * is what layer norm also computes). Then a scale γ and shift β per channel (per unit for vectors).
 * Samples do not interact, so it works with gradient penalties.
 */
public final class InstanceNormLayer implements Layer {
  private static final float EPS = 1e-5f;

  private final int width;
  private final NDArray gamma;
  private final NDArray beta;

  /** A layer over {@code width} units (or channels), γ = 1 and β = 0 to start. */
  public InstanceNormLayer(int width, NDManager manager) {
    this.width = width;
    gamma = manager.ones(new Shape(width));
    beta = manager.zeros(new Shape(width));
    gamma.setRequiresGradient(true);
    beta.setRequiresGradient(true);
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    int[] axes = instanceAxes(x);
    NDArray centred = x.sub(mean(x, axes));
    NDArray std = mean(centred.square(), axes).add(EPS).sqrt();
    NDArray normalized = centred.div(std);
    // For images γ and β act per channel: views shaped (c, 1, 1), in the pass's manager (an op on a
    // parameter would otherwise leave its result in the network's long-lived one).
    NDArray g = axes.length == 1 ? gamma : Tensors.on(pass.manager(), gamma.reshape(channelView()));
    NDArray b = axes.length == 1 ? beta : Tensors.on(pass.manager(), beta.reshape(channelView()));
    if (saved != null) {
      saved.add(new NDArray[] {normalized, std, g});
    }
    return normalized.mul(g).add(b);
  }

  // One instance is a vector's units, or one channel of an image (its positions).
  private static int[] instanceAxes(NDArray x) {
    return x.getShape().dimension() == 2 ? new int[] {1} : new int[] {2, 3};
  }

  // The mean over the instance axes, kept as size-1 axes (the engine's mean takes one axis at a time).
  // The divisor is an engine-owned constant (Scalars): a plain div(float) leaves in the graph a
  // constant whose memory the garbage collector may free and reuse before backward (issue 16).
  private static NDArray mean(NDArray x, int[] axes) {
    if (axes.length == 1) {
      return x.mean(axes, true);
    }
    Shape s = x.getShape();
    return Scalars.over(x.sum(axes, true), s.get(2) * s.get(3));
  }

  private Shape channelView() {
    return new Shape(width, 1, 1);
  }

  // With y = (x - mean) / s per instance and upstream g·γ = h: ∂/∂x = (h - mean(h) - y · mean(h ⊙ y)) / s.
  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    NDArray[] s = (NDArray[]) saved;
    NDArray y = s[0];
    int[] axes = instanceAxes(y);
    NDArray h = g.mul(s[2]);
    return h.sub(mean(h, axes)).sub(y.mul(mean(h.mul(y), axes))).div(s[1]);
  }

  @Override
  public Shape outputShape(Shape input) {
    if ((input.dimension() != 1 && input.dimension() != 3) || input.get(0) != width) {
      throw Shapes.mismatch(this, input, "(" + width + ") or (" + width + " x h x w)");
    }
    return input;
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
