package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully connected layer, y = x W + b, with W (in × out) stored plainly or reparameterised:
 *
 * <ul>
 *   <li>{@link Form#PLAIN}: W is the parameter.
 *   <li>{@link Form#WEIGHT}: weight normalization (Salimans and Kingma 2016), W = g · v / ‖v‖ per output
 *       unit, parameters v and g; g starts at ‖v‖ so the initial W is the plain one.
 *   <li>{@link Form#SPECTRAL}: spectral normalization (Miyato et al. 2018), W / σ(W) with σ the largest
 *       singular value, estimated by one step of power iteration per training pass from a vector u kept
 *       across steps (a buffer, saved in checkpoints). u and v are constants for the gradient; σ = vᵀWu
 *       is differentiated, as in the paper.
 * </ul>
 *
 * <p>Initial W and b are PyTorch's default for linear layers, U(-1/sqrt(in), 1/sqrt(in)), or U(-r, r) and
 * zero for an explicit range r (the 2014 GAN paper's pylearn2 code), drawn from the given {@link Rng}.
 *
 * <pre>{@code Dense d = new Dense(784, 256, Dense.Form.SPECTRAL, manager, rng);}</pre>
 */
public final class Dense implements Layer {
  /** How W is parameterised. */
  public enum Form {
    PLAIN,
    WEIGHT,
    SPECTRAL
  }

  private static final float EPS = 1e-12f;

  private final int in;
  private final int out;
  private final Form form;
  private final NDArray weight; // W (PLAIN, SPECTRAL) or v (WEIGHT)
  private final NDArray bias;
  private final NDArray gain; // WEIGHT only
  private final NDArray u; // SPECTRAL only: right singular vector estimate, (out)

  /** A layer with fresh weights in {@code manager}, PyTorch's default initialization. */
  public Dense(int in, int out, Form form, NDManager manager, Rng init) {
    this(in, out, form, manager, init, Init.pytorch());
  }

  /**
   * A layer with fresh weights in {@code manager}: U(-r, r) weights and zero biases for {@code initRange}
   * r > 0 (pylearn2's {@code irange}), PyTorch's default for 0.
   */
  public Dense(int in, int out, Form form, NDManager manager, Rng init, float initRange) {
    this(in, out, form, manager, init, Init.uniform(initRange));
  }

  /** A layer with fresh weights in {@code manager}, drawn as {@code initialization} says. */
  public Dense(int in, int out, Form form, NDManager manager, Rng init, Init initialization) {
    this.in = in;
    this.out = out;
    this.form = form;
    float[] w = new float[in * out];
    float[] b = new float[out];
    initialization.fill(w, b, in, init);
    weight = param(HostArrays.upload(manager, w, new Shape(in, out)));
    bias = param(HostArrays.upload(manager, b, new Shape(out)));
    if (form == Form.WEIGHT) {
      float[] g = new float[out];
      for (int j = 0; j < out; j++) {
        double ss = 0;
        for (int i = 0; i < in; i++) {
          ss += (double) w[i * out + j] * w[i * out + j];
        }
        g[j] = (float) Math.sqrt(ss);
      }
      gain = param(HostArrays.upload(manager, g, new Shape(out)));
    } else {
      gain = null;
    }
    u = form == Form.SPECTRAL ? SpectralNorm.initialVector(out, manager, init) : null;
  }

  private static NDArray param(NDArray a) {
    a.setRequiresGradient(true);
    return a;
  }

  /**
   * The weight matrix actually applied, W (in × out), as a differentiable expression. Every temporary
   * goes to the pass's manager: an operation on a parameter would otherwise leave its result in the
   * network's long-lived manager, a leak per step.
   */
  NDArray effectiveWeight(Pass pass) {
    NDManager m = pass.manager();
    switch (form) {
      case WEIGHT:
        NDArray norms = Tensors.on(m, weight.square()).sum(new int[] {0}).add(EPS).sqrt();
        return Tensors.on(m, gain.add(0f)).div(norms).mul(weight); // add keeps no operand: safe
      case SPECTRAL:
        NDArray sigma = SpectralNorm.sigma(weight, u, pass); // (1, 1), differentiable in W
        return Tensors.on(m, weight.div(sigma.reshape(new Shape())));
      default:
        return weight;
    }
  }

  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    // The engine's fused x Wᵀ + b (one operation and one backward node, not a product and a sum),
    // with W's transpose as a view in the pass's manager; the input gradient reuses it.
    NDArray wt = Tensors.on(pass.manager(), effectiveWeight(pass).transpose());
    if (saved != null) {
      saved.add(wt);
    }
    return x.getNDArrayInternal().linear(x, wt, bias).singletonOrThrow();
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    return g.matMul((NDArray) saved); // saved is Wᵀ from the forward pass
  }

  @Override
  public Shape outputShape(Shape input) {
    if (input.dimension() != 1 || input.get(0) != in) {
      throw Shapes.mismatch(this, input, "(" + in + ")");
    }
    return new Shape(out);
  }

  @Override
  public Map<String, NDArray> parameters() {
    return weightBiasGain(weight, bias, gain);
  }

  /** A weighted layer's parameters by name, the weight-norm gain only when there is one. */
  static Map<String, NDArray> weightBiasGain(NDArray weight, NDArray bias, NDArray gain) {
    Map<String, NDArray> p = new LinkedHashMap<>();
    p.put("weight", weight);
    p.put("bias", bias);
    if (gain != null) {
      p.put("gain", gain);
    }
    return p;
  }

  @Override
  public Map<String, NDArray> buffers() {
    return SpectralNorm.buffers(u);
  }

  @Override
  public String describe() {
    return "linear(" + in + "->" + out + (form == Form.PLAIN ? "" : ", " + form.name().toLowerCase(java.util.Locale.ROOT) + " norm") + ")";
  }
}
