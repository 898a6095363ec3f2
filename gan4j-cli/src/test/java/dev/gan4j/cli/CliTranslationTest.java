package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.copyTree;
import static dev.gan4j.cli.CliHarness.mnistDataDir;
import static dev.gan4j.cli.CliHarness.mnistRun;
import static dev.gan4j.cli.CliHarness.run;
import static dev.gan4j.cli.CliHarness.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image-to-image run on the command line: {@code eval} measures it with the translation metric
 * only, {@code sample} draws input | output | target columns, and unsuited settings are refused.
 */
class CliTranslationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;

  private static Path p2p;

  @TempDir Path tmp;

  // A 4-step pix2pix run with tiny networks on the fake 200-image MNIST (edges2digits).
  @BeforeAll
  static void train() {
    p2p = shared.resolve("p2p");
    assertOk(run("train", "--preset", "edges2digits-pix2pix", "--steps", "4", "--batch-size", "8",
        "--set", "model.generator.hidden=8,16", "--set", "model.discriminator.hidden=8,16",
        "--threads", "1", "--data-dir", mnistDataDir().toString(), "--no-fetch", "--quiet",
        "--out", p2p.toString()));
  }

  @Test
  void evalMeasuresATranslationRunWithTheTranslationMetricBesideTheInput() throws IOException {
    Path runDir = copyTree(p2p, tmp.resolve("run"));
    Result r = run("eval", "--run", runDir.toString(), "--format", "json", "--threads", "1",
        "--data-dir", mnistDataDir().toString(), "--quiet");
    assertOk(r);
    JsonNode json = JSON.readTree(r.out());
    assertEquals("edges2digits", json.get("dataset").asText());
    // The fake MNIST's test split: the last tenth of its 200 images.
    assertEquals(20, json.get("samples").asInt());
    assertEquals(1, json.get("metrics").size(), "all = the metrics of translation runs");
    JsonNode m = json.get("metrics").get(0);
    assertEquals("translation", m.get("metric").asText());
    for (String k : List.of("l1", "psnr_db", "ssim", "class_preserved", "fd_lenet", "thickness")) {
      assertTrue(m.get("values").has(k) && m.get("reference").has(k), k + " in " + m);
    }
    assertTrue(m.get("values").get("ssim").asDouble() <= 1.0);
    assertTrue(m.get("referenceSet").asText().startsWith("input itself"), m.toString());
    assertEquals(json.get("metrics"),
        JSON.readTree(runDir.resolve("eval.json").toFile()).get("metrics"));
  }

  @Test
  void otherMetricsOfATranslationRunAndTranslationOfOtherRunsAreRefused() {
    java.util.Map<String, String> before = snapshot(p2p);
    assertBadInput(run("eval", "--run", p2p.toString(), "--metrics", "translation,fd-lenet",
        "--data-dir", mnistDataDir().toString()), "'fd-lenet' measures samples drawn from noise",
        "[translation]");
    assertBadInput(run("eval", "--run", p2p.toString(), "--rejection", "drs",
        "--data-dir", mnistDataDir().toString()), "takes no rejection");
    assertEquals(before, snapshot(p2p), "a refused command leaves the run as it was");
    assertBadInput(run("eval", "--run", mnistRun().toString(), "--metrics", "translation",
        "--data-dir", mnistDataDir().toString()), "metric 'translation'", "pix2pix or cyclegan");
    assertBadInput(run("train", "--preset", "edges2digits-pix2pix", "--eval-every", "2",
        "--data-dir", mnistDataDir().toString(), "--no-fetch", "--out",
        tmp.resolve("x").toString()), "--eval-every", "gan4j eval");
    assertTrue(!Files.exists(tmp.resolve("x")), "nothing is written for a refused run");
  }
}
