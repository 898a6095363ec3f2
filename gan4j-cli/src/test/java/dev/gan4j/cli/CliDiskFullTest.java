package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.copyTree;
import static dev.gan4j.cli.CliHarness.emptyDataDir;
import static dev.gan4j.cli.CliHarness.ring8Run;
import static dev.gan4j.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while a run trains, for real: a small tmpfs mounted for the test (this needs
 * the right to mount, which root in a container usually has; without it the test is skipped, not
 * passed). And an evaluation whose report cannot be written is refused before it samples.
 */
class CliDiskFullTest {
  @TempDir Path tmp;

  private Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      shell("umount", mounted.toString());
    }
  }

  private static int shell(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  // A tmpfs of the given size at tmp/disk, or the test is skipped with the reason.
  private Path smallDisk(String size) throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("disk"));
    int rc;
    try {
      rc = shell("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString());
    } catch (IOException e) {
      rc = -1; // no mount command
    }
    assumeTrue(rc == 0, "cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): the"
        + " full-disk case is not exercised");
    mounted = disk;
    return disk;
  }

  private static List<Path> temporaries(Path run) throws IOException {
    try (Stream<Path> s = Files.walk(run)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  @Test
  void aDiskThatFillsMidTrainingStopsWithOneLineAndExitOneAndTheRunResumesOnceThereIsSpace()
      throws Exception {
    Path disk = smallDisk("900k"); // room for one ring8 checkpoint (~800 KiB), not two
    Path runDir = disk.resolve("run");
    Result r = run("train", "--preset", "ring8", "--steps", "600", "--checkpoint-every", "100",
        "--sample-every", "1000", "--quiet", "--no-fetch", "--data-dir", emptyDataDir().toString(),
        "--out", runDir.toString());

    assertEquals(Gan4jCli.FAILURE, r.exit(), r::toString);
    assertFalse(r.err().contains("\tat "), () -> "stack trace without --verbose\n" + r);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), r::toString);
    String line = lines.get(0);
    assertTrue(line.startsWith("gan4j: cannot write " + runDir.resolve("checkpoints")), line);
    assertTrue(line.contains(": no space left on device; training stopped at step 200"), line);
    assertTrue(line.contains("its newest checkpoint is step-00000100.ckpt"), line);
    assertTrue(line.endsWith("train --resume " + runDir), line);
    assertEquals(List.of(), temporaries(runDir), "a failed write leaves no temporary file");
    assertTrue(Files.readString(runDir.resolve("run.log")).contains("no space left on device"));

    // Space freed (the tmpfs grown): resume goes on from step 100 and finishes.
    assertEquals(0, shell("mount", "-o", "remount,size=20m", disk.toString()));
    assertOk(run("train", "--resume", runDir.toString(), "--quiet", "--no-fetch", "--data-dir",
        emptyDataDir().toString()));
    assertTrue(Files.exists(CliHarness.checkpoint(runDir, 600)));
    List<String> rows = Files.readAllLines(runDir.resolve("metrics.csv"));
    assertTrue(rows.get(rows.size() - 1).startsWith("600,"), rows.get(rows.size() - 1));
  }

  @Test
  void evalRefusesARunFolderThatCannotTakeItsReportBeforeSampling() throws IOException {
    Path runDir = copyTree(ring8Run(), tmp.resolve("run"));
    Files.createDirectories(runDir.resolve("eval.json")); // where the report would go: a folder
    Result r = run("eval", "--run", runDir.toString(), "--n", "500", "--quiet");
    assertBadInput(r, "cannot write " + runDir.resolve("eval.json") + ": it is a folder");
  }
}
