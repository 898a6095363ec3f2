package dev.gan4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.Gan4jException;
import dev.gan4j.data.IdxFile;
import dev.gan4j.data.ImageFolder;
import dev.gan4j.io.CheckpointStore;
import dev.gan4j.io.SampleFiles;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.TrainerSnapshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every reader that takes a user's file: IDX (plain and gzip), CSV and .npy samples,
 * image folders (PNG), config files (JSON, YAML) and checkpoints. Each valid file is damaged many ways
 * (bit flips, truncation, random bytes spliced in, size fields set huge or negative); every read must
 * end, within seconds, either in a result or in one of gan4j's typed exceptions, never in another
 * exception, an OutOfMemoryError or a hang.
 */
class ReaderFuzzTest {
  private static final int CASES = 100;

  @TempDir Path dir;

  /** A damaged copy of {@code valid}: one of several kinds of damage, chosen by {@code rng}. */
  static byte[] damage(byte[] valid, Random rng) {
    byte[] b = valid.clone();
    switch (rng.nextInt(5)) {
      case 0 -> { // a few bit flips
        for (int i = 0, n = 1 + rng.nextInt(4); i < n && b.length > 0; i++) {
          b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, rng.nextInt(Math.max(1, b.length))); // truncated
      case 2 -> { // random bytes spliced in
        int at = rng.nextInt(b.length + 1);
        byte[] junk = new byte[1 + rng.nextInt(64)];
        rng.nextBytes(junk);
        byte[] out = new byte[b.length + junk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(b, at, out, at + junk.length, b.length - at);
        b = out;
      }
      case 3 -> { // a 4-byte field near the start set huge or negative (sizes, counts, lengths)
        int at = b.length < 8 ? 0 : rng.nextInt(Math.min(b.length - 4, 32));
        int v = rng.nextBoolean() ? Integer.MAX_VALUE - rng.nextInt(1000) : -1 - rng.nextInt(1000);
        for (int i = 0; i < 4 && at + i < b.length; i++) {
          b[at + i] = (byte) (v >>> (24 - 8 * i));
        }
      }
      default -> { // whole file random
        b = new byte[rng.nextInt(256)];
        rng.nextBytes(b);
      }
    }
    return b;
  }

  // Reads every damaged version of `valid` with `reader`: a result or a typed error, nothing else.
  private void fuzz(String name, byte[] valid, long seed, Consumer<Path> reader) throws Exception {
    Random rng = new Random(seed);
    Path file = dir.resolve(name);
    for (int i = 0; i < CASES; i++) {
      Files.write(file, damage(valid, rng));
      int c = i;
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        try {
          reader.accept(file);
        } catch (Gan4jException expected) {
          assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        } catch (Throwable t) {
          throw new AssertionError(name + " case " + c + ": not a typed error: " + t, t);
        }
      });
    }
  }

  private static byte[] gzip(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }

  @Test
  void idxFiles() throws Exception {
    Path valid = dir.resolve("valid-images.idx");
    byte[] pixels = new byte[5 * 6 * 7];
    new Random(1).nextBytes(pixels);
    IdxFile.writeImages(valid, new IdxFile.IdxImages(5, 6, 7, pixels));
    byte[] images = Files.readAllBytes(valid);
    fuzz("x-images.idx", images, 11, IdxFile::readImages);
    fuzz("x-images.idx.gz", gzip(images), 12, IdxFile::readImages);
    Path labels = dir.resolve("valid-labels.idx");
    IdxFile.writeLabels(labels, new byte[] {1, 2, 3, 4});
    fuzz("x-labels.idx", Files.readAllBytes(labels), 13, IdxFile::readLabels);
  }

  @Test
  void sampleFiles() throws Exception {
    byte[] csv = "x,y\n0.5,1.25\n-1,2\n3e-2,4\n".getBytes(StandardCharsets.UTF_8);
    fuzz("x.csv", csv, 21, SampleFiles::read);
    Path npy = dir.resolve("valid.npy");
    dev.gan4j.io.NpyFile.write(npy, new float[24], new long[] {2, 3, 4});
    fuzz("x.npy", Files.readAllBytes(npy), 22, SampleFiles::read);
  }

  @Test
  void configFiles() throws Exception {
    byte[] json = "{\"preset\": \"ring8\", \"loop\": {\"steps\": 100, \"batchSize\": 32}, \"seed\": 3}"
        .getBytes(StandardCharsets.UTF_8);
    fuzz("c.json", json, 31, f -> ConfigLoader.resolve(null, f, Map.of()));
    byte[] yaml = "preset: ring8\nloop:\n  steps: 100\n  batchSize: 32\nseed: 3\n"
        .getBytes(StandardCharsets.UTF_8);
    fuzz("c.yaml", yaml, 32, f -> ConfigLoader.resolve(null, f, Map.of()));
  }

  @Test
  void checkpoints() throws Exception {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("iteration", 7L);
    counters.put("sampler.epoch", 0L);
    counters.put("sampler.cursor", 3L);
    TrainerSnapshot s = new TrainerSnapshot(counters, Map.of("wallSeconds", 1.5),
        Map.of("noise", new long[] {1, 2}), Map.of("w", new float[] {1f, 2f, 3f}),
        Map.of("w", new long[] {3}));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CheckpointStore.write(s, out);
    fuzz("step-00000007.ckpt", out.toByteArray(), 41, CheckpointStore::read);
  }

  @Test
  void imageFolders() throws Exception {
    BufferedImage img = new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 7; y++) {
      for (int x = 0; x < 9; x++) {
        img.setRGB(x, y, 0x102030 * (x + y));
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    Path folder = Files.createDirectories(dir.resolve("images"));
    Files.write(folder.resolve("good.png"), png.toByteArray());
    Path cache = Files.createDirectories(dir.resolve("cache"));
    ImageFolder.Options options = new ImageFolder.Options(8, 3, false);
    fuzz("images/bad.png", png.toByteArray(), 51, f -> ImageFolder.load(folder, options, cache));
  }
}
