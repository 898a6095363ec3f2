package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A skip connection by concatenation: y = [x, f(x)] along the channel (or feature) axis, with f a {@link
 * Chain} that keeps the image's size. A U-Net (Ronneberger et al. 2015; pix2pix's generator) is these
 * nested: each level's encoder and decoder around the next level's block, the input joined to the
 * output. Its input gradient is g's first c channels plus f's input gradient of the rest.
 *
 * <pre>{@code Layer level = new SkipConcat(Chain.builder(s).add("down", d).add("inner", next).add("up", u).build());}</pre>
 */
public final class SkipConcat extends Block {

  /** The block [x, body(x)]. */
  public SkipConcat(Chain body) {
    super(body);
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    List<Object> inner = saved == null ? null : new java.util.ArrayList<>(1);
    NDArray y = body.forward(x, pass, inner);
    if (saved != null) {
      saved.add(new Saved(inner.get(0), x.getShape().get(1)));
    }
    return x.concat(y, 1);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    Saved s = (Saved) saved;
    NDList parts = g.split(new long[] {s.channels()}, 1);
    return parts.get(0).add(body.inputGradient(parts.get(1), s.body()));
  }

  private record Saved(Object body, long channels) {}

  @Override
  public Shape outputShape(Shape input) {
    Shape out = body.outputShape(input);
    if (out.dimension() != input.dimension()
        || !out.slice(1).equals(input.slice(1))) {
      throw Shapes.mismatch(this, input, "a body that keeps the image's size (its output is "
          + Shapes.describe(out) + ")");
    }
    long[] d = input.getShape().clone(); // Shape hands out its own array
    d[0] += out.get(0);
    return new Shape(d);
  }

  @Override
  public String describe() {
    return "skip-concat[" + body.describe() + "]";
  }
}
