package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CodeClasses}: the best code-to-class map, purity and mutual information from counts. */
class CodeClassesTest {
  // The largest matched sum over every one-to-one map, by brute force (rows <= cols <= 7).
  private static long bruteForce(long[][] counts, int row, boolean[] used) {
    if (row == counts.length) {
      return 0;
    }
    long best = Long.MIN_VALUE;
    for (int c = 0; c < counts[0].length; c++) {
      if (!used[c]) {
        used[c] = true;
        best = Math.max(best, counts[row][c] + bruteForce(counts, row + 1, used));
        used[c] = false;
      }
    }
    return best;
  }

  private static long matched(long[][] counts, int[] assignment) {
    long sum = 0;
    boolean[] seen = new boolean[counts[0].length];
    for (int r = 0; r < counts.length; r++) {
      if (assignment[r] >= 0) {
        assertTrue(!seen[assignment[r]], "column " + assignment[r] + " used twice");
        seen[assignment[r]] = true;
        sum += counts[r][assignment[r]];
      }
    }
    return sum;
  }

  @Test
  void theHungarianMapMatchesBruteForceOnRandomTables() {
    Rng rng = new Rng(7);
    for (int trial = 0; trial < 200; trial++) {
      int rows = 1 + rng.nextInt(7);
      int cols = rows + rng.nextInt(8 - rows);
      long[][] counts = new long[rows][cols];
      for (long[] row : counts) {
        for (int c = 0; c < cols; c++) {
          row[c] = rng.nextInt(50);
        }
      }
      int[] a = CodeClasses.bestAssignment(counts);
      assertEquals(bruteForce(counts, 0, new boolean[cols]), matched(counts, a),
          "trial " + trial + ": " + Arrays.deepToString(counts));
      // More rows than columns: every column used once, the rest left out.
      long[][] t = new long[cols][rows];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          t[c][r] = counts[r][c];
        }
      }
      int[] b = CodeClasses.bestAssignment(t);
      assertEquals(bruteForce(counts, 0, new boolean[cols]), matched(t, b));
      assertEquals(cols - rows, Arrays.stream(b).filter(x -> x < 0).count());
    }
  }

  @Test
  void aPermutedCodeIsFullyAccurateAndTwoValuesOnOneClassAreNot() {
    long[][] permuted = new long[10][10];
    for (int v = 0; v < 10; v++) {
      permuted[v][(v + 3) % 10] = 100;
    }
    CodeClasses.Result r = CodeClasses.fromCounts(permuted);
    assertEquals(1.0, r.accuracy(), 1e-12);
    assertEquals(1.0, r.purity(), 1e-12);
    assertEquals(Math.log(10), r.mutualInformation(), 1e-9);
    assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9, 0, 1, 2}, r.assignment());

    // Values 0 and 1 both make class 3 (class 4 never appears): purity stays 1, a one-to-one map
    // must give one of them away.
    permuted[1][4] = 0;
    permuted[1][3] = 100;
    CodeClasses.Result merged = CodeClasses.fromCounts(permuted);
    assertEquals(1.0, merged.purity(), 1e-12);
    assertEquals(0.9, merged.accuracy(), 1e-12);
    assertTrue(merged.mutualInformation() < Math.log(10));
  }

  @Test
  void aCodeTheClassIgnoresCarriesNoInformation() {
    long[][] flat = new long[4][10];
    for (long[] row : flat) {
      Arrays.fill(row, 25);
    }
    CodeClasses.Result r = CodeClasses.fromCounts(flat);
    assertEquals(0.0, r.mutualInformation(), 1e-12);
    assertEquals(0.1, r.accuracy(), 1e-12);
  }

  @Test
  void computeReadsTheClassifiersChoiceAndRefusesSamplesWithoutCodes() {
    // Three samples per code value 0..2; the "classifier" puts value v at class 2 - v.
    int n = 9;
    float[] probs = new float[n * 3];
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      codes[i] = i % 3;
      probs[i * 3 + (2 - codes[i])] = 1f;
    }
    Samples p = new Samples(n, 3, probs);
    Samples raw = new Samples(n, 1, new float[n]);
    EvalSet set = new EvalSet(raw, p, p, codes);
    CodeClasses.Result r = CodeClasses.compute(set);
    assertArrayEquals(new int[] {2, 1, 0}, r.assignment());
    assertEquals(1.0, r.accuracy(), 1e-12);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> CodeClasses.compute(new EvalSet(raw, p, p)));
    assertTrue(e.getMessage().contains("InfoGAN"), e.getMessage());
  }

  @Test
  void metricsOfferCodesForInfoGanSamplesOnly() {
    assertTrue(Metrics.parse("all", "mnist", true, false, true).stream()
        .anyMatch(m -> m.name().equals("codes")));
    assertTrue(Metrics.parse("all", "mnist", true, false, false).stream()
        .noneMatch(m -> m.name().equals("codes")));
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> Metrics.parse("codes", "mnist", true, true, false));
    assertTrue(e.getMessage().contains("needs an InfoGAN run"), e.getMessage());
    assertEquals(List.of(), Metrics.parse("all", "stacked-mnist", true, false, true).stream()
        .filter(m -> m.name().equals("codes")).toList());
  }
}
