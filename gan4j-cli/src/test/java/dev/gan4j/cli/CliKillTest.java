package dev.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.io.CheckpointStore;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training in its own process, killed with SIGKILL at random moments (seeded) and resumed: the result
 * is bit-identical to an uninterrupted run, and no temporary file survives. SIGTERM ends a session with
 * a checkpoint of the step it stopped at.
 */
class CliKillTest {
  private static final int STEPS = 80;

  @TempDir Path tmp;

  private List<String> args(Path run, boolean resume) {
    List<String> a = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Gan4jCli.class.getName(), "train"));
    if (resume) {
      a.addAll(List.of("--resume", run.toString()));
    } else {
      // Every iteration logged and checkpointed: a kill often lands inside a checkpoint write.
      a.addAll(List.of("--preset", "ring8", "--steps", Integer.toString(STEPS), "--log-every", "1",
          "--checkpoint-every", "1", "--sample-every", "1000", "--out", run.toString()));
    }
    a.addAll(List.of("--quiet", "--no-fetch", "--data-dir", CliHarness.emptyDataDir().toString()));
    return a;
  }

  private Process start(List<String> cmd) throws IOException {
    return new ProcessBuilder(cmd).directory(tmp.toFile())
        .redirectOutput(tmp.resolve("out.txt").toFile())
        .redirectError(tmp.resolve("err.txt").toFile()).start();
  }

  private static long rows(Path run) throws IOException {
    Path csv = run.resolve("metrics.csv");
    if (!Files.exists(csv)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      return lines.count() - 1;
    } catch (java.io.UncheckedIOException e) {
      return 0; // being rewritten
    }
  }

  // Starts (or resumes) the run and kills it with SIGKILL once metrics.csv has `killAt` rows.
  private void killAt(Path run, boolean resume, long killAt) throws Exception {
    Process p = start(args(run, resume));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive() && rows(run) < killAt && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    p.destroyForcibly(); // SIGKILL: no hook runs
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
  }

  private static List<Path> temporaries(Path run) throws IOException {
    try (Stream<Path> s = Files.walk(run)) {
      return s.filter(f -> f.getFileName().toString().startsWith(".writing-")).toList();
    }
  }

  @Test
  void killedAtRandomMomentsAndResumedItEndsBitIdenticalToAnUninterruptedRun() throws Exception {
    Path reference = tmp.resolve("reference");
    List<String> inProcess = args(reference, false);
    CliHarness.assertOk(CliHarness.run(inProcess.subList(4, inProcess.size()).toArray(String[]::new)));

    Path run = tmp.resolve("killed");
    Random random = new Random(14);
    killAt(run, false, 1 + random.nextInt(STEPS / 3));
    for (int kill = 1; kill < 3; kill++) {
      killAt(run, true, rows(run) + 1 + random.nextInt(STEPS / 3));
    }
    Process last = start(args(run, true));
    assertTrue(last.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, last.exitValue(), () -> read(tmp.resolve("err.txt")));

    TrainerSnapshot a = CheckpointStore.read(CliHarness.checkpoint(reference, STEPS));
    TrainerSnapshot b = CheckpointStore.read(CliHarness.checkpoint(run, STEPS));
    assertEquals(a.counters(), b.counters());
    assertEquals(a.tensors().keySet(), b.tensors().keySet());
    a.tensors().forEach((name, values) -> assertArrayEquals(values, b.tensors().get(name), name));
    assertEquals(losses(reference), losses(run), "metrics.csv reads as one uninterrupted run");
    assertEquals(List.of(), temporaries(run), "no temporary file survives");
  }

  @Test
  void sigtermEndsTheSessionWithACheckpointOfTheStepItStoppedAt() throws Exception {
    Path run = tmp.resolve("terminated");
    List<String> cmd = args(run, false);
    cmd.set(cmd.indexOf(Integer.toString(STEPS)), "100000"); // long enough to be stopped
    cmd.set(cmd.indexOf("--checkpoint-every") + 1, "100000");
    Process p = start(cmd);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (rows(run) < 20 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    List<Path> checkpoints = CheckpointStore.list(run.resolve("checkpoints"));
    assertEquals(1, checkpoints.size(), "the stop wrote one checkpoint");
    long step = CheckpointStore.read(checkpoints.get(0)).iteration();
    assertTrue(step >= 20, "stopped at step " + step);
    String log = read(run.resolve("run.log"));
    assertTrue(log.contains("session ends at step " + step), log);
  }

  // Every metrics.csv row without the timing columns (samples_per_s, wall_s).
  private static List<String> losses(Path run) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.csv"))) {
      String[] f = line.split(",");
      out.add(String.join(",", List.of(f).subList(0, 6)));
    }
    return out;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }
}
