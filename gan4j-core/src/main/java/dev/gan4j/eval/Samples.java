package dev.gan4j.eval;

import java.util.Arrays;

/**
 * A set of points that a metric compares: {@code count} rows of {@code dim} values each, stored row-major
 * in one float array. Rows are feature vectors, flattened images, class probabilities or 2-D coordinates,
 * depending on the metric.
 *
 * <p>The array is not copied (sample sets are large); callers must not change it while a metric runs.
 * Every value must be finite: a NaN from a diverged generator would otherwise turn into a plausible but
 * meaningless score.
 *
 * <pre>{@code Samples fake = Samples.of(features, 128);}</pre>
 *
 * @param count number of rows, at least 1
 * @param dim values per row, at least 1
 * @param values {@code count * dim} values, row after row
 */
public record Samples(int count, int dim, float[] values) {
  public Samples {
    if (count < 1) {
      throw new IllegalArgumentException("Samples need at least one row, got count = " + count);
    }
    if (dim < 1) {
      throw new IllegalArgumentException("Samples need at least one value per row, got dim = " + dim);
    }
    if (values == null || (long) count * dim != values.length) {
      throw new IllegalArgumentException(
          "Samples of "
              + count
              + " rows x "
              + dim
              + " values need "
              + (long) count * dim
              + " values, got "
              + (values == null ? "null" : values.length));
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "Samples value " + values[i] + " at row " + i / dim + ", column " + i % dim + " is not finite");
      }
    }
  }

  /** Rows of {@code dim} values taken from {@code values}, whose length must be a multiple of dim. */
  public static Samples of(float[] values, int dim) {
    if (values == null || dim < 1 || values.length % dim != 0) {
      throw new IllegalArgumentException(
          "need a non-empty array whose length is a multiple of dim = " + dim);
    }
    return new Samples(values.length / dim, dim, values);
  }

  /** A copy of the first {@code n} rows, {@code 1 <= n <= count}. */
  public Samples head(int n) {
    if (n < 1 || n > count) {
      throw new IllegalArgumentException("head(n) needs 1 <= n <= " + count + ", got " + n);
    }
    return new Samples(n, dim, Arrays.copyOf(values, n * dim));
  }
}
