package dev.gan4j.nn;

import dev.gan4j.InvalidConfigException;
import java.util.Arrays;

/**
 * The shape of a multilayer perceptron: input width, hidden widths, output width, the hidden
 * activation, the output activation and the dropout probability applied after each hidden layer during
 * training (Goodfellow et al. 2014 trained their discriminator with dropout).
 *
 * <pre>{@code new MlpSpec(100, new int[] {256, 512}, 784, Activation.LEAKY_RELU, 0.2f, Activation.TANH, 0f)}</pre>
 */
public record MlpSpec(
    int inputDim,
    int[] hidden,
    int outputDim,
    Activation activation,
    float leakySlope,
    Activation outputActivation,
    float dropout) {

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
    if (activation == null || outputActivation == null) {
      throw new InvalidConfigException("activation and outputActivation are required");
    }
    if (!(leakySlope >= 0f && leakySlope < 1f)) {
      throw new InvalidConfigException("leakySlope must be in [0, 1), got " + leakySlope);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new InvalidConfigException("dropout must be in [0, 1), got " + dropout);
    }
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** The widths of all layers' inputs and outputs: input, hidden..., output. */
  public int[] widths() {
    int[] w = new int[hidden.length + 2];
    w[0] = inputDim;
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
        && Float.compare(dropout, s.dropout) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hidden)
        + java.util.Objects.hash(
            inputDim, outputDim, activation, leakySlope, outputActivation, dropout);
  }

  @Override
  public String toString() {
    return "MlpSpec" + Arrays.toString(widths()) + " " + activation.configName();
  }
}
