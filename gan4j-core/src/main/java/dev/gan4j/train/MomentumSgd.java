package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, the optimizer of Goodfellow et al. 2014's Algorithm 1, in
 * PyTorch's formulation: v ← μv + g, w ← w - lr·v. Velocity and weights are updated in place.
 */
final class MomentumSgd implements ParameterOptimizer {
  private final RunConfig.Optimizer config;
  private float lr;
  private final List<Parameter> params;
  private final NDArray[] velocity;
  private final Map<String, NDArray> state = new LinkedHashMap<>();
  private long updates;

  MomentumSgd(RunConfig.Optimizer config, List<Parameter> params, NDManager manager) {
    this.config = config;
    this.lr = config.lr();
    this.params = params;
    velocity = new NDArray[params.size()];
    for (int i = 0; i < params.size(); i++) {
      velocity[i] = manager.zeros(params.get(i).array().getShape());
      state.put(params.get(i).name() + ".velocity", velocity[i]);
    }
  }

  @Override
  public void update(NDManager step) {
    updates++;
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).array();
      NDArray g = w.getGradient();
      g.attach(step);
      velocity[i].muli(config.momentum()).addi(g);
      NDArray delta = velocity[i].mul(lr);
      delta.attach(step); // a temporary: it must not outlive the step in the state's manager
      w.subi(delta);
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
    return updates;
  }

  @Override
  public void setUpdates(long updates) {
    this.updates = updates;
  }

  @Override
  public Map<String, NDArray> state() {
    return state;
  }
}
