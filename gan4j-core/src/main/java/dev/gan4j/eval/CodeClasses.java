package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.data.StackedMnist;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well an InfoGAN's first categorical code, learned without labels, picks out the classes the
 * evaluation classifier ({@link EvalClassifier}) sees. Each generated sample carries the category of
 * the code it was drawn with ({@link EvalSet#labels()}); the classifier names a class for each. From
 * the table of counts (code value × predicted class):
 *
 * <ul>
 *   <li>{@code accuracy}: the fraction of samples whose predicted class is the one their code value
 *       is mapped to, under the one-to-one map from code values to classes that makes this largest
 *       (the Hungarian method). Chen et al. 2016 report 5% error (0.95) on MNIST this way. Higher
 *       is better.
 *   <li>{@code purity}: the same when each code value may map to any class (its most frequent one):
 *       at least {@code accuracy}; the two differ when two code values share a class.
 *   <li>{@code mutual_information}: between code value and predicted class, in nats (at most ln 10
 *       = 2.303 for ten classes and ten values).
 *   <li>{@code class_v}: the class code value v is mapped to (-1 when there are more values than
 *       classes and v is left out).
 * </ul>
 *
 * <p>Measuring the labelled test split with its labels in place of code values gives the reference:
 * the classifier's own accuracy, the ceiling a generator's code can reach through it.
 *
 * <pre>{@code CodeClasses.Result r = CodeClasses.compute(generated);}</pre>
 */
public final class CodeClasses {
  /** The metric's name. */
  public static final String NAME = "codes";

  private CodeClasses() {}

  /**
   * The measurements.
   *
   * @param accuracy under the best one-to-one map from code values to classes
   * @param purity under the best many-to-one map
   * @param mutualInformation between code value and predicted class, nats
   * @param assignment the class of each code value under the one-to-one map (-1: none)
   */
  public record Result(
      double accuracy, double purity, double mutualInformation, int[] assignment) {}

  /**
   * Measures {@code generated} (embedded, each sample with the category of its code).
   *
   * @throws InvalidConfigException when the samples carry no code values
   */
  public static Result compute(EvalSet generated) {
    if (!generated.labelled()) {
      throw new InvalidConfigException("metric '" + NAME + "' needs the code value each sample was"
          + " drawn with: evaluate an InfoGAN run (model.family infogan with a categorical code)");
    }
    if (!generated.embedded()) {
      throw new IllegalArgumentException("metric '" + NAME + "' reads the classifier's views");
    }
    Samples p = generated.probabilities();
    int classes = p.dim();
    int[] codes = generated.labels();
    int values = Arrays.stream(codes).max().orElse(0) + 1;
    long[][] counts = new long[values][classes];
    for (int i = 0; i < codes.length; i++) {
      counts[codes[i]][ClassConditional.predicted(p, i)]++;
    }
    return fromCounts(counts);
  }

  /** The measurements from a table of counts, code value × predicted class. */
  static Result fromCounts(long[][] counts) {
    int values = counts.length;
    int classes = counts[0].length;
    long total = 0;
    long pure = 0;
    long[] rowSum = new long[values];
    long[] colSum = new long[classes];
    for (int v = 0; v < values; v++) {
      long best = 0;
      for (int c = 0; c < classes; c++) {
        total += counts[v][c];
        rowSum[v] += counts[v][c];
        colSum[c] += counts[v][c];
        best = Math.max(best, counts[v][c]);
      }
      pure += best;
    }
    int[] assignment = bestAssignment(counts);
    long matched = 0;
    for (int v = 0; v < values; v++) {
      if (assignment[v] >= 0) {
        matched += counts[v][assignment[v]];
      }
    }
    double mi = 0;
    for (int v = 0; v < values; v++) {
      for (int c = 0; c < classes; c++) {
        if (counts[v][c] > 0) {
          double pvc = (double) counts[v][c] / total;
          mi += pvc * Math.log(pvc * total * total / ((double) rowSum[v] * colSum[c]));
        }
      }
    }
    return new Result((double) matched / total, (double) pure / total, Math.max(0, mi), assignment);
  }

  /**
   * The one-to-one map from rows to columns with the largest sum of counts (each row to a distinct
   * column, or -1 when there are more rows than columns), by the Hungarian method with potentials,
   * O(r² c) for r ≤ c.
   */
  static int[] bestAssignment(long[][] counts) {
    int rows = counts.length;
    int cols = counts[0].length;
    if (rows > cols) {
      // Assign columns to rows instead, then invert.
      long[][] t = new long[cols][rows];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          t[c][r] = counts[r][c];
        }
      }
      int[] byColumn = bestAssignment(t);
      int[] out = new int[rows];
      Arrays.fill(out, -1);
      for (int c = 0; c < cols; c++) {
        out[byColumn[c]] = c;
      }
      return out;
    }
    // Minimise -count; 1-based arrays, column 0 a sentinel (the textbook formulation).
    double[] u = new double[rows + 1];
    double[] w = new double[cols + 1];
    int[] owner = new int[cols + 1];
    int[] way = new int[cols + 1];
    for (int r = 1; r <= rows; r++) {
      owner[0] = r;
      int j0 = 0;
      double[] minv = new double[cols + 1];
      boolean[] used = new boolean[cols + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      do {
        used[j0] = true;
        int i0 = owner[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= cols; j++) {
          if (!used[j]) {
            double cur = -counts[i0 - 1][j - 1] - u[i0] - w[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= cols; j++) {
          if (used[j]) {
            u[owner[j]] += delta;
            w[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (owner[j0] != 0);
      do {
        int j1 = way[j0];
        owner[j0] = owner[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] out = new int[rows];
    Arrays.fill(out, -1);
    for (int j = 1; j <= cols; j++) {
      if (owner[j] != 0) {
        out[owner[j] - 1] = j - 1;
      }
    }
    return out;
  }

  /**
   * The metric {@value #NAME}: {@code accuracy}, {@code purity}, {@code mutual_information}, then
   * {@code class_v} for each code value v; the test split with its labels as the reference. It
   * applies to InfoGAN runs with a categorical code on image datasets the classifier classifies one
   * class per image (not Stacked MNIST).
   */
  public static GanMetric metric() {
    return new Metric();
  }

  private static final class Metric extends PerImageClassMetric {
    Metric() {
      super(NAME, "InfoGAN: classifier accuracy of the first categorical code's values under the"
          + " best code-to-class map (higher); InfoGAN runs only", "test split, labels as code values");
    }

    @Override
    public boolean needsCodes() {
      return true;
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      Result r = CodeClasses.compute(generated);
      Map<String, Double> v = new LinkedHashMap<>();
      v.put("accuracy", r.accuracy());
      v.put("purity", r.purity());
      v.put("mutual_information", r.mutualInformation());
      for (int c = 0; c < r.assignment().length; c++) {
        v.put("class_" + c, (double) r.assignment()[c]);
      }
      return v;
    }
  }
}
