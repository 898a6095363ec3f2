package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalization (Ioffe and Szegedy 2015) of each unit over the batch (of each channel over the
 * batch and the image's positions, for images), with a learned scale γ and
 * shift β; inference uses running averages of the batch statistics (momentum 0.1, as PyTorch). Radford
 * et al. 2015 use it in both networks of DCGAN. It makes samples of a batch depend on each other, so it
 * cannot be combined with gradient penalties, whose per-sample gradients it would blur.
 */
public final class BatchNormLayer implements Layer {
  private static final float EPS = 1e-5f;
  private static final float MOMENTUM = 0.1f;
  private static final NDIndex ALL = new NDIndex("...");

  private final int width;
  private final NDArray gamma;
  private final NDArray beta;
  private final NDArray runningMean;
  private final NDArray runningVar;

  /** A layer over {@code width} units, γ = 1 and β = 0 to start. */
  public BatchNormLayer(int width, NDManager manager) {
    this.width = width;
    gamma = manager.ones(new Shape(width));
    beta = manager.zeros(new Shape(width));
    gamma.setRequiresGradient(true);
    beta.setRequiresGradient(true);
    runningMean = manager.zeros(new Shape(width));
    runningVar = manager.ones(new Shape(width));
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    if (saved != null) {
      saved.add(null);
    }
    long n = x.getShape().get(0);
    if (n > 1 || !pass.training() || x.getShape().dimension() > 2) {
      // The engine's fused batch norm: one operation forward and one backward, and it updates the
      // running statistics in place (unbiased variance, as PyTorch keeps it). DJL's momentum is the
      // weight of the old running value, so 1 - MOMENTUM.
      boolean keep = pass.training() && !pass.updatesStatistics();
      // A pass that keeps the statistics gives the engine copies to update, thrown away at step end.
      NDArray mean = keep ? Tensors.on(pass.manager(), runningMean.duplicate()) : runningMean;
      NDArray var = keep ? Tensors.on(pass.manager(), runningVar.duplicate()) : runningVar;
      return x.getNDArrayInternal()
          .batchNorm(x, mean, var, gamma, beta, 1, 1f - MOMENTUM, EPS, pass.training())
          .singletonOrThrow();
    }
    // A single sample while training (the engine refuses one value per unit): its own mean, zero
    // variance, so the output is β; the running statistics move as for any batch.
    NDManager step = pass.manager();
    NDArray mean = x.mean(new int[] {0});
    NDArray var = x.sub(mean).square().mean(new int[] {0});
    if (!pass.updatesStatistics()) {
      return x.sub(mean).div(var.add(EPS).sqrt()).mul(gamma).add(beta);
    }
    runningMean.set(
        ALL, mean.stopGradient().mul(MOMENTUM).add(Tensors.on(step, runningMean.mul(1f - MOMENTUM))));
    runningVar.set(
        ALL, var.stopGradient().mul(MOMENTUM).add(Tensors.on(step, runningVar.mul(1f - MOMENTUM))));
    return x.sub(mean).div(var.add(EPS).sqrt()).mul(gamma).add(beta);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    throw new UnsupportedOperationException("batch normalization mixes the samples of a batch");
  }

  @Override
  public Shape outputShape(Shape input) {
    if (input.get(0) != width) {
      throw Shapes.mismatch(this, input, width + (input.dimension() == 1 ? " units" : " channels"));
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
  public Map<String, NDArray> buffers() {
    Map<String, NDArray> b = new LinkedHashMap<>();
    b.put("runningMean", runningMean);
    b.put("runningVar", runningVar);
    return b;
  }

  @Override
  public boolean mixesSamples() {
    return true;
  }

  @Override
  public String describe() {
    return "batch-norm(" + width + ")";
  }
}
