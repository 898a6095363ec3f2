package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.Rng;
import dev.gan4j.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hooks of one training run, called in a fixed order, and the registry that builds them from a
 * config. Each hook class reads its own config fields in a {@code fromConfig} factory; adding a
 * stabilizer is one class plus one line in {@link #FACTORIES}.
 *
 * <p>Order matters where two hooks act at the same point: weight clipping runs before the max-norm
 * constraint, as the trainer always did.
 *
 * <pre>{@code TrainingHooks hooks = TrainingHooks.forConfig(config, state, trainer::stream);}</pre>
 */
public final class TrainingHooks {
  /** Builds a config's hooks; a factory returns none when its option is off. */
  @FunctionalInterface
  interface Factory {
    List<TrainingHook> create(RunConfig config, Function<String, Rng> streams);
  }

  private static final List<Factory> FACTORIES =
      List.of(
          (c, s) -> LearningRateDecay.fromConfig(c).map(List::<TrainingHook>of).orElse(List.of()),
          (c, s) -> InstanceNoise.fromConfig(c, s).map(List::<TrainingHook>of).orElse(List.of()),
          (c, s) -> WeightClipping.fromConfig(c).map(List::<TrainingHook>of).orElse(List.of()),
          (c, s) -> MaxNormConstraint.fromConfig(c));

  private final List<TrainingHook> hooks;
  private final TrainingHook.TrainingState state;

  /** Hooks called in list order, reading {@code state} for the iteration and the optimizers. */
  public TrainingHooks(List<TrainingHook> hooks, TrainingHook.TrainingState state) {
    this.hooks = List.copyOf(hooks);
    this.state = state;
  }

  /**
   * The hooks a config asks for.
   *
   * @param streams hands out a named random stream that the run checkpoints (a hook that draws random
   *     numbers takes its stream from here, so a resumed run continues it)
   */
  public static TrainingHooks forConfig(
      RunConfig config, TrainingHook.TrainingState state, Function<String, Rng> streams) {
    List<TrainingHook> out = new ArrayList<>();
    for (Factory f : FACTORIES) {
      out.addAll(f.create(config, streams));
    }
    return new TrainingHooks(out, state);
  }

  /** No hooks. */
  public static TrainingHooks none(TrainingHook.TrainingState state) {
    return new TrainingHooks(List.of(), state);
  }

  /** Calls every hook's {@link TrainingHook#beforeIteration}. */
  public void beforeIteration() {
    for (TrainingHook h : hooks) {
      h.beforeIteration(state);
    }
  }

  /** Passes a batch through every hook's {@link TrainingHook#discriminatorInput}, in order. */
  public NDArray discriminatorInput(NDArray x, NDManager step) {
    NDArray out = x;
    for (TrainingHook h : hooks) {
      out = h.discriminatorInput(out, state, step);
    }
    return out;
  }

  /** Calls every hook's {@link TrainingHook#afterUpdate}. */
  public void afterUpdate(TrainingHook.Side side, List<Parameter> params, NDManager step) {
    for (TrainingHook h : hooks) {
      h.afterUpdate(side, params, step);
    }
  }

  /** The first hook of a class, if this run has one. */
  public <T extends TrainingHook> Optional<T> find(Class<T> type) {
    return hooks.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** The hooks, in calling order. */
  public List<TrainingHook> all() {
    return hooks;
  }
}
