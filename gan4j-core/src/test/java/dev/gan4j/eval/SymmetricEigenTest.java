package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  static double[] randomSymmetric(int n, long seed) {
    Rng rng = new Rng(seed);
    double[] m = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        m[i * n + j] = rng.nextDouble() * 2 - 1;
        m[j * n + i] = m[i * n + j];
      }
    }
    return m;
  }

  static double[] multiply(double[] x, double[] y, int n) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += x[i * n + k] * y[k * n + j];
        }
        out[i * n + j] = s;
      }
    }
    return out;
  }

  @Test
  void decompositionReconstructsARandomSymmetricMatrixWithOrthonormalVectors() {
    for (int n : new int[] {1, 2, 7, 40}) {
      double[] m = randomSymmetric(n, n);
      SymmetricEigen.Decomposition e = SymmetricEigen.decompose(m, n);
      double[] v = e.vectors();
      double[] rebuilt = new double[n * n];
      double[] gram = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          double s = 0;
          double g = 0;
          for (int j = 0; j < n; j++) {
            s += v[i * n + j] * e.values()[j] * v[k * n + j];
            g += v[j * n + i] * v[j * n + k];
          }
          rebuilt[i * n + k] = s;
          gram[i * n + k] = g;
        }
      }
      assertArrayEquals(m, rebuilt, 1e-12, "n = " + n);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          assertEquals(i == k ? 1 : 0, gram[i * n + k], 1e-12);
        }
      }
      for (int j = 1; j < n; j++) {
        assertTrue(e.values()[j - 1] >= e.values()[j], "eigenvalues descend");
      }
    }
  }

  @Test
  void knownTwoByTwoHasEigenvaluesThreeAndOne() {
    SymmetricEigen.Decomposition e = SymmetricEigen.decompose(new double[] {2, 1, 1, 2}, 2);
    assertArrayEquals(new double[] {3, 1}, e.values(), 1e-14);
    double r = Math.sqrt(0.5);
    assertEquals(r, Math.abs(e.vectors()[0]), 1e-14);
    assertEquals(e.vectors()[0], e.vectors()[2], 1e-14); // (1, 1)/√2 for eigenvalue 3
  }

  @Test
  void psdSquareRootSquaresBackToTheMatrix() {
    int n = 12;
    double[] a = randomSymmetric(n, 99);
    double[] m = multiply(a, a, n); // A Aᵀ with A symmetric: positive semi-definite
    double[] root = SymmetricEigen.sqrtPsd(m, n);
    assertArrayEquals(m, multiply(root, root, n), 1e-11);
    SymmetricEigen.Decomposition e = SymmetricEigen.decompose(root, n);
    assertTrue(e.values()[n - 1] > -1e-12, "the root is PSD");
  }

  @Test
  void psdSquareRootTreatsNegativeEigenvaluesAsZero() {
    assertArrayEquals(
        new double[] {2, 0, 0, 0}, SymmetricEigen.sqrtPsd(new double[] {4, 0, 0, -1}, 2), 1e-15);
  }

  @Test
  void rejectsNonSymmetricWrongSizedAndNonFiniteMatrices() {
    assertThrows(
        IllegalArgumentException.class, () -> SymmetricEigen.decompose(new double[] {1, 2, 3, 4}, 2));
    assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.decompose(new double[3], 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> SymmetricEigen.decompose(new double[] {Double.NaN}, 1));
  }
}
