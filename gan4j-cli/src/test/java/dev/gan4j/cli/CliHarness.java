package dev.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.data.IdxFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Runs the gan4j command line in-process with stdout and stderr captured, and holds the trained runs
 * the CLI tests share (trained once per JVM, treated read-only; tests that change a run copy it first).
 */
final class CliHarness {
  static {
    Gan4jCli.configureEnvironment(false);
  }

  private CliHarness() {}

  /** One command's exit code and output. {@code err} also holds whatever went to System.err. */
  record Result(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  /** Runs {@code gan4j args...} the way {@link Gan4jCli#execute} does, capturing both streams. */
  static Result run(String... args) {
    return run(Gan4jCli::commandLine, args);
  }

  /**
   * Runs {@code args} on the command line {@code cli} makes (gan4j's, perhaps with test commands).
   */
  static Result run(java.util.function.Supplier<CommandLine> commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    int exit;
    // System.err is swapped before the CommandLine exists: picocli's default execution strategy
    // remembers System.err when created and, if it differs at execute time, replaces setErr's writer.
    System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = commandLine.get();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      exit = cli.execute(args);
    } finally {
      System.err.flush();
      System.setErr(previous);
    }
    return new Result(exit, out.toString(), err + sysErr.toString(StandardCharsets.UTF_8));
  }

  /**
   * Asserts the bad-input contract: exit 2, nothing on stdout, no stack trace, and exactly one error
   * line {@code gan4j: ...} that contains every fragment (a parse error ends it with the hint {@code
   * (see: gan4j CMD --help)}); nothing else is allowed.
   */
  static String assertBadInput(Result r, String... fragments) {
    assertEquals(Gan4jCli.BAD_INPUT, r.exit(), () -> "expected exit 2\n" + r);
    assertFalse(r.err().contains("\tat "), () -> "stack trace without --verbose\n" + r);
    assertFalse(r.err().contains("Exception"), () -> "exception class name leaked\n" + r);
    assertEquals("", r.out(), () -> "nothing belongs on stdout on failure\n" + r);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), () -> "expected exactly one error line\n" + r);
    String line = lines.get(0);
    assertTrue(line.startsWith("gan4j: "), () -> "error line should start with 'gan4j: '\n" + r);
    for (String f : fragments) {
      assertTrue(line.contains(f), () -> "error line should mention '" + f + "'\n" + r);
    }
    return line;
  }

  /** Asserts success, with no stack trace or error line on stderr. */
  static void assertOk(Result r) {
    assertEquals(Gan4jCli.OK, r.exit(), () -> "expected exit 0\n" + r);
    assertFalse(r.err().contains("\tat "), () -> "stack trace on success\n" + r);
    assertFalse(r.err().contains("gan4j: "), () -> "error line on success\n" + r);
  }

  /**
   * Every file and folder under {@code root} (relative path) with its kind, last-modified time, and
   * for files the size and SHA-256 of the content: equal snapshots mean nothing was added, removed,
   * rewritten or touched.
   */
  static Map<String, String> snapshot(Path root) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p)) {
          out.put(rel + "/", "dir mtime=" + Files.getLastModifiedTime(p));
        } else {
          byte[] bytes = Files.readAllBytes(p);
          out.put(rel, "size=" + bytes.length + " mtime=" + Files.getLastModifiedTime(p)
              + " sha256=" + sha256(bytes));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a folder tree (contents and modification times). */
  static Path copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  /** The sole checkpoint of a given step in a run. */
  static Path checkpoint(Path run, long step) {
    return run.resolve("checkpoints").resolve(String.format("step-%08d.ckpt", step));
  }

  // ---- runs shared by the CLI test classes (trained once per JVM) ----

  private static Path sharedRoot;
  private static Path ring8Run;
  private static Result ring8Train;
  private static Path mnistDataDir;
  private static Path mnistRun;
  private static Result mnistTrain;

  private static synchronized Path sharedRoot() {
    if (sharedRoot == null) {
      try {
        sharedRoot = Files.createTempDirectory("gan4j-cli-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path root = sharedRoot;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
    }
    return sharedRoot;
  }

  /** An empty data folder nobody writes to (so nothing is ever fetched). */
  static synchronized Path emptyDataDir() {
    Path d = sharedRoot().resolve("empty-data");
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  /** The arguments of the fast ring8 run, into {@code out}. */
  static String[] ring8Args(Path out) {
    return new String[] {
      "train", "--preset", "ring8", "--steps", "40", "--log-every", "10", "--sample-every", "20",
      "--checkpoint-every", "20", "--quiet", "--no-fetch", "--data-dir", emptyDataDir().toString(),
      "--out", out.toString()
    };
  }

  /** A complete 40-step ring8 run (read-only: copy it before changing it). */
  static synchronized Path ring8Run() {
    if (ring8Run == null) {
      Path out = sharedRoot().resolve("ring8-run");
      ring8Train = run(ring8Args(out));
      assertOk(ring8Train);
      ring8Run = out;
    }
    return ring8Run;
  }

  /** What {@code train} printed for {@link #ring8Run()}. */
  static synchronized Result ring8TrainResult() {
    ring8Run();
    return ring8Train;
  }

  private static final Map<String, Path> familyRuns = new TreeMap<>();

  /**
   * A 10-step ring8 run of model family {@code family} ({@code cgan}, {@code infogan} with its
   * default codes, ...), trained once per JVM (read-only).
   */
  static synchronized Path ring8Run(String family) {
    Path out = familyRuns.get(family);
    if (out == null) {
      out = sharedRoot().resolve("ring8-" + family);
      assertOk(run("train", "--preset", "ring8", "--set", "model.family=" + family,
          "--steps", "10", "--log-every", "10", "--sample-every", "10", "--checkpoint-every", "10",
          "--quiet", "--no-fetch", "--data-dir", emptyDataDir().toString(), "--out", out.toString()));
      familyRuns.put(family, out);
    }
    return out;
  }

  /** A data folder holding a fake 200-image mnist in the layout ImageDatasets reads. */
  static synchronized Path mnistDataDir() {
    if (mnistDataDir == null) {
      Path d = sharedRoot().resolve("mnist-data");
      writeFakeMnist(d, 200);
      mnistDataDir = d;
    }
    return mnistDataDir;
  }

  static void writeFakeMnist(Path dataDir, int count) {
    Random random = new Random(7);
    byte[] pixels = new byte[count * 28 * 28];
    random.nextBytes(pixels);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    Path dir = dataDir.resolve("mnist");
    IdxFile.writeImages(
        dir.resolve("all-images-idx3-ubyte.gz"), new IdxFile.IdxImages(count, 28, 28, pixels));
    IdxFile.writeLabels(dir.resolve("all-labels-idx1-ubyte.gz"), labels);
  }

  /** A complete 3-step mnist-mlp run with tiny networks, on the fake mnist (read-only). */
  static synchronized Path mnistRun() {
    if (mnistRun == null) {
      Path out = sharedRoot().resolve("mnist-run");
      mnistTrain =
          run(
              "train", "--preset", "mnist-mlp", "--steps", "3", "--batch-size", "16",
              "--set", "model.generator.hidden=32", "--set", "model.discriminator.hidden=32",
              "--data-dir", mnistDataDir().toString(), "--no-fetch", "--quiet",
              "--out", out.toString());
      assertOk(mnistTrain);
      mnistRun = out;
    }
    return mnistRun;
  }

  /** What {@code train} printed for {@link #mnistRun()}. */
  static synchronized Result mnistTrainResult() {
    mnistRun();
    return mnistTrain;
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort at shutdown
    }
  }
}
