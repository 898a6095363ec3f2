package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mechanics of the stabilizers that change the training step. */
class ZooMechanicsTest {
  static RunConfig small(String... kv) {
    Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      o.put(kv[i], kv[i + 1]);
    }
    return AlgorithmOneTest.small(o);
  }

  static List<float[]> values(List<Parameter> params) {
    List<float[]> out = new ArrayList<>();
    for (Parameter p : params) {
      out.add(p.array().toFloatArray());
    }
    return out;
  }

  @Test
  void weightClippingKeepsEveryCriticWeightInRange() {
    RunConfig c = small("loss.name", "wasserstein", "loss.clip", "0.01");
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      t.step();
      boolean sawTheBound = false;
      for (float[] v : values(t.discriminator().parameters())) {
        for (float x : v) {
          assertTrue(Math.abs(x) <= 0.01f + 1e-7f, "weight " + x);
          sawTheBound |= Math.abs(x) > 0.0099f;
        }
      }
      assertTrue(sawTheBound, "initial weights are larger than c: clipping did something");
      assertEquals("rmsprop", c.optim().discriminator().name(), "WGAN's paper defaults");
      assertEquals(5, c.loop().dSteps());
    }
  }

  /** Column norms of every 2-D weight (a unit's incoming weights), with the parameter names. */
  private static List<String> columnNormsAbove(List<Parameter> params, float c) {
    List<String> over = new ArrayList<>();
    for (Parameter p : params) {
      long[] shape = p.array().getShape().getShape();
      if (!p.name().endsWith(".weight") || shape.length != 2) {
        continue;
      }
      float[] w = p.array().toFloatArray();
      int in = (int) shape[0];
      int out = (int) shape[1];
      for (int j = 0; j < out; j++) {
        double ss = 0;
        for (int i = 0; i < in; i++) {
          ss += (double) w[i * out + j] * w[i * out + j];
        }
        if (Math.sqrt(ss) > c) {
          over.add(p.name() + "[" + j + "] " + Math.sqrt(ss));
        }
      }
    }
    return over;
  }

  @Test
  void maxNormKeepsEveryUnitsIncomingWeightsWithinTheBall() {
    float c = 0.3f;
    // A large learning rate pushes weights out of the ball at once; the constraint must pull them back.
    RunConfig c0 = small("optim.discriminator.lr", "0.5", "optim.generator.lr", "0.5");
    RunConfig c1 = small("optim.discriminator.lr", "0.5", "optim.generator.lr", "0.5",
        "model.discriminator.maxNorm", Float.toString(c));
    try (GanTrainer free = new GanTrainer(c0, AlgorithmOneTest.data(c0));
        GanTrainer held = new GanTrainer(c1, AlgorithmOneTest.data(c1))) {
      free.step();
      held.step();
      assertFalse(columnNormsAbove(free.discriminator().parameters(), c).isEmpty(),
          "without the constraint some units leave the ball: the test would see nothing otherwise");
      assertEquals(List.of(), columnNormsAbove(held.discriminator().parameters(), c + 1e-5f));
      assertFalse(columnNormsAbove(held.generators().parameters(), c).isEmpty(),
          "G has no constraint of its own here");
    }
    assertThrows(InvalidConfigException.class,
        () -> small("model.discriminator.maxNorm", "1", "model.discriminator.normalization", "spectral"));
  }

  @Test
  void initRangeDrawsUniformWeightsInTheRangeAndZeroBiases() {
    RunConfig c = small("model.generator.initRange", "0.05");
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      float max = 0;
      for (Parameter p : t.generators().parameters()) {
        float[] v = p.array().toFloatArray();
        for (float x : v) {
          if (p.name().endsWith(".bias")) {
            assertEquals(0f, x, p.name());
          } else {
            assertTrue(Math.abs(x) <= 0.05f, p.name() + " " + x);
            max = Math.max(max, Math.abs(x));
          }
        }
      }
      assertTrue(max > 0.049f, "draws fill the range, max " + max);
      // D keeps PyTorch's default: its biases are not zero.
      boolean nonZeroBias = false;
      for (Parameter p : t.discriminator().parameters()) {
        if (p.name().endsWith(".bias")) {
          for (float x : p.array().toFloatArray()) {
            nonZeroBias |= x != 0f;
          }
        }
      }
      assertTrue(nonZeroBias);
    }
  }

  @Test
  void weightAverageFollowsTheLiveWeightsAndSamplingUsesIt() {
    float beta = 0.9f;
    RunConfig c = small("stabilize.emaDecay", Float.toString(beta));
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      Network live = t.generators().networks().get(0);
      List<float[]> w0 = values(live.parameters());
      t.step();
      List<float[]> w1 = values(live.parameters());
      List<float[]> avg = new ArrayList<>();
      t.generators().tensors().forEach((name, a) -> {
        if (name.startsWith("generator.ema.") && !name.contains("buffer")) {
          avg.add(a.toFloatArray());
        }
      });
      assertEquals(w0.size(), avg.size());
      for (int i = 0; i < w0.size(); i++) {
        for (int j = 0; j < w0.get(i).length; j++) {
          float expected = beta * w0.get(i)[j] + (1 - beta) * w1.get(i)[j];
          assertEquals(expected, avg.get(i)[j], 1e-6f);
        }
      }
      // generate() draws from the average, which differs from the live weights after a step.
      RunConfig plain = small();
      try (GanTrainer p = new GanTrainer(plain, AlgorithmOneTest.data(plain))) {
        p.step();
        assertFalse(Arrays.equals(p.generate(4, new Rng(1)), t.generate(4, new Rng(1))));
      }
    }
  }

  @Test
  void unrolledStepLeavesTheDiscriminatorAsAlgorithmOneDoesButMovesTheGeneratorDifferently() {
    RunConfig plain = small();
    RunConfig unrolled = small("stabilize.unrollSteps", "3");
    try (GanTrainer a = new GanTrainer(plain, AlgorithmOneTest.data(plain));
        GanTrainer b = new GanTrainer(unrolled, AlgorithmOneTest.data(unrolled))) {
      a.step();
      b.step();
      List<float[]> da = values(a.discriminator().parameters());
      List<float[]> db = values(b.discriminator().parameters());
      for (int i = 0; i < da.size(); i++) {
        assertArrayEquals(da.get(i), db.get(i), "D restored after the look-ahead");
      }
      assertEquals(a.discriminatorOptimizer().updates(), b.discriminatorOptimizer().updates());
      assertFalse(Arrays.equals(
          values(a.generators().parameters()).get(0), values(b.generators().parameters()).get(0)),
          "G stepped against the look-ahead discriminator");
    }
  }

  @Test
  void severalGeneratorsEachDrawTheirBlockAndAllLearn() {
    RunConfig c = small("loss.name", "madgan", "model.generators", "4");
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      assertEquals(4, t.generators().count());
      List<float[]> before = new ArrayList<>();
      for (Network g : t.generators().networks()) {
        before.add(g.parameters().get(0).array().toFloatArray());
      }
      t.step();
      for (int i = 0; i < 4; i++) {
        assertFalse(Arrays.equals(before.get(i),
            t.generators().networks().get(i).parameters().get(0).array().toFloatArray()),
            "generator " + i + " learned from its block");
      }
      // D scores K + 1 classes.
      float[] z = t.drawNoise(8, new Rng(2));
      assertEquals(8 * 2, t.generate(z, 8).length);
      int outputs = (int) t.discriminator().parameters()
          .get(t.discriminator().parameters().size() - 1).array().getShape().get(0);
      assertEquals(5, outputs);
    }
  }

  @Test
  void instanceNoiseAnnealsLinearlyToZero() {
    RunConfig c = small("stabilize.instanceNoise", "0.4", "stabilize.instanceNoiseSteps", "4");
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      InstanceNoise noise = t.hooks().find(InstanceNoise.class).orElseThrow();
      long total = c.loop().steps();
      assertEquals(0.4f, noise.level(t.iteration(), total), 1e-6f);
      t.step();
      t.step();
      assertEquals(0.2f, noise.level(t.iteration(), total), 1e-6f);
      t.step();
      t.step();
      assertEquals(0f, noise.level(t.iteration(), total));
    }
  }

  @Test
  void learningRatesDecayExponentiallyToTheAskedFraction() {
    RunConfig c = small("stabilize.lrDecayTo", "0.01", "loop.steps", "4",
        "optim.generator.lr", "1e-3", "optim.discriminator.lr", "2e-3");
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      t.step(); // iteration 0 trains at the full rate
      assertEquals(1e-3f, t.generatorOptimizer().learningRate(), 1e-9f);
      t.step();
      t.step(); // iteration 2 of 4: 0.01^(2/4) = 0.1 of the rate
      assertEquals(1e-4f, t.generatorOptimizer().learningRate(), 1e-9f);
      assertEquals(2e-4f, t.discriminatorOptimizer().learningRate(), 1e-9f);
    }
  }

  @Test
  void aLossOtherThanThePresetsBringsItsPaperSettingsUnlessTheConfigSetsThem() {
    RunConfig gp = ConfigLoader.resolve("ring8", null, Map.of("loss.name", "wgan-gp"));
    assertEquals("gradient", gp.penalty().name());
    assertEquals(10f, gp.penalty().weight());
    assertEquals(0f, gp.optim().generator().beta1());
    assertEquals(0.9f, gp.optim().discriminator().beta2());
    assertEquals(1e-4f, gp.optim().generator().lr());
    RunConfig mine = ConfigLoader.resolve("ring8", null,
        Map.of("loss.name", "wgan-gp", "penalty.weight", "0.1", "optim.generator.lr", "1e-3"));
    assertEquals(0.1f, mine.penalty().weight(), "explicit settings win");
    assertEquals(1e-3f, mine.optim().generator().lr());
    assertEquals(1e-4f, mine.optim().discriminator().lr(), "the rest still follows the paper");
    RunConfig hinge = ConfigLoader.resolve("ring8", null, Map.of("loss.name", "hinge"));
    assertEquals(2e-4f, hinge.optim().generator().lr(), "hinge brings no defaults");
  }

  @Test
  void inconsistentCombinationsAreRejectedWithTheRule() {
    assertRejected("needs model.generators >= 2", "loss.name", "madgan", "model.generators", "1");
    assertRejected("tells the generators apart (madgan", "model.generators", "2");
    assertRejected(
        "model.family: unknown family 'no-such-gan'; known: [gan, cgan, acgan, projection, infogan,",
        "model.family", "no-such-gan");
    assertRejected("multiple of model.pack", "model.pack", "5");
    assertRejected("samples do not interact", "penalty.name", "r1",
        "model.discriminator.normalization", "batch");
    assertRejected("samples do not interact", "penalty.name", "gradient", "model.minibatchKernels", "4");
    assertRejected("autoencoder", "loss.name", "ebgan", "model.pack", "2");
    assertRejected("unknown penalty", "penalty.name", "gp");
    assertRejected("normalization", "model.discriminator.normalization", "group");
    assertRejected("stabilize.emaDecay", "stabilize.emaDecay", "1");
    assertRejected("labelFlip", "loss.labelFlip", "0.5");
  }

  private static void assertRejected(String fragment, String... kv) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> small(kv));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
