package dev.gan4j.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gan4j.DataException;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.data.ImageDatasets.ImageDataset;
import dev.gan4j.nn.LeNet;
import dev.gan4j.nn.Parameter;
import dev.gan4j.train.ParameterOptimizer;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.TrainerSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The evaluation classifier: a {@link LeNet} that gan4j trains itself on a dataset's training split, so
 * every image metric (Fréchet distance and KID on its features, the classifier score and class histogram
 * on its probabilities, precision/recall, density/coverage) is computed on this machine without
 * pretrained weights from elsewhere. {@code dev.gan4j.io.ClassifierCache} trains it once per dataset and
 * keeps it with its provenance in the data dir.
 *
 * <p>Training: Adam, softmax cross-entropy, minibatches shuffled per epoch by gan4j's {@link Rng}, each
 * image shifted by a random whole number of pixels in [-{@code maxShift}, {@code maxShift}] in each
 * direction (the empty border filled with the background value -1), dropout before the last layer.
 * Same recipe and data, same weights, on the same machine.
 *
 * <pre>{@code try (EvalClassifier c = EvalClassifier.train(train, EvalClassifier.Recipe.forDataset("mnist"), log)) {
 *   EvalClassifier.Embedding e = c.embed(images, n); }}</pre>
 */
public final class EvalClassifier implements AutoCloseable {
  /** The architecture's name, part of metric names such as {@code fd-lenet}. */
  public static final String ARCHITECTURE = "lenet";

  private static final int EVAL_BATCH = 500;

  /**
   * How the classifier is trained. A cached classifier is reused only when its recipe equals the one
   * asked for.
   *
   * @param spec the network
   * @param seed seed of the initial weights, the shuffling, the shifts and dropout
   * @param epochs passes over the training split
   * @param batchSize minibatch size
   * @param lr Adam's learning rate (β1 0.9, β2 0.999)
   * @param maxShift largest random translation in pixels, 0 for none
   */
  public record Recipe(LeNet.Spec spec, long seed, int epochs, int batchSize, float lr, int maxShift) {
    /** Validates the fields. */
    public Recipe {
      if (spec == null) {
        throw new InvalidConfigException("classifier spec is required");
      }
      if (epochs < 1 || batchSize < 1 || maxShift < 0 || !(lr > 0)) {
        throw new InvalidConfigException(
            "classifier recipe needs epochs >= 1, batchSize >= 1, lr > 0, maxShift >= 0; got "
                + epochs + ", " + batchSize + ", " + lr + ", " + maxShift);
      }
    }

    /** gan4j's recipe for a 28 × 28, 10-class dataset (mnist, fashion-mnist). */
    public static Recipe forDataset(String dataset) {
      // MNIST here has only 8,000 training digits: more epochs, and shifts to stretch them.
      boolean small = "mnist".equals(dataset);
      return new Recipe(LeNet.Spec.standard(10), 0, small ? 15 : 6, 64, 1e-3f, small ? 2 : 1);
    }
  }

  /**
   * What the classifier makes of a set of images.
   *
   * @param features penultimate-layer vectors, one row per image
   * @param probabilities softmax class probabilities, one row per image
   */
  public record Embedding(Samples features, Samples probabilities) {}

  private final Recipe recipe;
  private final NDManager manager;
  private final LeNet net;

  private EvalClassifier(Recipe recipe) {
    Engines.init();
    this.recipe = recipe;
    manager = NDManager.newBaseManager();
    net = new LeNet(recipe.spec(), manager, Rng.derive(recipe.seed(), "classifier-init"));
  }

