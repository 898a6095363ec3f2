package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stabilizer hooks: built from config in a fixed order, each acting only where it should. */
class TrainingHooksTest {
  private static final TrainingHook.TrainingState AT_ZERO = state(0, 10, Map.of());

  private static TrainingHook.TrainingState state(
      long iteration, long total, Map<String, ParameterOptimizer> optimizers) {
    return new TrainingHook.TrainingState() {
      @Override
      public long iteration() {
        return iteration;
      }

      @Override
      public long totalIterations() {
        return total;
      }

      @Override
      public Map<String, ParameterOptimizer> optimizers() {
        return optimizers;
      }
    };
  }

  private static List<Class<?>> classes(TrainingHooks hooks) {
    return hooks.all().stream().<Class<?>>map(Object::getClass).toList();
  }

  @Test
  void aPlainConfigHasNoHooksAndEveryOptionAddsItsOwnInAFixedOrder() {
    RunConfig plain = ZooMechanicsTest.small();
    assertEquals(List.of(), TrainingHooks.forConfig(plain, AT_ZERO, n -> new Rng(1)).all());
    RunConfig all = ZooMechanicsTest.small("loss.name", "wasserstein", "loss.clip", "0.01",
        "model.discriminator.maxNorm", "2", "model.generator.maxNorm", "3",
        "stabilize.instanceNoise", "0.1", "stabilize.lrDecayTo", "0.5");
    assertEquals(
        List.of(LearningRateDecay.class, InstanceNoise.class, WeightClipping.class,
            MaxNormConstraint.class, MaxNormConstraint.class),
        classes(TrainingHooks.forConfig(all, AT_ZERO, n -> new Rng(1))),
        "clipping runs before the max-norm constraint");
  }

  @Test
  void constraintsActOnlyOnTheirSide() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {3f, 0.5f, 4f, -0.5f}, new Shape(2, 2)); // columns (3,4), (.5,-.5)
      List<Parameter> params = List.of(new Parameter("layer0.weight", w));
      TrainingHooks hooks = new TrainingHooks(
          List.of(new WeightClipping(1f), new MaxNormConstraint(TrainingHook.Side.GENERATOR, 1f)),
          AT_ZERO);
      int arrays = m.getManagedArrays().size();
      try (NDManager step = m.newSubManager()) {
        hooks.afterUpdate(TrainingHook.Side.GENERATOR, params, step);
      }
      assertEquals(arrays, m.getManagedArrays().size(), "no temporaries left in the long-lived manager");
      // Max-norm on G: the first column (norm 5) is scaled to norm 1, the second (norm 0.71) kept.
      assertArrayEquals(new float[] {0.6f, 0.5f, 0.8f, -0.5f}, w.toFloatArray(), 1e-6f);
      w.set(new ai.djl.ndarray.index.NDIndex("..."), m.create(new float[] {3f, 0.5f, 4f, -0.5f},
          new Shape(2, 2)));
      arrays = m.getManagedArrays().size();
      try (NDManager step = m.newSubManager()) {
        hooks.afterUpdate(TrainingHook.Side.DISCRIMINATOR, params, step);
      }
      assertEquals(arrays, m.getManagedArrays().size(), "no temporaries left in the long-lived manager");
      // Clipping on D: each weight into [-1, 1]; G's max-norm does not run.
      assertArrayEquals(new float[] {1f, 0.5f, 1f, -0.5f}, w.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void instanceNoiseIsDrawnFromItsStreamAndFadesToNothing() {
    Engines.init();
    InstanceNoise noise = new InstanceNoise(0.5f, 0, new Rng(7));
    assertEquals(0.5f, noise.level(0, 10), 1e-7f);
    assertEquals(0.25f, noise.level(5, 10), 1e-7f);
    assertEquals(0f, noise.level(12, 10));
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.zeros(new Shape(4000, 1));
      float[] noisy = noise.discriminatorInput(x, AT_ZERO, m).toFloatArray();
      double sq = 0;
      for (float v : noisy) {
        sq += v * v;
      }
      assertEquals(0.5, Math.sqrt(sq / noisy.length), 0.02, "standard deviation sigma_0 at step 0");
      float[] again = new InstanceNoise(0.5f, 0, new Rng(7)).discriminatorInput(x, AT_ZERO, m)
          .toFloatArray();
      assertArrayEquals(noisy, again, "the same stream gives the same noise");
      assertNotEquals(noisy[0], noise.discriminatorInput(x, AT_ZERO, m).toFloatArray()[0]);
    }
  }

  @Test
  void learningRateDecayScalesEveryOptimizerFromItsConfiguredRate() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      List<Parameter> p = List.of(new Parameter("w", m.zeros(new Shape(2))));
      ParameterOptimizer a = ParameterOptimizer.create(RunConfig.Optimizer.adam(1e-3f, .5f, .9f), p, m);
      ParameterOptimizer b = ParameterOptimizer.create(RunConfig.Optimizer.sgd(0.1f, .5f), p, m);
      TrainingHook.TrainingState half = state(5, 10, Map.of("generator", a, "encoder", b));
      LearningRateDecay decay = new LearningRateDecay(0.25f);
      decay.beforeIteration(half);
      decay.beforeIteration(half); // from the configured rate, not compounded
      assertEquals(5e-4f, a.learningRate(), 1e-9f);
      assertEquals(0.05f, b.learningRate(), 1e-8f);
      assertEquals(1e-3f, a.baseLearningRate());
    }
  }

  /** Every hook and step option together: no array may join the run's manager after the first steps. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "loss.name=wasserstein,loss.clip=0.01,model.discriminator.maxNorm=1,model.generator.maxNorm=1",
      "stabilize.instanceNoise=0.2,stabilize.lrDecayTo=0.5,stabilize.unrollSteps=2,stabilize.emaDecay=0.9",
      "loss.name=wgan-gp,loss.featureMatching=true",
      "loss.name=began"})
  void noStepLeavesArraysInTheRunsManager(String settings) {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    for (String kv : settings.split(",")) {
      o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    RunConfig c = AlgorithmOneTest.small(o);
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      t.step();
      int arrays = t.liveArrayCount();
      for (int i = 0; i < 3; i++) {
        t.step();
        assertTrue(t.firstNonFinite().isEmpty(), "the divergence check finds nothing");
      }
      assertEquals(arrays, t.liveArrayCount(), settings);
    }
  }

  @Test
  void badHookSettingsAreTypedErrors() {
    assertThrows(InvalidConfigException.class, () -> new WeightClipping(0f));
    assertThrows(InvalidConfigException.class,
        () -> new MaxNormConstraint(TrainingHook.Side.DISCRIMINATOR, -1f));
    assertThrows(InvalidConfigException.class, () -> new InstanceNoise(0.1f, -1, new Rng(1)));
    assertThrows(InvalidConfigException.class, () -> new LearningRateDecay(1.5f));
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> ModelFamilies.byName("no-such-gan"));
    assertTrue(e.getMessage().contains("known: [gan, cgan, acgan, projection, infogan, mrgan"),
        e.getMessage());
  }
}
