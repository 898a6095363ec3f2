package dev.gan4j.nn;

/**
 * A lower bound of what one network holds, computed from its widths and shapes without building it,
 * so that a run too large for the machine is refused before anything is allocated ({@code
 * MemoryEstimate}): the weights of its linear layers and convolutions (biases and normalization
 * left out), and the hidden values one sample makes in a forward pass, which the backward pass keeps.
 * Each {@link Architecture} gives its own ({@link Architecture#generatorFootprint}, {@link
 * Architecture#discriminatorFootprint}); the static methods here are the shapes they share.
 *
 * <pre>{@code Footprint g = Architectures.byName("dcgan").generatorFootprint(100, new int[] {128, 64},
 *     new int[] {1, 28, 28}, "relu");}</pre>
 *
 * @param parameters weights of the network
 * @param activationsPerSample hidden values one sample makes through it
 */
public record Footprint(double parameters, double activationsPerSample) {
  /** 4 × 4 kernels: the weights of one strided convolution per input and output channel. */
  private static final double STRIDED_KERNEL = 16;

  /** 3 × 3 kernels of the residual stages. */
  private static final double RESIDUAL_KERNEL = 9;

  /**
   * A perceptron from {@code latent} values through {@code widths} to the sample's values (maxout:
   * its pieces per unit).
   */
  public static Footprint denseGenerator(int latent, int[] widths, int[] sample, String activation) {
    double out = values(sample);
    return new Footprint(dense(latent, widths, out, activation, 0), sum(widths) + out);
  }

  /**
   * A perceptron from {@code pack} samples' values through {@code widths} to one score, with
   * {@code kernels} minibatch-discrimination kernels after its last hidden layer.
   */
  public static Footprint denseDiscriminator(int[] sample, int pack, int[] widths,
      String activation, int kernels) {
    return new Footprint(dense(values(sample) * pack, widths, 1, activation, kernels),
        sum(widths) / pack);
  }

  /**
   * A DCGAN generator: a linear layer from {@code latent} values to {@code widths[0]} channels at
   * the side halved once per width, then one 4 × 4 transposed convolution per further width and one
   * to the sample's channels, each doubling the side.
   */
  public static Footprint stridedGenerator(int latent, int[] widths, int[] sample) {
    int stages = widths.length;
    double p = (double) latent * widths[0] * side(sample, stages);
    for (int i = 1; i < stages; i++) {
      p += STRIDED_KERNEL * widths[i - 1] * widths[i];
    }
    p += STRIDED_KERNEL * widths[stages - 1] * sample[0];
    double a = values(sample);
    for (int i = 0; i < stages; i++) {
      a += widths[i] * side(sample, stages - i);
    }
    return new Footprint(p, a);
  }

  /**
   * A DCGAN discriminator: one 4 × 4 strided convolution per width, each halving the side, then a
   * linear layer to {@code denseWidth} units and one to the score, or straight to the score when
   * {@code denseWidth} is 0.
   */
  public static Footprint stridedDiscriminator(int[] sample, int pack, int[] widths,
      int denseWidth) {
    int stages = widths.length;
    double p = STRIDED_KERNEL * sample[0] * pack * widths[0];
    double a = 0;
    for (int i = 0; i < stages; i++) {
      if (i > 0) {
        p += STRIDED_KERNEL * widths[i - 1] * widths[i];
      }
      a += widths[i] * side(sample, i + 1);
    }
    double features = widths[stages - 1] * side(sample, stages);
    p += denseWidth > 0 ? features * denseWidth + denseWidth : features;
    return new Footprint(p, (a + denseWidth) / pack);
  }

  /**
   * A residual generator of one width {@code widths[0]}: a linear layer to the side halved once per
   * further width, two 3 × 3 convolutions per stage, one to the sample's channels.
   */
  public static Footprint residualGenerator(int latent, int[] widths, int[] sample) {
    int stages = widths.length - 1;
    double w = widths[0];
    double p = latent * w * side(sample, stages) + stages * 2.0 * RESIDUAL_KERNEL * w * w
        + RESIDUAL_KERNEL * w * sample[0];
    double a = values(sample);
    for (int i = 0; i <= stages; i++) {
      a += w * side(sample, stages - i);
    }
    return new Footprint(p, a);
  }

  /**
   * A residual discriminator of one width {@code widths[0]}: a 3 × 3 convolution to it, two per
   * stage, each stage halving the side, a linear layer to the score.
   */
  public static Footprint residualDiscriminator(int[] sample, int pack, int[] widths) {
    int stages = widths.length - 1;
    double w = widths[0];
    double p = RESIDUAL_KERNEL * sample[0] * pack * w + stages * 2.0 * RESIDUAL_KERNEL * w * w
        + w * side(sample, stages);
    double a = 0;
    for (int i = 0; i <= stages; i++) {
      a += w * side(sample, i);
    }
    return new Footprint(p, a / pack);
  }

  // Height x width after halving the sample's sides `halvings` times.
  private static double side(int[] sample, int halvings) {
    return (double) (sample[1] >> halvings) * (sample[2] >> halvings);
  }

  private static double values(int[] sample) {
    double v = 1;
    for (int s : sample) {
      v *= s;
    }
    return v;
  }

  private static double sum(int[] widths) {
    double s = 0;
    for (int w : widths) {
      s += w;
    }
    return s;
  }

  // Linear layers in -> hidden (maxout: pieces per unit) -> out, plus minibatch discrimination.
  private static double dense(double in, int[] hidden, double out, String activation, int kernels) {
    int pieces = Activation.of(activation) == Activation.MAXOUT ? Activation.MAXOUT_PIECES : 1;
    double p = 0;
    double width = in;
    for (int h : hidden) {
      p += width * h * pieces;
      width = h;
    }
    p += width * kernels * MlpSpec.MINIBATCH_KERNEL_DIMS;
    return p + width * out;
  }
}
