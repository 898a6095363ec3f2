package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.checkpoint;
import static dev.gan4j.cli.CliHarness.copyTree;
import static dev.gan4j.cli.CliHarness.emptyDataDir;
import static dev.gan4j.cli.CliHarness.run;
import static dev.gan4j.cli.CliHarness.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.cli.CliHarness.Result;
import dev.gan4j.io.CheckpointStore;
import dev.gan4j.train.TrainerSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14, "every bad value an exit 2, before any allocation", as a user meets it: crafted and
 * oversized checkpoints, a linked run.log, unwritable outputs, sample counts past their bound and
 * files that are not UTF-8 are each exit 2 and one line, and leave the run folder as it was;
 * running out of memory is exit 1 and one line.
 */
class CliLimitsTest {
  @TempDir Path tmp;

  private Result resume(Path dir) {
    return run("train", "--resume", dir.toString(), "--steps", "60", "--quiet", "--no-fetch",
        "--data-dir", emptyDataDir().toString());
  }

  // Rewrites the run's step-40 checkpoint (a valid checksum) as the shared run's with one counter
  // changed.
  // A damaged newest checkpoint falls back to an older intact one (CliReliabilityTest); these cases
  // check the reader's own refusals, so the damaged file is the only checkpoint left.
  private static void deleteCheckpointsBut(Path run, long keep) throws IOException {
    for (Path c : CheckpointStore.list(run.resolve("checkpoints"))) {
      if (!c.equals(checkpoint(run, keep))) {
        Files.delete(c);
      }
    }
  }

  private static Path withCounter(Path run, String counter, long value) throws IOException {
    Path ckpt = checkpoint(run, 40);
    TrainerSnapshot s = CheckpointStore.read(checkpoint(CliHarness.ring8Run(), 40));
    Map<String, Long> counters = new LinkedHashMap<>(s.counters());
    counters.put(counter, value);
    try (OutputStream out = Files.newOutputStream(ckpt)) {
      CheckpointStore.write(
          new TrainerSnapshot(counters, s.doubles(), s.rngStates(), s.tensors(), s.shapes()), out);
    }
    return ckpt;
  }

