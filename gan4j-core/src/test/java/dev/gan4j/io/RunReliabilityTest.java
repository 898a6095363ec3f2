package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.RunDirectoryException;
import dev.gan4j.train.TrainerSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints that are never non-finite, a damaged newest one skipped, and one writer per run. */
class RunReliabilityTest {
  @TempDir Path dir;

  private static TrainerSnapshot snapshot(long iteration, float value) {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("iteration", iteration);
    counters.put("sampler.epoch", 0L);
    counters.put("sampler.cursor", 0L);
    return new TrainerSnapshot(counters, Map.of(), Map.of(),
        Map.of("w", new float[] {1f, value}), Map.of("w", new long[] {2}));
  }

  @Test
  void aNonFiniteStateIsNeverCheckpointed() throws Exception {
    CheckpointStore store = new CheckpointStore(dir, 2);
    store.save(snapshot(10, 2f));
    RunDirectoryException e = assertThrows(RunDirectoryException.class,
        () -> store.save(snapshot(20, Float.NaN)));
    assertTrue(e.getMessage().contains("w holds NaN"), e.getMessage());
    store.save(snapshot(30, 3f));
    assertThrows(RunDirectoryException.class, () -> store.save(snapshot(40, Float.NEGATIVE_INFINITY)));
    assertEquals(List.of("step-00000010.ckpt", "step-00000030.ckpt"),
        CheckpointStore.list(dir).stream().map(p -> p.getFileName().toString()).toList(),
        "rotation only ever sees finite checkpoints");
  }

  @Test
  void theNewestIntactCheckpointIsReadWithAWarningNamingTheDamagedOne() throws Exception {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.save(snapshot(10, 1f));
    store.save(snapshot(20, 2f));
    Path newest = store.save(snapshot(30, 3f));
    byte[] b = Files.readAllBytes(newest);
    b[b.length - 12] ^= 1;
    Files.write(newest, b);
    List<String> warnings = new ArrayList<>();
    CheckpointStore.Intact got = CheckpointStore.readNewestIntact(dir, warnings::add);
    assertEquals(20, got.snapshot().iteration());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("step-00000030.ckpt")
        && warnings.get(0).contains("step-00000020.ckpt"), warnings.get(0));
    assertThrows(RunDirectoryException.class,
        () -> CheckpointStore.readNewestIntact(dir.resolve("none"), warnings::add));
  }

  @Test
  void oneWriterPerRunFolderAndDebrisIsRemovedUnderTheLock() throws Exception {
    Files.createDirectories(dir.resolve("checkpoints"));
    Files.writeString(dir.resolve("checkpoints/.writing-1.tmp"), "x");
    Files.writeString(dir.resolve(".writing-2.tmp"), "x");
    Files.writeString(dir.resolve("checkpoints/keep.tmp"), "not ours");
    try (RunLock lock = RunLock.acquire(dir)) {
      RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> RunLock.acquire(dir));
      assertTrue(e.getMessage().contains("another gan4j process"), e.getMessage());
      assertEquals(2, lock.removeDebris(dir));
    }
    assertFalse(Files.exists(dir.resolve("checkpoints/.writing-1.tmp")));
    assertTrue(Files.exists(dir.resolve("checkpoints/keep.tmp")));
    try (RunLock again = RunLock.acquire(dir)) {
      assertEquals(0, again.removeDebris(dir), "released when closed; nothing left to remove");
    }
  }
}