  /**
   * Trains a classifier on {@code train} with {@code recipe}.
   *
   * @param log one line per epoch (loss, seconds)
   */
  public static EvalClassifier train(ImageDataset train, Recipe recipe, Consumer<String> log) {
    checkImages(train, recipe.spec());
    EvalClassifier c = new EvalClassifier(recipe);
    try {
      c.fit(train, log);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** A classifier with {@code recipe}'s shape and the weights in {@code snapshot} (see {@link #snapshot}). */
  public static EvalClassifier restore(Recipe recipe, TrainerSnapshot snapshot) {
    EvalClassifier c = new EvalClassifier(recipe);
    for (Parameter p : c.net.parameters()) {
      float[] v = snapshot.tensors().get(p.name());
      long[] shape = snapshot.shapes().get(p.name());
      if (v == null || shape == null || !new Shape(shape).equals(p.array().getShape())) {
        c.close();
        throw new DataException("classifier weights do not match its recipe at '" + p.name() + "'");
      }
      HostArrays.copyInto(p.array(), v);
    }
    return c;
  }

  /** The weights, to store. */
  public TrainerSnapshot snapshot() {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (Parameter p : net.parameters()) {
      tensors.put(p.name(), p.array().toFloatArray());
      shapes.put(p.name(), p.array().getShape().getShape());
    }
    // A checkpoint's "iteration" counts training passes here: the recipe's epochs.
    return new TrainerSnapshot(
        Map.of("iteration", (long) recipe.epochs()), Map.of(), Map.of(), tensors, shapes);
  }

  /** How this classifier was trained. */
  public Recipe recipe() {
    return recipe;
  }

  /** The number of classes. */
  public int classes() {
    return recipe.spec().classes();
  }

  /** The width of the feature vectors. */
  public int featureDim() {
    return recipe.spec().features();
  }

  private void fit(ImageDataset train, Consumer<String> log) {
    int n = train.count();
    int side = recipe.spec().side();
    int pixels = side * side;
    int classes = recipe.spec().classes();
    int m = Math.min(recipe.batchSize(), n);
    ParameterOptimizer opt =
        ParameterOptimizer.create(
            RunConfig.Optimizer.adam(recipe.lr(), 0.9f, 0.999f), net.parameters(), manager);
    Rng shuffle = Rng.derive(recipe.seed(), "classifier-shuffle");
    Rng shift = Rng.derive(recipe.seed(), "classifier-shift");
    Rng dropout = Rng.derive(recipe.seed(), "classifier-dropout");
    float[] batch = new float[m * pixels];
    float[] oneHot = new float[m * classes];
    // Exponential decay from lr to lr/20 over the epochs: the last epochs settle instead of bouncing.
    double decay = recipe.epochs() == 1 ? 1 : Math.pow(1.0 / 20, 1.0 / (recipe.epochs() - 1));
    for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
      long t0 = System.nanoTime();
      opt.setLearningRate((float) (recipe.lr() * Math.pow(decay, epoch - 1)));
      int[] order = shuffle.permutation(n);
      double lossSum = 0;
      int batches = 0;
      for (int start = 0; start + m <= n; start += m) { // a ragged last batch is dropped
        java.util.Arrays.fill(oneHot, 0f);
        for (int i = 0; i < m; i++) {
          int row = order[start + i];
          copyShifted(train.pixels(), row * pixels, batch, i * pixels, side,
              draw(shift), draw(shift));
          oneHot[i * classes + label(train, row, classes)] = 1f;
        }
        lossSum += step(batch, oneHot, m, opt, dropout);
        batches++;
      }
      log.accept(String.format(java.util.Locale.ROOT,
          "classifier: epoch %d/%d, loss %.4f, %.1f s", epoch, recipe.epochs(),
          lossSum / batches, (System.nanoTime() - t0) / 1e9));
    }
  }

  private int draw(Rng rng) {
    int s = recipe.maxShift();
    return s == 0 ? 0 : rng.nextInt(2 * s + 1) - s;
  }

  private float step(float[] batch, float[] oneHot, int m, ParameterOptimizer opt, Rng dropout) {
    try (NDManager step = manager.newSubManager()) {
      int side = recipe.spec().side();
      NDArray x = HostArrays.upload(step, batch, new Shape(m, side * side));
      NDArray y = HostArrays.upload(step, oneHot, new Shape(m, recipe.spec().classes()));
      for (Parameter p : net.parameters()) {
        JniUtils.zeroGrad((PtNDArray) p.array());
      }
      NDArray loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = net.logits(x, true, dropout);
        loss = dev.gan4j.Scalars.over(logits.logSoftmax(1).mul(y).sum(), -m);
        gc.backward(loss);
      }
      opt.update(step);
      return loss.getFloat();
    }
  }

