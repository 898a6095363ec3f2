package dev.gan4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.gan4j.Engines;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.train.RunConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The floor gan4j's overhead is measured against: the same MLP GAN as the {@code mnist-mlp} preset
 * and the same Algorithm 1 (Goodfellow et al. 2014, k = 1, non-saturating loss), written the way a
 * DJL user would write it from DJL's stock parts: {@link SequentialBlock}s of {@link Linear},
 * {@link BatchNorm} (in G), LeakyReLU, {@link Dropout} and tanh blocks, {@link Optimizer#adam()}, one {@link
 * GradientCollector} per backward pass, noise from {@link NDManager#randomNormal}, batches by one
 * index gather.
 *
 * <p>It keeps the engine discipline any correct long-running DJL loop needs, and nothing more: a
 * sub-manager per step, gradients zeroed in place before each backward pass, G's output computed
 * outside the collector for D's step, D's parameters frozen for G's step (so neither step computes
 * the other network's weight gradients, as in gan4j).
 *
 * <pre>{@code try (MinimalDjlGan loop = new MinimalDjlGan(data, 64, 1)) { loop.step(); }}</pre>
 */
final class MinimalDjlGan implements GanLoop {
  static final int LATENT = 100;
  static final int[] G_HIDDEN = {256, 512, 1024};
  static final int[] D_HIDDEN = {1024, 512, 256};
  static final float LEAKY_SLOPE = 0.2f;
  static final float D_DROPOUT = 0.3f;
  static final float LR = 2e-4f;
  static final float BETA1 = 0.5f;

  private final NDManager manager;
  private final int batchSize;
  private final int count;
  private final SequentialBlock generator;
  private final SequentialBlock discriminator;
  private final List<Parameter> generatorParams;
  private final List<Parameter> discriminatorParams;
  private final ParameterStore parameterStore;
  private final Optimizer optG;
  private final Optimizer optD;
  private final NDArray images;
  private final Random shuffleRandom;
  private final int[] order;
  private int cursor;
  private float lossD = Float.NaN;
  private float lossG = Float.NaN;

  /** Builds both networks in a fresh manager and copies {@code data} into one tensor. */
  MinimalDjlGan(TrainingSet data, int batchSize, long seed) {
    Engines.init();
    this.batchSize = batchSize;
    this.count = data.count();
    manager = NDManager.newBaseManager();
    int dim = data.dim();
    generator = mlp(G_HIDDEN, dim, 0f, true);
    generator.add(Activation.tanhBlock());
    discriminator = mlp(D_HIDDEN, 1, D_DROPOUT, false);
    generator.initialize(manager, DataType.FLOAT32, new Shape(batchSize, LATENT));
    discriminator.initialize(manager, DataType.FLOAT32, new Shape(batchSize, dim));
    // Cached once: Block.getParameters() builds a fresh list on every call.
    generatorParams = parametersOf(generator);
    discriminatorParams = parametersOf(discriminator);
    // copy = false: forward passes use the parameter arrays themselves, like a one-device Trainer.
    parameterStore = new ParameterStore(manager, false);
    optG = adam();
    optD = adam();
    images = manager.create(data.values(), new Shape(count, dim));
    shuffleRandom = new Random(seed);
    order = new int[count];
    Arrays.setAll(order, i -> i);
    cursor = count; // forces a shuffle before the first batch
  }

  /** Fails if the {@code mnist-mlp} preset no longer describes the networks built here. */
  static void checkMatchesPreset(RunConfig preset) {
    RunConfig.Model model = preset.model();
    RunConfig.Optimizer og = preset.optim().generator();
    RunConfig.Optimizer od = preset.optim().discriminator();
    boolean same =
        model.latentDim() == LATENT
            && "normal".equals(model.prior())
            && sameNet(model.generator(), G_HIDDEN, 0f, "batch")
            && sameNet(model.discriminator(), D_HIDDEN, D_DROPOUT, "none")
            && "non-saturating".equals(preset.loss().name())
            && preset.loss().labelSmoothing() == 0f
            && preset.loop().dSteps() == 1
            && sameAdam(og)
            && sameAdam(od);
    if (!same) {
      throw new IllegalStateException(
          "the mnist-mlp preset changed: update MinimalDjlGan to keep the comparison fair");
    }
  }

  private static boolean sameNet(
      RunConfig.Net net, int[] hidden, float dropout, String normalization) {
    return Arrays.equals(net.hidden(), hidden)
        && normalization.equals(net.normalization())
        && net.noise() == 0f
        && "leaky-relu".equals(net.activation())
        && net.leakySlope() == LEAKY_SLOPE
        && net.dropout() == dropout;
  }

  private static boolean sameAdam(RunConfig.Optimizer o) {
    return "adam".equals(o.name())
        && o.lr() == LR
        && o.beta1() == BETA1
        && o.beta2() == 0.999f
        && o.eps() == 1e-8f;
  }

  private static SequentialBlock mlp(int[] hidden, int out, float dropout, boolean batchNorm) {
    SequentialBlock net = new SequentialBlock();
    for (int width : hidden) {
      net.add(Linear.builder().setUnits(width).build());
      if (batchNorm) {
        net.add(BatchNorm.builder().build()); // over the units of (batch, units) rows
      }
      net.add(Activation.leakyReluBlock(LEAKY_SLOPE));
      if (dropout > 0f) {
        net.add(Dropout.builder().optRate(dropout).build());
      }
    }
    net.add(Linear.builder().setUnits(out).build());
    return net;
  }

  private static List<Parameter> parametersOf(Block block) {
    List<Parameter> params = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) { // not batch norm's running statistics
        params.add(p.getValue());
      }
    }
    return params;
  }

  private static Optimizer adam() {
    // DJL's defaults for the rest match the preset: beta2 0.999, epsilon 1e-8, no weight decay.
    return Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).optBeta1(BETA1).build();
  }

  @Override
  public String name() {
    return "minimal DJL";
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void step() {
    discriminatorStep();
    generatorStep();
  }

  private void discriminatorStep() {
    try (NDManager step = manager.newSubManager()) {
      NDArray real = nextBatch(step);
      NDArray z = step.randomNormal(new Shape(batchSize, LATENT));
      // No collector is open, so no graph is recorded: G's output is a constant for D's update.
      NDArray fake = forward(generator, z);
      zeroGradients(discriminatorParams);
      NDArray loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray realOut = forward(discriminator, real);
        NDArray fakeOut = forward(discriminator, fake);
        // -log sigmoid(x) = softplus(-x) and -log(1 - sigmoid(x)) = softplus(x), both stable.
        loss = Activation.softPlus(realOut.neg()).mean().add(Activation.softPlus(fakeOut).mean());
        gc.backward(loss);
      }
      update(optD, discriminatorParams, step);
      lossD = loss.getFloat();
    }
  }

  private void generatorStep() {
    try (NDManager step = manager.newSubManager()) {
      NDArray z = step.randomNormal(new Shape(batchSize, LATENT));
      zeroGradients(generatorParams);
      // Frozen for this step, D's weights get no gradient: backward computes only what G needs.
      discriminator.freezeParameters(true);
      NDArray loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray fakeOut = forward(discriminator, forward(generator, z));
        loss = Activation.softPlus(fakeOut.neg()).mean(); // non-saturating: G ascends log D(G(z))
        gc.backward(loss);
      } finally {
        discriminator.freezeParameters(false);
      }
      update(optG, generatorParams, step);
      lossG = loss.getFloat();
    }
  }

  private NDArray forward(Block block, NDArray x) {
    return block.forward(parameterStore, new NDList(x), true).singletonOrThrow();
  }

  // A fresh permutation per epoch; the batch is one gather of rows by an index tensor.
  private NDArray nextBatch(NDManager step) {
    long[] idx = new long[batchSize];
    for (int i = 0; i < batchSize; i++) {
      if (cursor == count) {
        shuffle();
      }
      idx[i] = order[cursor++];
    }
    NDArray batch = images.get(step.create(idx));
    // Results of indexing a long-lived array land in its manager; move this one to the step's.
    batch.attach(step);
    return batch;
  }

  private void shuffle() {
    for (int i = count - 1; i > 0; i--) {
      int j = shuffleRandom.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    cursor = 0;
  }

  private static void zeroGradients(List<Parameter> params) {
    for (Parameter p : params) {
      // In place; GradientCollector.zeroGradients() would leak two native handles per parameter.
      JniUtils.zeroGrad((PtNDArray) p.getArray());
    }
  }

  private static void update(Optimizer optimizer, List<Parameter> params, NDManager step) {
    for (Parameter p : params) {
      NDArray weight = p.getArray();
      NDArray grad = weight.getGradient();
      // getGradient() hands out a new handle in the weight's long-lived manager: free it per step.
      grad.attach(step);
      optimizer.update(p.getId(), weight, grad);
    }
  }

  @Override
  public float[] lastLosses() {
    return new float[] {lossD, lossG};
  }

  @Override
  public void close() {
    manager.close();
  }
}
