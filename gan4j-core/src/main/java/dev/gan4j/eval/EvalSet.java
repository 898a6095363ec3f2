package dev.gan4j.eval;

/**
 * One set of samples as the metrics see it: the raw values (flattened images in [-1, 1], or 2-D
 * points), for images what the evaluation classifier makes of them, and, when known, the class of
 * each sample: a real image's label, or the class a conditional generator was asked for.
 *
 * <pre>{@code EvalSet gen = EvalSet.points(Samples.of(xy, 2));}</pre>
 *
 * @param raw the samples themselves
 * @param features the classifier's penultimate-layer vectors, or null for points
 * @param probabilities the classifier's class probabilities, or null for points
 * @param labels one class per sample (real data: its label; a conditional generator's samples: the
 *     class asked for), or null when the samples have none
 */
public record EvalSet(Samples raw, Samples features, Samples probabilities, int[] labels) {
  /** Checks that every view, and the labels when present, have one row per sample. */
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
    if (labels != null) {
      if (labels.length != raw.count()) {
        throw new IllegalArgumentException(
            raw.count() + " samples but " + labels.length + " labels");
      }
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0) {
          throw new IllegalArgumentException("label " + labels[i] + " of sample " + i
              + " is negative");
        }
      }
    }
  }

  /** A set without labels. */
  public EvalSet(Samples raw, Samples features, Samples probabilities) {
    this(raw, features, probabilities, null);
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

  /** Whether each sample's class is known. */
  public boolean labelled() {
    return labels != null;
  }

  /** The same samples with one class each (see {@link #labels()}); the array is not copied. */
  public EvalSet withLabels(int[] classes) {
    return new EvalSet(raw, features, probabilities, classes);
  }

  /** The first {@code n} samples (all when n >= count). */
  public EvalSet head(int n) {
    if (n >= count()) {
      return this;
    }
    return new EvalSet(
        raw.head(n), features == null ? null : features.head(n),
        probabilities == null ? null : probabilities.head(n),
        labels == null ? null : java.util.Arrays.copyOf(labels, n));
  }
}
