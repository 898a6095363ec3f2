package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.cli.CliHarness.Result;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j interpolate} on the shared tiny runs: GIFs, strips, and its one-line refusals. */
class CliInterpolateTest {
  @TempDir Path tmp;

  private static int gifFrames(Path gif) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      try {
        return reader.getNumImages(true);
      } finally {
        reader.dispose();
      }
    }
  }

  @Test
  void anImageRunGivesAGifOfTheFramesAndAStripOfTheWalks() throws IOException {
    String runDir = CliHarness.mnistRun().toString();
    Path gif = tmp.resolve("walk.gif");
    Result r = run("interpolate", "--run", runDir, "--out", gif.toString(), "--frames", "6",
        "--rows", "3", "--seed", "4");
    assertOk(r);
    assertTrue(r.out().contains("wrote 3 walks of 6 frames from step 3"), r::toString);
    assertEquals(6, gifFrames(gif));
    BufferedImage first = ImageIO.read(gif.toFile());
    // Three 28 x 28 images side by side at scale 2, with 2-pixel gutters.
    assertEquals(3 * 56 + 4 * 2, first.getWidth());
    assertEquals(56 + 2 * 2, first.getHeight());

    Path strip = tmp.resolve("walk.png");
    assertOk(run("interpolate", "--run", runDir, "--out", strip.toString(), "--frames", "6",
        "--rows", "3", "--seed", "4"));
    BufferedImage s = ImageIO.read(strip.toFile());
    assertEquals(6 * 56 + 7 * 2, s.getWidth(), "one column per frame");
    assertEquals(3 * 56 + 4 * 2, s.getHeight(), "one row per walk");

    Path again = tmp.resolve("again.png");
    assertOk(run("interpolate", "--run", runDir, "--out", again.toString(), "--frames", "6",
        "--rows", "3", "--seed", "4"));
    assertArrayEquals(Files.readAllBytes(strip), Files.readAllBytes(again), "same seed, same bytes");
    Path other = tmp.resolve("other.png");
    assertOk(run("interpolate", "--run", runDir, "--out", other.toString(), "--frames", "6",
        "--rows", "3", "--seed", "5"));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(strip), Files.readAllBytes(other)),
        "another seed, other walks");
  }

  @Test
  void aTwoDimensionalRunAnimatesThePathsOverTheRealPoints() throws IOException {
    Path gif = tmp.resolve("ring.gif");
    assertOk(run("interpolate", "--run", CliHarness.ring8Run().toString(), "--out", gif.toString(),
        "--frames", "4", "--rows", "2", "--delay-ms", "250"));
    assertEquals(4, gifFrames(gif));
  }

  @Test
  void badOptionsAreOneLineExitTwoAndWriteNothing() {
    String runDir = CliHarness.ring8Run().toString();
    Map<String, String> before = CliHarness.snapshot(CliHarness.ring8Run());
    Path out = tmp.resolve("x.gif");
    assertBadInput(run("interpolate", "--run", runDir, "--out", out.toString(), "--frames", "1"),
        "--frames must be in 2..256, got 1");
    assertBadInput(run("interpolate", "--run", runDir, "--out", out.toString(), "--rows", "65"),
        "--rows must be in 1..64, got 65");
    assertBadInput(run("interpolate", "--run", runDir, "--out", out.toString(), "--class", "1"),
        "--class needs a conditional run");
    assertBadInput(run("interpolate", "--run", runDir, "--out", out.toString(), "--code", "cat0=1"),
        "--code needs an InfoGAN run");
    assertBadInput(run("interpolate", "--run", runDir, "--out", tmp.resolve("x.jpg").toString()),
        "unknown output format", ".gif");
    assertBadInput(run("interpolate", "--run", tmp.resolve("none").toString(), "--out",
        out.toString()), "none");
    assertBadInput(run("interpolate", "--run", runDir, "--out", out.toString(), "--frames", "x"),
        "--frames", "(see: gan4j interpolate --help)");
    assertFalse(Files.exists(out), "nothing written on failure");
    assertFalse(Files.exists(tmp.resolve("x.jpg")));
    assertEquals(before, CliHarness.snapshot(CliHarness.ring8Run()), "the run is untouched");
  }
}
