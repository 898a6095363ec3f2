package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;

/**
 * One stage of a {@link Network}: a function of a batch of any rank, (n, d) for vectors or (n, c, h, w)
 * for images, with, optionally, trainable parameters and non-trainable buffers (both named, for
 * checkpoints). A layer states the shape of one output sample for the shape of one input sample
 * ({@link #outputShape}); networks check every layer's shape when they are built.
 *
 * <p>Layers also give the product of an upstream gradient with their Jacobian ({@link #inputGradient}),
 * written with ordinary differentiable tensor operations. Chained back through a network it yields
 * ∂D/∂x as an expression the engine can differentiate again with an ordinary backward pass, which is
 * what gradient penalties (WGAN-GP, DRAGAN, R1) need: DJL's PyTorch engine offers no {@code
 * autograd.grad}, and a backward pass with {@code create_graph} accumulates a graph into every
 * parameter's gradient, a reference cycle PyTorch cannot free.
 *
 * <pre>{@code NDArray y = layer.forward(x, pass, saved); NDArray gx = layer.inputGradient(gy, saved.get(0));}</pre>
 */
public interface Layer {
  /**
   * The layer's output for a batch {@code x}.
   *
   * @param saved where to put what {@link #inputGradient} will need, or null when it will not be asked
   */
  NDArray forward(NDArray x, Pass pass, List<Object> saved);

  /**
   * The vector-Jacobian product g·∂out/∂in for upstream gradient {@code g}, from what {@link #forward}
   * saved, as a differentiable expression.
   *
   * @throws UnsupportedOperationException for layers that mix samples (batch statistics)
   */
  NDArray inputGradient(NDArray g, Object saved);

  /**
   * The shape of one output sample for the shape of one input sample (the batch axis left out): {@code
   * (d)} for vectors, {@code (c, h, w)} for images.
   *
   * @throws dev.gan4j.InvalidConfigException when the layer cannot take that shape; the message names
   *     the layer and both shapes (see {@link Shapes#mismatch})
   */
  Shape outputShape(Shape input);

  /** The trainable tensors, named within the layer (e.g. {@code weight}). */
  default Map<String, NDArray> parameters() {
    return Map.of();
  }

  /** Non-trainable state kept across steps and in checkpoints (running statistics, power-iteration vectors). */
  default Map<String, NDArray> buffers() {
    return Map.of();
  }

  /** Whether a sample's output depends on the other samples of the batch while training. */
  default boolean mixesSamples() {
    return false;
  }

  /** A short description for messages and docs, e.g. {@code linear(128)}. */
  String describe();

  /** Shorthand for layers whose input gradient is the identity. */
  static List<Object> none() {
    return List.of();
  }
}
