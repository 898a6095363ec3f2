package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Updates one network's parameters in place from their gradients. Its state (moment estimates, velocity,
 * step count) is named per parameter so a checkpoint can store and restore it exactly.
 *
 * <p>gan4j uses its own optimizers instead of DJL's: DJL's stock Adam copies every gradient and allocates
 * temporaries each step; these update in place and allocate their state once.
 *
 * <pre>{@code ParameterOptimizer opt = ParameterOptimizer.create(config, params, manager); opt.update(step);}</pre>
 */
public interface ParameterOptimizer {
  /** Applies one update from the parameters' current gradients; temporaries go to {@code step}. */
  void update(NDManager step);

  /** How many updates have been applied. */
  long updates();

  /** The state tensors by name (e.g. {@code layer0.weight.mean}), live views, for checkpoints. */
  Map<String, NDArray> state();

  /** Restores the update count (the tensors are restored through {@link #state()}). */
  void setUpdates(long updates);

  /** The learning rate now in use. */
  float learningRate();

  /** The configured learning rate, before any schedule changed it. */
  float baseLearningRate();

  /** Changes the learning rate for the following updates (a schedule); must be > 0. */
  void setLearningRate(float lr);

  /** The optimizer a config section describes, for the given parameters. */
  static ParameterOptimizer create(
      RunConfig.Optimizer config, List<Parameter> params, NDManager manager) {
    switch (config.name()) {
      case "adam":
        return new Adam(config, params, manager);
      case "sgd":
        return new MomentumSgd(config, params, manager);
      case "rmsprop":
        return new RmsProp(config, params, manager);
      default:
        throw new dev.gan4j.InvalidConfigException("unknown optimizer '" + config.name() + "'");
    }
  }
}
