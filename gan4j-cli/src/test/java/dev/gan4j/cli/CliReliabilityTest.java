package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.checkpoint;
import static dev.gan4j.cli.CliHarness.copyTree;
import static dev.gan4j.cli.CliHarness.emptyDataDir;
import static dev.gan4j.cli.CliHarness.run;
import static dev.gan4j.cli.CliHarness.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.cli.CliHarness.Result;
import dev.gan4j.io.CheckpointStore;
import dev.gan4j.io.RunLock;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults a training run meets and survives: divergence (stop or roll back), a second writer, a damaged
 * newest checkpoint, temporary files and a missing first checkpoint left by a kill, and resumes that
 * must refuse before they write anything.
 */
class CliReliabilityTest {
  @TempDir Path tmp;

  private static String[] ring8(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--preset", "ring8", "--steps", "40",
        "--log-every", "10", "--sample-every", "40", "--checkpoint-every", "20", "--quiet",
        "--no-fetch", "--data-dir", emptyDataDir().toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static List<Long> metricSteps(Path run) throws IOException {
    List<Long> steps = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.csv"))) {
      if (!line.startsWith("step")) {
        steps.add(Long.parseLong(line.substring(0, line.indexOf(','))));
      }
    }
    return steps;
  }

  private static void assertEveryCheckpointFinite(Path run) throws IOException {
    for (Path c : CheckpointStore.list(run.resolve("checkpoints"))) {
      assertTrue(CheckpointStore.read(c).firstNonFinite().isEmpty(), c + " holds non-finite values");
    }
  }

