package dev.gan4j.nn;

import static ai.djl.nn.Activation.relu;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small LeNet-style convolutional classifier (after LeCun et al. 1998) for 28 × 28 grey images: the
 * network behind gan4j's evaluation metrics, whose penultimate layer gives the features and whose
 * softmax gives the class probabilities.
 *
 * <pre>
 * 1×28×28 → conv 5×5 (c1, padding 2) → ReLU → max-pool 2 → c1×14×14
 *         → conv 5×5 (c2)            → ReLU → max-pool 2 → c2×5×5
 *         → linear (features) → ReLU  = the feature vector
 *         → dropout (training only) → linear (classes) = logits
 * </pre>
 *
 * <p>Like {@link Network}, weights live in the manager given at construction, forward passes allocate in
 * their input's manager, and initial weights and dropout masks come from gan4j's own {@link Rng}
 * (PyTorch's default U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for every layer), so a seed fixes the network.
 *
 * <pre>{@code LeNet net = new LeNet(LeNet.Spec.standard(10), manager, new Rng(1)); NDArray f = net.features(x);}</pre>
 */
public final class LeNet {
  /**
   * The classifier's shape.
   *
   * @param side input images are side × side, one channel; side must be divisible by 4 with side/4 - 2 >= 1
   * @param channels1 filters of the first convolution
   * @param channels2 filters of the second convolution
   * @param features width of the penultimate (feature) layer
   * @param classes number of classes
   * @param dropout dropout probability before the last layer while training, in [0, 1)
   */
  public record Spec(int side, int channels1, int channels2, int features, int classes, float dropout) {
    /** Validates every field. */
    public Spec {
      if (side < 12 || side % 4 != 0) {
        throw new InvalidConfigException("LeNet input side must be a multiple of 4, >= 12, got " + side);
      }
      for (int v : new int[] {channels1, channels2, features}) {
        if (v < 1) {
          throw new InvalidConfigException("LeNet widths must be >= 1, got " + v);
        }
      }
      if (classes < 2) {
        throw new InvalidConfigException("LeNet needs >= 2 classes, got " + classes);
      }
      if (!(dropout >= 0f && dropout < 1f)) {
        throw new InvalidConfigException("dropout must be in [0, 1), got " + dropout);
      }
    }

    /** gan4j's evaluation classifier for 28 × 28 images: 32 and 64 filters, 128 features. */
    public static Spec standard(int classes) {
      return new Spec(28, 32, 64, 128, classes, 0.25f);
    }

    /** The spatial side after the second pooling. */
    int finalSide() {
      return (side / 2 - 4) / 2;
    }

    /** Inputs to the feature layer: channels2 × finalSide². */
    int flatWidth() {
      return channels2 * finalSide() * finalSide();
    }
  }

  private static final Shape POOL = new Shape(2, 2);
  private static final Shape STRIDE1 = new Shape(1, 1);
  private static final Shape PAD2 = new Shape(2, 2);
  private static final Shape PAD0 = new Shape(0, 0);

  private final Spec spec;
  private final NDArray conv1W;
  private final NDArray conv1B;
  private final NDArray conv2W;
  private final NDArray conv2B;
  private final NDArray fc1W;
  private final NDArray fc1B;
  private final NDArray fc2W;
  private final NDArray fc2B;
  private final List<Parameter> parameters;
  private float[] maskBuffer;

  /** Builds the network with freshly initialised weights in {@code manager}. */
  public LeNet(Spec spec, NDManager manager, Rng initRng) {
    this.spec = spec;
    List<Parameter> params = new ArrayList<>();
    conv1W = init(manager, initRng, new Shape(spec.channels1(), 1, 5, 5), 25, "conv1.weight", params);
    conv1B = init(manager, initRng, new Shape(spec.channels1()), 25, "conv1.bias", params);
    int fan2 = spec.channels1() * 25;
    conv2W =
        init(manager, initRng, new Shape(spec.channels2(), spec.channels1(), 5, 5), fan2,
            "conv2.weight", params);
    conv2B = init(manager, initRng, new Shape(spec.channels2()), fan2, "conv2.bias", params);
    int flat = spec.flatWidth();
    fc1W = init(manager, initRng, new Shape(flat, spec.features()), flat, "fc1.weight", params);
    fc1B = init(manager, initRng, new Shape(spec.features()), flat, "fc1.bias", params);
    fc2W =
        init(manager, initRng, new Shape(spec.features(), spec.classes()), spec.features(),
            "fc2.weight", params);
    fc2B = init(manager, initRng, new Shape(spec.classes()), spec.features(), "fc2.bias", params);
    parameters = Collections.unmodifiableList(params);
  }

  private static NDArray init(
      NDManager manager, Rng rng, Shape shape, int fanIn, String name, List<Parameter> params) {
    float bound = (float) (1.0 / Math.sqrt(fanIn));
    float[] v = new float[Math.toIntExact(shape.size())];
    rng.fillUniform(v, -bound, bound);
    NDArray a = HostArrays.upload(manager, v, shape);
    a.setRequiresGradient(true);
    params.add(new Parameter(name, a));
    return a;
  }

  /** The network's shape. */
  public Spec spec() {
    return spec;
  }

  /** The trainable tensors in a fixed order, named for checkpoints. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The feature vectors (after the penultimate layer's ReLU) of images {@code x}, shape (n, side²). */
  public NDArray features(NDArray x) {
    NDArray img = x.reshape(new Shape(-1, 1, spec.side(), spec.side()));
    NDArray h = Conv2d.conv2d(img, conv1W, conv1B, STRIDE1, PAD2).singletonOrThrow();
    h = Pool.maxPool2d(relu(h), POOL, POOL, PAD0, false);
    h = Conv2d.conv2d(h, conv2W, conv2B, STRIDE1, PAD0).singletonOrThrow();
    h = Pool.maxPool2d(relu(h), POOL, POOL, PAD0, false);
    h = h.reshape(new Shape(-1, spec.flatWidth()));
    return relu(h.matMul(fc1W).add(fc1B));
  }

  /**
   * Class logits of images {@code x} (shape (n, side²), values in [-1, 1]).
   *
   * @param training whether dropout is active
   * @param dropoutRng where dropout masks come from; unused when not training
   */
  public NDArray logits(NDArray x, boolean training, Rng dropoutRng) {
    return logitsFromFeatures(features(x), training, dropoutRng);
  }

  /** The last layer applied to feature vectors from {@link #features}. */
  public NDArray logitsFromFeatures(NDArray f, boolean training, Rng dropoutRng) {
    NDArray h = f;
    if (training && spec.dropout() > 0f) {
      int size = Math.toIntExact(h.getShape().size());
      if (maskBuffer == null || maskBuffer.length != size) {
        maskBuffer = new float[size];
      }
      float keep = 1f / (1f - spec.dropout());
      for (int i = 0; i < size; i++) {
        maskBuffer[i] = dropoutRng.nextDouble() < spec.dropout() ? 0f : keep;
      }
      h = h.mul(HostArrays.upload(h.getManager(), maskBuffer, h.getShape()));
    }
    return h.matMul(fc2W).add(fc2B);
  }
}
