package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.gan4j.Engines;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.loss.GanLosses;
import dev.gan4j.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The memory estimate: a true lower bound of the networks' size, and the refusals it makes. */
class MemoryEstimateTest {
  private static RunConfig config(String spec) {
    String[] parts = spec.split(" ");
    Map<String, String> o = new java.util.HashMap<>();
    for (int i = 1; i < parts.length; i++) {
      o.put(parts[i].substring(0, parts[i].indexOf('=')),
          parts[i].substring(parts[i].indexOf('=') + 1));
    }
    return ConfigLoader.resolve(parts[0], null, o);
  }

  private static long count(List<Parameter> params) {
    return params.stream().mapToLong(p -> p.array().size()).sum();
  }

  /**
   * Built for real, each network has at least as many parameters as estimated (biases and
   * normalization are left out) and, so the bound is not empty, less than twice as many.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "ring8",
      "ring8 model.pack=4 model.minibatchKernels=10 stabilize.emaDecay=0",
      "mnist-mlp",
      "mnist-mlp-paper",
      "mnist-dcgan",
      "stacked-mnist-dcgan",
      "mnist-dcgan model.generator.arch=resnet model.generator.hidden=16,16,16"
          + " model.discriminator.arch=resnet model.discriminator.hidden=16,16",
      "grid25 loss.name=madgan model.generators=4",
      "mnist-infogan",
      "fashion-dcgan"})
  void parameterCountIsALowerBoundWithinAFactorOfTwo(String spec) {
    RunConfig c = config(spec);
    MemoryEstimate e = MemoryEstimate.of(c, 0);
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      int[] shape = c.data().sampleShape();
      GeneratorSet g = GeneratorSet.forConfig(c, shape, m, new Rng(1));
      Critic d = Critic.forConfig(c, shape,
          GanLosses.byName(c.loss().name(), c.loss().settings(c.model().generators(), c.seed())), m,
          new Rng(2));
      double gActual = count(g.parameters()) * (g.averaged() ? 2 : 1);
      double dActual = count(d.parameters());
      assertTrue(e.generatorParameters() <= gActual && e.generatorParameters() > gActual / 2,
          spec + ": G estimated " + e.generatorParameters() + ", built " + gActual);
      assertTrue(
          e.discriminatorParameters() <= dActual && e.discriminatorParameters() > dActual / 2,
          spec + ": D estimated " + e.discriminatorParameters() + ", built " + dActual);
    }
  }

  @Test
  void everyPresetFitsAndTheirDataIsCountedWhenTheConfigSaysHowMuch() {
    for (String p : Presets.names()) {
      assertDoesNotThrow(() -> MemoryEstimate.of(Presets.get(p), 100_000).check(), p);
    }
    assertEquals(100_000, MemoryEstimate.plannedDataCount(Presets.get("ring8")));
    assertEquals(50_000, MemoryEstimate.plannedDataCount(Presets.get("stacked-mnist-dcgan")));
    assertEquals(0, MemoryEstimate.plannedDataCount(Presets.get("mnist-mlp")));
    MemoryEstimate ring = MemoryEstimate.of(Presets.get("ring8"), 100_000);
    assertEquals(200_000, ring.dataValues());
  }

  @Test
  void activationsGrowWithTheBatchAndTheHeapHoldsDataAndACheckpoint() {
    // The DCGAN without InfoGAN's dense layers, as fashion-dcgan trains it.
    MemoryEstimate small = MemoryEstimate.of(config("fashion-dcgan loop.batchSize=64"), 0);
    MemoryEstimate large = MemoryEstimate.of(config("fashion-dcgan loop.batchSize=6400"), 0);
    double perSample = (large.nativeBytes() - small.nativeBytes()) / (6400 - 64);
    // G: 128 x 7 x 7 + 64 x 14 x 14 + 1 x 28 x 28; D twice: 64 x 14 x 14 + 128 x 7 x 7.
    assertEquals(4.0 * (6272 + 12544 + 784 + 2 * (12544 + 6272)), perSample, 1e-6);
    assertEquals(small.heapBytes(), large.heapBytes());
    MemoryEstimate withData = MemoryEstimate.of(config("fashion-dcgan"), 1000);
    assertEquals(4.0 * 1000 * 784, withData.heapBytes() - small.heapBytes(), 1e-6);
  }

  @Test
  void refusesWhatCannotFitNamingTheNeedAndTheLimit() {
    MemoryEstimate e = MemoryEstimate.of(config("mnist-mlp"), 0);
    long heap = (long) e.heapBytes();
    long total = (long) (e.heapBytes() + e.nativeBytes());
    assertDoesNotThrow(() -> e.check(heap + 1, total + 1));
    InvalidConfigException h =
        assertThrows(InvalidConfigException.class, () -> e.check(heap / 2, Long.MAX_VALUE));
    assertTrue(h.getMessage().contains("of Java heap") && h.getMessage().contains("-Xmx"),
        h.getMessage());
    InvalidConfigException m =
        assertThrows(InvalidConfigException.class, () -> e.check(Long.MAX_VALUE, total / 2));
    assertTrue(m.getMessage().contains("of memory") && m.getMessage().contains("loop.batchSize")
        && m.getMessage().contains("million parameters, "), m.getMessage());
    // Data that no single array holds: 300,000 Stacked MNIST images of 3 x 28 x 28.
    MemoryEstimate stacked = MemoryEstimate.of(Presets.get("stacked-mnist-dcgan"), 300_000);
    InvalidConfigException a = assertThrows(InvalidConfigException.class,
        () -> stacked.check(Long.MAX_VALUE, Long.MAX_VALUE));
    assertTrue(a.getMessage().contains("data.size"), a.getMessage());
  }

  @Test
  void aNetworkOfHugeLayersIsRefusedBeforeAnythingIsBuilt() {
    RunConfig huge = config("ring8 model.generator.hidden=65536,65536,65536,65536,65536"
        + " model.discriminator.hidden=65536,65536,65536,65536,65536");
    MemoryEstimate e = MemoryEstimate.of(huge, 100_000);
    assertTrue(e.parameters() > 3.4e10, "" + e.parameters());
    InvalidConfigException x = assertThrows(InvalidConfigException.class,
        () -> new GanTrainer(huge,
            new dev.gan4j.data.TrainingSet("ring8", 10, new int[] {2}, new float[20])));
    assertTrue(x.getMessage().contains("needs at least"), x.getMessage());
  }

  /**
   * The estimate asks each architecture for its own count through the registry: one registered
   * under a new name is counted as it says, with no name list to extend.
   */
  @Test
  void eachArchitectureCountsItsOwnNetworks() {
    dev.gan4j.nn.Architecture dcgan = dev.gan4j.nn.Architectures.byName("dcgan");
    dev.gan4j.nn.Architectures.register(new dev.gan4j.nn.Architecture() {
      @Override
      public String name() {
        return "memory-test-arch";
      }

      @Override
      public String description() {
        return "dcgan, counted as a million weights and a thousand activations per network";
      }

      @Override
      public dev.gan4j.nn.Network generator(dev.gan4j.nn.NetSpec spec, NDManager m, Rng init) {
        return dcgan.generator(spec, m, init);
      }

      @Override
      public dev.gan4j.nn.Network discriminator(dev.gan4j.nn.NetSpec spec, NDManager m,
          Rng init) {
        return dcgan.discriminator(spec, m, init);
      }

      @Override
      public dev.gan4j.nn.Footprint generatorFootprint(int latent, int[] widths, int[] sample,
          String activation) {
        return new dev.gan4j.nn.Footprint(1e6, 1e3);
      }

      @Override
      public dev.gan4j.nn.Footprint discriminatorFootprint(int[] sample, int pack, int[] widths,
          String activation, int kernels) {
        return new dev.gan4j.nn.Footprint(2e6, 2e3);
      }
    });
    MemoryEstimate e = MemoryEstimate.of(config("mnist-dcgan stabilize.emaDecay=0"
        + " model.generator.arch=memory-test-arch model.discriminator.arch=memory-test-arch"), 0);
    assertEquals(1e6, e.generatorParameters());
    assertEquals(2e6, e.discriminatorParameters());
    assertEquals(1e3 + 2 * 2e3, e.activationsPerSample());
    // Vector data takes a perceptron's count whatever the architecture's name.
    MemoryEstimate v = MemoryEstimate.of(config("ring8"), 0);
    assertTrue(v.generatorParameters() > 0 && v.activationsPerSample() > 0);
  }
}
