package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.checkpoint;
import static dev.gan4j.cli.CliHarness.copyTree;
import static dev.gan4j.cli.CliHarness.emptyDataDir;
import static dev.gan4j.cli.CliHarness.run;
import static dev.gan4j.cli.CliHarness.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.gan4j.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad-input path of the command line: exit code 2, one {@code gan4j: ...} line on stderr naming
 * the problem, no stack trace, nothing on stdout, and no file created or changed.
 */
class CliErrorsTest {
  @TempDir Path tmp;

  /** Where a failing {@code train} was told to write; it must never appear. */
  private Path newRun;

  @BeforeEach
  void setUp() {
    newRun = tmp.resolve("new-run");
  }

  @AfterEach
  void noDatasetWasFetched() throws IOException {
    try (Stream<Path> s = Files.list(emptyDataDir())) {
      assertEquals(List.of(), s.toList(), "the empty data dir must stay empty");
    }
  }

  // ---------- train: names, values and flags ----------

  static Stream<Arguments> badTrainArguments() {
    return Stream.of(
        arguments(List.of("--preset", "bogus"), List.of("preset", "'bogus'")),
        arguments(List.of("--threads", "-3"), List.of("--threads", "-3")),
        arguments(List.of("--on-divergence", "maybe"), List.of("--on-divergence", "'maybe'")),
        arguments(List.of("--loss", "bogus"), List.of("loss", "'bogus'")),
        arguments(List.of("--optimizer", "bogus"), List.of("optimizer", "'bogus'")),
        arguments(List.of("--prior", "bogus"), List.of("prior", "'bogus'")),
        arguments(List.of("--data", "bogus"), List.of("data.name", "'bogus'")),
        arguments(List.of("--bogus-flag"), List.of("--bogus-flag")),
        arguments(List.of("--steps", "abc"), List.of("--steps", "abc")),
        arguments(List.of("--steps", "0"), List.of("loop.steps", "got 0")),
        arguments(List.of("--steps", "-5"), List.of("loop.steps", "got -5")),
        arguments(List.of("--batch-size", "-1"), List.of("loop.batchSize", "got -1")),
        arguments(List.of("--k", "0"), List.of("loop.dSteps", "got 0")),
        arguments(List.of("--latent-dim", "0"), List.of("model.latentDim", "got 0")),
        arguments(
            List.of("--set", "model.generator.hidden=0"), List.of("generator", "hidden", "got 0")),
        arguments(
            List.of("--set", "model.discriminator.hidden=64,-3"),
            List.of("discriminator", "hidden", "got -3")),
        arguments(List.of("--set", "model.generator.hidden=abc"), List.of("hidden", "'abc'")),
        arguments(List.of("--set", "loop.bogus=1"), List.of("loop.bogus")),
        arguments(List.of("--set", "loop.steps"), List.of("--set")),
        arguments(List.of("--lr", "-1"), List.of("lr", "-1")),
        arguments(List.of("--lr-d", "0"), List.of("lr", "0")),
        arguments(List.of("--label-smoothing", "1"), List.of("labelSmoothing", "1")),
        arguments(List.of("--log-every", "0"), List.of("output.logEvery", "got 0")),
        arguments(List.of("--eval-every", "-1"), List.of("eval.every", "got -1")),
        arguments(
            List.of("--set", "loss.featureMatching=yes"),
            List.of("loss.featureMatching", "true or false", "'yes'")),
        arguments(List.of("--penalty", "gp"), List.of("unknown penalty 'gp'", "gradient")),
        arguments(List.of("--penalty", "r1", "--penalty-weight", "-1"), List.of("penalty.weight")),
        arguments(
            List.of("--loss", "madgan", "--set", "model.generators=1"),
            List.of("madgan", "generators >= 2")),
        arguments(
            List.of("--penalty", "r1", "--set", "model.discriminator.normalization=batch"),
            List.of("samples do not interact")),
        arguments(List.of("--eval-n", "1"), List.of("eval.samples", "got 1")),
        // Upper bounds (issue 14): the field, the limit and the value, before anything is
        // allocated.
        arguments(List.of("--batch-size", "65537"),
            List.of("loop.batchSize", "<= 65,536", "got 65,537")),
        arguments(List.of("--latent-dim", "70000"),
            List.of("model.latentDim", "<= 65,536", "got 70,000")),
        arguments(List.of("--set", "model.generator.hidden=64,100000"),
            List.of("generator", "hidden", "<= 65,536", "got 100,000")),
        arguments(List.of("--set", "output.gridSamples=5000"),
            List.of("output.gridSamples", "<= 4,096", "got 5,000")),
        arguments(List.of("--eval-n", "1000001"),
            List.of("eval.samples", "<= 1,000,000", "got 1,000,001")),
        arguments(List.of("--set", "data.size=20000000"),
            List.of("data.size", "<= 10,000,000", "got 20,000,000")),
        arguments(
            List.of("--set", "loop.steps=10.7"), List.of("loop.steps", "whole number", "10.7")),
        arguments(List.of("--set", "preset=grid25"), List.of("preset", "--preset")),
        // Each width is allowed, but together they need terabytes: the memory estimate refuses.
        arguments(
            List.of("--set", "model.generator.hidden=65536,65536,65536,65536,65536",
                "--set", "model.discriminator.hidden=65536,65536,65536,65536,65536"),
            List.of("needs at least", "model.generator.hidden")),
        arguments(List.of("--set", "model.discriminator.arch=vgg"),
            List.of("unknown architecture 'vgg'", "dcgan")),
        arguments(List.of("--set", "model.generator.arch=dcgan"),
            List.of("generator architecture dcgan needs image data", "2")),
        arguments(List.of("--data", "folder:/nonexistent-gan4j-images"),
            List.of("nonexistent-gan4j-images")),
        arguments(List.of("--data", "folder:/tmp", "--image-size", "2"),
            List.of("data.imageSize", "got 2")),
        arguments(List.of("--data", "folder:/tmp", "--channels", "2"),
            List.of("data.channels", "got 2")),
        arguments(
            List.of("--eval-every", "10", "--eval-metrics", "fid"), List.of("'fid'", "fd-lenet")),
        arguments(
            List.of("--eval-every", "10", "--eval-metrics", "fd-lenet"),
            List.of("fd-lenet", "does not apply to ring8 (2-D points)")));
  }

