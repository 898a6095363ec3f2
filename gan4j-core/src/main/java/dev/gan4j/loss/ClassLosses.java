package dev.gan4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * The class terms of conditional GANs. AC-GAN (Odena et al. 2017) gives its discriminator a second head
 * that predicts each sample's class; both players then also minimise the head's cross-entropy: the
 * discriminator on real samples (their true class) and generated ones (the class they were asked for),
 * the generator on its own samples. InfoGAN's categorical code uses the same cross-entropy.
 *
 * <p>Checked against TF-GAN's published values for its fixed logits and one-hot labels (generator
 * 3.84974, discriminator 9.43950; {@code ClassLossesTest}).
 *
 * <pre>{@code NDArray lossD = ClassLosses.acganDiscriminator(fakeLogits, realLogits, oneHotFake, oneHotReal);}</pre>
 */
public final class ClassLosses {
  private ClassLosses() {}

  /** Mean over rows of -Σ_k onehot_k · log softmax(logits)_k; logits and onehot are (n, K). */
  public static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
    return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
  }

  /** AC-GAN's class term for the generator: the cross-entropy of D's class head on generated samples. */
  public static NDArray acganGenerator(NDArray fakeLogits, NDArray fakeOneHot) {
    return crossEntropy(fakeLogits, fakeOneHot);
  }

  /** AC-GAN's class term for the discriminator: cross-entropy on generated plus on real samples. */
  public static NDArray acganDiscriminator(
      NDArray fakeLogits, NDArray realLogits, NDArray fakeOneHot, NDArray realOneHot) {
    return crossEntropy(fakeLogits, fakeOneHot).add(crossEntropy(realLogits, realOneHot));
  }
}