  // dst = src translated by (dx, dy) pixels; uncovered pixels are background (-1).
  private static void copyShifted(
      float[] src, int srcOff, float[] dst, int dstOff, int side, int dx, int dy) {
    if (dx == 0 && dy == 0) {
      System.arraycopy(src, srcOff, dst, dstOff, side * side);
      return;
    }
    java.util.Arrays.fill(dst, dstOff, dstOff + side * side, -1f);
    for (int r = Math.max(0, dy); r < Math.min(side, side + dy); r++) {
      int from = Math.max(0, dx);
      int to = Math.min(side, side + dx);
      System.arraycopy(src, srcOff + (r - dy) * side + (from - dx), dst, dstOff + r * side + from,
          to - from);
    }
  }

  private static int label(ImageDataset d, int row, int classes) {
    int label = d.labels()[row];
    if (label < 0 || label >= classes) {
      throw new DataException(d.name() + ": label " + label + " at image " + row
          + " is outside 0.." + (classes - 1));
    }
    return label;
  }

  /**
   * Features and class probabilities of {@code count} images (row-major, side² values each, in [-1, 1]),
   * computed in batches without recording a graph.
   */
  public Embedding embed(float[] images, int count) {
    int pixels = recipe.spec().side() * recipe.spec().side();
    if (count < 1 || images.length != (long) count * pixels) {
      throw new IllegalArgumentException("expected " + count + " images of " + pixels
          + " values, got " + images.length + " values");
    }
    int f = featureDim();
    int k = classes();
    float[] features = new float[count * f];
    float[] probs = new float[count * k];
    float[] batch = new float[Math.min(EVAL_BATCH, count) * pixels];
    for (int start = 0; start < count; start += EVAL_BATCH) {
      int b = Math.min(EVAL_BATCH, count - start);
      try (NDManager step = manager.newSubManager()) {
        if (b * pixels != batch.length) {
          batch = new float[b * pixels];
        }
        System.arraycopy(images, start * pixels, batch, 0, b * pixels);
        NDArray h = net.features(HostArrays.upload(step, batch, new Shape(b, pixels)));
        NDArray p = net.logitsFromFeatures(h, false, null).softmax(1);
        System.arraycopy(h.toFloatArray(), 0, features, start * f, b * f);
        System.arraycopy(p.toFloatArray(), 0, probs, start * k, b * k);
      }
    }
    return new Embedding(new Samples(count, f, features), new Samples(count, k, probs));
  }

  /** The fraction of {@code data}'s images whose most probable class is their label. */
  public double accuracy(ImageDataset data) {
    checkImages(data, recipe.spec());
    Samples p = embed(data.pixels(), data.count()).probabilities();
    int k = classes();
    int correct = 0;
    for (int i = 0; i < data.count(); i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (p.values()[i * k + c] > p.values()[i * k + best]) {
          best = c;
        }
      }
      if (best == data.labels()[i]) {
        correct++;
      }
    }
    return (double) correct / data.count();
  }

  private static void checkImages(ImageDataset d, LeNet.Spec spec) {
    if (d.rows() != spec.side() || d.cols() != spec.side()) {
      throw new DataException(d.name() + ": the evaluation classifier takes " + spec.side() + " x "
          + spec.side() + " images, got " + d.rows() + " x " + d.cols());
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