  @ParameterizedTest(name = "train {0}")
  @MethodSource("badTrainArguments")
  void badTrainArgumentIsOneLineAndCreatesNothing(List<String> args, List<String> mentions) {
    List<String> all = new ArrayList<>(List.of("train"));
    if (!args.contains("--preset")) {
      all.addAll(List.of("--preset", "ring8"));
    }
    all.addAll(args);
    all.addAll(
        List.of(
            "--quiet", "--no-fetch", "--data-dir", emptyDataDir().toString(),
            "--out", newRun.toString()));
    Result r = run(all.toArray(String[]::new));
    assertBadInput(r, mentions.toArray(String[]::new));
    assertFalse(Files.exists(newRun), "a rejected train must not create its --out folder");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Result r = run("train", "--preset", "bogus", "--verbose", "--out", newRun.toString());
    assertEquals(Gan4jCli.BAD_INPUT, r.exit(), r::toString);
    assertTrue(r.errLines().get(0).startsWith("gan4j: "), r::toString);
    assertTrue(r.errLines().get(0).contains("'bogus'"), r::toString);
    assertTrue(r.err().contains("\tat "), () -> "--verbose should print the stack trace\n" + r);
    assertFalse(Files.exists(newRun));
  }

  @Test
  void executeReturnsTheBadInputCode() {
    assertEquals(
        Gan4jCli.BAD_INPUT,
        Gan4jCli.execute("train", "--preset", "bogus", "--quiet", "--out", newRun.toString()));
    assertFalse(Files.exists(newRun));
  }

  // ---------- train: config files ----------

  private Result trainWithConfig(Path config) {
    return run(
        "train", "--config", config.toString(), "--preset", "ring8", "--quiet", "--no-fetch",
        "--data-dir", emptyDataDir().toString(), "--out", newRun.toString());
  }

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void missingConfigFile() {
    Result r = trainWithConfig(tmp.resolve("nope.json"));
    assertBadInput(r, "nope.json", "no such");
    assertFalse(Files.exists(newRun));
  }

