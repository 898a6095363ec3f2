package dev.gan4j.nn;

import dev.gan4j.InvalidConfigException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shape of a multilayer perceptron and the GAN options its layers take: input width, hidden widths,
 * output width, the hidden and output activations, dropout after each hidden layer while training
 * (Goodfellow et al. 2014 trained their discriminator with dropout), the normalization, Gaussian noise
 * on the hidden layers while training, and the discriminator's options: PacGAN packing of its input,
 * minibatch standard deviation and minibatch discrimination before its output layer.
 *
 * <pre>{@code MlpSpec.plain(100, new int[] {256, 512}, 784, Activation.LEAKY_RELU, 0.2f, Activation.TANH, 0f)}</pre>
 *
 * @param normalizeFirstLayer whether the first hidden layer is normalized too (batch and instance norm;
 *     DCGAN leaves the discriminator's first layer alone)
 * @param pack samples per discriminator input (1: no packing)
 * @param minibatchKernels kernels of a minibatch-discrimination layer (0: none)
 * @param minibatchStdDev whether to append the minibatch standard deviation
 * @param initRange initial weights U(-r, r) and zero biases, as pylearn2's {@code irange} (the 2014 GAN
 *     paper's code); 0 for PyTorch's default, weights and biases U(-1/sqrt(in), 1/sqrt(in))
 */
public record MlpSpec(
    int inputDim,
    int[] hidden,
    int outputDim,
    Activation activation,
    float leakySlope,
    Activation outputActivation,
    float dropout,
    Normalization normalization,
    boolean normalizeFirstLayer,
    float noise,
    int pack,
    int minibatchKernels,
    boolean minibatchStdDev,
    float initRange) {

  /** Dimensions of each minibatch-discrimination kernel (C in Salimans et al. 2016). */
  public static final int MINIBATCH_KERNEL_DIMS = 5;

  /** Validates every field; the message names the field and the allowed range. */
  public MlpSpec {
    if (inputDim < 1) {
      throw new InvalidConfigException("inputDim must be >= 1, got " + inputDim);
    }
    if (outputDim < 1) {
      throw new InvalidConfigException("outputDim must be >= 1, got " + outputDim);
    }
    hidden = hidden == null ? new int[0] : hidden.clone();
    for (int h : hidden) {
      if (h < 1) {
        throw new InvalidConfigException(
            "hidden layer widths must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    if (activation == null || outputActivation == null || normalization == null) {
      throw new InvalidConfigException("activation, outputActivation and normalization are required");
    }
    if (!(leakySlope >= 0f && leakySlope < 1f)) {
      throw new InvalidConfigException("leakySlope must be in [0, 1), got " + leakySlope);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new InvalidConfigException("dropout must be in [0, 1), got " + dropout);
    }
    if (!(noise >= 0f) || Float.isInfinite(noise)) {
      throw new InvalidConfigException("noise must be >= 0, got " + noise);
    }
    if (pack < 1) {
      throw new InvalidConfigException("pack must be >= 1, got " + pack);
    }
    if (minibatchKernels < 0) {
      throw new InvalidConfigException("minibatchKernels must be >= 0, got " + minibatchKernels);
    }
    if (!(initRange >= 0f) || Float.isInfinite(initRange)) {
      throw new InvalidConfigException("initRange must be >= 0, got " + initRange);
    }
  }

  /** A plain perceptron: no normalization, noise, packing or minibatch layers. */
  public static MlpSpec plain(
      int inputDim,
      int[] hidden,
      int outputDim,
      Activation activation,
      float leakySlope,
      Activation outputActivation,
      float dropout) {
    return new MlpSpec(inputDim, hidden, outputDim, activation, leakySlope, outputActivation, dropout,
        Normalization.NONE, true, 0f, 1, 0, false, 0f);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** The widths of all linear layers' inputs and outputs: input (times pack), hidden..., output. */
  public int[] widths() {
    int[] w = new int[hidden.length + 2];
    w[0] = inputDim * pack;
    System.arraycopy(hidden, 0, w, 1, hidden.length);
    w[w.length - 1] = outputDim;
    return w;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpSpec s
        && inputDim == s.inputDim
        && Arrays.equals(hidden, s.hidden)
        && outputDim == s.outputDim
        && activation == s.activation
        && Float.compare(leakySlope, s.leakySlope) == 0
        && outputActivation == s.outputActivation
        && Float.compare(dropout, s.dropout) == 0
        && normalization == s.normalization
        && normalizeFirstLayer == s.normalizeFirstLayer
        && Float.compare(noise, s.noise) == 0
        && pack == s.pack
        && minibatchKernels == s.minibatchKernels
        && minibatchStdDev == s.minibatchStdDev
        && Float.compare(initRange, s.initRange) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hidden)
        + Objects.hash(inputDim, outputDim, activation, leakySlope, outputActivation, dropout,
            normalization, normalizeFirstLayer, noise, pack, minibatchKernels, minibatchStdDev,
            initRange);
  }

  @Override
  public String toString() {
    return "MlpSpec" + Arrays.toString(widths()) + " " + activation.configName();
  }
}
