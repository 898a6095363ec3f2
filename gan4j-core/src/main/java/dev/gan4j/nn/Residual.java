package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A residual block (He et al. 2016): y = x + f(x), with f a {@link Chain} whose output has the input's
 * shape. The ResNet generators and discriminators of WGAN-GP, SNGAN and CycleGAN are stacks of them.
 * Its input gradient is g + f's input gradient of g.
 *
 * <pre>{@code Layer block = new Residual(Chain.builder(s).add("conv0", c0).add("act0", a).add("conv1", c1).build());}</pre>
 */
public final class Residual extends Block {

  /** The block x + body(x). */
  public Residual(Chain body) {
    super(body);
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    return x.add(body.forward(x, pass, saved));
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return g.add(body.inputGradient(g, saved));
  }

  @Override
  public Shape outputShape(Shape input) {
    Shape out = body.outputShape(input);
    if (!out.equals(input)) {
      throw Shapes.mismatch(this, input, "a body that keeps the shape (its output is "
          + Shapes.describe(out) + ")");
    }
    return input;
  }

  @Override
  public String describe() {
    return "residual[" + body.describe() + "]";
  }
}
