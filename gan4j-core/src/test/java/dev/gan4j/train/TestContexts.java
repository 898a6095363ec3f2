package dev.gan4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import java.util.HashMap;
import java.util.Map;

/** {@link ModelContext} pieces for tests that drive a family's model without a trainer. */
final class TestContexts {
  private TestContexts() {}

  /** Random streams derived from seed 1 and their names, kept in {@code streams}. */
  static ModelContext.RandomStreams derived(Map<String, Rng> streams) {
    return new ModelContext.RandomStreams() {
      @Override
      public Rng stream(String name) {
        return streams.computeIfAbsent(name, k -> Rng.derive(1, k));
      }

      @Override
      public void register(String name, Rng rng) {
        streams.put(name, rng);
      }
    };
  }

  /**
   * The context for a translation family's model on synthetic rows [input | target] of square
   * one-channel images ({@code rows}: n rows of 2·side² values) over {@code steps} iterations:
   * {@link #derived} streams, no hooks. The hooks ask the model for its optimizers, so the model is
   * read from a holder.
   */
  static ModelContext translation(RunConfig config, int side, float[] rows, NDManager m, long steps,
      GanModel[] holder) {
    int dim = side * side;
    int n = rows.length / (2 * dim);
    MinibatchSampler sampler = new MinibatchSampler(
        HostArrays.upload(m, rows, new Shape(n, 2 * dim)), 1);
    ModelContext.RandomStreams rs = derived(new HashMap<>());
    TrainingHooks hooks = TrainingHooks.none(new TrainingHook.TrainingState() {
      @Override
      public long iteration() {
        return 0;
      }

      @Override
      public long totalIterations() {
        return steps;
      }

      @Override
      public Map<String, ParameterOptimizer> optimizers() {
        return holder[0].optimizers();
      }
    });
    return new ModelContext(config, new int[] {2, side, side}, sampler, m, hooks, rs, 0);
  }
}
