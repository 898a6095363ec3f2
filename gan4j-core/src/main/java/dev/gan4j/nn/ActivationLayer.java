package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/** An element-wise {@link Activation} as a layer; its derivative is applied in {@link #inputGradient}. */
public final class ActivationLayer implements Layer {
  private final Activation activation;
  private final float slope;

  /** The activation, with LeakyReLU's negative slope (ignored by the others). */
  public ActivationLayer(Activation activation, float slope) {
    this.activation = activation;
    this.slope = slope;
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    NDArray y = activation.apply(x, slope);
    if (saved != null) {
      saved.add(activation == Activation.TANH ? y : x);
    }
    return y;
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    NDArray s = (NDArray) saved;
    switch (activation) {
      case RELU:
        return g.mul(s.gt(0f).toType(DataType.FLOAT32, false));
      case LEAKY_RELU:
        return g.mul(s.gt(0f).toType(DataType.FLOAT32, false).mul(1f - slope).add(slope));
      case TANH:
        return g.mul(s.square().neg().add(1f)); // 1 - tanh²
      default:
        return g;
    }
  }

  @Override
  public Shape outputShape(Shape input) {
    return input;
  }

  @Override
  public String describe() {
    return activation.configName() + (activation == Activation.LEAKY_RELU ? "(" + slope + ")" : "");
  }
}
