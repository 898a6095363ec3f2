package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Tieleman and Hinton 2012), the optimizer WGAN prescribes because momentum-based methods
 * destabilised its critic: s ← ρ s + (1 - ρ) g², w ← w - lr g / (sqrt(s) + ε), PyTorch's formulation,
 * with ρ = {@code beta2}. The mean square and the weights are updated in place.
 */
final class RmsProp implements ParameterOptimizer {
  private final RunConfig.Optimizer config;
  private final List<Parameter> params;
  private final NDArray[] square;
  private final Map<String, NDArray> state = new LinkedHashMap<>();
  private float lr;
  private long updates;

  RmsProp(RunConfig.Optimizer config, List<Parameter> params, NDManager manager) {
    this.config = config;
    this.params = params;
    this.lr = config.lr();
    square = new NDArray[params.size()];
    for (int i = 0; i < params.size(); i++) {
      square[i] = manager.zeros(params.get(i).array().getShape());
      state.put(params.get(i).name() + ".square", square[i]);
    }
  }

  @Override
  public void update(NDManager step) {
    updates++;
    float rho = config.beta2();
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).array();
      NDArray g = w.getGradient();
      g.attach(step);
      NDArray g2 = g.square().mul(1f - rho);
      square[i].muli(rho).addi(g2);
      NDArray denom = square[i].sqrt();
      denom.attach(step); // a temporary: it must not outlive the step in the state's manager
      w.subi(g.div(denom.addi(config.eps())).muli(lr));
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
