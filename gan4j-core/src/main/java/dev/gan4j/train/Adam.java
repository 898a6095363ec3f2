package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.gan4j.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) with bias correction, updating weights and both moment estimates in place
 * through the engine's fused kernel: one native call per parameter, no gradient copy, no temporaries.
 * Radford et al. 2015 recommend lr 2e-4 and β1 = 0.5 for GANs.
 */
final class Adam implements ParameterOptimizer {
  private final RunConfig.Optimizer config;
  private float lr;
  private final List<Parameter> params;
  private final NDArray[] mean;
  private final NDArray[] variance;
  private final Map<String, NDArray> state = new LinkedHashMap<>();
  private long t;

  Adam(RunConfig.Optimizer config, List<Parameter> params, NDManager manager) {
    this.config = config;
    this.lr = config.lr();
    this.params = params;
    mean = new NDArray[params.size()];
    variance = new NDArray[params.size()];
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      mean[i] = manager.zeros(p.array().getShape());
      variance[i] = manager.zeros(p.array().getShape());
      state.put(p.name() + ".mean", mean[i]);
      state.put(p.name() + ".variance", variance[i]);
    }
  }

  @Override
  public void update(NDManager step) {
    t++;
    double correction1 = 1.0 - Math.pow(config.beta1(), t);
    double correction2 = 1.0 - Math.pow(config.beta2(), t);
    float lrCorrected = (float) (lr * Math.sqrt(correction2) / correction1);
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).array();
      NDArray g = w.getGradient();
      g.attach(step);
      // rescale 1, no clipping (negative), no weight decay; updates w, mean and variance in place.
      w.getNDArrayInternal()
          .adamUpdate(
              new NDList(w, g, mean[i], variance[i]),
              new NDList(w),
              lr,
              lrCorrected,
              0f,
              1f,
              -1f,
              config.beta1(),
              config.beta2(),
              config.eps(),
              false,
              false);
    }
  }

  @Override
  public float baseLearningRate() {
    return config.lr();
  }

  @Override
  public float learningRate() {
    return lr;
  }

  @Override
  public void setLearningRate(float lr) {
    if (!(lr > 0 && Float.isFinite(lr))) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
    }
    this.lr = lr;
  }

  @Override
  public long updates() {
    return t;
  }

  @Override
  public void setUpdates(long updates) {
    t = updates;
  }

  @Override
  public Map<String, NDArray> state() {
    return state;
  }
}
