package dev.gan4j;

/**
 * The seeded random generator behind everything stochastic in a run: initial weights, noise batches,
 * dropout masks, data shuffling and 2-D mixture samples.
 *
 * <p>gan4j does not use PyTorch's process-global generator: its state cannot be saved through DJL, and
 * anything else in the JVM that draws from it would change a run. This generator is xoshiro256** (Blackman
 * and Vigna 2018), seeded through SplitMix64, and its whole state is four longs, so a checkpoint restores it
 * exactly and a resumed run continues the same stream.
 *
 * <pre>{@code Rng rng = new Rng(42); float[] z = new float[64 * 100]; rng.fillGaussian(z);}</pre>
 */
public final class Rng {
  private long s0;
  private long s1;
  private long s2;
  private long s3;

  /** A generator seeded from {@code seed}; equal seeds give equal streams. */
  public Rng(long seed) {
    long x = seed;
    long[] s = new long[4];
    for (int i = 0; i < 4; i++) {
      x += 0x9E3779B97F4A7C15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      s[i] = z ^ (z >>> 31);
    }
    setState(s);
  }

  /** An independent stream derived from {@code seed} and a purpose label, e.g. {@code "noise"}. */
  public static Rng derive(long seed, String purpose) {
    return new Rng(seed * 0x9E3779B97F4A7C15L ^ purpose.hashCode() * 0xC2B2AE3D27D4EB4FL);
  }

  /** The full state, to store in a checkpoint. */
  public long[] state() {
    return new long[] {s0, s1, s2, s3};
  }

  /** Restores a state returned by {@link #state()}. */
  public void setState(long[] s) {
    if (s.length != 4 || (s[0] | s[1] | s[2] | s[3]) == 0) {
      throw new IllegalArgumentException("Rng state must be four longs, not all zero");
    }
    s0 = s[0];
    s1 = s[1];
    s2 = s[2];
    s3 = s[3];
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound), without modulo bias (Lemire's method with rejection). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xFFFFFFFFL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Fills {@code out} with independent N(0, 1) values (Box-Muller, both values of each pair used). */
  public void fillGaussian(float[] out) {
    int i = 0;
    while (i < out.length) {
      double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
      double u2 = nextDouble();
      double r = Math.sqrt(-2.0 * Math.log(u1));
      double a = 2.0 * Math.PI * u2;
      out[i++] = (float) (r * Math.cos(a));
      if (i < out.length) {
        out[i++] = (float) (r * Math.sin(a));
      }
    }
  }

  /** Fills {@code out} with independent U(lo, hi) values. */
  public void fillUniform(float[] out, float lo, float hi) {
    double width = (double) hi - lo;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (lo + width * nextDouble());
    }
  }

  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
