package dev.gan4j.eval;

import dev.gan4j.Rng;

/** Sample sets shared by the metric tests. */
final class EvalFixtures {
  private EvalFixtures() {}

  /** {@code count} rows of N(mean, 1) in each of {@code dim} coordinates. */
  static Samples gaussian(int count, int dim, double mean, long seed) {
    float[] v = new float[count * dim];
    new Rng(seed).fillGaussian(v);
    for (int i = 0; i < v.length; i++) {
      v[i] += (float) mean;
    }
    return new Samples(count, dim, v);
  }

  /** One-hot probability rows, row i on class {@code classOf[i]}. */
  static Samples oneHot(int[] classOf, int classes) {
    float[] v = new float[classOf.length * classes];
    for (int i = 0; i < classOf.length; i++) {
      v[i * classes + classOf[i]] = 1f;
    }
    return new Samples(classOf.length, classes, v);
  }

  /** Squared distance between row i of a and row j of b, in double. */
  static double squaredDistance(Samples a, int i, Samples b, int j) {
    double s = 0;
    for (int c = 0; c < a.dim(); c++) {
      double diff = (double) a.values()[i * a.dim() + c] - b.values()[j * b.dim() + c];
      s += diff * diff;
    }
    return s;
  }
}
