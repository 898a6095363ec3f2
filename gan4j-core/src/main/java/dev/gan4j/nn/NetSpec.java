package dev.gan4j.nn;

import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;

/**
 * What an {@link Architecture} builds a network from: the shape of one input sample and of one output
 * sample (the latent vector and the data's shape for a generator; the data's shape and the number of
 * scores for a discriminator), and the layer options of an {@link MlpSpec} (its {@code hidden} widths
 * are each architecture's stage widths: units for {@code mlp}, channels for convolutional ones).
 *
 * <pre>{@code NetSpec g = new NetSpec(Shapes.of(100), Shapes.of(1, 28, 28), options);}</pre>
 *
 * @param input one input sample: (d) or (c, h, w)
 * @param output one output sample: (d) or (c, h, w)
 * @param options widths, activations, normalization and the discriminator's options; its inputDim and
 *     outputDim must equal the number of values in {@code input} and {@code output}
 */
public record NetSpec(Shape input, Shape output, MlpSpec options) {
  /** Checks that the shapes and the options agree. */
  public NetSpec {
    if (input == null || output == null || options == null) {
      throw new InvalidConfigException("a network needs its input shape, output shape and options");
    }
    if (input.size() != options.inputDim() || output.size() != options.outputDim()) {
      throw new InvalidConfigException("network shapes " + Shapes.describe(input) + " -> "
          + Shapes.describe(output) + " do not match the options' widths " + options.inputDim()
          + " -> " + options.outputDim());
    }
  }

  /** Whether {@code shape} is an image, (c, h, w). */
  static boolean isImage(Shape shape) {
    return shape.dimension() == 3;
  }
}
