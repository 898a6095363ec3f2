package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.gan4j.Rng;
import dev.gan4j.data.MinibatchSampler;
import dev.gan4j.nn.Pass;
import java.util.Map;

/**
 * What the image-to-image families ({@link Pix2Pix}, {@link CycleGan}) share: training rows that hold
 * an image of domain A and one of domain B stacked as channels (2c × h × w), split here into the
 * two images; a "latent vector" that is an input image of A, so the trainer's sampling, pictures and
 * evaluation draw translations of training inputs; and the L1 distance of both papers.
 *
 * <pre>{@code if (trainer.model() instanceof ImageTranslation t) { NDArray out = t.translate(x, false, pass); }}</pre>
 */
public abstract class ImageTranslation implements GanModel {
  /** Training inputs {@link #fillNoise} draws from: the first rows of the data. */
  static final int INPUT_POOL = 256;

  final RunConfig config;
  final NDManager manager;
  final MinibatchSampler sampler;
  final TrainingHooks hooks;
  final int[] imageShape;
  final int imageDim;
  final int m;
  final Rng dropoutRng;
  private final float[] inputPool;
  private final int poolCount;
  private final Map<String, ParameterOptimizer> optimizers = new java.util.LinkedHashMap<>();
  private GeneratorSet generators;
  private Critic critic;
  private dev.gan4j.loss.GanLoss loss;

  ImageTranslation(ModelContext context) {
    this.config = context.config();
    this.manager = context.manager();
    this.sampler = context.sampler();
    this.hooks = context.hooks();
    this.imageShape = imageShape(context.sampleShape());
    this.imageDim = imageShape[0] * imageShape[1] * imageShape[2];
    this.m = config.loop().batchSize();
    this.dropoutRng = context.stream("dropout");
    try (NDManager tmp = manager.newSubManager()) {
      NDArray rows = sampler.peek(INPUT_POOL, tmp);
      poolCount = Math.toIntExact(rows.getShape().get(0));
      inputPool = inputs(rows).toFloatArray();
    }
  }

  /**
   * One image's shape, (c, h, w), from a training row's (2c, h, w).
   *
   * @throws dev.gan4j.InvalidConfigException when the data is not image pairs
   */
  static int[] imageShape(int[] rowShape) {
    if (rowShape.length != 3 || rowShape[0] % 2 != 0) {
      throw new dev.gan4j.InvalidConfigException("an image-to-image family trains on image pairs"
          + " (a translation task such as edges2digits, thin2thick-digits); this data has samples of"
          + " shape " + java.util.Arrays.toString(rowShape));
    }
    return new int[] {rowShape[0] / 2, rowShape[1], rowShape[2]};
  }

  /**
   * Checks that a network's configured architecture is the one the family builds.
   *
   * @throws dev.gan4j.InvalidConfigException naming the field and the architecture expected
   */
  static RunConfig.Net requireArch(RunConfig.Net net, String field, String arch, String family) {
    if (!arch.equals(net.arch())) {
      throw new dev.gan4j.InvalidConfigException(field + ".arch must be " + arch + " for the "
          + family + " family, got " + net.arch());
    }
    return net;
  }

  /** The A images of a batch of rows: the first half of each row. */
  NDArray inputs(NDArray rows) {
    return rows.get(new NDIndex(":, :" + imageDim));
  }

  /** The B images of a batch of rows: the second half of each row. */
  NDArray targets(NDArray rows) {
    return rows.get(new NDIndex(":, " + imageDim + ":"));
  }

  /** Mean absolute difference, over every pixel of the batch. */
  static NDArray l1(NDArray a, NDArray b) {
    return a.sub(b).abs().mean();
  }

  /** The shape of one image of either domain, (c, h, w). */
  public int[] imageShape() {
    return imageShape.clone();
  }

  /** Whether the model learns from pairs (pix2pix) rather than two unpaired domains (CycleGAN). */
  public abstract boolean paired();

  /** A to B ({@code toA} false) or B to A, of flat images (n, c·h·w). */
  public abstract NDArray translate(NDArray images, boolean toA, Pass pass);

  /**
   * Names the main pair and the two optimizers (a subclass's constructor calls it once): the
   * generator samples and pictures come from, the discriminator the logged D(x) refers to.
   */
  void setMain(GeneratorSet generators, Critic critic, dev.gan4j.loss.GanLoss loss,
      ParameterOptimizer optG, ParameterOptimizer optD) {
    this.generators = generators;
    this.critic = critic;
    this.loss = loss;
    optimizers.put(GENERATOR, optG);
    optimizers.put(DISCRIMINATOR, optD);
  }

  @Override
  public GeneratorSet generators() {
    return generators;
  }

  @Override
  public Critic discriminator() {
    return critic;
  }

  @Override
  public dev.gan4j.loss.GanLoss loss() {
    return loss;
  }

  @Override
  public Map<String, ParameterOptimizer> optimizers() {
    return optimizers;
  }

  @Override
  public int latentDim() {
    return imageDim;
  }

  /** Fills {@code z} with training inputs of domain A drawn from {@code rng}. */
  @Override
  public void fillNoise(float[] z, Rng rng) {
    int n = z.length / imageDim;
    for (int i = 0; i < n; i++) {
      System.arraycopy(inputPool, rng.nextInt(poolCount) * imageDim, z, i * imageDim, imageDim);
    }
  }

  @Override
  public NDArray sample(NDArray z, Pass pass) {
    return translate(z, false, pass);
  }

  @Override
  public Map<String, Double> state() {
    return Map.of();
  }

  @Override
  public void restoreState(Map<String, Double> state) {}
}
