package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.RunDirectoryException;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.io.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a checkpoint file reproduces the uninterrupted run's next losses exactly. */
class CheckpointResumeTest {
  @TempDir Path dir;

  @Test
  void resumedRunMatchesUninterruptedRun() throws IOException {
    // Dropout and SGD momentum too, so every piece of state (dropout stream, velocity) must survive.
    RunConfig c =
        AlgorithmOneTest.small(
            Map.of(
                "model.discriminator.dropout", "0.3",
                "optim.generator.name", "sgd",
                "optim.generator.momentum", "0.5",
                "data.size", "100")); // several epochs: the sampler's position must survive too
    float[] full = AlgorithmOneTest.losses(c, 24);

    CheckpointStore store = new CheckpointStore(dir, 1);
    try (GanTrainer first = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      for (int i = 0; i < 11; i++) {
        first.step();
      }
      store.save(first.snapshot());
    }
    Path file = CheckpointStore.latest(dir).orElseThrow();
    assertEquals("step-00000011.ckpt", file.getFileName().toString());
    float[] resumed = new float[full.length];
    System.arraycopy(full, 0, resumed, 0, 22);
    try (GanTrainer second = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      second.restore(CheckpointStore.read(file));
      assertEquals(11, second.iteration());
      for (int i = 11; i < 24; i++) {
        StepResult r = second.step();
        resumed[2 * i] = r.lossD();
        resumed[2 * i + 1] = r.lossG();
      }
    }
    assertArrayEquals(full, resumed);
  }

  /**
   * Every kind of state the zoo adds survives a checkpoint: spectral-norm vectors, weight averages,
   * packing, instance noise and label flipping (their random streams), BEGAN's k, several
   * generators, an unrolled step, and InfoGAN's Q head and codes (drawn with the noise).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "loss.name=hinge model.discriminator.normalization=spectral stabilize.emaDecay=0.9"
          + " model.pack=2 stabilize.instanceNoise=0.1 loss.labelFlip=0.1",
      "loss.name=began loss.lambdaK=0.05",
      "loss.name=madgan model.generators=2 stabilize.unrollSteps=2 model.generator.normalization=batch",
      "loss.name=wgan-gp penalty.weight=0.1 model.discriminator.noise=0.1",
      "model.family=cgan model.pack=2 loss.name=wgan-gp penalty.weight=0.1",
      "model.family=acgan stabilize.emaDecay=0.9",
      "model.family=infogan model.codes.categorical=8,3 model.codes.continuous=2"
          + " stabilize.emaDecay=0.9 model.discriminator.dropout=0.2",
      "model.family=mrgan loss.name=wgan-gp penalty.weight=0.1 stabilize.emaDecay=0.9"
          + " model.discriminator.dropout=0.2"})
  void resumedZooRunMatchesUninterruptedRun(String settings) throws IOException {
    Map<String, String> o = new java.util.HashMap<>();
    for (String kv : settings.split(" ")) {
      o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    RunConfig c = AlgorithmOneTest.small(o);
    assertResumesExactly(c, AlgorithmOneTest.data(c), settings);
  }

  /**
   * A CycleGAN run resumes exactly: both generators and both discriminators, their optimizers in the
   * learning-rate decay of the second half, and the two history pools (images, fill counts, the
   * stream choosing swaps; a pool of 6 fills in two steps and swaps after).
   */
  @Test
  void resumedCycleGanRunMatchesUninterruptedRun() throws IOException {
    RunConfig c = ConfigLoader.resolve("thin2thick-cyclegan", null, Map.of(
        "model.generator.hidden", "4,8", "model.discriminator.hidden", "8",
        "model.translation.resnetBlocks", "1", "model.translation.poolSize", "6",
        "model.translation.identityWeight", "0.5", "loop.batchSize", "4", "loop.steps", "8"));
    int n = 40;
    float[] rows = new float[n * 2 * 64];
    new dev.gan4j.Rng(9).fillUniform(rows, -1f, 1f);
    assertResumesExactly(c, new TrainingSet("pairs", n, new int[] {2, 8, 8}, rows), "cyclegan");
  }

