package dev.gan4j.data;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.data.ImageDatasets.ImageDataset;

/**
 * Stacked MNIST, the 1,000-mode benchmark of Metz et al. 2017 ("Unrolled Generative Adversarial
 * Networks") as used by VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018): three MNIST
 * digits drawn independently and uniformly, stacked as the three channels of one 3 × 28 × 28 image.
 * The image's mode is its three digits read as a number, {@code 100 · d0 + 10 · d1 + d2} with d0
 * the digit in channel 0, so there are 1,000 modes. {@code dev.gan4j.eval.StackedMnistModes}
 * measures how many of them a generator reaches.
 *
 * <p>A sample is {@value #SAMPLE_DIM} floats, channel-major: channel c of sample i is the 784
 * values from {@code i * 2352 + c * 784}, each channel a row-major 28 × 28 digit in [-1, 1] exactly
 * as in the source dataset.
 *
 * <pre>{@code ImageDatasets.ImageDataset digits = ImageDatasets.load("mnist", dir, Split.TRAIN);
 * StackedMnist.Stacked s = StackedMnist.build(digits, 26_000, new Rng(seed));}</pre>
 */
public final class StackedMnist {
  /** The name the benchmark goes by. */
  public static final String NAME = "stacked-mnist";

  /** Digits stacked in one image. */
  public static final int CHANNELS = 3;

  /** The side of each digit. */
  public static final int SIDE = 28;

  /** Values in one channel: a 28 × 28 digit. */
  public static final int CHANNEL_DIM = SIDE * SIDE;

  /** Values in one stacked sample: 3 × 28 × 28. */
  public static final int SAMPLE_DIM = CHANNELS * CHANNEL_DIM;

  /** The number of modes: every combination of three digits. */
  public static final int MODES = 1000;

  /**
   * Samples VEEGAN's and PacGAN's mode counts are measured on (PacGAN measured 26,000); counts at
   * other sample sizes do not compare.
   */
  public static final int PROTOCOL_SAMPLES = 26_000;

  /** The most samples whose pixels fit one Java array. */
  public static final int MAX_SAMPLES = (Integer.MAX_VALUE - 8) / SAMPLE_DIM;

  private static final int DIGITS = 10;

  private StackedMnist() {}

  /**
   * A set of stacked samples.
   *
   * @param count the number of samples
   * @param pixels {@code count × 3 × 784} values, channel-major per sample, in [-1, 1]
   * @param labels each sample's mode, {@code 100 · d0 + 10 · d1 + d2}, in 0..999
   */
  public record Stacked(int count, float[] pixels, int[] labels) {
    /** Checks that the arrays hold exactly {@code count} samples and that the labels are modes. */
    public Stacked {
      if (count < 1 || pixels == null || labels == null
          || pixels.length != (long) count * SAMPLE_DIM || labels.length != count) {
        throw new IllegalArgumentException("stacked MNIST of " + count + " samples needs "
            + (long) count * SAMPLE_DIM + " pixel values and " + count + " labels, got "
            + (pixels == null ? "none" : pixels.length) + " and "
            + (labels == null ? "none" : labels.length));
      }
      for (int i = 0; i < count; i++) {
        if (labels[i] < 0 || labels[i] >= MODES) {
          throw new IllegalArgumentException(
              "label " + labels[i] + " of sample " + i + " is outside 0.." + (MODES - 1));
        }
      }
    }
  }

  /**
   * Draws {@code n} stacked samples from {@code mnist}: for each sample, in order, three source
   * indices uniform over the dataset and independent ({@code rng.nextInt(count)} for channels 0, 1,
   * 2), so the same seed gives the same set. The protocol measures {@value #PROTOCOL_SAMPLES}
   * samples.
   *
   * @param mnist 28 × 28 digits labelled 0..9, pixels in [-1, 1] (e.g. a split of {@code mnist})
   * @param n how many samples, 1..{@value #MAX_SAMPLES}
   * @throws InvalidConfigException if {@code n} is out of range
   * @throws DataException if the images are not 28 × 28 or a label is not a digit
   */
  public static Stacked build(ImageDataset mnist, int n, Rng rng) {
    if (n < 1 || n > MAX_SAMPLES) {
      throw new InvalidConfigException("stacked MNIST sample count n must be in 1.." + MAX_SAMPLES
          + " (n × 3 × 784 values fit one array), got " + n);
    }
    checkDigits(mnist);
    float[] pixels = new float[n * SAMPLE_DIM];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int label = 0;
      for (int c = 0; c < CHANNELS; c++) {
        int src = rng.nextInt(mnist.count());
        int to = i * SAMPLE_DIM + c * CHANNEL_DIM;
        System.arraycopy(mnist.pixels(), src * CHANNEL_DIM, pixels, to, CHANNEL_DIM);
        label = label * DIGITS + mnist.labels()[src];
      }
      labels[i] = label;
    }
    return new Stacked(n, pixels, labels);
  }

  /**
   * Channel {@code channel} of each of {@code n} stacked samples, as {@code n} row-major 28 × 28
   * images (a copy).
   *
   * @param samples {@code n × 3 × 784} values, channel-major per sample
   */
  public static float[] channel(float[] samples, int n, int channel) {
    if (n < 1 || samples == null || samples.length != (long) n * SAMPLE_DIM) {
      throw new IllegalArgumentException("expected " + n + " stacked samples of " + SAMPLE_DIM
          + " values, got " + (samples == null ? "none" : samples.length + " values"));
    }
    if (channel < 0 || channel >= CHANNELS) {
      throw new IllegalArgumentException("channel must be 0, 1 or 2, got " + channel);
    }
    float[] out = new float[n * CHANNEL_DIM];
    for (int i = 0; i < n; i++) {
      System.arraycopy(samples, i * SAMPLE_DIM + channel * CHANNEL_DIM, out, i * CHANNEL_DIM,
          CHANNEL_DIM);
    }
    return out;
  }

  private static void checkDigits(ImageDataset d) {
    if (d.rows() != SIDE || d.cols() != SIDE) {
      throw new DataException(d.name() + ": stacked MNIST stacks 28 x 28 digits, got " + d.rows()
          + " x " + d.cols() + " images");
    }
    for (int i = 0; i < d.count(); i++) {
      if (d.labels()[i] < 0 || d.labels()[i] >= DIGITS) {
        throw new DataException(d.name() + ": label " + d.labels()[i] + " at image " + i
            + " is not a digit 0..9");
      }
    }
  }
}
