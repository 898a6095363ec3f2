package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.Gan4jException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.train.LatentCodes;
import dev.gan4j.train.RunConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** Latent walks' paths (slerp and lerp), what stays fixed along them, and the looping GIF. */
class LatentWalkTest {
  @TempDir Path tmp;

  private static float[] gaussian(int n, long seed) {
    float[] v = new float[n];
    new Rng(seed).fillGaussian(v);
    return v;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  private static double angle(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return Math.acos(Math.max(-1, Math.min(1, dot / (norm(a) * norm(b)))));
  }

  private static float[] scaled(float[] v, double to) {
    double k = to / norm(v);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * k);
    }
    return out;
  }

  @Test
  void slerpStartsAndEndsAtItsInputs() {
    float[] a = gaussian(64, 1);
    float[] b = gaussian(64, 2);
    assertArrayEquals(a, LatentWalk.slerp(a, b, 0), 1e-5f);
    assertArrayEquals(b, LatentWalk.slerp(a, b, 1), 1e-5f);
    assertArrayEquals(a, LatentWalk.lerp(a, b, 0), 0f);
    assertArrayEquals(b, LatentWalk.lerp(a, b, 1), 1e-6f);
  }

  @Test
  void slerpKeepsTheNormAndTurnsAtAConstantRateWhereLerpCutsInside() {
    float[] a = scaled(gaussian(100, 3), 10);
    float[] b = scaled(gaussian(100, 4), 10);
    double omega = angle(a, b);
    assertTrue(omega > 1.0, "two Gaussian vectors in 100-D are nearly orthogonal: " + omega);
    for (int i = 1; i < 10; i++) {
      double t = i / 10.0;
      float[] p = LatentWalk.slerp(a, b, t);
      assertEquals(10, norm(p), 1e-3, "slerp stays on the sphere at t=" + t);
      assertEquals(t * omega, angle(a, p), 1e-4, "angle to the start at t=" + t);
      assertEquals((1 - t) * omega, angle(p, b), 1e-4, "angle to the end at t=" + t);
    }
    // The straight line's middle is shorter by cos(Ω/2): far inside the shell Gaussians live on.
    assertEquals(10 * Math.cos(omega / 2), norm(LatentWalk.lerp(a, b, 0.5)), 1e-3);
  }

  @Test
  void slerpOfUnequalNormsMovesTheNormBetweenThemAndParallelInputsFallBackToLerp() {
    float[] a = scaled(gaussian(16, 5), 2);
    float[] b = scaled(gaussian(16, 6), 5);
    double previous = 2;
    for (int i = 1; i <= 10; i++) {
      double n = norm(LatentWalk.slerp(a, b, i / 10.0));
      assertTrue(n > 1.99 && n < 5.01, "norm stays between the ends: " + n);
      previous = n;
    }
    assertEquals(5, previous, 1e-4);
    float[] c = scaled(a, 4); // same direction as a
    assertArrayEquals(LatentWalk.lerp(a, c, 0.3), LatentWalk.slerp(a, c, 0.3), 1e-5f);
    assertThrows(IllegalArgumentException.class, () -> LatentWalk.slerp(a, new float[3], 0.5));
  }

  private static RunConfig.Model model(String prior, int latent, RunConfig.Codes codes,
      String family) {
    RunConfig.Net net = RunConfig.Net.plain(new int[] {8}, "relu", 0.2f, 0f);
    return new RunConfig.Model(family, latent, prior, net, net, "tanh", 1, 1, 0, false, codes,
        RunConfig.Mrgan.DEFAULT, RunConfig.Translation.DEFAULT);
  }

  @Test
  void aUniformPriorWalksAStraightLineInsideItsCube() {
    RunConfig.Model m = model("uniform", 6, RunConfig.Codes.DEFAULT, "gan");
    LatentWalk.Options o = new LatentWalk.Options(5, 3, 11, null, null, 100);
    float[] z = LatentWalk.latents(m, LatentCodes.NONE, o);
    assertEquals(3 * 5 * 6, z.length);
    for (int r = 0; r < 3; r++) {
      int start = r * 5 * 6;
      int end = start + 4 * 6;
      for (int f = 0; f < 5; f++) {
        double t = f / 4.0;
        for (int j = 0; j < 6; j++) {
          float a = z[start + j];
          float b = z[end + j];
          float p = z[start + f * 6 + j];
          assertEquals(a + t * (b - a), p, 1e-6, "on the segment");
          assertTrue(p >= -1 && p <= 1, "inside U(-1, 1)'s cube");
        }
      }
    }
    assertFalse(LatentWalk.spherical("uniform"));
    assertTrue(LatentWalk.spherical("normal"));
  }

  @Test
  void aNormalPriorWalksGreatCirclesBetweenDrawsOfThePrior() {
    RunConfig.Model m = model("normal", 32, RunConfig.Codes.DEFAULT, "gan");
    LatentWalk.Options o = new LatentWalk.Options(9, 2, 5, null, null, 100);
    float[] z = LatentWalk.latents(m, LatentCodes.NONE, o);
    float[] ends = new float[2 * 2 * 32];
    LatentCodes.NONE.fillLatent(m, ends, Rng.derive(5, "latent-walk"));
    for (int r = 0; r < 2; r++) {
      float[] a = java.util.Arrays.copyOfRange(ends, 2 * r * 32, 2 * r * 32 + 32);
      float[] b = java.util.Arrays.copyOfRange(ends, 2 * r * 32 + 32, 2 * r * 32 + 64);
      float[] first = java.util.Arrays.copyOfRange(z, r * 9 * 32, r * 9 * 32 + 32);
      float[] last = java.util.Arrays.copyOfRange(z, (r * 9 + 8) * 32, (r * 9 + 8) * 32 + 32);
      float[] mid = java.util.Arrays.copyOfRange(z, (r * 9 + 4) * 32, (r * 9 + 4) * 32 + 32);
      assertArrayEquals(a, first, 1e-5f, "the walk starts at a draw of the prior");
      assertArrayEquals(b, last, 1e-5f, "and ends at the next one");
      // At t = 1/2 slerp weighs both ends by sin(Ω/2) / sin Ω = 1 / (2 cos(Ω/2)).
      double k = 1 / (2 * Math.cos(angle(a, b) / 2));
      for (int j = 0; j < 32; j++) {
        assertEquals(k * (a[j] + b[j]), mid[j], 1e-4, "the middle frame of the arc");
      }
      assertTrue(norm(mid) > norm(LatentWalk.lerp(a, b, 0.5)) + 0.5,
          "the arc's middle keeps away from the origin");
    }
    assertArrayEquals(z, LatentWalk.latents(m, LatentCodes.NONE, o), "same seed, same walks");
  }

  @Test
  void codesStayFixedAlongEachWalkOrTakeTheValuesAsked() {
    RunConfig.Codes spec = new RunConfig.Codes(new int[] {3}, 1, 1f, 0.1f);
    RunConfig.Model m = model("normal", 4, spec, "infogan");
    LatentCodes codes = LatentCodes.of(spec);
    int width = 4 + codes.width();
    LatentWalk.Options o = new LatentWalk.Options(6, 3, 2, null, null, 100);
    float[] z = LatentWalk.latents(m, codes, o);
    for (int r = 0; r < 3; r++) {
      float[] c0 = java.util.Arrays.copyOfRange(z, r * 6 * width + 4, r * 6 * width + width);
      for (int f = 1; f < 6; f++) {
        int at = (r * 6 + f) * width;
        assertArrayEquals(c0, java.util.Arrays.copyOfRange(z, at + 4, at + width),
            "walk " + r + " frame " + f + " keeps its start's codes");
      }
    }
    LatentCodes.Fixed fixed = codes.parse("cat0=2,cont0=0.25");
    float[] set = LatentWalk.latents(m, codes, new LatentWalk.Options(6, 3, 2, null, fixed, 100));
    for (int i = 0; i < 18; i++) {
      assertArrayEquals(new float[] {0, 0, 1, 0.25f},
          java.util.Arrays.copyOfRange(set, i * width + 4, i * width + width));
      assertArrayEquals(java.util.Arrays.copyOfRange(z, i * width, i * width + 4),
          java.util.Arrays.copyOfRange(set, i * width, i * width + 4), "z walks the same way");
    }
  }

  @Test
  void classesAreHeldPerWalkAndCheckedAgainstTheRun() {
    LatentWalk.Options balanced = new LatentWalk.Options(2, 3, 0, null, null, 100);
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0}, LatentWalk.labels(2, balanced));
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1},
        LatentWalk.labels(2, new LatentWalk.Options(2, 3, 0, 1, null, 100)));
    assertNull(LatentWalk.labels(0, balanced));
    assertThrows(InvalidConfigException.class,
        () -> LatentWalk.labels(0, new LatentWalk.Options(2, 3, 0, 1, null, 100)));
    assertThrows(InvalidConfigException.class,
        () -> LatentWalk.labels(2, new LatentWalk.Options(2, 3, 0, 2, null, 100)));
  }

  @Test
  void optionsOutOfRangeAreRefusedWithTheOptionNamed() {
    assertTrue(assertThrows(InvalidConfigException.class,
        () -> new LatentWalk.Options(1, 1, 0, null, null, 100)).getMessage().contains("--frames"));
    assertTrue(assertThrows(InvalidConfigException.class,
        () -> new LatentWalk.Options(2, 0, 0, null, null, 100)).getMessage().contains("--rows"));
    assertTrue(assertThrows(InvalidConfigException.class,
        () -> new LatentWalk.Options(2, 1, 0, null, null, 5)).getMessage().contains("--delay-ms"));
  }

  private static List<BufferedImage> greyFrames(int n) {
    List<BufferedImage> frames = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      float[] px = new float[4 * 5 * 5];
      for (int i = 0; i < px.length; i++) {
        px[i] = ((i + f) % 5) / 2f - 1f;
      }
      frames.add(ImageGrid.render(px, 4, 5, 5, 4, 1));
    }
    return frames;
  }

  @Test
  void theGifHasEveryFrameLoopsForeverAndKeepsTheGreyLevels() throws IOException {
    List<BufferedImage> frames = greyFrames(7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AnimatedGif.write(frames, 120, bytes);
    try (ImageInputStream in = ImageIO.createImageInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertEquals(7, reader.getNumImages(true));
      for (int i = 0; i < 7; i++) {
        IIOMetadataNode root = (IIOMetadataNode)
            reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
        Node control = root.getElementsByTagName("GraphicControlExtension").item(0);
        assertEquals("12", control.getAttributes().getNamedItem("delayTime").getNodeValue());
        BufferedImage read = reader.read(i);
        BufferedImage want = frames.get(i);
        assertEquals(want.getWidth(), read.getWidth());
        for (int y = 0; y < want.getHeight(); y++) {
          for (int x = 0; x < want.getWidth(); x++) {
            int level = want.getRaster().getSample(x, y, 0);
            assertEquals((level << 16) | (level << 8) | level, read.getRGB(x, y) & 0xffffff,
                "frame " + i + " pixel " + x + "," + y);
          }
        }
      }
      IIOMetadataNode first = (IIOMetadataNode)
          reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
      Node app = first.getElementsByTagName("ApplicationExtension").item(0);
      assertEquals("NETSCAPE", app.getAttributes().getNamedItem("applicationID").getNodeValue());
      byte[] loop = (byte[]) ((IIOMetadataNode) app).getUserObject();
      assertEquals(0, (loop[1] & 0xff) | (loop[2] & 0xff) << 8, "a loop count of 0: forever");
      reader.dispose();
    }
  }

  @Test
  void framesOfDifferentSizesAndUnknownFormatsAreRefusedAndNothingIsWritten() {
    List<BufferedImage> mixed = new ArrayList<>(greyFrames(1));
    mixed.add(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB));
    assertThrows(IllegalArgumentException.class,
        () -> AnimatedGif.write(mixed, 100, new ByteArrayOutputStream()));
    LatentWalk.Pictures p = new LatentWalk.Pictures(greyFrames(2), greyFrames(1).get(0), 100);
    Path bad = tmp.resolve("walk.jpg");
    assertThrows(Gan4jException.class, () -> p.write(bad));
    assertThrows(Gan4jException.class, () -> LatentWalk.checkOutput(bad));
    assertFalse(Files.exists(bad));
  }

  @Test
  void picturesWriteAGifOrAPngByExtension() throws IOException {
    LatentWalk.Pictures p = new LatentWalk.Pictures(greyFrames(3), greyFrames(1).get(0), 100);
    Path gif = tmp.resolve("a/walk.gif");
    Path png = tmp.resolve("a/walk.png");
    p.write(gif);
    p.write(png);
    assertArrayEquals(p.gif(), Files.readAllBytes(gif));
    BufferedImage strip = ImageIO.read(png.toFile());
    assertEquals(p.strip().getWidth(), strip.getWidth());
    assertEquals(p.strip().getHeight(), strip.getHeight());
    try (java.util.stream.Stream<Path> s = Files.list(tmp.resolve("a"))) {
      assertEquals(2, s.count(), "no temporary files left");
    }
  }
}