  // 8 steps straight through against 4, a checkpoint, a fresh trainer restored from it and 4 more:
  // the same losses at every step and the same samples at the end.
  private void assertResumesExactly(RunConfig c, TrainingSet data, String label)
      throws IOException {
    float[] full = new float[16];
    float[] samplesFull;
    try (GanTrainer t = new GanTrainer(c, data)) {
      for (int i = 0; i < 8; i++) {
        StepResult r = t.step();
        full[2 * i] = r.lossD();
        full[2 * i + 1] = r.lossG();
      }
      samplesFull = t.generate(5, new dev.gan4j.Rng(3));
    }
    CheckpointStore store = new CheckpointStore(dir, 1);
    try (GanTrainer first = new GanTrainer(c, data)) {
      for (int i = 0; i < 4; i++) {
        first.step();
      }
      store.save(first.snapshot());
    }
    float[] resumed = new float[full.length];
    System.arraycopy(full, 0, resumed, 0, 8);
    try (GanTrainer second = new GanTrainer(c, data)) {
      second.restore(CheckpointStore.read(CheckpointStore.latest(dir).orElseThrow()));
      for (int i = 4; i < 8; i++) {
        StepResult r = second.step();
        resumed[2 * i] = r.lossD();
        resumed[2 * i + 1] = r.lossG();
      }
      assertArrayEquals(samplesFull, second.generate(5, new dev.gan4j.Rng(3)), label);
    }
    assertArrayEquals(full, resumed, label);
  }

  @Test
  void impossibleCountersAreRefusedBeforeAnyStateChanges() {
    RunConfig c = AlgorithmOneTest.small(Map.of("data.size", "100"));
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      t.step();
      TrainerSnapshot good = t.snapshot();
      t.step();
      float[] before = t.generate(4, new dev.gan4j.Rng(1));
      for (String[] bad : new String[][] {
          {"sampler.cursor", "100"}, {"sampler.cursor", "-1"},
          {"sampler.epoch", Long.toString(1L << 40)}, {"iteration", "-3"}}) {
        Map<String, Long> counters = new java.util.LinkedHashMap<>(good.counters());
        counters.put(bad[0], Long.parseLong(bad[1]));
        TrainerSnapshot s = new TrainerSnapshot(counters, good.doubles(), good.rngStates(),
            good.tensors(), good.shapes());
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> t.restore(s));
        assertTrue(e.getMessage().contains(bad[0] + " " + bad[1]), e.getMessage());
        assertEquals(2, t.iteration(), "a refused restore must leave the trainer as it was");
        assertArrayEquals(before, t.generate(4, new dev.gan4j.Rng(1)));
      }
    }
  }

  @Test
  void storeKeepsNewestAndRejectsCorruptFiles() throws IOException {
    RunConfig c = AlgorithmOneTest.small(Map.of());
    CheckpointStore store = new CheckpointStore(dir, 2);
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      for (int i = 0; i < 3; i++) {
        t.step();
        store.save(t.snapshot());
      }
    }
    assertEquals(2, CheckpointStore.list(dir).size());
    Path latest = CheckpointStore.latest(dir).orElseThrow();
    assertEquals(3, CheckpointStore.read(latest).iteration());

    byte[] bytes = Files.readAllBytes(latest);
    Path truncated = dir.resolve("truncated.bin");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThrows(RunDirectoryException.class, () -> CheckpointStore.read(truncated));
    bytes[bytes.length / 2] ^= 0x55;
    Path flipped = dir.resolve("flipped.bin");
    Files.write(flipped, bytes);
    RunDirectoryException e =
        assertThrows(RunDirectoryException.class, () -> CheckpointStore.read(flipped));
    assertEquals(true, e.getMessage().contains("corrupt"));
  }
}
