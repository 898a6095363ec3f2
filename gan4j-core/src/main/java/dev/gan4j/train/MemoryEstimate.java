package dev.gan4j.train;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Limits;
import dev.gan4j.data.StackedMnist;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.nn.Activation;

/**
 * The memory a training run needs at the least, computed from its config alone: no network, array
 * or tensor is made, so a run that cannot fit is refused (an {@link InvalidConfigException}, exit
 * code 2) before anything is allocated. Values are float32, 4 bytes each. It counts:
 *
 * <ul>
 *   <li>parameters of G (times {@code model.generators}) and D, from each architecture's widths:
 *       the weights of every linear layer and convolution (biases and normalization left out). The
 *       engine holds each with its gradient and the optimizer's state (Adam: two moments; SGD's
 *       momentum and RMSProp's mean square: one), and G's weight average when {@code
 * stabilize.emaDecay > 0};
 *   <li>one batch's activations: each hidden stage's output, {@code loop.batchSize} times, through
 *       G once and D twice (a real and a generated batch), the values the backward pass keeps;
 *   <li>the training data, {@code count × values per sample}: a Java array (heap), and in the
 *       engine the tensor batches are drawn from plus the buffer it was copied through;
 *   <li>on the heap, the copy of every parameter and optimizer state a checkpoint makes, and with
 *       {@code eval.every > 0} each evaluation's noise and samples.
 * </ul>
 *
 * <p>{@link #check()} refuses a run whose heap part exceeds the JVM's maximum heap ({@code -Xmx}),
 * whose heap and engine parts together exceed the machine's (or container's) memory, or whose data
 * does not fit one array. Every term is a lower bound (the engine's temporaries, the JVM and the
 * libraries are left out), so a refused run would certainly not fit; a run that passes may still
 * run out of memory, which the command line reports in one line.
 *
 * <pre>{@code MemoryEstimate.of(config, config.data().size()).check();}</pre>
 *
 * @param generatorParameters weights of every generator
 * @param discriminatorParameters weights of the discriminator
 * @param activationsPerSample hidden values one sample makes through G, plus twice through D
 * @param dataValues values of the training data
 * @param stateCopies tensors the engine holds per parameter besides the weights (gradient,
 *     optimizer)
 * @param batchSize {@code loop.batchSize}
 * @param evalValues values an evaluation holds on the heap (noise and samples), 0 when off
 */
