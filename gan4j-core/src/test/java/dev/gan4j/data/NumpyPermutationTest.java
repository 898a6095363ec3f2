package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

// Every expected value below was printed by numpy 2.4.6 (python3 on the development machine), e.g.
// python3 -c "import numpy as np; print(np.random.default_rng(0).permutation(10000)[:10])".
class NumpyPermutationTest {
  @Test
  void seedSequenceStateMatchesNumpy() {
    // np.random.SeedSequence(0).generate_state(4, np.uint64)
    assertArrayEquals(
        new long[] {0xdb2cd7e7b0f478beL, 0xabf4641a2c71ba49L, 0x20c6ed6d9d7b8d41L,
            0x2c4099de223c39d4L},
        NumpyPermutation.seedSequenceState(0));
    // np.random.SeedSequence(2**33 + 7).generate_state(4, np.uint64): a two-word seed
    assertArrayEquals(
        new long[] {0xfdac72743c26d975L, 0x8c2bfb300321a3dfL, 0x7e35eddd8c88d37bL,
            0xe04100daad58c5d6L},
        NumpyPermutation.seedSequenceState((1L << 33) + 7));
  }

  @Test
  void rawOutputsMatchPcg64() {
    // np.random.PCG64(0).random_raw(3)
    NumpyPermutation rng = new NumpyPermutation(0);
    assertArrayEquals(
        new long[] {0xa30febcfd9c2825fL, 0x4510bdf882d9d721L, 0x0a7d3da94ecde8b8L},
        new long[] {rng.nextLong(), rng.nextLong(), rng.nextLong()});
  }

  @Test
  void permutationOf10000MatchesNumpy() {
    int[] p = NumpyPermutation.defaultRngPermutation(0, 10_000);
    assertArrayEquals(
        new int[] {3577, 8925, 1634, 485, 4753, 726, 9505, 3650, 4703, 9428}, head(p, 10));
    assertArrayEquals(new int[] {6521, 7246, 4411, 5921, 607}, tail(p, 5));
  }

  @Test
  void successivePermutationsContinueOneStream() {
    // r = np.random.default_rng(0); r.permutation(10000); r.permutation(60000); r.permutation(10000)
    NumpyPermutation rng = new NumpyPermutation(0);
    rng.permutation(10_000);
    int[] train = rng.permutation(60_000);
    int[] test = rng.permutation(10_000);
    assertArrayEquals(
        new int[] {50142, 53894, 4417, 33861, 13101, 26653, 47669, 32869, 3897, 15609},
        head(train, 10));
    assertArrayEquals(new int[] {12972, 22010, 46605, 16055, 43678}, tail(train, 5));
    assertArrayEquals(
        new int[] {1862, 5563, 7525, 3918, 4250, 9759, 5580, 7754, 8960, 6661}, head(test, 10));
    assertArrayEquals(new int[] {3232, 7891, 4402, 2309, 3982}, tail(test, 5));
  }

  @Test
  void otherSeedsAndSizesMatchNumpy() {
    assertArrayEquals(new int[] {2, 4, 3, 0, 1}, NumpyPermutation.defaultRngPermutation(0, 5));
    assertArrayEquals(
        new int[] {38636, 44088, 42448, 60646, 15499, 31316, 60095, 15428, 7674, 33630},
        head(NumpyPermutation.defaultRngPermutation(0, 70_000), 10));
    assertArrayEquals(
        new int[] {59, 21, 56, 18, 33, 42, 50, 27, 92, 71},
        head(NumpyPermutation.defaultRngPermutation(42, 100), 10));
    assertArrayEquals(
        new int[] {917, 74, 383, 401, 549, 586, 636, 192, 301, 411},
        head(NumpyPermutation.defaultRngPermutation((1L << 33) + 7, 1000), 10));
  }

  @Test
  void edgeCases() {
    assertArrayEquals(new int[] {0}, NumpyPermutation.defaultRngPermutation(0, 1));
    assertArrayEquals(new int[0], NumpyPermutation.defaultRngPermutation(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new NumpyPermutation(-1));
    assertThrows(IllegalArgumentException.class, () -> new NumpyPermutation(0).permutation(-1));
  }

  @Test
  void isAPermutation() {
    int[] p = NumpyPermutation.defaultRngPermutation(7, 1000);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] -= i;
    }
    assertArrayEquals(new int[1000], sorted);
  }

  private static int[] head(int[] a, int n) {
    return Arrays.copyOf(a, n);
  }

  private static int[] tail(int[] a, int n) {
    return Arrays.copyOfRange(a, a.length - n, a.length);
  }
}
