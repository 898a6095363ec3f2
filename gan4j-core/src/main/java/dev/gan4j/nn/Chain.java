package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.InvalidConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named layers applied one after another, itself a {@link Layer}: the body of a {@link Network}, and of
 * the {@link Residual} and {@link SkipConcat} blocks that make a network a small graph (ResNet blocks,
 * U-Net skips). Parameter and buffer names are the layer's name, a dot, and the layer's own name for the
 * tensor ({@code layer0.weight}, {@code block1.conv0.weight}). Every layer's shape is checked as it is
 * added; a mismatch is an {@link InvalidConfigException} naming the layer and both shapes.
 *
 * <pre>{@code Chain c = Chain.builder(Shapes.of(64, 7, 7)).add("conv0", conv).add("act0", relu).build();}</pre>
 */
public final class Chain implements Layer {
  private final Shape inputShape;
  private final Shape outputShape;
  private final List<Layer> layers;
  private final List<String> names;
  private final List<Shape> inputShapes;

  private Chain(Builder b) {
    this.inputShape = b.input;
    this.outputShape = b.current;
    this.layers = List.copyOf(b.layers);
    this.names = List.copyOf(b.names);
    this.inputShapes = List.copyOf(b.shapes);
  }

  /** A builder for a chain whose samples come in with shape {@code input} (batch axis left out). */
  public static Builder builder(Shape input) {
    return new Builder(input);
  }

  /** Adds layers one at a time, checking each one's input shape. */
  public static final class Builder {
    private final Shape input;
    private Shape current;
    private final List<Layer> layers = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();

    private Builder(Shape input) {
      this.input = input;
      this.current = input;
    }

    /**
     * Appends {@code layer} under {@code name} (unique in the chain).
     *
     * @throws InvalidConfigException when the layer cannot take the chain's current shape
     */
    public Builder add(String name, Layer layer) {
      if (names.contains(name)) {
        throw new InvalidConfigException("two layers named '" + name + "' in one network");
      }
      Shape next;
      try {
        next = layer.outputShape(current);
      } catch (InvalidConfigException e) {
        throw new InvalidConfigException("layer '" + name + "': " + e.getMessage(), e);
      }
      layers.add(layer);
      names.add(name);
      shapes.add(current);
      current = next;
      return this;
    }

    /** The shape of one sample after the layers added so far. */
    public Shape shape() {
      return current;
    }

    /** The number of layers added so far. */
    public int size() {
      return layers.size();
    }

    /** The chain. */
    public Chain build() {
      return new Chain(this);
    }
  }

  /** The layers, in order. */
  public List<Layer> layers() {
    return layers;
  }

  /** The layers' names, in order. */
  public List<String> names() {
    return names;
  }

  /** The shape of one input sample. */
  public Shape inputShape() {
    return inputShape;
  }

  /** The shape one sample has on entering layer {@code i}. */
  public Shape shapeBefore(int i) {
    return i == layers.size() ? outputShape : inputShapes.get(i);
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    List<List<Object>> inner = saved == null ? null : new ArrayList<>(layers.size());
    NDArray h = x;
    for (Layer layer : layers) {
      List<Object> s = inner == null ? null : new ArrayList<>(1);
      h = layer.forward(h, pass, s);
      if (inner != null) {
        inner.add(s);
      }
    }
    if (saved != null) {
      saved.add(inner);
    }
    return h;
  }

  @Override
  @SuppressWarnings("unchecked")
  public NDArray inputGradient(NDArray g, Object saved) {
    List<List<Object>> inner = (List<List<Object>>) saved;
    NDArray grad = g;
    for (int i = layers.size() - 1; i >= 0; i--) {
      List<Object> s = inner.get(i);
      grad = layers.get(i).inputGradient(grad, s.isEmpty() ? null : s.get(0));
    }
    return grad;
  }

  @Override
  public Shape outputShape(Shape input) {
    if (!input.equals(inputShape)) {
      throw Shapes.mismatch(this, input, Shapes.describe(inputShape));
    }
    return outputShape;
  }

  @Override
  public Map<String, NDArray> parameters() {
    return prefixed(true);
  }

  @Override
  public Map<String, NDArray> buffers() {
    return prefixed(false);
  }

  private Map<String, NDArray> prefixed(boolean parameters) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      String prefix = names.get(i) + ".";
      Layer l = layers.get(i);
      (parameters ? l.parameters() : l.buffers()).forEach((k, v) -> out.put(prefix + k, v));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean mixesSamples() {
    return layers.stream().anyMatch(Layer::mixesSamples);
  }

  @Override
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (Layer l : layers) {
      parts.add(l.describe());
    }
    return String.join(" -> ", parts);
  }
}
