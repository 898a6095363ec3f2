package dev.gan4j;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The upper bounds gan4j checks before it allocates anything, and the memory it may count on. A
 * value past a bound is an {@link InvalidConfigException} naming the field, the value and the
 * bound, raised while a config is validated, before any array or tensor exists (issue 14: every bad
 * value an exit 2, before any allocation).
 *
 * <p>The bounds are far above every preset, test and documented example (the largest: batch 512,
 * widths 1,200, latent 100, 2,500-point sample grids, 26,000 evaluation samples, 100,000 mixture
 * points) and low enough that products of them stay within a {@code long} and a config cannot ask
 * for one array larger than the JVM allows.
 *
 * <pre>{@code if (batch > Limits.MAX_BATCH_SIZE) throw new InvalidConfigException(...);}</pre>
 */
public final class Limits {
  /** {@code loop.batchSize} ≤ 65,536 (the presets use 64 to 512). */
  public static final int MAX_BATCH_SIZE = 65_536;

  /**
   * Every entry of {@code hidden} (units or channels per layer) ≤ 65,536 (the presets: ≤ 1,200).
   */
  public static final int MAX_WIDTH = 65_536;

  /** {@code model.latentDim} ≤ 65,536 (the presets: 2 to 100). */
  public static final int MAX_LATENT_DIM = 65_536;

  /**
   * {@code output.gridSamples}, the samples of each training picture, ≤ 4,096 (the presets: ≤
   * 2,500).
   */
  public static final int MAX_GRID_SAMPLES = 4_096;

  /**
   * Samples one evaluation or one {@code gan4j sample} call may ask for: {@code eval.samples}
   * ({@code --eval-n}), {@code gan4j eval --n} and {@code gan4j sample --n}, ≤ 1,000,000 (protocols
   * use 2,500 to 26,000).
   */
  public static final int MAX_SAMPLES = 1_000_000;

  /** {@code data.size}, the points of a 2-D mixture or stacks of Stacked MNIST, ≤ 10,000,000. */
  public static final int MAX_DATA_SIZE = 10_000_000;

  /**
   * Other counts that size a tensor ({@code model.minibatchKernels}, {@code
   * sampling.criticFeatures}), ≤ 65,536.
   */
  public static final int MAX_COUNT = 65_536;

  /** Image files one {@code folder:} dataset may hold, ≤ 10,000,000 (as {@link #MAX_DATA_SIZE}). */
  public static final int MAX_IMAGES = 10_000_000;

  /**
   * Characters in one line of a CSV sample file, ≤ 16,777,216 (a 3 × 512 × 512 image at ten
   * characters a value is 7.9 million): a file without line breaks is refused, not read whole.
   */
  public static final int MAX_CSV_LINE = 1 << 24;

  /** The most elements one Java array holds on common JVMs. */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Limits() {}

  /** Rejects {@code value} above {@code max}: "FIELD must be <= MAX, got VALUE". */
  public static void atMost(long value, long max, String field) {
    if (value > max) {
      throw new InvalidConfigException(String.format(Locale.ROOT, "%s must be <= %,d, got %,d",
          field, max, value));
    }
  }

  /**
   * The most heap this JVM may grow to ({@code -Xmx}, through {@code GAN4J_JAVA_OPTS} for ./gan4j).
   */
  public static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * The most bytes of values a reader may load from one file or folder (IDX, .npy, CSV, an image
   * folder): a fifth of the maximum heap, since a reader may hold the raw bytes and their float32
   * copy at once, and never more than one Java array. Checked before the values are allocated; past
   * it, the reader's {@code DataException} suggests a larger {@code -Xmx}.
   */
  public static long maxLoadBytes() {
    return Math.min(MAX_ARRAY, maxHeap() / 5);
  }

  /**
   * The memory of this machine, or of its container when one limits it: the sane ceiling for what
   * the engine allocates outside the heap. {@code Long.MAX_VALUE} when the JVM cannot tell.
   */
  public static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long total = os.getTotalMemorySize();
      return total > 0 ? total : Long.MAX_VALUE;
    }
    return Long.MAX_VALUE;
  }

  /** A byte count for people: {@code 512 B}, {@code 3.1 MiB}, {@code 2.0 GiB}, {@code 1.5 TiB}. */
  public static String bytes(double n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (n >= 1024 && u < units.length - 1) {
      n /= 1024;
      u++;
    }
    return u == 0 ? String.format(Locale.ROOT, "%.0f B", n) : String.format(Locale.ROOT, "%.1f %s",
        n, units[u]);
  }
}
