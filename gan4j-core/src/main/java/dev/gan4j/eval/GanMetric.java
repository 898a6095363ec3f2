package dev.gan4j.eval;

import java.util.Map;

/**
 * One measurement of generated samples against real data, registered by name in {@link Metrics}. A metric
 * returns named values (e.g. {@code precision} and {@code recall}); {@link #reference} names the real set
 * that, measured the same way in place of generated samples, gives the floor (or ceiling) a number is read
 * against.
 *
 * <pre>{@code Map<String, Double> v = Metrics.byName("fd-lenet").compute(real, generated);}</pre>
 */
public interface GanMetric {
  /** The name users pick it by, e.g. {@code fd-lenet}. */
  String name();

  /** One line: what it measures and which way is better. */
  String description();

  /** Whether it can measure this kind of data: images (through the classifier) or 2-D points. */
  boolean appliesTo(boolean images);

  /**
   * Whether it can measure the dataset called {@code dataset} (null when unknown), whose samples are
   * images or 2-D points: by default {@link #appliesTo(boolean)}; metrics tied to one dataset's
   * embedding (Stacked MNIST's per-channel classes) or ruled out by it override this.
   */
  default boolean appliesTo(String dataset, boolean images) {
    return appliesTo(images);
  }

  /**
   * Whether it reads the class each generated sample was asked for ({@link EvalSet#labels()}), so
   * that it measures only a conditional generator's samples: {@link Metrics#parse(String, String,
   * boolean, boolean)} offers it for conditional runs only.
   */
  default boolean needsClasses() {
    return false;
  }

  /**
   * Whether it reads the category of InfoGAN's first categorical code each generated sample was
   * drawn with ({@link EvalSet#labels()}), so that it measures only an InfoGAN run's samples:
   * {@link Metrics#parse(String, String, boolean, boolean, boolean)} offers it for those only.
   */
  default boolean needsCodes() {
    return false;
  }

  /**
   * Whether it measures an image-to-image run's translations of its task's test inputs ({@link
   * TranslationQuality}) rather than samples drawn from noise: {@link Metrics#parseTranslation}
   * offers it for such runs only, and {@link Metrics#parse(String, String, boolean, boolean,
   * boolean)} refuses it.
   */
  default boolean needsTranslation() {
    return false;
  }

  /** The measurement of {@code generated}, as named values in a fixed order. */
  Map<String, Double> compute(RealData real, EvalSet generated);

  /** The real set measured in place of generated samples for the real-versus-real reference. */
  default EvalSet reference(RealData real) {
    return real.test();
  }

  /** What {@link #reference} is, for reports. */
  default String referenceDescription() {
    return "test split";
  }
}
