package dev.gan4j.data;

/**
 * A bit-exact Java port of {@code numpy.random.default_rng(seed).permutation(n)} (numpy 1.17 and
 * later): {@code SeedSequence(seed)} seeds a {@code PCG64} (XSL-RR 128/64) bit generator, and
 * {@code Generator.permutation} Fisher-Yates-shuffles {@code arange(n)} from the top, drawing each
 * index with numpy's masked rejection sampler ({@code random_interval}) on buffered 32-bit outputs.
 *
 * <p>It exists so that {@code gan4j data fetch} reproduces, byte for byte, dataset files that were
 * shuffled with numpy. One instance is one {@code Generator}: successive {@link #permutation} calls
 * continue its stream, as successive {@code rng.permutation} calls do in Python.
 *
 * <pre>{@code int[] order = NumpyPermutation.defaultRngPermutation(0, 10_000); // rng(0).permutation}</pre>
 */
public final class NumpyPermutation {
  // SeedSequence constants (numpy/random/bit_generator.pyx).
  private static final int POOL_SIZE = 4;
  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;
  private static final int XSHIFT = 16;

  // PCG_DEFAULT_MULTIPLIER_128.
  private static final long MULT_HIGH = 2549297995355413924L;
  private static final long MULT_LOW = 4865540595714422341L;

  private long stateHigh;
  private long stateLow;
  private final long incHigh;
  private final long incLow;
  // numpy's PCG64 hands out 64-bit outputs as two 32-bit halves, low half first.
  private boolean hasUint32;
  private int uint32;

  /** A generator in the state of {@code numpy.random.default_rng(seed)}; seed must be >= 0. */
  public NumpyPermutation(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be >= 0 (as numpy requires), got " + seed);
    }
    long[] words = seedSequenceState(seed);
    // pcg64_set_seed: initstate = words[0]:words[1], initseq = words[2]:words[3] (high:low).
    incHigh = (words[2] << 1) | (words[3] >>> 63);
    incLow = (words[3] << 1) | 1L;
    stateHigh = 0;
    stateLow = 0;
    step();
    long low = stateLow + words[1];
    long carry = Long.compareUnsigned(low, stateLow) < 0 ? 1 : 0;
    stateHigh = stateHigh + words[0] + carry;
    stateLow = low;
    step();
  }

  /** {@code numpy.random.default_rng(seed).permutation(n)}: a shuffled 0..n-1. */
  public static int[] defaultRngPermutation(long seed, int n) {
    return new NumpyPermutation(seed).permutation(n);
  }

  /** The next {@code rng.permutation(n)} from this generator's stream. */
  public int[] permutation(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = randomInterval(i);
      int t = a[j];
      a[j] = a[i];
      a[i] = t;
    }
    return a;
  }

  /** The next raw 64-bit output, as {@code PCG64.random_raw()} gives it. */
  long nextLong() {
    step();
    long x = stateHigh ^ stateLow;
    return Long.rotateRight(x, (int) (stateHigh >>> 58));
  }

  // numpy's random_interval; max < 2^31 here, so only its 32-bit branch is ever taken.
  private int randomInterval(int max) {
    int mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    int value;
    do {
      value = nextInt() & mask;
    } while (value > max);
    return value;
  }

  private int nextInt() {
    if (hasUint32) {
      hasUint32 = false;
      return uint32;
    }
    long next = nextLong();
    hasUint32 = true;
    uint32 = (int) (next >>> 32);
    return (int) next;
  }

  // state = state * MULT + inc (mod 2^128).
  private void step() {
    long low = stateLow * MULT_LOW;
    long high = unsignedMultiplyHigh(stateLow, MULT_LOW) + stateHigh * MULT_LOW
        + stateLow * MULT_HIGH;
    long sumLow = low + incLow;
    long carry = Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0;
    stateHigh = high + incHigh + carry;
    stateLow = sumLow;
  }

  // Math.unsignedMultiplyHigh arrived in Java 18.
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** {@code SeedSequence(seed).generate_state(4, np.uint64)}. */
  static long[] seedSequenceState(long seed) {
    // The entropy as little-endian 32-bit words; 0 is the single word [0].
    int[] entropy = (seed >>> 32) == 0 ? new int[] {(int) seed} : new int[] {(int) seed,
        (int) (seed >>> 32)};
    int[] pool = new int[POOL_SIZE];
    int[] hashConst = {INIT_A};
    for (int i = 0; i < POOL_SIZE; i++) {
      pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
    }
    for (int src = 0; src < POOL_SIZE; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        if (src != dst) {
          pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
        }
      }
    }
    // A long has at most two words, fewer than the pool, so no entropy is left to fold in.
    int[] state = new int[8];
    int h = INIT_B;
    for (int i = 0; i < state.length; i++) {
      int v = pool[i % POOL_SIZE];
      v ^= h;
      h *= MULT_B;
      v *= h;
      v ^= v >>> XSHIFT;
      state[i] = v;
    }
    long[] words = new long[4];
    for (int i = 0; i < 4; i++) {
      words[i] = (state[2 * i] & 0xffffffffL) | ((long) state[2 * i + 1] << 32);
    }
    return words;
  }

  private static int hashmix(int value, int[] hashConst) {
    value ^= hashConst[0];
    hashConst[0] *= MULT_A;
    value *= hashConst[0];
    value ^= value >>> XSHIFT;
    return value;
  }

  private static int mix(int x, int y) {
    int result = MIX_MULT_L * x - MIX_MULT_R * y;
    result ^= result >>> XSHIFT;
    return result;
  }
}
