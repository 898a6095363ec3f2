package dev.gan4j.eval;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.data.StackedMnist;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a conditional generator gives the class it is asked for, read through the evaluation
 * classifier ({@link EvalClassifier}), for each class c of the classifier:
 *
 * <ul>
 *   <li>{@code accuracy_c}: the fraction of the samples asked for c whose most probable class (ties
 *       to the lower index) is c; {@code accuracy} the same over all samples. AC-GAN's paper
 *       measures this with an Inception network (Odena et al. 2017, "Conditional Image Synthesis
 *       with Auxiliary Classifier GANs"). Higher is better.
 *   <li>{@code fd_c}: the Fréchet distance ({@link FrechetDistance}) between the classifier
 *       features of the samples asked for c and those of the real images of class c, the
 *       intra-class FID of Miyato and Koyama 2018 ("cGANs with Projection Discriminator") on
 *       gan4j's features; {@code fd_mean} the mean over the classes that have a value. Lower is
 *       better.
 * </ul>
 *
 * <p>A value needs samples of its class: an accuracy at least one, a Fréchet distance at least two
 * on each side; otherwise it is NaN. Measuring the labelled test split in place of generated
 * samples gives the reference: the classifier's own test accuracy per class, and the distance
 * between two real splits of each class.
 *
 * <pre>{@code ClassConditional.Result r = ClassConditional.compute(real.train(), generated);}</pre>
 */
public final class ClassConditional {
  /** The metric's name. */
  public static final String NAME = "conditional";

  private ClassConditional() {}

  /**
   * The measurements, per class of the classifier (index = class).
   *
   * @param accuracy the fraction of all samples classified as the class they were asked for
   * @param classAccuracy per class; NaN for a class with no sample
   * @param classFd per class; NaN where either side has fewer than 2 samples of the class
   * @param meanFd the mean of the finite {@code classFd}, NaN when none is
   */
  public record Result(
      double accuracy, double[] classAccuracy, double[] classFd, double meanFd) {}

  /**
   * Measures {@code generated} (embedded, each sample with the class it was asked for) against the
   * real images of the same classes in {@code real} (embedded and labelled).
   *
   * @throws InvalidConfigException when the generated samples carry no classes, or classes the
   *     classifier does not predict
   * @throws DataException when the real set has no labels
   */
  public static Result compute(EvalSet real, EvalSet generated) {
    if (!generated.labelled()) {
      throw new InvalidConfigException("metric '" + NAME + "' needs the class each sample was"
          + " asked for: evaluate a conditional run (model.family cgan, acgan or projection)");
    }
    if (!real.labelled()) {
      throw new DataException("metric '" + NAME + "' needs the real images' class labels; this"
          + " data has none");
    }
    if (!real.embedded() || !generated.embedded()) {
      throw new IllegalArgumentException("metric '" + NAME + "' reads the classifier's views");
    }
    int k = generated.probabilities().dim();
    check(generated, k, "samples asked for class ");
    check(real, k, "real images of class ");
    Samples p = generated.probabilities();
    int[] asked = generated.labels();
    int[] count = new int[k];
    int[] correct = new int[k];
    for (int i = 0; i < asked.length; i++) {
      count[asked[i]]++;
      if (predicted(p, i) == asked[i]) {
        correct[asked[i]]++;
      }
    }
    double[] accuracy = new double[k];
    double[] fd = new double[k];
    double fdSum = 0;
    int fds = 0;
    int allCorrect = 0;
    for (int c = 0; c < k; c++) {
      allCorrect += correct[c];
      accuracy[c] = count[c] == 0 ? Double.NaN : (double) correct[c] / count[c];
      Samples mine = rowsOf(generated.features(), asked, c);
      Samples theirs = rowsOf(real.features(), real.labels(), c);
      fd[c] = mine == null || theirs == null
          ? Double.NaN : FrechetDistance.compute(theirs, mine);
      if (!Double.isNaN(fd[c])) {
        fdSum += fd[c];
        fds++;
      }
    }
    return new Result((double) allCorrect / asked.length, accuracy, fd,
        fds == 0 ? Double.NaN : fdSum / fds);
  }

  private static void check(EvalSet s, int classes, String what) {
    for (int label : s.labels()) {
      if (label >= classes) {
        throw new InvalidConfigException(what + label + ": the evaluation classifier predicts "
            + classes + " classes (0.." + (classes - 1) + ")");
      }
    }
  }

  // The most probable class of row i, ties to the lower index.
  static int predicted(Samples p, int i) {
    int k = p.dim();
    float[] v = p.values();
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (v[i * k + c] > v[i * k + best]) {
        best = c;
      }
    }
    return best;
  }

  // The rows of s whose label is c, or null when fewer than 2 (no covariance).
  private static Samples rowsOf(Samples s, int[] labels, int c) {
    int n = 0;
    for (int label : labels) {
      if (label == c) {
        n++;
      }
    }
    if (n < 2) {
      return null;
    }
    int d = s.dim();
    float[] out = new float[n * d];
    int j = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == c) {
        System.arraycopy(s.values(), i * d, out, j++ * d, d);
      }
    }
    return new Samples(n, d, out);
  }

  /**
   * The metric {@value #NAME}: {@code accuracy}, {@code fd_mean}, then {@code accuracy_c} and
   * {@code fd_c} for each class c, generated samples against the training split, the test split (with its
   * labels) as the reference. It applies to conditional runs on image datasets that the classifier
   * classifies one class per image: not Stacked MNIST, whose 1,000 classes the MNIST classifier
   * reads only channel by channel.
   */
  public static GanMetric metric() {
    return new Metric();
  }

  private static final class Metric extends PerImageClassMetric {
    Metric() {
      super(NAME, "per class asked for: classifier accuracy (higher) and intra-class Frechet"
          + " distance (lower); conditional runs only", "test split by label");
    }

    @Override
    public boolean needsClasses() {
      return true;
    }

    @Override
    public Map<String, Double> compute(RealData real, EvalSet generated) {
      Result r = ClassConditional.compute(real.train(), generated);
      Map<String, Double> v = new LinkedHashMap<>();
      v.put("accuracy", r.accuracy());
      v.put("fd_mean", r.meanFd());
      for (int c = 0; c < r.classAccuracy().length; c++) {
        v.put("accuracy_" + c, r.classAccuracy()[c]);
        v.put("fd_" + c, r.classFd()[c]);
      }
      return v;
    }
  }
}
