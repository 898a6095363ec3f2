package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.RunDirectoryException;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint reader's checks that come before any state is built from a file. */
class CheckpointStoreTest {
  @TempDir Path dir;

  private static TrainerSnapshot snapshot(long iteration, long epoch, long cursor) {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("iteration", iteration);
    counters.put("sampler.epoch", epoch);
    counters.put("sampler.cursor", cursor);
    Map<String, float[]> tensors = new LinkedHashMap<>(Map.of("w", new float[] {1f, 2f}));
    Map<String, long[]> shapes = new LinkedHashMap<>(Map.of("w", new long[] {2}));
    return new TrainerSnapshot(counters, new LinkedHashMap<>(), new LinkedHashMap<>(), tensors,
        shapes);
  }

  private Path write(String name, TrainerSnapshot s) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      CheckpointStore.write(s, out);
    }
    return file;
  }

  @Test
  void aValidFileReadsBack() throws IOException {
    TrainerSnapshot back = CheckpointStore.read(write("ok.ckpt", snapshot(7, 1, 3)));
    assertEquals(7, back.iteration());
    assertArrayEquals(new float[] {1f, 2f}, back.tensors().get("w"));
  }

  @Test
  void negativeCountersAreRefused() throws IOException {
    for (String counter : List.of("iteration", "sampler.epoch", "sampler.cursor")) {
      TrainerSnapshot s = snapshot(7, 1, 3);
      s.counters().put(counter, -5L);
      Path file = write("neg.ckpt", s); // a valid checksum: only the value is wrong
      RunDirectoryException e =
          assertThrows(RunDirectoryException.class, () -> CheckpointStore.read(file));
      assertTrue(e.getMessage().contains(file.toString())
          && e.getMessage().contains("counter '" + counter + "' is negative (-5)"), e.getMessage());
    }
  }

  @Test
  void aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws IOException {
    // A sparse 3 GiB file: readAllBytes would throw OutOfMemoryError (more than one array holds).
    Path huge = dir.resolve("step-00000001.ckpt");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    RunDirectoryException e =
        assertThrows(RunDirectoryException.class, () -> CheckpointStore.read(huge));
    assertTrue(e.getMessage().contains(huge.toString())
        && e.getMessage().contains("checkpoint of 3.0 GiB is larger than"), e.getMessage());

    // The limit itself: a small file over a small limit.
    Path small = write("small.ckpt", snapshot(1, 0, 0));
    long size = Files.size(small);
    assertThrows(RunDirectoryException.class,
        () -> CheckpointStore.read(small, List.of("iteration"), size - 1));
    assertEquals(1, CheckpointStore.read(small, List.of("iteration"), size).iteration());
  }
}
