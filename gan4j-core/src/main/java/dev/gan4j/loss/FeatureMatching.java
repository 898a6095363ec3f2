package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;
import dev.gan4j.Rng;
import java.util.Map;

/**
 * Feature matching (Salimans et al. 2016, section 3.1): the generator stops maximising D's output and
 * instead matches the statistics of real data in D's deepest hidden layer, descending ‖E f(x) - E
 * f(G(z))‖² over the batch; the discriminator keeps its own loss. It wraps any loss whose discriminator
 * exposes features.
 */
public final class FeatureMatching implements GanLoss {
  private final GanLoss base;

  /** Feature matching for G on top of {@code base}'s discriminator loss. */
  public FeatureMatching(GanLoss base) {
    this.base = base;
  }

  @Override
  public String name() {
    return base.name();
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    return base.discriminatorLoss(realOut, fakeOut);
  }

  @Override
  public NDArray discriminatorLoss(Critique real, Critique fake) {
    return base.discriminatorLoss(real, fake);
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    throw new UnsupportedOperationException("feature matching needs the discriminator's features");
  }

  @Override
  public NDArray generatorLoss(Critique fake, Critique real) {
    NDArray realMean = real.features().mean(new int[] {0}).stopGradient();
    return fake.features().mean(new int[] {0}).sub(realMean).square().sum();
  }

  @Override
  public boolean generatorNeedsReal() {
    return true;
  }

  @Override
  public boolean outputsAreLogits() {
    return base.outputsAreLogits();
  }

  @Override
  public String critic() {
    return base.critic();
  }

  @Override
  public int outputs() {
    return base.outputs();
  }

  @Override
  public void afterDiscriminatorStep(Critique real, Critique fake) {
    base.afterDiscriminatorStep(real, fake);
  }

  @Override
  public Map<String, Double> state() {
    return base.state();
  }

  @Override
  public void restoreState(Map<String, Double> state) {
    base.restoreState(state);
  }

  @Override
  public Map<String, Rng> randomStreams() {
    return base.randomStreams();
  }
}
