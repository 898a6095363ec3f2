package dev.gan4j.data;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The built-in image-to-image translation tasks, by name, made from the IDX datasets gan4j already
 * has so that translation trains and is measured offline. Paired tasks give each input its target
 * (pix2pix); unpaired ones give two domains (CycleGAN).
 *
 * <table>
 *   <caption>tasks</caption>
 *   <tr><th>name</th><th>domain A (input)</th><th>domain B (target)</th></tr>
 *   <tr><td>{@code edges2digits}</td><td>the edge map of an MNIST digit</td><td>the digit</td></tr>
 *   <tr><td>{@code inpaint-digits}</td><td>a digit with a 12 × 12 square masked</td><td>the whole
 *       digit</td></tr>
 *   <tr><td>{@code superres-digits}</td><td>the digit at 7 × 7, shown at 28 × 28</td><td>the digit at
 *       28 × 28</td></tr>
 *   <tr><td>{@code fashion-edges2items}</td><td>the edge map of a Fashion-MNIST item</td><td>the
 *       item</td></tr>
 *   <tr><td>{@code thin2thick-digits}</td><td>the thinner half of the split's digits (stroke
 *       thickness below its median)</td><td>the thicker half, unpaired</td></tr>
 * </table>
 *
 * <p>A training set of a task ({@link #trainingSet}) holds one row per pair, input then target
 * stacked as channels (2c × h × w), so shuffling, checkpoints and resume keep every pair together;
 * for an unpaired task a row joins a sample of A to an unrelated sample of B. The masks of {@code
 * inpaint-digits} come from a fixed seed per split: every run sees the same task.
 *
 * <pre>{@code TranslationTasks.Pairs test = TranslationTasks.load("edges2digits", dataDir, Split.TEST);}</pre>
 */
public final class TranslationTasks {
  /** Side of the masked square of {@code inpaint-digits}. */
  static final int MASK = 12;

  /** The masked square lies inside the image less this margin. */
  static final int MASK_MARGIN = 4;

  /** The downsampling factor of {@code superres-digits}: 28 × 28 through 7 × 7. */
  static final int SUPERRES_FACTOR = 4;

  /**
   * One task's images: domain A (inputs) and domain B (targets), each with the source dataset's
   * class per image.
   *
   * @param task the task's name
   * @param side the images' side (square, one channel)
   * @param a domain A
   * @param b domain B; for a paired task image i of B is the target of image i of A
   * @param paired whether the domains are paired image by image
   */
  public record Pairs(String task, int side, Domain a, Domain b, boolean paired) {
    /** The shape of one image of either domain, (c, h, w). */
    public int[] imageShape() {
      return new int[] {1, side, side};
    }

    /** The values of one image. */
    public int imageDim() {
      return side * side;
    }
  }

  /**
   * The images of one domain.
   *
   * @param count how many
   * @param pixels count images, one after another, in [-1, 1]
   * @param labels the class of each
   */
  public record Domain(int count, float[] pixels, int[] labels) {
    /** Checks that the arrays agree with the count. */
    public Domain {
      if (count < 1 || labels.length != count || pixels.length % count != 0) {
        throw new dev.gan4j.DataException("a translation domain needs count >= 1 images and labels,"
            + " got " + count + " for " + pixels.length + " values and " + labels.length + " labels");
      }
    }

    /** The first {@code n} images (all when n >= count). */
    public Domain head(int n) {
      int k = Math.min(n, count);
      int dim = pixels.length / count;
      return new Domain(k, Arrays.copyOf(pixels, k * dim), Arrays.copyOf(labels, k));
    }
  }

  private record Task(String source, boolean paired, String description,
      BiFunction<ImageDatasets.ImageDataset, ImageDatasets.Split, Pairs> build) {}

  /** The unpaired thickness task's name. */
  public static final String THIN2THICK = "thin2thick-digits";

  private static final Map<String, Task> TASKS = new LinkedHashMap<>();

  static {
    TASKS.put("edges2digits", new Task(ImageDatasets.MNIST, true,
        "MNIST edge maps (Sobel) to digits",
        (d, s) -> paired("edges2digits", d, (img, i) -> DigitTransforms.edges(img, d.rows()))));
    TASKS.put("inpaint-digits", new Task(ImageDatasets.MNIST, true,
        "MNIST digits with a 12 x 12 square masked to whole digits",
        (d, s) -> {
          Rng masks = Rng.derive(0, "inpaint-digits-" + s.name());
          return paired("inpaint-digits", d,
              (img, i) -> DigitTransforms.masked(img, d.rows(), MASK, MASK_MARGIN, masks));
        }));
    TASKS.put("superres-digits", new Task(ImageDatasets.MNIST, true,
        "MNIST digits at 7 x 7 (shown at 28 x 28) to 28 x 28",
        (d, s) -> paired("superres-digits", d,
            (img, i) -> DigitTransforms.lowResolution(img, d.rows(), SUPERRES_FACTOR))));
    TASKS.put("fashion-edges2items", new Task(ImageDatasets.FASHION_MNIST, true,
        "Fashion-MNIST edge maps (Sobel) to items",
        (d, s) -> paired("fashion-edges2items", d,
            (img, i) -> DigitTransforms.edges(img, d.rows()))));
    TASKS.put(THIN2THICK, new Task(ImageDatasets.MNIST, false,
        "MNIST digits split at the median stroke thickness: thin to thick, unpaired",
        (d, s) -> byThickness(d)));
  }

  private TranslationTasks() {}

  /** The task names, in registration order. */
  public static List<String> names() {
    return List.copyOf(TASKS.keySet());
  }

  /** Whether {@code name} is a built-in task. */
  public static boolean isTask(String name) {
    return name != null && TASKS.containsKey(name);
  }

  /** One line describing the task. */
  public static String description(String name) {
    return task(name).description();
  }

  /** Whether the task's domains are paired image by image. */
  public static boolean paired(String name) {
    return task(name).paired();
  }

  /** The IDX dataset the task is made from. */
  public static String source(String name) {
    return task(name).source();
  }

  /** The shape of one training row of a task: input and target stacked as channels, (2, 28, 28). */
  public static int[] rowShape(String name) {
    task(name);
    return new int[] {2, ImageDatasets.SIDE, ImageDatasets.SIDE};
  }

  private static Task task(String name) {
    Task t = TASKS.get(name);
    if (t == null) {
      throw new InvalidConfigException("unknown translation task '" + name + "'; known: " + names());
    }
    return t;
  }

  /** The task's images from {@code split} of its source dataset in {@code dataDir}. */
  public static Pairs load(String name, java.nio.file.Path dataDir, ImageDatasets.Split split) {
    Task t = task(name);
    return t.build().apply(ImageDatasets.load(t.source(), dataDir, split), split);
  }

  /**
   * The task's training split as rows of (input, target) stacked as channels: at most {@code limit}
   * rows. A paired task's rows are its pairs in order; an unpaired task's row i joins image i of A
   * to image π(i) of B for a permutation π drawn from {@code seed} (each domain's images recycled
   * when the other has more), so a row's two halves are unrelated samples. Labels are A's classes.
   */
  public static TrainingSet trainingSet(String name, java.nio.file.Path dataDir, int limit,
      long seed) {
    Pairs p = load(name, dataDir, ImageDatasets.Split.TRAIN);
    return join(name, p.a().pixels(), p.a().count(), p.b().pixels(), p.b().count(), rowShape(name),
        p.paired(), limit, seed, p.a().labels(), ImageDatasets.CLASSES);
  }

  /**
   * Training rows of (A, B) images stacked as channels, at most {@code limit}: for {@code paired}
   * domains pair i is image i of both; otherwise row i joins image i of A to image π(i) of B for a
   * permutation π drawn from {@code seed} (each domain's images recycled when the other has more).
   *
   * @param rowShape one row's shape, (2c, h, w)
   * @param labelsA A's classes (the rows' labels), or null for none
   */
  static TrainingSet join(String name, float[] a, int countA, float[] b, int countB,
      int[] rowShape, boolean paired, int limit, long seed, int[] labelsA, int classes) {
    int dim = rowShape[0] / 2 * rowShape[1] * rowShape[2];
    int count = Math.min(limit, paired ? countA : Math.max(countA, countB));
    int[] pi = paired ? null : Rng.derive(seed, "unpaired").permutation(countB);
    float[] rows = new float[Math.multiplyExact(count, 2 * dim)];
    int[] labels = labelsA == null ? null : new int[count];
    for (int i = 0; i < count; i++) {
      int ia = i % countA;
      int ib = pi == null ? i : pi[i % countB];
      System.arraycopy(a, ia * dim, rows, 2 * i * dim, dim);
      System.arraycopy(b, ib * dim, rows, (2 * i + 1) * dim, dim);
      if (labels != null) {
        labels[i] = labelsA[ia];
      }
    }
    return new TrainingSet(name, count, rowShape, rows, labels, labels == null ? 0 : classes);
  }

  /** Transforms one image (index i) of a dataset into the task's input. */
  @FunctionalInterface
  private interface Transform {
    float[] apply(float[] image, int index);
  }

  private static Pairs paired(String name, ImageDatasets.ImageDataset d, Transform f) {
    int dim = d.rows() * d.cols();
    float[] inputs = new float[d.pixels().length];
    float[] image = new float[dim];
    for (int i = 0; i < d.count(); i++) {
      System.arraycopy(d.pixels(), i * dim, image, 0, dim);
      System.arraycopy(f.apply(image, i), 0, inputs, i * dim, dim);
    }
    int[] labels = labels(d);
    return new Pairs(name, d.rows(), new Domain(d.count(), inputs, labels),
        new Domain(d.count(), d.pixels(), labels), true);
  }

  private static int[] labels(ImageDatasets.ImageDataset d) {
    int[] out = new int[d.count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.labels()[i] & 0xFF;
    }
    return out;
  }

  /** The split's digits halved at their median stroke thickness: thinner to A, the rest to B. */
  private static Pairs byThickness(ImageDatasets.ImageDataset d) {
    int dim = d.rows() * d.cols();
    double[] t = new double[d.count()];
    for (int i = 0; i < t.length; i++) {
      t[i] = DigitTransforms.thickness(d.pixels(), i * dim, d.rows());
    }
    double[] sorted = t.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    int[] labels = labels(d);
    int thin = 0;
    for (double v : t) {
      thin += v < median ? 1 : 0;
    }
    float[] a = new float[thin * dim];
    float[] b = new float[(t.length - thin) * dim];
    int[] la = new int[thin];
    int[] lb = new int[t.length - thin];
    int ia = 0;
    int ib = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] < median) {
        System.arraycopy(d.pixels(), i * dim, a, ia * dim, dim);
        la[ia++] = labels[i];
      } else {
        System.arraycopy(d.pixels(), i * dim, b, ib * dim, dim);
        lb[ib++] = labels[i];
      }
    }
    return new Pairs(THIN2THICK, d.rows(), new Domain(thin, a, la),
        new Domain(t.length - thin, b, lb), false);
  }
}
