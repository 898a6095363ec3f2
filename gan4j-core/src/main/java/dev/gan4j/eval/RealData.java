package dev.gan4j.eval;

import dev.gan4j.data.Mixture2d;

/**
 * The real data a generator is measured against, split as everywhere in gan4j: {@code train} is what the
 * GAN learned from (and what generated samples are compared with), {@code validation} chooses
 * hyper-parameters of a metric (the Parzen bandwidth), {@code test} is held out. Measuring {@code test}
 * (or, for the Parzen window, {@code train}) in place of generated samples gives each metric its
 * real-versus-real reference: the value a perfect generator would reach at this sample size.
 *
 * <p>For images each split carries its class labels when the dataset has them ({@link
 * EvalSet#labels()}, read from the dataset's IDX label files): the {@code conditional} metric
 * compares the samples asked for a class with the real images of that class. For a 2-D mixture the
 * three sets are fresh independent draws from the mixture, without labels.
 *
 * <pre>{@code RealData real = new RealData("ring8", Mixture2d.ring8(), train, validation, test, null);}</pre>
 *
 * @param dataset the dataset's name
 * @param mixture the mixture for 2-D data, null for images
 * @param train the training split (embedded for images)
 * @param validation the validation split
 * @param test the test split
 * @param classFrequencies the training split's class frequencies, null for points
 * @param targets for the {@code translation} metric of a paired task: image i is the target of
 *     input i (the inputs are {@code test}, the target domain {@code train}); null otherwise
 */
public record RealData(
    String dataset,
    Mixture2d mixture,
    EvalSet train,
    EvalSet validation,
    EvalSet test,
    double[] classFrequencies,
    EvalSet targets) {
  /** Checks that images come with their classifier views and points with their mixture. */
  public RealData {
    if (train == null || validation == null || test == null) {
      throw new IllegalArgumentException("real data needs train, validation and test sets");
    }
    boolean images = mixture == null;
    if (images && (!train.embedded() || !test.embedded() || classFrequencies == null)) {
      throw new IllegalArgumentException(
          "image data needs the classifier's views and the class frequencies");
    }
  }

  /** Real data without per-input targets: what every metric but {@code translation} reads. */
  public RealData(String dataset, Mixture2d mixture, EvalSet train, EvalSet validation, EvalSet test,
      double[] classFrequencies) {
    this(dataset, mixture, train, validation, test, classFrequencies, null);
  }

  /** Whether the samples are images (measured through the classifier) rather than 2-D points. */
  public boolean images() {
    return mixture == null;
  }
}
