package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.data.IdxFile;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache folder shared by two copies of a dataset keeps a classifier for each. */
class ClassifierCacheTest {
  @TempDir Path tmp;

  // A fake 200-image mnist of random pixels in the layout ImageDatasets reads.
  static Path fakeMnist(Path dataDir, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[200 * 28 * 28];
    random.nextBytes(pixels);
    byte[] labels = new byte[200];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i % 10);
    }
    Path dir = dataDir.resolve("mnist");
    IdxFile.writeImages(
        dir.resolve("all-images-idx3-ubyte.gz"), new IdxFile.IdxImages(200, 28, 28, pixels));
    IdxFile.writeLabels(dir.resolve("all-labels-idx1-ubyte.gz"), labels);
    return dataDir;
  }

  @Test
  void twoCopiesOfADatasetDoNotTrainOverEachOther() {
    Path cache = tmp.resolve("cache");
    Path a = fakeMnist(tmp.resolve("a"), 1);
    Path b = fakeMnist(tmp.resolve("b"), 2);
    Path savedA;
    Path savedB;
    try (ClassifierCache.Cached c = ClassifierCache.obtain("mnist", a, cache, s -> {})) {
      assertTrue(c.trainedNow());
      savedA = c.file();
    }
    try (ClassifierCache.Cached c = ClassifierCache.obtain("mnist", b, cache, s -> {})) {
      assertTrue(c.trainedNow());
      savedB = c.file();
    }
    assertEquals(cache.resolve("mnist"), savedA.getParent());
    assertEquals(cache.resolve("mnist"), savedB.getParent().getParent());
    assertNotEquals(savedA, savedB);
    try (ClassifierCache.Cached c = ClassifierCache.obtain("mnist", a, cache, s -> {})) {
      assertFalse(c.trainedNow(), "the first copy's classifier is still there");
      assertEquals(savedA, c.file());
    }
    try (ClassifierCache.Cached c = ClassifierCache.obtain("mnist", b, cache, s -> {})) {
      assertFalse(c.trainedNow(), "and so is the second's");
      assertEquals(savedB, c.file());
    }
  }
}
