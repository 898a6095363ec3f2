package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.copyTree;
import static dev.gan4j.cli.CliHarness.emptyDataDir;
import static dev.gan4j.cli.CliHarness.mnistDataDir;
import static dev.gan4j.cli.CliHarness.mnistRun;
import static dev.gan4j.cli.CliHarness.ring8Run;
import static dev.gan4j.cli.CliHarness.run;
import static dev.gan4j.cli.CliHarness.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j eval}: reports on a run or on a samples file, and its bad-input paths. */
class CliEvalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void evaluatesARunAsTextAndWritesEvalJson() throws IOException {
    Path runDir = copyTree(ring8Run(), tmp.resolve("run"));
    Result r = run("eval", "--run", runDir.toString(), "--n", "500", "--quiet");
    assertOk(r);
    assertTrue(r.out().startsWith("ring8: 500 samples from " + runDir + " at step 40"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("mixture")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("prdc")), r.out());
    JsonNode saved = JSON.readTree(runDir.resolve("eval.json").toFile());
    assertEquals(500, saved.get("samples").asInt());
    assertEquals(2, saved.get("metrics").size());
  }

  @Test
  void jsonFormatIsTheSameReportOnStdoutWithPacGansSampleCount() throws IOException {
    Path runDir = copyTree(ring8Run(), tmp.resolve("run"));
    Result r =
        run("eval", "--run", runDir.toString(), "--metrics", "mixture", "--format", "json",
            "--quiet");
    assertOk(r);
    JsonNode json = JSON.readTree(r.out());
    assertEquals(2500, json.get("samples").asInt(), "a 2-D mixture defaults to PacGAN's 2,500");
    assertEquals("mixture", json.get("metrics").get(0).get("metric").asText());
    assertEquals(8, json.get("metrics").get(0).get("reference").get("modes").asInt());
  }

  @Test
  void judgesASamplesFileFromAnyTool() throws IOException {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 80; i++) {
      double a = 2 * Math.PI * (i % 8) / 8;
      csv.append(Math.cos(a)).append(',').append(Math.sin(a)).append('\n');
    }
    Path file = Files.writeString(tmp.resolve("s.csv"), csv);
    Result r =
        run("eval", "--samples", file.toString(), "--dataset", "ring8", "--metrics", "mixture",
            "--format", "json", "--quiet");
    assertOk(r);
    JsonNode m = JSON.readTree(r.out()).get("metrics").get(0);
    assertEquals(8, m.get("values").get("modes").asInt());
    assertEquals(1.0, m.get("values").get("high_quality").asDouble());

    // The same points as a NumPy array (float32, shape (80, 2)).
    float[] points = new float[160];
    for (int i = 0; i < 80; i++) {
      double a = 2 * Math.PI * (i % 8) / 8;
      points[2 * i] = (float) Math.cos(a);
      points[2 * i + 1] = (float) Math.sin(a);
    }
    Path npy = tmp.resolve("s.npy");
    dev.gan4j.io.NpyFile.write(npy, points, new long[] {80, 2});
    Result fromNpy =
        run("eval", "--samples", npy.toString(), "--dataset", "ring8", "--metrics", "mixture",
            "--format", "json", "--quiet");
    assertOk(fromNpy);
    assertEquals(8, JSON.readTree(fromNpy.out()).get("metrics").get(0).get("values").get("modes")
        .asInt());
  }

  @Test
  void rejectionSamplingFromTheRunsConfigOrTheFlag() throws IOException {
    Path runDir = tmp.resolve("drs-run");
    String[] train = CliHarness.ring8Args(runDir);
    String[] args = java.util.Arrays.copyOf(train, train.length + 4);
    args[train.length] = "--set";
    args[train.length + 1] = "sampling.rejection=drs";
    args[train.length + 2] = "--set";
    args[train.length + 3] = "sampling.criticSteps=30";
    assertOk(run(args));
    Result drs = run("eval", "--run", runDir.toString(), "--metrics", "mixture", "--n", "300",
        "--format", "json", "--quiet");
    assertOk(drs);
    JsonNode report = JSON.readTree(drs.out());
    assertTrue(report.get("source").asText().endsWith("discriminator rejection sampling"),
        report.get("source").asText());
    assertEquals(300, report.get("samples").asInt());
    Result plain = run("eval", "--run", runDir.toString(), "--metrics", "mixture", "--n", "300",
        "--format", "json", "--rejection", "none", "--quiet");
    assertOk(plain);
    assertFalse(JSON.readTree(plain.out()).get("source").asText().contains("rejection"));
    assertFalse(report.get("metrics").equals(JSON.readTree(plain.out()).get("metrics")),
        "rejection changes which samples are measured");
    Path csv = tmp.resolve("kept.csv");
    assertOk(run("sample", "--run", runDir.toString(), "--n", "40", "--out", csv.toString(),
        "--quiet"));
    assertEquals(41, Files.readAllLines(csv).size(), "a header and 40 kept samples");
  }

  @Test
  void badInputIsOneLineAndLeavesTheRunAlone() throws IOException {
    Path runDir = copyTree(ring8Run(), tmp.resolve("run"));
    Map<String, String> before = snapshot(runDir);
    String r8 = runDir.toString();
    assertBadInput(run("eval"), "exactly one of --run");
    assertBadInput(run("eval", "--run", r8, "--samples", "x.csv"), "exactly one of --run");
    assertBadInput(run("eval", "--run", r8, "--metrics", "fid"), "'fid'", "fd-lenet");
    assertBadInput(run("eval", "--run", r8, "--metrics", "parzen"), "does not apply", "2-D");
    assertBadInput(run("eval", "--run", r8, "--n", "1"), "--n", "1");
    assertBadInput(run("eval", "--run", r8, "--format", "xml"), "--format", "xml");
    assertBadInput(run("eval", "--run", r8, "--dataset", "mnist"), "--dataset goes with --samples");
    assertBadInput(run("eval", "--run", r8, "--rejection", "mh"), "--rejection", "'mh'", "drs");
    assertBadInput(run("eval", "--samples", "s.csv", "--dataset", "ring8", "--rejection", "drs"),
        "--rejection goes with --run");
    assertBadInput(run("sample", "--run", r8, "--n", "5", "--out", tmp.resolve("s.csv").toString(),
        "--rejection", "mh"), "--rejection", "'mh'");
    assertBadInput(run("eval", "--run", tmp.resolve("nope").toString()), "no such run folder");
    assertBadInput(run("eval", "--samples", "s.csv"), "--samples needs --dataset");
    assertBadInput(
        run("eval", "--samples", tmp.resolve("none.csv").toString(), "--dataset", "ring8"),
        "no such file");
    Path notNpy = Files.writeString(tmp.resolve("bad.npy"), "1,2\n");
    assertBadInput(
        run("eval", "--samples", notNpy.toString(), "--dataset", "ring8"), "not a .npy file");
    Path bad = Files.writeString(tmp.resolve("bad.csv"), "1,2\n3,x\n");
    assertBadInput(
        run("eval", "--samples", bad.toString(), "--dataset", "ring8"), "line 2", "'x'");
    assertBadInput(
        run("eval", "--samples", bad.toString(), "--dataset", "cifar"), "unknown dataset 'cifar'");
    Path pixels = Files.writeString(tmp.resolve("px.csv"), "1,2\n");
    assertBadInput(run("eval", "--samples", pixels.toString(), "--dataset", "edges2digits"),
        "image-to-image task", "eval --run", "--dataset mnist");
    assertBadInput(
        run("eval", "--samples", pixels.toString(), "--dataset", "mnist", "--data-dir",
            emptyDataDir().toString()),
        "2 values each", "784");
    assertBadInput(run("study", "bogus"), "unknown study 'bogus'", "baseline");
    assertBadInput(run("study", "baseline", "--seeds", "-1"), "seeds");
    assertBadInput(run("study", "best", "--resume"), "--resume needs the --runs-dir");
    assertBadInput(run("study", "best", "--runs-dir", runDir.toString()), "already exists",
        "--resume");
    assertEquals(before, snapshot(runDir), "failed evaluations must not touch the run");
    assertFalse(Files.exists(runDir.resolve("eval.json")));
  }

  @Test
  void aConditionalRunIsMeasuredPerClassWhileTrainingAndByEval() throws IOException {
    Path runDir = tmp.resolve("cgan");
    String data = mnistDataDir().toString();
    Result train =
        run("train", "--preset", "mnist-mlp", "--steps", "4", "--batch-size", "16",
            "--set", "model.family=cgan", "--set", "model.generator.hidden=32",
            "--set", "model.discriminator.hidden=32", "--eval-every", "2",
            "--eval-metrics", "conditional", "--eval-n", "40", "--data-dir", data, "--no-fetch",
            "--quiet", "--out", runDir.toString());
    assertOk(train);
    java.util.List<String> csv = Files.readAllLines(runDir.resolve("metrics.csv"));
    java.util.List<String> header = java.util.List.of(csv.get(0).split(","));
    assertTrue(header.contains("conditional.accuracy") && header.contains("conditional.fd_9"),
        csv.get(0));
    String[] last = csv.get(csv.size() - 1).split(",", -1);
    assertFalse(last[header.indexOf("conditional.accuracy")].isEmpty(), "evaluated at the end");

    Result r = run("eval", "--run", runDir.toString(), "--metrics", "conditional", "--n", "100",
        "--data-dir", data, "--quiet");
    assertOk(r);
    java.util.List<String> lines = r.out().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches("conditional\\s+accuracy\\s+.*")), r.out());
    for (int c = 0; c < 10; c++) {
      String accuracy = "accuracy_" + c;
      String fd = "fd_" + c;
      assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith(accuracy + " ")), r.out());
      assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith(fd + " ")), r.out());
    }
    JsonNode saved = JSON.readTree(runDir.resolve("eval.json").toFile()).get("metrics").get(0);
    double accuracy = saved.get("values").get("accuracy").asDouble();
    assertTrue(accuracy >= 0 && accuracy <= 1, saved.toString());
    assertEquals(saved.get("values").size(), saved.get("reference").size(), saved.toString());

    Result all = run("eval", "--run", runDir.toString(), "--n", "60", "--format", "json",
        "--data-dir", data, "--quiet");
    assertOk(all);
    JsonNode metrics = JSON.readTree(all.out()).get("metrics");
    assertEquals("conditional", metrics.get(metrics.size() - 1).get("metric").asText(),
        "all includes it for a conditional run");
  }

  @Test
  void theConditionalMetricIsRefusedWhereThereAreNoClassesToAskFor() throws IOException {
    Path unconditional = copyTree(mnistRun(), tmp.resolve("run"));
    Map<String, String> before = snapshot(unconditional);
    assertBadInput(run("eval", "--run", unconditional.toString(), "--metrics", "conditional",
        "--data-dir", mnistDataDir().toString()), "'conditional'", "needs a conditional run");
    assertBadInput(run("eval", "--run", copyTree(ring8Run(), tmp.resolve("r8")).toString(),
        "--metrics", "conditional"), "'conditional'", "does not apply to ring8");
    assertBadInput(run("eval", "--samples", "s.npy", "--dataset", "mnist", "--metrics",
        "conditional", "--data-dir", mnistDataDir().toString()), "needs a conditional run");
    assertEquals(before, snapshot(unconditional), "failed evaluations must not touch the run");
  }
}
