package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StackedMnistTest {
  private static final int D = StackedMnist.CHANNEL_DIM;

  /** {@code n} distinct 28 × 28 noise images in [-1, 1], image i labelled {@code i % 10}. */
  static ImageDataset noiseDigits(int n, long seed) {
    float[] px = new float[n * D];
    new Rng(seed).fillUniform(px, -1f, 1f);
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
    }
    return new ImageDataset("noise", n, 28, 28, px, labels);
  }

  // The source image equal to channel c of sample i; fails if there is none.
  private static int sourceOf(ImageDataset src, StackedMnist.Stacked s, int i, int c) {
    int from = i * StackedMnist.SAMPLE_DIM + c * D;
    for (int j = 0; j < src.count(); j++) {
      if (Arrays.equals(s.pixels(), from, from + D, src.pixels(), j * D, (j + 1) * D)) {
        return j;
      }
    }
    throw new AssertionError("channel " + c + " of sample " + i + " is no source image");
  }

  @Test
  void eachChannelIsASourceImageAndTheLabelReadsItsDigits() {
    ImageDataset src = noiseDigits(37, 1);
    StackedMnist.Stacked s = StackedMnist.build(src, 200, new Rng(7));
    assertEquals(200, s.count());
    assertEquals(200 * 3 * 784, s.pixels().length);
    boolean[] used = new boolean[src.count()];
    for (int i = 0; i < s.count(); i++) {
      int a = sourceOf(src, s, i, 0);
      int b = sourceOf(src, s, i, 1);
      int c = sourceOf(src, s, i, 2);
      used[a] = used[b] = used[c] = true;
      assertEquals(100 * src.labels()[a] + 10 * src.labels()[b] + src.labels()[c], s.labels()[i]);
    }
    for (int j = 0; j < used.length; j++) {
      assertTrue(used[j], "600 draws from 37 images reach image " + j);
    }
  }

  @Test
  void channelCopiesOneChannelOfEverySample() {
    ImageDataset src = noiseDigits(5, 2);
    StackedMnist.Stacked s = StackedMnist.build(src, 4, new Rng(3));
    for (int c = 0; c < 3; c++) {
      float[] ch = StackedMnist.channel(s.pixels(), 4, c);
      assertEquals(4 * D, ch.length);
      for (int i = 0; i < 4; i++) {
        int from = i * StackedMnist.SAMPLE_DIM + c * D;
        assertArrayEquals(
            Arrays.copyOfRange(s.pixels(), from, from + D),
            Arrays.copyOfRange(ch, i * D, (i + 1) * D));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> StackedMnist.channel(s.pixels(), 4, 3));
    assertThrows(IllegalArgumentException.class, () -> StackedMnist.channel(s.pixels(), 5, 0));
  }

  @Test
  void sameSeedSameSetOtherSeedOtherSet() {
    ImageDataset src = noiseDigits(50, 3);
    StackedMnist.Stacked a = StackedMnist.build(src, 300, new Rng(11));
    StackedMnist.Stacked b = StackedMnist.build(src, 300, new Rng(11));
    StackedMnist.Stacked c = StackedMnist.build(src, 300, new Rng(12));
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.pixels(), b.pixels());
    assertFalse(Arrays.equals(a.labels(), c.labels()));
    assertFalse(Arrays.equals(a.pixels(), c.pixels()));
  }

  @Test
  void theProtocolsSampleCountCoversEveryModeAboutEvenly() {
    // One image per digit: each of the 1,000 modes has probability 1/1000, about 26 samples each.
    ImageDataset src = noiseDigits(10, 4);
    int n = StackedMnist.PROTOCOL_SAMPLES;
    StackedMnist.Stacked s = StackedMnist.build(src, n, new Rng(5));
    int[] counts = new int[1000];
    for (int label : s.labels()) {
      counts[label]++;
    }
    int min = Arrays.stream(counts).min().orElseThrow();
    int max = Arrays.stream(counts).max().orElseThrow();
    // Poisson(26): the extremes of 1,000 draws lie within about 26 ± 3.5 sd (sd 5.1).
    assertTrue(min >= 6 && max <= 50, "mode counts range " + min + ".." + max);
    // Each channel's digit is uniform and independent of the others: check each position's
    // marginal.
    for (int position = 0; position < 3; position++) {
      int[] digit = new int[10];
      int scale = position == 0 ? 100 : position == 1 ? 10 : 1;
      for (int label : s.labels()) {
        digit[label / scale % 10]++;
      }
      for (int d = 0; d < 10; d++) {
        assertEquals(n / 10.0, digit[d], 5 * Math.sqrt(n * 0.09), "position " + position);
      }
    }
  }

  @Test
  void rejectsBadSampleCountsAndSourcesThatAreNotDigits() {
    ImageDataset src = noiseDigits(10, 6);
    for (int n : new int[] {0, -1, StackedMnist.MAX_SAMPLES + 1}) {
      InvalidConfigException e =
          assertThrows(InvalidConfigException.class, () -> StackedMnist.build(src, n, new Rng(1)));
      assertTrue(e.getMessage().contains("sample count n"), e.getMessage());
    }
    ImageDataset small = new ImageDataset("small", 2, 14, 14, new float[2 * 196], new byte[2]);
    DataException e =
        assertThrows(DataException.class, () -> StackedMnist.build(small, 1, new Rng(1)));
    assertTrue(e.getMessage().contains("28 x 28"), e.getMessage());
    ImageDataset letters = noiseDigits(12, 7);
    letters.labels()[11] = 10;
    e = assertThrows(DataException.class, () -> StackedMnist.build(letters, 1, new Rng(1)));
    assertTrue(e.getMessage().contains("label 10"), e.getMessage());
  }

  @Test
  void stackedRecordChecksItsArrays() {
    assertThrows(IllegalArgumentException.class,
        () -> new StackedMnist.Stacked(1, new float[10], new int[1]));
    assertThrows(IllegalArgumentException.class,
        () -> new StackedMnist.Stacked(1, new float[StackedMnist.SAMPLE_DIM], new int[] {1000}));
  }
}
