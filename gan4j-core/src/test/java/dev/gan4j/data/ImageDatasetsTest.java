package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import dev.gan4j.data.ImageDatasets.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {
  @TempDir Path dataDir;

  // count images of 2 x 3 whose pixels are first, first+1, ...; labels 0, 1, 2, ...
  private void writePart(String dataset, String part, int count, int first, boolean gz) {
    byte[] pixels = new byte[count * 6];
    byte[] labels = new byte[count];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (first + i);
    }
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    String suffix = gz ? ".gz" : "";
    Path folder = dataDir.resolve(dataset);
    IdxFile.writeImages(folder.resolve(part + "-images-idx3-ubyte" + suffix),
        new IdxFile.IdxImages(count, 2, 3, pixels));
    IdxFile.writeLabels(folder.resolve(part + "-labels-idx1-ubyte" + suffix), labels);
  }

  @Test
  void namesAreTheTwoDatasets() {
    assertEquals(List.of("mnist", "fashion-mnist"), ImageDatasets.names());
  }

  @Test
  void loadsMnistAndScalesToMinusOneOne() {
    byte[] pixels = new byte[2 * 6];
    pixels[0] = 0;
    pixels[1] = (byte) 255;
    pixels[2] = (byte) 51;
    IdxFile.writeImages(dataDir.resolve("mnist/all-images-idx3-ubyte.gz"),
        new IdxFile.IdxImages(2, 2, 3, pixels));
    IdxFile.writeLabels(dataDir.resolve("mnist/all-labels-idx1-ubyte.gz"), new byte[] {7, 3});

    assertTrue(ImageDatasets.isPresent("mnist", dataDir));
    ImageDataset d = ImageDatasets.load("mnist", dataDir, Split.ALL);
    assertEquals("mnist", d.name());
    assertEquals(2, d.count());
    assertEquals(2, d.rows());
    assertEquals(3, d.cols());
    assertEquals(-1f, d.pixels()[0]);
    assertEquals(1f, d.pixels()[1]);
    assertEquals(51 / 127.5f - 1f, d.pixels()[2]);
    assertArrayEquals(new byte[] {7, 3}, d.labels());
  }

  @Test
  void mnistSplitsEightyTenTenWithoutOverlap() {
    writePart("mnist", "all", 20, 0, true); // image i's first pixel is 6i, its label i % 10
    ImageDataset train = ImageDatasets.load("mnist", dataDir, Split.TRAIN);
    ImageDataset validation = ImageDatasets.load("mnist", dataDir, Split.VALIDATION);
    ImageDataset test = ImageDatasets.load("mnist", dataDir, Split.TEST);
    assertEquals(16, train.count());
    assertEquals(2, validation.count());
    assertEquals(2, test.count());
    assertEquals(6 * 16 / 127.5f - 1f, validation.pixels()[0]);
    assertEquals(6 * 18 / 127.5f - 1f, test.pixels()[0]);
    assertArrayEquals(new byte[] {6, 7}, validation.labels());
    assertArrayEquals(new byte[] {8, 9}, test.labels());
    assertEquals(20, ImageDatasets.load("mnist", dataDir, Split.ALL).count());
  }

  @Test
  void tooFewImagesForASplitIsAClearError() {
    writePart("mnist", "all", 3, 0, true);
    DataException e = assertThrows(DataException.class,
        () -> ImageDatasets.load("mnist", dataDir, Split.VALIDATION));
    assertTrue(e.getMessage().contains("validation split is empty"), e.getMessage());
  }

  @Test
  void fashionSplitsAndUncompressedFiles() {
    writePart("fashion-mnist", "train", 24, 0, true);
    writePart("fashion-mnist", "t10k", 2, 100, false);

    assertTrue(ImageDatasets.isPresent("fashion-mnist", dataDir));
    ImageDataset train = ImageDatasets.load("fashion-mnist", dataDir, Split.TRAIN);
    ImageDataset validation = ImageDatasets.load("fashion-mnist", dataDir, Split.VALIDATION);
    ImageDataset test = ImageDatasets.load("fashion-mnist", dataDir, Split.TEST);
    ImageDataset all = ImageDatasets.load("fashion-mnist", dataDir, Split.ALL);
    assertEquals(22, train.count()); // 11/12 of the train file
    assertEquals(2, validation.count());
    assertEquals(2, test.count());
    assertEquals(26, all.count());
    assertEquals(100 / 127.5f - 1f, test.pixels()[0]);
    assertArrayEquals(new byte[] {2, 3}, validation.labels());
    // ALL is the whole train file, then t10k.
    assertEquals(validation.pixels()[11], all.pixels()[22 * 6 + 11]);
    assertEquals(test.pixels()[0], all.pixels()[24 * 6]);
  }

  @Test
  void unknownNameListsKnownNames() {
    DataException e = assertThrows(DataException.class,
        () -> ImageDatasets.load("cifar10", dataDir, Split.TRAIN));
    assertTrue(e.getMessage().contains("cifar10"), e.getMessage());
    assertTrue(e.getMessage().contains("mnist, fashion-mnist"), e.getMessage());
    assertThrows(DataException.class, () -> ImageDatasets.isPresent("cifar10", dataDir));
  }

  @Test
  void missingFilesSayHowToFixIt() {
    assertFalse(ImageDatasets.isPresent("fashion-mnist", dataDir));
    DataException e = assertThrows(DataException.class,
        () -> ImageDatasets.load("fashion-mnist", dataDir, Split.TEST));
    String m = e.getMessage();
    assertTrue(m.startsWith("fashion-mnist: "), m);
    assertTrue(m.contains(dataDir.resolve("fashion-mnist/t10k-images-idx3-ubyte.gz").toString()), m);
    assertTrue(m.contains("run `gan4j data fetch fashion-mnist`, pass --data-dir, or set "
        + "GAN4J_DATA_DIR"), m);

    writePart("fashion-mnist", "train", 2, 0, true);
    assertFalse(ImageDatasets.isPresent("fashion-mnist", dataDir), "t10k is still missing");
  }

  @Test
  void labelCountMismatch() {
    writePart("mnist", "all", 3, 0, true);
    IdxFile.writeLabels(dataDir.resolve("mnist/all-labels-idx1-ubyte.gz"), new byte[] {1, 2});
    DataException e = assertThrows(DataException.class,
        () -> ImageDatasets.load("mnist", dataDir, Split.ALL));
    assertTrue(e.getMessage().contains("3 images"), e.getMessage());
    assertTrue(e.getMessage().contains("2 labels"), e.getMessage());
  }

  @Test
  void corruptFileErrorNamesDatasetAndFile() {
    Path images = dataDir.resolve("mnist/all-images-idx3-ubyte.gz");
    IdxFile.writeLabels(images, new byte[] {1});
    IdxFile.writeLabels(dataDir.resolve("mnist/all-labels-idx1-ubyte.gz"), new byte[] {1});
    DataException e = assertThrows(DataException.class,
        () -> ImageDatasets.load("mnist", dataDir, Split.ALL));
    assertEquals("mnist: " + images + ": bad magic number 0x00000801, expected 0x00000803 "
        + "(uint8 3-D images)", e.getMessage());
  }

  @Test
  void recordChecksLabelCount() {
    assertThrows(DataException.class,
        () -> new ImageDataset("x", 2, 1, 1, new float[2], new byte[3]));
    assertThrows(DataException.class,
        () -> new ImageDataset("x", 2, 1, 1, new float[3], new byte[2]));
  }

  @Test
  void realMnistWhenAvailable() {
    String env = System.getenv(DataDir.ENV_VAR);
    Assumptions.assumeTrue(env != null && !env.isBlank(), "GAN4J_DATA_DIR is not set");
    Path real = Path.of(env.strip());
    Assumptions.assumeTrue(ImageDatasets.isPresent("mnist", real), "no mnist in " + real);

    ImageDataset d = ImageDatasets.load("mnist", real, Split.ALL);
    assertEquals(10_000, d.count());
    assertEquals(8_000, ImageDatasets.load("mnist", real, Split.TRAIN).count());
    assertEquals(1_000, ImageDatasets.load("mnist", real, Split.TEST).count());
    assertEquals(28, d.rows());
    assertEquals(28, d.cols());
    int[] perDigit = new int[10];
    for (byte label : d.labels()) {
      perDigit[label]++;
    }
    for (int c : perDigit) {
      assertTrue(c >= 800 && c <= 1200, "digit count " + c);
    }
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : d.pixels()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(-1f, min);
    assertEquals(1f, max);
  }

  @Test
  void realFashionMnistWhenAvailable() {
    String env = System.getenv(DataDir.ENV_VAR);
    Assumptions.assumeTrue(env != null && !env.isBlank(), "GAN4J_DATA_DIR is not set");
    Path real = Path.of(env.strip());
    Assumptions.assumeTrue(ImageDatasets.isPresent("fashion-mnist", real),
        "no fashion-mnist in " + real);

    assertEquals(55_000, ImageDatasets.load("fashion-mnist", real, Split.TRAIN).count());
    assertEquals(5_000, ImageDatasets.load("fashion-mnist", real, Split.VALIDATION).count());
    assertEquals(10_000, ImageDatasets.load("fashion-mnist", real, Split.TEST).count());
    assertTrue(Files.isDirectory(real.resolve("fashion-mnist")));
  }
}
