package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.checkpoint;
import static dev.gan4j.cli.CliHarness.copyTree;
import static dev.gan4j.cli.CliHarness.run;
import static dev.gan4j.cli.CliHarness.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.cli.CliHarness.Result;
import dev.gan4j.data.IdxFile;
import dev.gan4j.io.MetricsLog;
import dev.gan4j.io.NpyFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The happy paths: train, resume, sample, for a 2-D mixture and for a (fake, tiny) image dataset. */
class CliTrainSampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<Long> metricSteps(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(MetricsLog.HEADER, lines.get(0));
    return lines.stream().skip(1).filter(l -> !l.isBlank())
        .map(l -> {
          String[] cols = l.split(",");
          assertEquals(8, cols.length, l);
          return Long.parseLong(cols[0]);
        })
        .toList();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void assertPng(Path p) throws IOException {
    assertTrue(Files.isRegularFile(p), p + " missing");
    BufferedImage img = ImageIO.read(p.toFile());
    assertNotNull(img, p + " is not a readable PNG");
    assertTrue(img.getWidth() > 1 && img.getHeight() > 1, p + " is empty");
  }

  @Test
  void trainWritesACompleteRunFolder() throws IOException {
    Path run = CliHarness.ring8Run(); // trained with exit 0 and a clean stderr (checked there)
    Result r = CliHarness.ring8TrainResult();
    assertTrue(r.out().contains(run.toString()), () -> "stdout should name the run folder\n" + r);
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("run:") && l.endsWith(run.toString())),
        r::toString);
    assertTrue(r.out().contains("final:      step 40"), r::toString);

    JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
    assertEquals("ring8", config.get("preset").asText());
    assertEquals(40, config.at("/loop/steps").asInt());
    assertEquals("ring8", config.at("/data/name").asText());
    JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
    assertEquals(1, provenance.get("sessions").size());
    assertEquals("train", provenance.at("/sessions/0/kind").asText());
    assertEquals(config.get("seed").asLong(), provenance.get("seed").asLong());
    JsonNode session = provenance.at("/sessions/0");
    assertEquals(ai.djl.engine.Engine.getDjlVersion(), session.get("djl").asText());
    assertEquals(ai.djl.engine.Engine.getEngine("PyTorch").getVersion(),
        session.get("pytorch").asText());
    assertEquals(System.getProperty("java.version"), session.get("java").asText().split(" ")[0]);
    assertTrue(session.get("os").asText().startsWith(System.getProperty("os.name")), session::toString);
    assertFalse(session.get("gan4j").asText().isBlank(), session::toString);
    java.time.Instant started = java.time.Instant.parse(session.get("startTime").asText());
    assertTrue(started.isBefore(java.time.Instant.now()), session::toString);

    assertEquals(List.of(10L, 20L, 30L, 40L), metricSteps(run));
    assertPng(run.resolve("losses.png"));
    List<String> samples = names(run.resolve("samples"));
    assertTrue(samples.contains("step-00000040.png"), samples::toString);
    assertTrue(samples.contains("step-00000020.png"), samples::toString);
    for (String s : samples) {
      assertTrue(s.endsWith(".png"), s);
      assertPng(run.resolve("samples").resolve(s));
    }
    assertTrue(Files.isRegularFile(checkpoint(run, 40)));
    assertTrue(names(run.resolve("checkpoints")).stream().allMatch(n -> n.endsWith(".ckpt")),
        () -> "leftover temporary files in checkpoints/");
    assertTrue(names(run).stream().noneMatch(n -> n.endsWith(".tmp")), "leftover temporary files");
  }

  @Test
  void resumeExtendsARun() throws IOException {
    Path run = copyTree(CliHarness.ring8Run(), tmp.resolve("extended"));
    Result r = run("train", "--resume", run.toString(), "--steps", "60", "--quiet",
        "--data-dir", CliHarness.emptyDataDir().toString());
    assertOk(r);
    assertTrue(r.out().contains(run.toString()), r::toString);
    assertTrue(r.out().contains("final:      step 60"), r::toString);

    assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L), metricSteps(run));
    assertTrue(Files.isRegularFile(checkpoint(run, 60)), "no checkpoint at 60");
    assertTrue(names(run.resolve("samples")).contains("step-00000060.png"));
    assertEquals(60, JSON.readTree(run.resolve("config.json").toFile()).at("/loop/steps").asInt());
    JsonNode sessions = JSON.readTree(run.resolve("provenance.json").toFile()).get("sessions");
    assertEquals(2, sessions.size());
    assertEquals("resume", sessions.get(1).get("kind").asText());

    // Now complete at 60: resuming without --steps is refused and changes nothing.
    Map<String, String> before = snapshot(run);
    String line = assertBadInput(
        run("train", "--resume", run.toString(), "--quiet"), run.toString(), "complete", "60");
    assertTrue(line.contains("--steps"), line);
    assertEquals(before, snapshot(run));
  }

  @Test
  void resumeACompleteRunWithoutStepsIsRefused() {
    Path run = CliHarness.ring8Run();
    Map<String, String> before = snapshot(run);
    assertBadInput(run("train", "--resume", run.toString(), "--quiet"), "complete", "40");
    // --steps equal to the steps done is no extension either
    assertBadInput(
        run("train", "--resume", run.toString(), "--steps", "40", "--quiet"), "complete", "40");
    assertEquals(before, snapshot(run));
  }

  @Test
  void sampleCsvFromATwoDimensionalRun() throws IOException {
    Path run = CliHarness.ring8Run();
    Map<String, String> before = snapshot(run);
    Path out = tmp.resolve("x.csv");
    Result r = run("sample", "--run", run.toString(), "--n", "50", "--out", out.toString());
    assertOk(r);
    assertTrue(r.out().contains("50") && r.out().contains(out.toString()), r::toString);
    List<String> lines = Files.readAllLines(out);
    assertEquals(51, lines.size(), "header + 50 rows");
    assertEquals("x,y", lines.get(0));
    for (String l : lines.subList(1, lines.size())) {
      String[] cols = l.split(",");
      assertEquals(2, cols.length, l);
      for (String c : cols) {
        float v = Float.parseFloat(c);
        // The 2-D generator's output is linear; 40 steps from a small init stay near the origin.
        assertTrue(Float.isFinite(v) && Math.abs(v) < 10f, "generator output out of range: " + l);
      }
    }
    // Same seed, same samples; another seed, other samples.
    Path again = tmp.resolve("again.csv");
    assertOk(run("sample", "--run", run.toString(), "--n", "50", "--out", again.toString()));
    assertEquals(lines, Files.readAllLines(again));
    Path other = tmp.resolve("other.csv");
    assertOk(run("sample", "--run", run.toString(), "--n", "50", "--seed", "9",
        "--out", other.toString()));
    assertTrue(!lines.equals(Files.readAllLines(other)), "--seed should change the samples");
    assertEquals(before, snapshot(run), "sampling must not change the run");
  }

  @Test
  void samplePngFromATwoDimensionalRun() throws IOException {
    Path run = CliHarness.ring8Run();
    Path out = tmp.resolve("sub").resolve("x.png");
    assertOk(run("sample", "--run", run.toString(), "--n", "50", "--out", out.toString()));
    assertPng(out);
  }

  @Test
  void trainAndSampleAnImageRun() throws IOException {
    Path run = CliHarness.mnistRun();
    Result r = CliHarness.mnistTrainResult();
    assertTrue(r.out().contains(run.toString()), r::toString);
    assertTrue(Files.isRegularFile(checkpoint(run, 3)), "no final checkpoint");
    assertEquals(List.of(3L), metricSteps(run));
    JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
    assertEquals("mnist", config.at("/data/name").asText());
    assertEquals(32, config.at("/model/generator/hidden/0").asInt());
    assertEquals(1, config.at("/model/generator/hidden").size());
    assertEquals(16, config.at("/loop/batchSize").asInt());
    assertPng(run.resolve("samples").resolve("step-00000003.png"));

    Map<String, String> before = snapshot(run);
    Path idx = tmp.resolve("x.idx.gz");
    assertOk(run("sample", "--run", run.toString(), "--n", "12", "--out", idx.toString()));
    IdxFile.IdxImages images = IdxFile.readImages(idx);
    assertEquals(12, images.count());
    assertEquals(28, images.rows());
    assertEquals(28, images.cols());
    byte[] head = new byte[2];
    try (var in = Files.newInputStream(idx)) {
      assertEquals(2, in.read(head));
    }
    assertEquals(0x1f, head[0] & 0xFF, ".idx.gz should be gzip-compressed");

    Path plain = tmp.resolve("x.idx");
    assertOk(run("sample", "--run", run.toString(), "--n", "5", "--out", plain.toString()));
    assertEquals(16 + 5 * 28 * 28, Files.size(plain));
    assertEquals(5, IdxFile.readImages(plain).count());

    Path csv = tmp.resolve("x.csv");
    assertOk(run("sample", "--run", run.toString(), "--n", "4", "--out", csv.toString()));
    List<String> lines = Files.readAllLines(csv);
    assertEquals(5, lines.size());
    assertEquals(28 * 28, lines.get(1).split(",").length);

    Path png = tmp.resolve("x.png");
    assertOk(run("sample", "--run", run.toString(), "--n", "16", "--out", png.toString()));
    assertPng(png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(img.getWidth() >= 4 * 28 && img.getHeight() >= 4 * 28,
        "a 4 x 4 grid of 28 x 28 images: " + img.getWidth() + " x " + img.getHeight());
    assertEquals(before, snapshot(run), "sampling must not change the run");
  }

  @Test
  void aFolderOfRgbImagesTrainsAConvolutionalGanAndSamplesInColour() throws IOException {
    Path images = tmp.resolve("images");
    Files.createDirectories(images.resolve("red"));
    Files.createDirectories(images.resolve("blue"));
    for (int i = 0; i < 12; i++) {
      BufferedImage img = new BufferedImage(20, 24, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 24; y++) {
        for (int x = 0; x < 20; x++) {
          img.setRGB(x, y, i % 2 == 0 ? 0xD02020 + x : 0x2020D0 + y);
        }
      }
      ImageIO.write(img, "png", images.resolve((i % 2 == 0 ? "red" : "blue") + "/" + i + ".png")
          .toFile());
    }
    Files.writeString(images.resolve("red/notes.txt"), "not an image"); // ignored: not .png/.jpg
    Path run = tmp.resolve("run");
    Path dataDir = tmp.resolve("data");
    assertOk(run("train", "--preset", "mnist-dcgan", "--data", "folder:" + images,
        "--image-size", "16", "--channels", "3", "--steps", "3", "--batch-size", "4",
        "--set", "model.generator.arch=dcgan", "--set", "model.discriminator.arch=dcgan",
        "--set", "model.generator.hidden=8,4", "--set", "model.discriminator.hidden=4,8",
        "--log-every", "1", "--sample-every", "3", "--checkpoint-every", "3",
        "--data-dir", dataDir.toString(), "--quiet", "--out", run.toString()));
    JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
    assertEquals("dcgan", config.at("/model/generator/arch").asText());
    assertEquals(16, config.at("/data/imageSize").asInt());
    assertEquals(List.of(1L, 2L, 3L), metricSteps(run));
    // The decoded folder was cached under the data dir, keyed by its fingerprint.
    try (Stream<Path> cached = Files.list(dataDir.resolve("folders"))) {
      assertEquals(1, cached.count());
    }
    BufferedImage grid = ImageIO.read(run.resolve("samples/step-00000003.png").toFile());
    assertEquals(3, grid.getColorModel().getNumColorComponents(), "an RGB sample grid");
    Path out = tmp.resolve("samples.png");
    assertOk(run("sample", "--run", run.toString(), "--n", "4", "--out", out.toString()));
    assertEquals(3, ImageIO.read(out.toFile()).getColorModel().getNumColorComponents());
    Path idx = tmp.resolve("samples.idx");
    assertOk(run("sample", "--run", run.toString(), "--n", "4", "--out", idx.toString()));
    IdxFile.IdxImages read = IdxFile.readImages(idx);
    assertEquals(4 * 3, read.count(), "IDX stacks each sample's three channels as images");
    assertEquals(16, read.rows());
    Path npy = tmp.resolve("samples.npy");
    assertOk(run("sample", "--run", run.toString(), "--n", "5", "--out", npy.toString()));
    NpyFile.Array array = NpyFile.read(npy);
    assertArrayEquals(new long[] {5, 3, 16, 16}, array.shape(), ".npy keeps (n, c, h, w)");
    for (float v : array.values()) {
      assertTrue(v >= -1f && v <= 1f, "tanh outputs, unquantized: " + v);
    }
  }
}
