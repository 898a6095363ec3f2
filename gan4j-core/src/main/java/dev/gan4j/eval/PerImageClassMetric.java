package dev.gan4j.eval;

import dev.gan4j.data.StackedMnist;

/**
 * A metric that reads one class per image through the evaluation classifier, for samples that each
 * carry what they were asked for ({@link EvalSet#labels()}): images only, and not Stacked MNIST,
 * whose 1,000 classes the MNIST classifier reads only channel by channel. The reference is the test
 * split with its labels.
 */
abstract class PerImageClassMetric implements GanMetric {
  private final String name;
  private final String description;
  private final String referenceDescription;

  PerImageClassMetric(String name, String description, String referenceDescription) {
    this.name = name;
    this.description = description;
    this.referenceDescription = referenceDescription;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean appliesTo(boolean images) {
    return images;
  }

  @Override
  public boolean appliesTo(String dataset, boolean images) {
    return images && !StackedMnist.NAME.equals(dataset);
  }

  @Override
  public String referenceDescription() {
    return referenceDescription;
  }
}
