package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A multilayer perceptron on DJL arrays: the generator and discriminator of Goodfellow et al. 2014's
 * MNIST experiment. Weights live in the manager given at construction; forward passes allocate in the
 * manager of their input, so a training step's temporaries go away with the step's sub-manager.
 *
 * <p>Initial weights follow PyTorch's default for linear layers, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for
 * weights and biases, drawn from the run's own {@link Rng} so a seed fixes them. Dropout masks are drawn
 * from an {@link Rng} too, for the same reason.
 *
 * <pre>{@code Mlp g = new Mlp(spec, manager, new Rng(1)); NDArray x = g.forward(z, false, null);}</pre>
 */
public final class Mlp {
  private final MlpSpec spec;
  private final List<Parameter> parameters;
  private final NDArray[] weights;
  private final NDArray[] biases;
  // Reused host buffers for dropout masks (uploaded through HostArrays): no per-pass garbage.
  private final float[][] maskBuffers;

  /** Builds the network with freshly initialised weights in {@code manager}. */
  public Mlp(MlpSpec spec, NDManager manager, Rng initRng) {
    this.spec = spec;
    int[] widths = spec.widths();
    int layers = widths.length - 1;
    weights = new NDArray[layers];
    biases = new NDArray[layers];
    List<Parameter> params = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      int in = widths[i];
      int out = widths[i + 1];
      float bound = (float) (1.0 / Math.sqrt(in));
      float[] w = new float[in * out];
      initRng.fillUniform(w, -bound, bound);
      float[] b = new float[out];
      initRng.fillUniform(b, -bound, bound);
      weights[i] = dev.gan4j.HostArrays.upload(manager, w, new Shape(in, out));
      biases[i] = dev.gan4j.HostArrays.upload(manager, b, new Shape(out));
      weights[i].setRequiresGradient(true);
      biases[i].setRequiresGradient(true);
      params.add(new Parameter("layer" + i + ".weight", weights[i]));
      params.add(new Parameter("layer" + i + ".bias", biases[i]));
    }
    parameters = Collections.unmodifiableList(params);
    maskBuffers = new float[layers][];
  }

  /** The network's shape. */
  public MlpSpec spec() {
    return spec;
  }

  /** The trainable tensors in a fixed order: layer0.weight, layer0.bias, layer1.weight, ... */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters) {
      n += p.array().size();
    }
    return n;
  }

  /**
   * Runs the network on a batch {@code x} of shape (batch, inputDim).
   *
   * @param training whether dropout is active
   * @param dropoutRng where dropout masks come from; unused when not training or dropout is 0
   */
  public NDArray forward(NDArray x, boolean training, Rng dropoutRng) {
    NDManager m = x.getManager();
    NDArray h = x;
    int last = weights.length - 1;
    for (int i = 0; i <= last; i++) {
      h = h.matMul(weights[i]).add(biases[i]);
      if (i < last) {
        h = spec.activation().apply(h, spec.leakySlope());
        if (training && spec.dropout() > 0f) {
          h = h.mul(dropoutMask(m, i, h.getShape(), spec.dropout(), dropoutRng));
        }
      } else {
        h = spec.outputActivation().apply(h, spec.leakySlope());
      }
    }
    return h;
  }

  /** Sets whether backward passes compute this network's gradients (off while the other net steps). */
  public void setTrainable(boolean trainable) {
    for (Parameter p : parameters) {
      p.array().setRequiresGradient(trainable);
    }
  }

  // Inverted dropout: kept units are scaled by 1/(1-p) so inference needs no rescaling.
  private NDArray dropoutMask(NDManager m, int layer, Shape shape, float p, Rng rng) {
    int size = Math.toIntExact(shape.size());
    if (maskBuffers[layer] == null || maskBuffers[layer].length != size) {
      maskBuffers[layer] = new float[size];
    }
    float[] mask = maskBuffers[layer];
    float keep = 1f / (1f - p);
    for (int i = 0; i < mask.length; i++) {
      mask[i] = rng.nextDouble() < p ? 0f : keep;
    }
    return dev.gan4j.HostArrays.upload(m, mask, shape);
  }
}