  @Test
  void resumeFromACheckpointWithANegativeCounter() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("negative"));
    deleteCheckpointsBut(dir, 40);
    for (String counter : List.of("iteration", "sampler.epoch", "sampler.cursor")) {
      Path ckpt = withCounter(dir, counter, -7);
      Map<String, String> before = snapshot(dir);
      assertBadInput(resume(dir), ckpt.getFileName().toString(),
          "counter '" + counter + "' is negative (-7)");
      assertEquals(before, snapshot(dir));
    }
  }

  @Test
  void resumeFromACheckpointWhoseCursorIsBeyondTheData() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("cursor"));
    Path ckpt = withCounter(dir, "sampler.cursor", 100_000); // ring8's pool holds 100,000 points
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir), ckpt.getFileName().toString(), "sampler.cursor 100000",
        "holds 100000 samples");
    assertEquals(before, snapshot(dir));
  }

  @Test
  void aSparseThreeGigabyteCheckpointIsRefusedBeforeItIsRead() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("sparse"));
    Path huge = checkpoint(dir, 60); // the newest, so resume and sample pick it
    deleteCheckpointsBut(dir, 60);
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    Map<String, String> before = listing(dir); // sizes and times: hashing 3 GiB would take long
    assertBadInput(resume(dir), huge.toString(), "checkpoint of 3.0 GiB is larger than");
    Path out = tmp.resolve("x.csv");
    assertBadInput(run("sample", "--run", dir.toString(), "--n", "5", "--out", out.toString()),
        huge.toString(), "larger than");
    assertFalse(Files.exists(out));
    assertEquals(before, listing(dir));
  }

  @Test
  void resumeRefusesARunLogThatIsASymbolicLink() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("linked"));
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "not gan4j's\n");
    Files.delete(dir.resolve("run.log"));
    Files.createSymbolicLink(dir.resolve("run.log"), victim);
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir), dir.resolve("run.log").toString(), "is a symbolic link");
    assertEquals(before, snapshot(dir));
    assertEquals("not gan4j's\n", Files.readString(victim));
  }

  // ---------- unwritable outputs ----------

  private Result sampleTo(Path out) {
    return run("sample", "--run", CliHarness.ring8Run().toString(), "--n", "5", "--out",
        out.toString());
  }

  @Test
  void sampleToAPathUnderAFile() throws IOException {
    Map<String, String> before = snapshot(CliHarness.ring8Run());
    Path file = Files.writeString(tmp.resolve("a-file"), "data");
    Path out = file.resolve("x.csv");
    assertBadInput(sampleTo(out), "cannot write " + out, file + " is not a directory");
    assertEquals("data", Files.readString(file));
    assertEquals(before, snapshot(CliHarness.ring8Run()));
  }

  @Test
  void sampleIntoProcOrSysGivesTheSystemsReason() {
    // procfs takes no new files (ENOENT), sysfs refuses them (EACCES), even for the superuser.
    assumeTrue(
        Files.isDirectory(Path.of("/proc/self")) && Files.isDirectory(Path.of("/sys/kernel")));
    assertBadInput(sampleTo(Path.of("/proc/x.csv")), "cannot write /proc/x.csv",
        "no such file or directory");
    assertBadInput(sampleTo(Path.of("/sys/x.csv")), "cannot write /sys/x.csv", "permission denied");
    assertFalse(Files.exists(Path.of("/proc/x.csv")));
  }

  @Test
  void sampleIntoAReadOnlyFolder() throws IOException {
    Path ro = Files.createDirectories(tmp.resolve("read-only"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeTrue(!Files.isWritable(ro), "the superuser writes into read-only folders");
      assertBadInput(sampleTo(ro.resolve("x.csv")), "cannot write " + ro.resolve("x.csv"),
          "permission denied");
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try (Stream<Path> s = Files.list(ro)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void trainIntoAPathUnderAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "data");
    Path out = file.resolve("run");
    Result r = run(CliHarness.ring8Args(out));
    assertBadInput(r, "cannot write " + out, file + " is not a directory", "--out");
    assertEquals("data", Files.readString(file));
  }

  // ---------- counts ----------

  @Test
  void sampleAndEvalCountsHaveUpperBounds() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    Path out = tmp.resolve("x.csv");
    assertBadInput(run("sample", "--run", existing.toString(), "--n", "1000001", "--out",
        out.toString()), "--n must be <= 1,000,000, got 1,000,001");
    assertBadInput(run("eval", "--run", existing.toString(), "--n", "2000000"),
        "--n must be <= 1,000,000, got 2,000,000");
    assertFalse(Files.exists(out));
    assertEquals(before, snapshot(existing));
  }

  // ---------- text that is not UTF-8 ----------

  @Test
  void configAndSamplesThatAreNotUtf8SaySo() throws IOException {
    Path config = tmp.resolve("latin1.yaml");
    byte[] bytes = "# r\u00e9glages\nloop:\n  steps: 5\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(config, bytes);
    Path newRun = tmp.resolve("new-run");
    assertBadInput(run("train", "--preset", "ring8", "--config", config.toString(), "--quiet",
        "--no-fetch", "--data-dir", emptyDataDir().toString(), "--out", newRun.toString()),
        config.toString(), "not UTF-8 text: byte 0xE9 at line 1");
    assertFalse(Files.exists(newRun));
    assertTrue(Arrays.equals(bytes, Files.readAllBytes(config)));

    Path csv = tmp.resolve("latin1.csv");
    Files.write(csv, "x,y\n0.5,1\n\u00b5,2\n".getBytes(StandardCharsets.ISO_8859_1));
    assertBadInput(run("eval", "--samples", csv.toString(), "--dataset", "ring8", "--quiet",
        "--data-dir", emptyDataDir().toString()), csv.toString(), "not UTF-8 text");
  }

  // ---------- out of memory ----------

  /** A command that runs out of memory, in the heap or (as the engine reports it) natively. */
  @CommandLine.Command(name = "exhaust")
  static final class Exhaust implements Callable<Integer> {
    @CommandLine.Mixin CommonOptions common;

    @CommandLine.Option(names = "--engine")
    boolean engine;

    @Override
    public Integer call() {
      if (engine) {
        throw new ai.djl.engine.EngineException("[enforce fail at alloc_cpu.cpp:117] data."
            + " DefaultCPUAllocator: not enough memory: you tried to allocate 1099511627776"
            + " bytes.");
      }
      long[] tooBig = new long[Integer.MAX_VALUE]; // a real OutOfMemoryError, nothing allocated
      return tooBig.length;
    }
  }

  private static Result exhaust(String... args) {
    List<String> all = new ArrayList<>(List.of("exhaust"));
    all.addAll(List.of(args));
    return run(() -> Gan4jCli.commandLine().addSubcommand(new Exhaust()),
        all.toArray(String[]::new));
  }

  @Test
  void outOfMemoryIsOneLineAndExitOne() {
    Result heap = exhaust();
    assertEquals(Gan4jCli.FAILURE, heap.exit(), heap::toString);
    assertEquals(1, heap.errLines().size(), heap::toString);
    String line = heap.errLines().get(0);
    assertTrue(line.startsWith("gan4j: out of memory (Java heap: ")
        && line.contains("--batch-size") && line.contains("GAN4J_JAVA_OPTS=-Xmx"), line);
    assertFalse(heap.err().contains("\tat "), heap::toString);

    Result engine = exhaust("--engine");
    assertEquals(Gan4jCli.FAILURE, engine.exit(), engine::toString);
    assertEquals(1, engine.errLines().size(), engine::toString);
    assertTrue(engine.errLines().get(0).startsWith("gan4j: out of memory (in the engine: ")
        && engine.errLines().get(0).contains("--batch-size"), engine::toString);

    Result verbose = exhaust("--verbose");
    assertEquals(Gan4jCli.FAILURE, verbose.exit(), verbose::toString);
    assertTrue(verbose.errLines().get(0).startsWith("gan4j: out of memory"), verbose::toString);
    assertTrue(verbose.err().contains("\tat "), () -> "--verbose shows the stack\n" + verbose);
  }

  // Each file's size and modification time (no content: a sparse 3 GiB file would take long to
  // read).
  private static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        out.put(root.relativize(p).toString(),
            Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }
}