public record MemoryEstimate(
    double generatorParameters,
    double discriminatorParameters,
    double activationsPerSample,
    double dataValues,
    int stateCopies,
    int batchSize,
    double evalValues) {
  private static final int BYTES = 4;

  /**
   * The estimate for {@code config} training on {@code dataCount} samples (0 when the count is not
   * known yet: the dataset is then left out).
   */
  public static MemoryEstimate of(RunConfig config, long dataCount) {
    int[] shape = config.data().sampleShape();
    RunConfig.Model m = config.model();
    double dim = 1;
    for (int s : shape) {
      dim *= s;
    }
    double g = m.generators() * generator(m.generator(), m.latentDim(), shape);
    double d = discriminator(m.discriminator(), shape, m.pack(), m.minibatchKernels());
    double activations =
        generatorActivations(m.generator(), shape) + 2 * discriminatorActivations(m.discriminator(),
            shape, m.pack());
    int states = 1 + optimizerStates(config.optim().generator().name());
    boolean ema = config.stabilize().emaDecay() > 0;
    double evalValues =
        config.eval().every() > 0 ? (double) config.eval().samples() * (dim + m.latentDim()) : 0;
    return new MemoryEstimate(ema ? 2 * g : g, d, activations, dataCount * dim, states,
        config.loop().batchSize(), evalValues);
  }

  /**
   * The samples a config's data will hold when the config alone says so (2-D mixtures and Stacked
   * MNIST: {@code data.size}); 0 for datasets read from files, whose readers check their own sizes.
   */
  public static long plannedDataCount(RunConfig config) {
    String name = config.data().name();
    if (TrainingSet.mixture(name) != null || StackedMnist.NAME.equals(name)) {
      return config.data().size();
    }
    return 0;
  }

  /** Parameters of both networks. */
  public double parameters() {
    return generatorParameters + discriminatorParameters;
  }

  /**
   * Bytes the engine holds outside the Java heap: parameters and their state, activations, data.
   */
  public double nativeBytes() {
    return BYTES * (parameters() * (1 + stateCopies) + (double) batchSize * activationsPerSample
        + 2 * dataValues);
  }

  /** Bytes on the Java heap: the data's array, a checkpoint's copy of the state, evaluations. */
  public double heapBytes() {
    return BYTES * (dataValues + parameters() * stateCopies + evalValues);
  }

  /** Refuses the run when it cannot fit this JVM and machine ({@link Limits}). */
  public void check() {
    check(Limits.maxHeap(), Limits.physicalMemory());
  }

  /**
   * Refuses the run when it cannot fit a heap of {@code maxHeap} bytes and a machine of {@code
   * memory} bytes.
   *
   * @throws InvalidConfigException naming the need, the limit and what to change
   */
  public void check(long maxHeap, long memory) {
    if (dataValues * BYTES > Limits.MAX_ARRAY) {
      throw new InvalidConfigException("the training data would be "
          + Limits.bytes(dataValues * BYTES) + ", more than one array holds ("
          + Limits.bytes(Limits.MAX_ARRAY) + "); use a smaller data.size");
    }
    if (heapBytes() > maxHeap) {
      throw new InvalidConfigException("this run needs at least " + Limits.bytes(heapBytes())
          + " of Java heap (" + parts() + "), more than the maximum heap of "
          + Limits.bytes(maxHeap) + "; use smaller networks (model.generator.hidden,"
          + " model.discriminator.hidden) or data (data.size), or a larger -Xmx"
          + " (GAN4J_JAVA_OPTS=-Xmx<size> for ./gan4j)");
    }
    double total = heapBytes() + nativeBytes();
    if (total > memory) {
      throw new InvalidConfigException("this run needs at least " + Limits.bytes(total)
          + " of memory (" + parts() + "), more than this machine's " + Limits.bytes(memory)
          + "; use smaller networks (model.generator.hidden, model.discriminator.hidden,"
          + " model.latentDim), a smaller loop.batchSize or data.size");
    }
  }

  private String parts() {
    return count(parameters()) + " parameters, " + count(batchSize * activationsPerSample)
        + " activations for a batch of " + batchSize + ", " + Limits.bytes(dataValues * BYTES)
        + " of data";
  }

  // 950, 12.3 thousand, 4.5 million, 17.2 billion.
  private static String count(double n) {
    String[] names = {"", " thousand", " million", " billion", " trillion"};
    int i = 0;
    while (n >= 1000 && i < names.length - 1) {
      n /= 1000;
      i++;
    }
    return i == 0 ? String.format(java.util.Locale.ROOT, "%.0f", n)
        : String.format(java.util.Locale.ROOT, "%.1f%s", n, names[i]);
  }

  private static int optimizerStates(String optimizer) {
    return "adam".equals(optimizer) ? 2 : 1;
  }

  private static boolean image(int[] shape) {
    return shape.length == 3;
  }

  private static double product(int[] shape) {
    double p = 1;
    for (int s : shape) {
      p *= s;
    }
    return p;
  }

  // Linear layers in -> hidden (maxout: pieces per unit) -> out, plus minibatch discrimination.
  private static double mlp(double in, int[] hidden, double out, String activation, int kernels) {
    int pieces = Activation.of(activation) == Activation.MAXOUT ? Activation.MAXOUT_PIECES : 1;
    double p = 0;
    double width = in;
    for (int h : hidden) {
      p += width * h * pieces;
      width = h;
    }
    p += width * kernels * dev.gan4j.nn.MlpSpec.MINIBATCH_KERNEL_DIMS;
    return p + width * out;
  }

  private static double generator(RunConfig.Net net, int latent, int[] shape) {
    int[] w = net.hidden();
    if (!image(shape) || "mlp".equals(net.arch()) || w.length == 0) {
      return mlp(latent, w, product(shape), net.activation(), 0);
    }
    boolean resnet = "resnet".equals(net.arch());
    int stages = resnet ? w.length - 1 : w.length;
    double first = (double) (shape[1] >> stages) * (shape[2] >> stages);
    if (resnet) {
      return latent * w[0] * first + stages * 2.0 * 9 * w[0] * w[0] + 9.0 * w[0] * shape[0];
    }
    double p = latent * w[0] * first;
    for (int i = 1; i < w.length; i++) {
      p += 16.0 * w[i - 1] * w[i];
    }
    return p + 16.0 * w[w.length - 1] * shape[0];
  }

  private static double discriminator(RunConfig.Net net, int[] shape, int pack, int kernels) {
    int[] w = net.hidden();
    if (!image(shape) || "mlp".equals(net.arch()) || w.length == 0) {
      return mlp(product(shape) * pack, w, 1, net.activation(), kernels);
    }
    boolean resnet = "resnet".equals(net.arch());
    int stages = resnet ? w.length - 1 : w.length;
    double last = (double) (shape[1] >> stages) * (shape[2] >> stages);
    if (resnet) {
      return 9.0 * shape[0] * pack * w[0] + stages * 2.0 * 9 * w[0] * w[0] + w[0] * last;
    }
    double p = 16.0 * shape[0] * pack * w[0];
    for (int i = 1; i < w.length; i++) {
      p += 16.0 * w[i - 1] * w[i];
    }
    return p + w[w.length - 1] * last;
  }

  private static double generatorActivations(RunConfig.Net net, int[] shape) {
    int[] w = net.hidden();
    if (!image(shape) || "mlp".equals(net.arch()) || w.length == 0) {
      return sum(w) + product(shape);
    }
    boolean resnet = "resnet".equals(net.arch());
    int stages = resnet ? w.length - 1 : w.length;
    double a = product(shape);
    for (int i = 0; i <= stages; i++) {
      double side = (double) (shape[1] >> (stages - i)) * (shape[2] >> (stages - i));
      if (resnet || i < stages) {
        a += (resnet ? w[0] : w[i]) * side;
      }
    }
    return a;
  }

  private static double discriminatorActivations(RunConfig.Net net, int[] shape, int pack) {
    int[] w = net.hidden();
    if (!image(shape) || "mlp".equals(net.arch()) || w.length == 0) {
      return sum(w) / pack;
    }
    boolean resnet = "resnet".equals(net.arch());
    int stages = resnet ? w.length - 1 : w.length;
    double a = 0;
    for (int i = 0; i < (resnet ? stages + 1 : stages); i++) {
      int shift = resnet ? i : i + 1;
      a += (double) (resnet ? w[0] : w[i]) * (shape[1] >> shift) * (shape[2] >> shift);
    }
    return a / pack;
  }

  private static double sum(int[] values) {
    double s = 0;
    for (int v : values) {
      s += v;
    }
    return s;
  }
}
