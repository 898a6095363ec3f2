package dev.gan4j.loss;

import dev.gan4j.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;

/**
 * Multi-agent diverse GAN (MAD-GAN, Ghosh et al. 2018): K generators and one discriminator with K + 1
 * outputs, a softmax over "real" (output 0) and "made by generator i" (output i). D descends the
 * cross-entropy of that K + 1-way classification; each generator descends -log D_real(G_i(z)) (the
 * non-saturating form). To tell the generators apart, D must push them toward different modes.
 *
 * <p>Generated batches arrive as K equal consecutive blocks, block i from generator i (the trainer's
 * generator set produces them so).
 */
public final class MadGanLoss implements GanLoss {
  private final int generators;

  /** The loss for {@code settings.generators()} generators (>= 2). */
  public MadGanLoss(LossSettings settings) {
    if (settings.generators() < 2) {
      throw new dev.gan4j.InvalidConfigException(
          "loss madgan needs model.generators >= 2, got " + settings.generators());
    }
    this.generators = settings.generators();
  }

  @Override
  public String name() {
    return "madgan";
  }

  @Override
  public boolean tellsGeneratorsApart() {
    return true;
  }

  @Override
  public NDArray discriminatorLoss(NDArray realOut, NDArray fakeOut) {
    NDArray realTerm = realOut.logSoftmax(1).get(":, 0").neg().mean();
    long n = fakeOut.getShape().get(0);
    float[] oneHot = new float[Math.toIntExact(n * (generators + 1))];
    long per = n / generators;
    for (long i = 0; i < n; i++) {
      int g = (int) Math.min(generators - 1, i / per);
      oneHot[Math.toIntExact(i * (generators + 1) + g + 1)] = 1f;
    }
    NDArray targets = HostArrays.upload(fakeOut.getManager(), oneHot, new Shape(n, generators + 1));
    NDArray fakeTerm = fakeOut.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
    return realTerm.add(fakeTerm);
  }

  @Override
  public NDArray generatorLoss(NDArray fakeOut, NDArray realOut) {
    // Each generator's mean over its own block: with equal blocks, the overall mean times K.
    return Scalars.times(fakeOut.logSoftmax(1).get(":, 0").neg().mean(), generators);
  }

  @Override
  public NDArray probability(NDArray scores) {
    return scores.softmax(1).get(":, 0");
  }

  @Override
  public int outputs() {
    return generators + 1;
  }
}
