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
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.TranslationTasks;
import dev.gan4j.io.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
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

  @Test
  void sampleDrawsInputOutputTargetRowsOfTestInputs() throws IOException {
    Path png = tmp.resolve("rows.png");
    Result r = run("sample", "--run", p2p.toString(), "--n", "3", "--out", png.toString(),
        "--threads", "1", "--data-dir", mnistDataDir().toString(), "--quiet");
    assertOk(r);
    assertTrue(r.out().startsWith("wrote 3 rows of translations from step 4"), r.out());
    // Columns 0 and 2 are the test split's first edge maps and their digits, as ImageGrid draws them.
    TranslationTasks.Pairs test = TranslationTasks.load("edges2digits", mnistDataDir(),
        ImageDatasets.Split.TEST);
    float[] grid = new float[3 * 3 * 784];
    for (int row = 0; row < 3; row++) {
      System.arraycopy(test.a().pixels(), row * 784, grid, (3 * row) * 784, 784);
      System.arraycopy(test.b().pixels(), row * 784, grid, (3 * row + 2) * 784, 784);
    }
    BufferedImage expected = ImageGrid.render(grid, 9, 28, 28, 3, 2);
    BufferedImage written = ImageIO.read(png.toFile());
    assertEquals(expected.getWidth(), written.getWidth());
    assertEquals(expected.getHeight(), written.getHeight());
    int cell = 56 + (expected.getWidth() - 3 * 56) / 4;
    int differing = 0;
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        boolean middle = x >= cell && x < 2 * cell;
        if (!middle && expected.getRaster().getSample(x, y, 0)
            != written.getRaster().getSample(x, y, 0)) {
          differing++;
        }
      }
    }
    assertEquals(0, differing, "input and target columns");
    assertBadInput(run("sample", "--run", p2p.toString(), "--n", "3", "--out",
        tmp.resolve("rows.npy").toString(), "--data-dir", mnistDataDir().toString()), ".png",
        "gan4j translate");
    assertBadInput(run("sample", "--run", p2p.toString(), "--n", "3", "--class", "2", "--out",
        tmp.resolve("c.png").toString(), "--data-dir", mnistDataDir().toString()), "--class");
  }

  // A folder of side-by-side grey images, 2w x w: left half dark, right half light.
  private static Path sideBySide(Path dir, int count, int side) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < count; i++) {
      BufferedImage image = new BufferedImage(2 * side, side, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < 2 * side; x++) {
          image.getRaster().setSample(x, y, 0, x < side ? 5 * i : 250 - 5 * i);
        }
      }
      ImageIO.write(image, "png", dir.resolve("p" + i + ".png").toFile());
    }
    return dir;
  }

  @Test
  void trainsOnPairsFromAFolderAndRefusesSizesTheUNetCannotTake() throws IOException {
    Path pairs = sideBySide(tmp.resolve("pairs"), 6, 16);
    Path out = tmp.resolve("folder-run");
    assertOk(run("train", "--preset", "edges2digits-pix2pix", "--data", "pairs:" + pairs,
        "--image-size", "16", "--channels", "1", "--steps", "2", "--batch-size", "4",
        "--set", "model.generator.hidden=8,16", "--set", "model.discriminator.hidden=8,16",
        "--threads", "1", "--data-dir", tmp.resolve("data").toString(), "--quiet",
        "--out", out.toString()));
    Result r = run("sample", "--run", out.toString(), "--n", "2", "--out",
        tmp.resolve("f.png").toString(), "--data-dir", tmp.resolve("data").toString(), "--quiet");
    assertOk(r);
    assertTrue(r.out().startsWith("wrote 2 rows"), r.out());
    // 18 is not a multiple of 4, which a U-Net of two levels needs: one line naming the field.
    assertBadInput(run("train", "--preset", "edges2digits-pix2pix", "--data", "pairs:" + pairs,
        "--image-size", "18", "--channels", "1", "--data-dir", tmp.resolve("data").toString(),
        "--out", tmp.resolve("bad").toString()), "multiples of 4", "model.generator.hidden");
    assertTrue(!Files.exists(tmp.resolve("bad")), "no run folder for a refused config");
    assertBadInput(run("train", "--preset", "edges2digits-pix2pix", "--data",
        "pairs:" + pairs + "," + tmp.resolve("none"), "--image-size", "16", "--channels", "1",
        "--data-dir", tmp.resolve("data").toString(), "--out", tmp.resolve("bad").toString()),
        "image folder not found");
    // Two unpaired domains (trainA/, trainB/) give pix2pix no targets: one line, no run folder.
    Path unpaired = tmp.resolve("unpaired");
    sideBySide(unpaired.resolve("trainA"), 3, 16);
    sideBySide(unpaired.resolve("trainB"), 3, 16);
    assertBadInput(run("train", "--preset", "edges2digits-pix2pix", "--data",
        "unpaired:" + unpaired, "--image-size", "16", "--channels", "1",
        "--set", "model.generator.hidden=8,16", "--set", "model.discriminator.hidden=8,16",
        "--data-dir", tmp.resolve("data").toString(), "--out", tmp.resolve("bad").toString()),
        "pix2pix learns from (input, target) pairs", "cyclegan");
    assertTrue(!Files.exists(tmp.resolve("bad")), "no run folder for unpaired data");
  }
}
