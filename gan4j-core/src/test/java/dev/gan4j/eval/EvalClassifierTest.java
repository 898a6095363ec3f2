package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import dev.gan4j.Rng;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import dev.gan4j.nn.LeNet;
import org.junit.jupiter.api.Test;

/** The evaluation classifier's mechanics on a synthetic two-class problem. */
class EvalClassifierTest {
  static final EvalClassifier.Recipe TINY =
      new EvalClassifier.Recipe(new LeNet.Spec(28, 4, 8, 16, 2, 0.2f), 3, 2, 32, 3e-3f, 1);

  /** Class 0: a bright bar in the top half; class 1: in the bottom half; noise everywhere. */
  static ImageDataset bars(int n, long seed) {
    Rng rng = new Rng(seed);
    float[] px = new float[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 2);
      for (int p = 0; p < 784; p++) {
        px[i * 784 + p] = -1f + 0.3f * (float) rng.nextDouble();
      }
      int row = (labels[i] == 0 ? 4 : 20) + rng.nextInt(4);
      for (int c = 4; c < 24; c++) {
        px[i * 784 + row * 28 + c] = 1f;
      }
    }
    return new ImageDataset("bars", n, 28, 28, px, labels);
  }

  @Test
  void learnsASeparableProblemAndEmbedsWithTheRightShapes() {
    try (EvalClassifier c = EvalClassifier.train(bars(512, 1), TINY, s -> {})) {
      ImageDataset test = bars(200, 2);
      assertTrue(c.accuracy(test) >= 0.95, "accuracy " + c.accuracy(test));
      EvalClassifier.Embedding e = c.embed(test.pixels(), test.count());
      assertEquals(200, e.features().count());
      assertEquals(16, e.features().dim());
      assertEquals(2, e.probabilities().dim());
      for (int i = 0; i < 200; i++) {
        float sum = e.probabilities().values()[2 * i] + e.probabilities().values()[2 * i + 1];
        assertEquals(1f, sum, 1e-5f);
      }
    }
  }

  @Test
  void sameRecipeSameWeightsAndSnapshotsRestoreThem() {
    ImageDataset train = bars(256, 1);
    ImageDataset test = bars(50, 2);
    try (EvalClassifier a = EvalClassifier.train(train, TINY, s -> {});
        EvalClassifier b = EvalClassifier.train(train, TINY, s -> {});
        EvalClassifier r = EvalClassifier.restore(TINY, a.snapshot())) {
      float[] fa = a.embed(test.pixels(), 50).features().values();
      assertArrayEquals(fa, b.embed(test.pixels(), 50).features().values());
      assertArrayEquals(fa, r.embed(test.pixels(), 50).features().values());
    }
  }

  @Test
  void rejectsImagesOfTheWrongSizeAndLabelsOutOfRange() {
    ImageDataset small = new ImageDataset("small", 2, 14, 14, new float[2 * 196], new byte[2]);
    DataException e =
        assertThrows(DataException.class, () -> EvalClassifier.train(small, TINY, s -> {}));
    assertTrue(e.getMessage().contains("28 x 28"), e.getMessage());
    ImageDataset bad = bars(64, 1);
    bad.labels()[5] = 7;
    e = assertThrows(DataException.class, () -> EvalClassifier.train(bad, TINY, s -> {}));
    assertTrue(e.getMessage().contains("label 7"), e.getMessage());
  }
}
