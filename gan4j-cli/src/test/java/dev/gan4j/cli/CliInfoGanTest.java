package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.cli.CliHarness.Result;
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

/** {@code gan4j sample --code} on a tiny InfoGAN run, and its one-line refusals. */
class CliInfoGanTest {
  @TempDir static Path shared;

  @TempDir Path tmp;

  private static Path infoRun;

  @BeforeAll
  static void trainATinyInfoGanRun() {
    infoRun = shared.resolve("info");
    assertOk(run("train", "--preset", "ring8", "--set", "model.family=infogan",
        "--set", "model.codes.categorical=8", "--set", "model.codes.continuous=1",
        "--steps", "20", "--log-every", "10", "--sample-every", "20", "--checkpoint-every", "20",
        "--quiet", "--no-fetch", "--data-dir", CliHarness.emptyDataDir().toString(),
        "--out", infoRun.toString()));
  }

  @Test
  void sampleWithCodesWritesTheFileAndTheCodesChangeTheSamples() throws IOException {
    String header = Files.readAllLines(infoRun.resolve("metrics.csv")).get(0);
    assertTrue(header.endsWith(",loss.mi_bound"), header);
    Path a = tmp.resolve("a.csv");
    Result r = run("sample", "--run", infoRun.toString(), "--n", "20", "--code", "cat0=3,cont0=0.5",
        "--out", a.toString());
    assertOk(r);
    assertTrue(r.out().contains("wrote 20 samples"), r::toString);
    List<String> rows = Files.readAllLines(a);
    assertEquals(21, rows.size(), "a header and 20 samples");
    Path again = tmp.resolve("again.csv");
    assertOk(run("sample", "--run", infoRun.toString(), "--n", "20", "--code", "cont0=0.5,cat0=3",
        "--out", again.toString()));
    assertEquals(rows, Files.readAllLines(again), "the same seed and codes, the same samples");
    Path other = tmp.resolve("other.csv");
    assertOk(run("sample", "--run", infoRun.toString(), "--n", "20", "--code", "cat0=5,cont0=0.5",
        "--out", other.toString()));
    assertNotEquals(rows, Files.readAllLines(other), "another category, other samples");
    Path outside = tmp.resolve("outside.npy");
    assertOk(run("sample", "--run", infoRun.toString(), "--n", "4", "--code", "cont0=-2.5",
        "--out", outside.toString()));
    assertTrue(Files.size(outside) > 0, "a continuous value outside the prior is allowed");
    Path plain = tmp.resolve("plain.csv");
    assertOk(run("sample", "--run", infoRun.toString(), "--n", "20", "--out", plain.toString()));
    assertEquals(21, Files.readAllLines(plain).size(), "without --code: codes from their priors");
  }

  @Test
  void badCodesAreOneLineAndExitTwoWithNoFileWritten() {
    Path out = tmp.resolve("x.csv");
    String runDir = infoRun.toString();
    assertBadInput(run("sample", "--run", runDir, "--n", "5", "--code", "cat1=0",
        "--out", out.toString()), "unknown code 'cat1'", "cat0 (8 categories, 0..7), cont0");
    assertBadInput(run("sample", "--run", runDir, "--n", "5", "--code", "cat0=8",
        "--out", out.toString()), "cat0 has 8 categories, 0..7");
    assertBadInput(run("sample", "--run", runDir, "--n", "5", "--code", "cont0=NaN",
        "--out", out.toString()), "a continuous code takes a finite number");
    assertBadInput(run("sample", "--run", runDir, "--n", "5", "--code", "cat0",
        "--out", out.toString()), "expected NAME=VALUE");
    assertBadInput(run("sample", "--run", runDir, "--n", "5", "--code", "cat0=1", "--class", "1",
        "--out", out.toString()), "give one of them");
    assertBadInput(run("sample", "--run", runDir, "--n", "5", "--class", "1",
        "--out", out.toString()), "--class needs a conditional run");
    assertBadInput(run("sample", "--run", CliHarness.ring8Run().toString(), "--n", "5",
        "--code", "cat0=1", "--out", out.toString()),
        "--code needs an InfoGAN run", "family is gan");
    assertFalse(Files.exists(out), "nothing written on bad input");
  }

  @Test
  void anImageRunsPicturesShowOneRowPerCategoryOfTheFirstCode() throws IOException {
    Path run = tmp.resolve("mnist-info");
    assertOk(run("train", "--preset", "mnist-infogan", "--steps", "2", "--batch-size", "8",
        "--set", "model.generator.arch=mlp", "--set", "model.discriminator.arch=mlp",
        "--set", "model.generator.hidden=16", "--set", "model.discriminator.hidden=16",
        "--sample-every", "2", "--checkpoint-every", "2", "--quiet", "--no-fetch",
        "--data-dir", CliHarness.mnistDataDir().toString(), "--out", run.toString()));
    BufferedImage picture = ImageIO.read(run.resolve("samples/step-00000002.png").toFile());
    // 64 grid samples: 10 rows (cat0's categories) of min(10, 64 / 10) = 6 columns.
    BufferedImage expected = ImageGrid.render(new float[60 * 28 * 28], 60, 28, 28, 6, 2);
    assertEquals(expected.getWidth(), picture.getWidth());
    assertEquals(expected.getHeight(), picture.getHeight());
    Path out = tmp.resolve("sevens.png");
    assertOk(run("sample", "--run", run.toString(), "--n", "16", "--code", "cat0=7,cont1=1",
        "--out", out.toString()));
    assertTrue(Files.size(out) > 0);
  }
}
