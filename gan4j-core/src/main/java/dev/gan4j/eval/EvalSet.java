package dev.gan4j.eval;

/**
 * One set of samples as the metrics see it: the raw values (flattened images in [-1, 1], or 2-D points)
 * and, for images, what the evaluation classifier makes of them.
 *
 * <pre>{@code EvalSet gen = EvalSet.points(Samples.of(xy, 2));}</pre>
 *
 * @param raw the samples themselves
 * @param features the classifier's penultimate-layer vectors, or null for points
 * @param probabilities the classifier's class probabilities, or null for points
 */
public record EvalSet(Samples raw, Samples features, Samples probabilities) {
  /** Checks that every view has one row per sample. */
  public EvalSet {
    if (raw == null) {
      throw new IllegalArgumentException("an evaluation set needs its raw samples");
    }
    if ((features == null) != (probabilities == null)) {
      throw new IllegalArgumentException("features and probabilities come together");
    }
    if (features != null
        && (features.count() != raw.count() || probabilities.count() != raw.count())) {
      throw new IllegalArgumentException("features, probabilities and samples differ in count");
    }
  }

  /** A set of points (or any samples) without classifier views. */
  public static EvalSet points(Samples raw) {
    return new EvalSet(raw, null, null);
  }

  /** The number of samples. */
  public int count() {
    return raw.count();
  }

  /** Whether the classifier views are present. */
  public boolean embedded() {
    return features != null;
  }

  /** The first {@code n} samples (all when n >= count). */
  public EvalSet head(int n) {
    if (n >= count()) {
      return this;
    }
    return new EvalSet(
        raw.head(n), features == null ? null : features.head(n),
        probabilities == null ? null : probabilities.head(n));
  }
}
