package dev.gan4j.train;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Limits;
import dev.gan4j.data.StackedMnist;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.nn.Architectures;
import dev.gan4j.nn.Footprint;

/**
 * The memory a training run needs at the least, computed from its config alone: no network, array
 * or tensor is made, so a run that cannot fit is refused (an {@link InvalidConfigException}, exit
 * code 2) before anything is allocated. Values are float32, 4 bytes each. It counts:
 *
 * <ul>
 *   <li>parameters of G (times {@code model.generators}) and D, as each architecture counts them
 *       ({@link dev.gan4j.nn.Architecture#generatorFootprint}) from its widths:
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
    Footprint gNet = generator(m.generator(), m.latentDim(), shape);
    Footprint dNet = discriminator(m.discriminator(), shape, m.pack(), m.minibatchKernels());
    double g = m.generators() * gNet.parameters();
    double d = dNet.parameters();
    double activations = gNet.activationsPerSample() + 2 * dNet.activationsPerSample();
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

  // Vector data, or no hidden widths: a perceptron whatever the architecture; images: the
  // architecture's own count.
  private static Footprint generator(RunConfig.Net net, int latent, int[] shape) {
    if (shape.length != 3 || net.hidden().length == 0) {
      return Footprint.denseGenerator(latent, net.hidden(), shape, net.activation());
    }
    return Architectures.byName(net.arch())
        .generatorFootprint(latent, net.hidden(), shape, net.activation());
  }

  private static Footprint discriminator(RunConfig.Net net, int[] shape, int pack, int kernels) {
    if (shape.length != 3 || net.hidden().length == 0) {
      return Footprint.denseDiscriminator(shape, pack, net.hidden(), net.activation(), kernels);
    }
    return Architectures.byName(net.arch())
        .discriminatorFootprint(shape, pack, net.hidden(), net.activation(), kernels);
  }
}