  @Test
  void divergenceStopsWithExitOneNamingTheStepAndLeavesNoNonFiniteCheckpoint() throws IOException {
    Path out = tmp.resolve("diverged");
    Result r = run(ring8(out, "--optimizer", "sgd", "--lr", "1e6"));
    assertEquals(Gan4jCli.FAILURE, r.exit(), r::toString);
    assertFalse(r.err().contains("\tat "), r::toString);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).matches(
        "gan4j: training diverged at step \\d+: loss_[dg] is (NaN|-?Infinity);.*"), lines.get(0));
    assertEveryCheckpointFinite(out);
    for (String line : Files.readAllLines(out.resolve("metrics.csv"))) {
      assertFalse(line.contains("NaN") || line.contains("Infinity"), "a diverged row was logged: " + line);
    }
  }

  @Test
  void rollbackReturnsToTheLastFiniteStateWithHalvedRatesAndFinishes() throws IOException {
    Path out = tmp.resolve("rolled");
    // SGD at lr 3 diverges on ring8 within a few steps; at 3/4 it does not.
    Result stop = run(ring8(tmp.resolve("stopped"), "--optimizer", "sgd", "--lr", "3"));
    assertEquals(Gan4jCli.FAILURE, stop.exit(), stop::toString);
    assertOk(run(ring8(out, "--optimizer", "sgd", "--lr", "3", "--on-divergence", "rollback")));
    TrainerSnapshot last = CheckpointStore.read(checkpoint(out, 40));
    double scale = last.doubles().get("trainer.lrScale");
    assertTrue(scale < 1.0 && Math.log(scale) / Math.log(0.5) % 1 == 0, "halved a whole number of"
        + " times: " + scale);
    assertEquals(List.of(10L, 20L, 30L, 40L), metricSteps(out), "rows of abandoned steps are gone");
    assertEveryCheckpointFinite(out);
    assertOk(run("train", "--resume", out.toString(), "--steps", "60", "--quiet", "--no-fetch",
        "--data-dir", emptyDataDir().toString()));
    assertEquals(scale, CheckpointStore.read(checkpoint(out, 60)).doubles().get("trainer.lrScale"),
        "the halved rates survive a resume");
    assertBadInput(run(ring8(tmp.resolve("x"), "--on-divergence", "retry")), "--on-divergence",
        "'retry'");
  }

  @Test
  void theThreadCountIsAFlagAndProvenanceRecordsIt() throws IOException {
    int before = dev.gan4j.Engines.threads();
    try {
      Path out = tmp.resolve("one-thread");
      assertOk(run(ring8(out, "--threads", "1")));
      com.fasterxml.jackson.databind.JsonNode p =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("provenance.json")
              .toFile());
      assertEquals(1, p.at("/sessions/0/torchThreads").asInt());
      assertTrue(p.at("/sessions/0/ompWaitPolicy").isTextual());
    } finally {
      dev.gan4j.Engines.setThreads(before); // later tests in this JVM compare against default runs
    }
  }

  @Test
  void aSecondWriterIsRefusedAtOnceAndTheRunIsUntouched() {
    Path copy = copyTree(CliHarness.ring8Run(), tmp.resolve("locked"));
    try (RunLock held = RunLock.acquire(copy)) {
      Map<String, String> before = snapshot(copy);
      assertBadInput(run("train", "--resume", copy.toString(), "--steps", "60", "--quiet",
          "--no-fetch", "--data-dir", emptyDataDir().toString()), "being written by another");
      assertEquals(before, snapshot(copy));
    }
    // Released: the same resume now runs.
    assertOk(run("train", "--resume", copy.toString(), "--steps", "60", "--quiet", "--no-fetch",
        "--data-dir", emptyDataDir().toString()));
  }

  @Test
  void aDamagedNewestCheckpointFallsBackToTheNewestIntactOneWithAWarning() throws IOException {
    Path copy = copyTree(CliHarness.ring8Run(), tmp.resolve("damaged"));
    Path newest = checkpoint(copy, 40);
    byte[] bytes = Files.readAllBytes(newest);
    Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated by a crash
    Files.writeString(copy.resolve("checkpoints/.writing-123.tmp"), "half a checkpoint");
    Result sample = run("sample", "--run", copy.toString(), "--n", "8", "--out",
        tmp.resolve("s.csv").toString());
    assertOk(sample);
    assertTrue(sample.err().contains("step-00000040.ckpt")
        && sample.err().contains("step-00000020.ckpt"), "the warning names both files:\n" + sample);
    assertTrue(sample.out().contains("from step 20"), sample::toString);
    Result resume = run("train", "--resume", copy.toString(), "--steps", "60", "--quiet",
        "--no-fetch", "--data-dir", emptyDataDir().toString());
    assertOk(resume);
    assertEquals(60, CheckpointStore.read(checkpoint(copy, 60)).iteration());
    assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L), metricSteps(copy));
    assertFalse(Files.exists(copy.resolve("checkpoints/.writing-123.tmp")), "debris removed");
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointStartsOverOnResume() throws IOException {
    Path copy = copyTree(CliHarness.ring8Run(), tmp.resolve("early"));
    for (Path c : CheckpointStore.list(copy.resolve("checkpoints"))) {
      Files.delete(c);
    }
    Result r = run("train", "--resume", copy.toString(), "--quiet", "--no-fetch", "--data-dir",
        emptyDataDir().toString());
    assertOk(r);
    assertTrue(r.err().contains("starting it over"), r::toString);
    assertEquals(List.of(10L, 20L, 30L, 40L), metricSteps(copy));
    // The same seed and config: the restarted run ends where the original did.
    Map<String, float[]> original =
        CheckpointStore.read(checkpoint(CliHarness.ring8Run(), 40)).tensors();
    Map<String, float[]> restarted = CheckpointStore.read(checkpoint(copy, 40)).tensors();
    assertEquals(original.keySet(), restarted.keySet());
    original.forEach((name, values) ->
        assertTrue(java.util.Arrays.equals(values, restarted.get(name)), name + " differs"));
  }

  @Test
  void resumeRefusesBeforeWritingAnything() throws IOException {
    Path copy = copyTree(CliHarness.ring8Run(), tmp.resolve("bad-metrics"));
    byte[] csv = Files.readAllBytes(copy.resolve("metrics.csv"));
    csv[csv.length / 2] = (byte) 0xFF; // not UTF-8
    Files.write(copy.resolve("metrics.csv"), csv);
    Map<String, String> before = snapshot(copy);
    assertBadInput(run("train", "--resume", copy.toString(), "--steps", "60", "--quiet",
        "--no-fetch", "--data-dir", emptyDataDir().toString()), "metrics.csv", "not UTF-8");
    assertEquals(before, snapshot(copy), "config.json, provenance.json and run.log unchanged");

    Path noisy = tmp.resolve("noisy");
    assertOk(run(ring8(noisy, "--set", "stabilize.instanceNoise=0.1")));
    Map<String, String> noisyBefore = snapshot(noisy);
    assertBadInput(run("train", "--resume", noisy.toString(), "--steps", "60", "--quiet",
        "--no-fetch", "--data-dir", emptyDataDir().toString()), "instance noise", "--steps");
    assertEquals(noisyBefore, snapshot(noisy));
  }
}
