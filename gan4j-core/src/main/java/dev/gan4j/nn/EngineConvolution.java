package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.gan4j.HostArrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's own {@code conv2d}, used by {@link Convolution} only where a check has shown it right.
 * The first time a configuration (input shape, kernel shape, stride, padding, data type) is met, the
 * engine's forward pass and its backward pass (input and weight gradients, which training and gradient
 * penalties rely on) are compared with gan4j's {@link Convolution#windows} on fixed pseudo-random data
 * of exactly that shape; the verdict is kept for the life of the JVM. A configuration the engine gets
 * wrong is routed to gan4j's own convolution, whatever the processor: DJL 0.34's engine was once
 * recorded here giving wrong input gradients for small channel counts (docs/networks.md), and the
 * oneDNN kernels it picks depend on the processor and the shapes.
 *
 * <p>The check draws its data from its own seeded generator, never from the engine's, so it changes no
 * run's random numbers. It can be turned off for a JVM with {@code -Dgan4j.conv.engine=false} (then
 * every convolution is gan4j's own), or by {@link #setEnabled} (benchmarks compare both in one process).
 *
 * <pre>{@code boolean fast = EngineConvolution.trusted(x, kernel, 2, 1);}</pre>
 */
public final class EngineConvolution {
  /** Largest relative difference (max |a - b| / max |b|) accepted in float32 and in float64. */
  static final double TOLERANCE_FLOAT32 = 1e-3;

  static final double TOLERANCE_FLOAT64 = 1e-9;

  private static final long SEED = 0x6a09e667L;
  private static final Map<Key, Boolean> VERDICTS = new ConcurrentHashMap<>();
  private static volatile boolean enabled =
      !"false".equalsIgnoreCase(System.getProperty("gan4j.conv.engine", "true").trim());

  private EngineConvolution() {}

  /** A convolution as a function of input and kernel, for the check. */
  @FunctionalInterface
  interface Op {
    NDArray apply(NDArray x, NDArray kernel, int stride, int padding);
  }

  /** One configuration's identity: what can change which kernel the engine runs. */
  private record Key(Shape x, Shape kernel, int stride, int padding, DataType type) {}

  /** Whether convolutions may go through the engine at all (true unless turned off). */
  public static boolean isEnabled() {
    return enabled;
  }

  /** Turns the engine's convolution on or off for this JVM; verdicts already made are kept. */
  public static void setEnabled(boolean on) {
    enabled = on;
  }

  /** How many configurations have been checked, and how many of them the engine got wrong. */
  public static int[] verdictCounts() {
    int refused = 0;
    for (boolean ok : VERDICTS.values()) {
      refused += ok ? 0 : 1;
    }
    return new int[] {VERDICTS.size(), refused};
  }

  /** The engine's {@code conv2d}: its result joins {@code x}'s manager. */
  static NDArray apply(NDArray x, NDArray kernel, NDArray bias, int stride, int padding) {
    return Conv2d.conv2d(x, kernel, bias, new Shape(stride, stride), new Shape(padding, padding))
        .singletonOrThrow();
  }

  /**
   * Whether {@link Convolution} may use the engine for this configuration: enabled, a float type, and
   * the check (run now on the configuration's first use) passed.
   */
  static boolean trusted(NDArray x, NDArray kernel, int stride, int padding) {
    DataType type = x.getDataType();
    if (!enabled || type != kernel.getDataType()
        || (type != DataType.FLOAT32 && type != DataType.FLOAT64)) {
      return false;
    }
    Key key = new Key(x.getShape(), kernel.getShape(), stride, padding, type);
    Boolean verdict = VERDICTS.get(key);
    if (verdict == null) {
      verdict = agrees(EngineConvolution::engine, EngineConvolution::windows, key, x.getManager());
      VERDICTS.put(key, verdict);
    }
    return verdict;
  }

  private static NDArray engine(NDArray x, NDArray kernel, int stride, int padding) {
    return apply(x, kernel, null, stride, padding);
  }

  private static NDArray windows(NDArray x, NDArray kernel, int stride, int padding) {
    return Convolution.windows(x, kernel, null, stride, padding);
  }

  /**
   * Whether {@code candidate} gives {@code reference}'s output, input gradient and kernel gradient on
   * fixed pseudo-random data of the configuration's shapes (an upstream gradient of random values).
   */
  static boolean agrees(Op candidate, Op reference, Shape x, Shape kernel, int stride, int padding,
      DataType type, NDManager parent) {
    return agrees(candidate, reference, new Key(x, kernel, stride, padding, type), parent);
  }

  private static boolean agrees(Op candidate, Op reference, Key key, NDManager parent) {
    // The check records its own small graph: autograd on for it (the caller may be in inference),
    // then back as it was. Its leaves are fresh arrays, so a graph the caller is recording is untouched.
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    try (NDManager m = parent.newSubManager()) {
      Random random = new Random(SEED);
      NDArray x = gaussian(m, key.x(), key.type(), random, 1.0);
      NDArray k = gaussian(m, key.kernel(), key.type(), random, 0.1);
      long upstream = random.nextLong();
      NDArray[] want = outputAndGradients(reference, x, k, key, upstream, m);
      NDArray[] got = outputAndGradients(candidate, x, k, key, upstream, m);
      double tolerance =
          key.type() == DataType.FLOAT64 ? TOLERANCE_FLOAT64 : TOLERANCE_FLOAT32;
      for (int i = 0; i < want.length; i++) {
        if (!(relativeDifference(got[i], want[i]) <= tolerance)) {
          return false;
        }
      }
      return true;
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  // The output, then the gradients of Σ y·r with respect to x and the kernel (r seeded by upstream).
  private static NDArray[] outputAndGradients(
      Op op, NDArray x0, NDArray k0, Key key, long upstream, NDManager m) {
    NDArray x = x0.duplicate();
    NDArray k = k0.duplicate();
    x.setRequiresGradient(true);
    k.setRequiresGradient(true);
    NDArray y = op.apply(x, k, key.stride(), key.padding());
    NDArray r = gaussian(m, y.getShape(), key.type(), new Random(upstream), 1.0);
    NDArray loss = y.mul(r).sum();
    JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
    NDArray gx = x.getGradient();
    NDArray gk = k.getGradient();
    gx.attach(m);
    gk.attach(m);
    return new NDArray[] {y.stopGradient(), gx, gk};
  }

  private static double relativeDifference(NDArray a, NDArray b) {
    if (!a.getShape().equals(b.getShape())) {
      return Double.POSITIVE_INFINITY;
    }
    NDArray a64 = a.toType(DataType.FLOAT64, false);
    NDArray b64 = b.toType(DataType.FLOAT64, false);
    double diff = a64.sub(b64).abs().max().getDouble();
    double scale = b64.abs().max().getDouble();
    return diff / Math.max(scale, Double.MIN_NORMAL);
  }

  private static NDArray gaussian(
      NDManager m, Shape shape, DataType type, Random random, double scale) {
    int size = Math.toIntExact(shape.size());
    if (type == DataType.FLOAT64) {
      double[] v = new double[size];
      for (int i = 0; i < size; i++) {
        v[i] = random.nextGaussian() * scale;
      }
      return m.create(v, shape);
    }
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return HostArrays.upload(m, v, shape);
  }
}