  static Stream<Arguments> corruptConfigFiles() {
    return Stream.of(
        arguments("bad.json", "{\"loop\": {\"steps\": 5,}", List.of("bad.json", "JSON")),
        arguments("bad.yaml", "loop: {steps: 5\n", List.of("bad.yaml", "YAML")),
        arguments("list.json", "[1, 2]", List.of("list.json", "object")),
        arguments(
            "unknown.json", "{\"loop\": {\"stepz\": 5}}", List.of("unknown.json", "loop.stepz")),
        arguments(
            "unknown.yml", "model:\n  generatr:\n    hidden: [8]\n",
            List.of("unknown.yml", "model.generatr")),
        arguments("top.json", "{\"bogus\": 1}", List.of("top.json", "'bogus'")),
        arguments(
            "type.json", "{\"loop\": {\"steps\": \"many\"}}",
            List.of("type.json", "loop.steps", "many")),
        arguments(
            "type.yaml", "loop:\n  batchSize: [1, 2]\n", List.of("type.yaml", "loop.batchSize")),
        arguments(
            "section.json", "{\"loop\": 5}", List.of("section.json", "loop")),
        arguments(
            "range.yaml", "model:\n  generator:\n    hidden: [16, 0]\n",
            List.of("range.yaml", "hidden", "got 0")),
        arguments("preset.json", "{\"preset\": \"nope\"}", List.of("'nope'")),
        arguments("frac.json", "{\"loop\": {\"steps\": 10.7}}",
            List.of("frac.json", "loop.steps must be a whole number, got 10.7")),
        arguments("frac.yaml", "loop:\n  batchSize: 64.5\n",
            List.of("frac.yaml", "loop.batchSize must be a whole number, got 64.5")),
        arguments("dup.json", "{\"loop\": {\"steps\": 5, \"steps\": 6}}",
            List.of("dup.json", "JSON", "Duplicate field 'steps'")),
        arguments("dup.yaml", "loop:\n  steps: 5\n  steps: 6\n",
            List.of("dup.yaml", "YAML", "Duplicate field 'steps'")),
        arguments("big.yaml", "model:\n  latentDim: 100000\n",
            List.of("big.yaml", "model.latentDim", "<= 65,536")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptConfigFiles")
  void corruptConfigFile(String name, String content, List<String> mentions) throws IOException {
    Path config = write(name, content);
    // preset.json must pick its preset from the file, so --preset is left out there
    Result r =
        name.startsWith("preset")
            ? run(
                "train", "--config", config.toString(), "--quiet", "--no-fetch",
                "--data-dir", emptyDataDir().toString(), "--out", newRun.toString())
            : trainWithConfig(config);
    assertBadInput(r, mentions.toArray(String[]::new));
    assertFalse(Files.exists(newRun));
    assertEquals(content, Files.readString(config), "the config file must not be rewritten");
  }

  // ---------- train: --out ----------

  @Test
  void outOnAnExistingRunLeavesItUntouched() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    Result r = run(CliHarness.ring8Args(existing));
    assertBadInput(r, existing.toString(), "not empty");
    assertEquals(before, snapshot(existing));
  }

  @Test
  void outOnANonEmptyFolderLeavesItUntouched() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(folder.resolve("notes.txt"), "keep me");
    Map<String, String> before = snapshot(folder);
    Result r = run(CliHarness.ring8Args(folder));
    assertBadInput(r, folder.toString(), "not empty");
    assertEquals(before, snapshot(folder));
  }

  @Test
  void outOnAFileLeavesItUntouched() throws IOException {
    Path file = write("a-file", "data");
    Map<String, String> before = snapshot(tmp);
    Result r = run(CliHarness.ring8Args(file));
    assertBadInput(r, file.toString(), "not a folder");
    assertEquals(before, snapshot(tmp));
  }

  // ---------- train --resume ----------

  private Result resume(Path dir, String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "train", "--resume", dir.toString(), "--quiet", "--no-fetch",
                "--data-dir", emptyDataDir().toString()));
    all.addAll(Arrays.asList(more));
    return run(all.toArray(String[]::new));
  }

  @Test
  void resumeOnAnEmptyFolder() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Map<String, String> before = snapshot(empty);
    assertBadInput(resume(empty, "--steps", "60"), empty.toString(), "config.json");
    assertEquals(before, snapshot(empty));
  }

  // A folder with config.json and no checkpoint is a run killed before its first: resume starts it
  // over (CliReliabilityTest). A damaged checkpoint falls back to an older intact one; these cases
  // damage every checkpoint (steps 20 and 40), so none is left to fall back to.

  private static void damageEvery(Path run, java.util.function.UnaryOperator<byte[]> damage)
      throws IOException {
    for (long step : new long[] {20, 40}) {
      Path ckpt = checkpoint(run, step);
      Files.write(ckpt, damage.apply(Files.readAllBytes(ckpt)));
    }
  }

  @Test
  void resumeOnAMissingFolder() {
    Path missing = tmp.resolve("no-such-run");
    assertBadInput(resume(missing), missing.toString(), "no such run folder");
    assertFalse(Files.exists(missing));
  }

  @Test
  void resumeCannotChangeTheLengthOfADecaySchedule() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("decay"));
    Path config = dir.resolve("config.json");
    String json = Files.readString(config);
    String decayed = json.replaceFirst("\"lrDecayTo\"\\s*:\\s*1(\\.0)?", "\"lrDecayTo\": 0.5");
    assertNotEquals(json, decayed, "config.json layout changed; adjust this test");
    Files.writeString(config, decayed);
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir, "--steps", "60"), "lrDecayTo", "new run");
    assertEquals(before, snapshot(dir));
  }

  @Test
  void resumeWithATruncatedCheckpoint() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("truncated"));
    damageEvery(dir, bytes -> Arrays.copyOf(bytes, bytes.length / 2));
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir, "--steps", "60"), "no intact checkpoint", "step-00000040.ckpt",
        "step-00000020.ckpt", "truncated");
    assertEquals(before, snapshot(dir));
  }

  @Test
  void resumeWithACheckpointWhoseValuesAreCorrupt() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("bitflip"));
    damageEvery(dir, bytes -> {
      bytes[bytes.length - 20] ^= 0x5A; // a tensor value, just before the checksum
      return bytes;
    });
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir, "--steps", "60"), "step-00000040.ckpt", "corrupt");
    assertEquals(before, snapshot(dir));
  }

  @Test
  void resumeWithACheckpointWhoseHeaderIsCorrupt() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("bad-header"));
    damageEvery(dir, bytes -> {
      // Header JSON starts at byte 12 with {"counters": ...; a damaged key still parses as JSON.
      String head = new String(bytes, 12, 12, StandardCharsets.US_ASCII);
      assertEquals("{\"counters\":", head, "checkpoint layout changed; adjust this test");
      bytes[14] = 'x';
      return bytes;
    });
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir, "--steps", "60"), "step-00000040.ckpt", "step-00000020.ckpt");
    assertEquals(before, snapshot(dir));
  }

  @Test
  void resumeWithACorruptConfigJson() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("bad-config"));
    Files.writeString(dir.resolve("config.json"), "{\"preset\": \"ring8\", ");
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir, "--steps", "60"), "config.json", "JSON");
    assertEquals(before, snapshot(dir));
  }

  @Test
  void resumeWithAConfigThatDoesNotFitTheCheckpoint() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("other-net"));
    Path config = dir.resolve("config.json");
    String edited =
        Files.readString(config).replaceFirst("\"hidden\" : \\[[^\\]]*\\]", "\"hidden\" : [ 16 ]");
    assertTrue(edited.contains("[ 16 ]"), "config.json layout changed; adjust this test");
    Files.writeString(config, edited);
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir, "--steps", "60"), "checkpoint", "does not match");
    assertEquals(before, snapshot(dir));
  }

  @Test
  void resumeWithACorruptProvenanceLeavesTheRunUntouched() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("bad-provenance"));
    Files.writeString(dir.resolve("provenance.json"), "{oops");
    Map<String, String> before = snapshot(dir);
    assertBadInput(resume(dir, "--steps", "60"), "provenance.json");
    assertEquals(before, snapshot(dir), "a refused resume must not rewrite config.json");
  }

  @Test
  void resumeWithAPreset() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    assertBadInput(resume(existing, "--preset", "ring8", "--steps", "60"), "--resume");
    assertEquals(before, snapshot(existing));
  }

  @Test
  void resumeWithAConfigChangingFlag() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    assertBadInput(resume(existing, "--seed", "5", "--steps", "60"), "--resume");
    assertBadInput(resume(existing, "--out", tmp.resolve("x").toString()), "--resume");
    assertEquals(before, snapshot(existing));
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void resumeWithZeroSteps() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    assertBadInput(resume(existing, "--steps", "0"), "loop.steps", "got 0");
    assertEquals(before, snapshot(existing));
  }

  @Test
  void resumeAnImageRunWhoseDataIsMissing() {
    Path existing = CliHarness.mnistRun();
    Map<String, String> before = snapshot(existing);
    assertBadInput(resume(existing, "--steps", "5"), "mnist", emptyDataDir().toString());
    assertEquals(before, snapshot(existing));
  }

  // ---------- train: image data ----------

  @Test
  void missingImageDatasetWithNoFetch() throws IOException {
    Path dataDir = Files.createDirectories(tmp.resolve("data"));
    Result r =
        run(
            "train", "--preset", "mnist-mlp", "--steps", "3", "--quiet", "--no-fetch",
            "--data-dir", dataDir.toString(), "--out", newRun.toString());
    assertBadInput(r, "mnist", dataDir.toString(), "gan4j data fetch");
    assertFalse(Files.exists(newRun));
    try (Stream<Path> s = Files.list(dataDir)) {
      assertEquals(0, s.count(), "nothing may be fetched with --no-fetch");
    }
  }

  @Test
  void corruptImageDatasetNamesTheFile() throws IOException {
    Path dataDir = Files.createDirectories(tmp.resolve("data").resolve("mnist"));
    Path images = dataDir.resolve("all-images-idx3-ubyte.gz");
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(images))) {
      out.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 9}); // an IDX header cut short
    }
    Files.write(dataDir.resolve("all-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
    Result r =
        run(
            "train", "--preset", "mnist-mlp", "--steps", "3", "--quiet", "--no-fetch",
            "--data-dir", dataDir.getParent().toString(), "--out", newRun.toString());
    assertBadInput(r, "all-images-idx3-ubyte.gz");
    assertFalse(Files.exists(newRun));
  }

  // ---------- sample ----------

  @Test
  void sampleFromAMissingRun() {
    Path missing = tmp.resolve("no-run");
    Path out = tmp.resolve("x.csv");
    Result r = run("sample", "--run", missing.toString(), "--n", "5", "--out", out.toString());
    assertBadInput(r, missing.toString(), "no such run folder");
    assertFalse(Files.exists(out));
  }

  @Test
  void sampleFromAFolderThatIsNotARun() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("not-a-run"));
    Path out = tmp.resolve("x.csv");
    Result r = run("sample", "--run", dir.toString(), "--n", "5", "--out", out.toString());
    assertBadInput(r, dir.toString(), "config.json");
    assertFalse(Files.exists(out));
  }

  @Test
  void sampleZeroOrNegativeCount() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    for (String n : List.of("0", "-3")) {
      Path out = tmp.resolve("x" + n + ".csv");
      Result r = run("sample", "--run", existing.toString(), "--n", n, "--out", out.toString());
      assertBadInput(r, "--n", n);
      assertFalse(Files.exists(out));
    }
    assertEquals(before, snapshot(existing));
  }

  @Test
  void sampleToAnUnsupportedExtension() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    Path out = tmp.resolve("x.txt");
    Result r = run("sample", "--run", existing.toString(), "--n", "5", "--out", out.toString());
    assertBadInput(r, "x.txt", ".png");
    assertFalse(Files.exists(out));
    assertEquals(before, snapshot(existing));
  }

  @Test
  void sampleIdxFromATwoDimensionalRun() {
    Path existing = CliHarness.ring8Run();
    Map<String, String> before = snapshot(existing);
    for (String name : List.of("x.idx", "x.idx.gz")) {
      Path out = tmp.resolve(name);
      Result r = run("sample", "--run", existing.toString(), "--n", "5", "--out", out.toString());
      assertBadInput(r, name, "IDX");
      assertFalse(Files.exists(out));
    }
    assertEquals(before, snapshot(existing));
  }

  @Test
  void sampleFromATruncatedCheckpoint() throws IOException {
    Path dir = copyTree(CliHarness.ring8Run(), tmp.resolve("truncated"));
    damageEvery(dir, bytes -> Arrays.copyOf(bytes, bytes.length - 9));
    Map<String, String> before = snapshot(dir);
    Path out = tmp.resolve("x.csv");
    Result r = run("sample", "--run", dir.toString(), "--n", "5", "--out", out.toString());
    assertBadInput(r, "step-00000040.ckpt", "truncated");
    assertFalse(Files.exists(out));
    assertEquals(before, snapshot(dir));
  }

  @Test
  void sampleWithoutRequiredOptions() {
    Result r = run("sample", "--run", tmp.toString(), "--n", "5");
    assertBadInput(r, "--out");
    r = run("sample", "--run", tmp.toString(), "--n", "five", "--out", "x.csv");
    assertBadInput(r, "--n", "five");
  }

  // ---------- data fetch ----------

  @Test
  void fetchAnUnknownDataset() throws IOException {
    Path dataDir = Files.createDirectories(tmp.resolve("data"));
    Result r = run("data", "fetch", "bogus", "--quiet", "--data-dir", dataDir.toString());
    assertBadInput(r, "'bogus'", "mnist");
    try (Stream<Path> s = Files.list(dataDir)) {
      assertEquals(0, s.count(), "an unknown dataset must not touch the data dir");
    }
  }

  @Test
  void fetchWithoutAName() {
    assertBadInput(run("data", "fetch"), "NAME");
  }

  @Test
  void parseErrorHintNamesTheWholeCommand() {
    Result r = run("train", "--bogus-flag");
    assertBadInput(r, "--bogus-flag");
    assertTrue(r.err().contains("(see: gan4j train --help)"), r::toString);
    Result fetch = run("data", "fetch");
    assertBadInput(fetch, "NAME");
    assertTrue(
        fetch.err().contains("(see: gan4j data fetch --help)"),
        () -> "the hint must name a command that exists\n" + fetch);
  }
}
