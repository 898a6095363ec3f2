package dev.gan4j.data;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real samples a run trains on, flattened: {@code count} rows of {@code dim} floats, images scaled
 * to [-1, 1], with the shape each row has: (channels, height, width) for images, channel after channel
 * (MNIST's IDX sets are 1 × 28 × 28), (2) for points.
 *
 * <pre>{@code TrainingSet set = TrainingSet.load("ring8", 100_000, seed, dataDir);}</pre>
 *
 * <p>Names: the 2-D mixtures, the IDX image datasets, the built-in translation tasks, {@code
 * folder:PATH} ({@link ImageFolder}), and translation data in folders ({@link TranslationFolders}).
 *
 * <p>Labels, when the dataset has them: MNIST's and Fashion-MNIST's classes, a folder's class
 * subfolders, Stacked MNIST's three digits as one number (1,000 classes), a mixture's mode index.
 *
 * @param labels each sample's class in 0..classes-1, or null when the dataset has none
 * @param classes the number of classes, 0 when there are no labels
 */
public record TrainingSet(
    String name, int count, int[] sampleShape, float[] values, int[] labels, int classes) {
  /**
   * Checks that {@code values} holds exactly count × prod(sampleShape) numbers, and the labels (when
   * present) one class in 0..classes-1 per sample.
   */
  public TrainingSet {
    long dim = 1;
    for (int s : sampleShape) {
      dim *= s;
    }
    if (count < 1 || (long) count * dim != values.length) {
      throw new DataException(
          name + ": expected " + count + " samples of " + dim + " values, got " + values.length);
    }
    if (labels != null) {
      if (labels.length != count || classes < 1) {
        throw new DataException(name + ": expected " + count + " labels in " + classes
            + " classes, got " + labels.length);
      }
      for (int i = 0; i < count; i++) {
        if (labels[i] < 0 || labels[i] >= classes) {
          throw new DataException(name + ": label " + labels[i] + " of sample " + i
              + " is outside 0.." + (classes - 1));
        }
      }
    } else if (classes != 0) {
      throw new DataException(name + ": " + classes + " classes but no labels");
    }
  }

  /** A dataset without labels. */
  public TrainingSet(String name, int count, int[] sampleShape, float[] values) {
    this(name, count, sampleShape, values, null, 0);
  }

  /** Whether every sample has a class label. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** The number of values per sample. */
  public int dim() {
    int d = 1;
    for (int s : sampleShape) {
      d *= s;
    }
    return d;
  }

  /** Whether samples are images (channels × height × width) rather than points. */
  public boolean isImage() {
    return sampleShape.length == 3;
  }

  /**
   * The IDX dataset whose files a named dataset is made from ({@code mnist} for {@code stacked-mnist}),
   * or null for 2-D mixtures and folders.
   */
  public static String sourceImages(String name) {
    if (StackedMnist.NAME.equals(name)) {
      return ImageDatasets.MNIST;
    }
    if (TranslationTasks.isTask(name)) {
      return TranslationTasks.source(name);
    }
    return ImageDatasets.names().contains(name) ? name : null;
  }

  /** The prefix that names a folder of images as a dataset: {@code folder:PATH}. */
  public static final String FOLDER = "folder:";

  /**
   * Whether {@code name} names images in folders: {@code folder:PATH}, or translation data ({@link
   * TranslationFolders}: {@code pairs:PATH}, {@code pairs:DIR_A,DIR_B}, {@code unpaired:PATH}).
   */
  public static boolean fromFolders(String name) {
    return folder(name) != null || TranslationFolders.isFolderData(name);
  }

  /** The folder a {@code folder:PATH} name points at, or null for other names. */
  public static Path folder(String name) {
    if (name == null || !name.startsWith(FOLDER) || name.length() == FOLDER.length()) {
      return null;
    }
    return Path.of(name.substring(FOLDER.length()));
  }

  /**
   * The shape of one sample of the dataset called {@code name}, without loading it; {@code folder}
   * gives a folder's size and channels.
   */
  public static int[] shapeOf(String name, ImageFolder.Options folder) {
    if (mixture(name) != null) {
      return new int[] {2};
    }
    if (folder(name) != null) {
      return new int[] {folder.channels(), folder.imageSize(), folder.imageSize()};
    }
    if (TranslationFolders.isFolderData(name)) {
      return TranslationFolders.rowShape(folder);
    }
    if (TranslationTasks.isTask(name)) {
      return TranslationTasks.rowShape(name);
    }
    if (StackedMnist.NAME.equals(name)) {
      return new int[] {StackedMnist.CHANNELS, StackedMnist.SIDE, StackedMnist.SIDE};
    }
    if (!ImageDatasets.names().contains(name)) {
      throw new InvalidConfigException("unknown dataset '" + name + "'; known: " + names());
    }
    return new int[] {1, ImageDatasets.SIDE, ImageDatasets.SIDE};
  }

  /** The names {@link #load} accepts. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(List.of("ring8", "grid25"));
    names.addAll(ImageDatasets.names());
    names.add(StackedMnist.NAME);
    names.addAll(TranslationTasks.names());
    return names;
  }

  /** The 2-D mixture called {@code name}, or null when {@code name} is not a mixture. */
  public static Mixture2d mixture(String name) {
    switch (name) {
      case "ring8":
        return Mixture2d.ring8();
      case "grid25":
        return Mixture2d.grid25();
      default:
        return null;
    }
  }

  /**
   * Loads a named training set: a 2-D mixture sampled into a pool of {@code mixtureSize} points from
   * {@code seed}, Stacked MNIST as a pool of {@code mixtureSize} stacks of MNIST's training digits, or
   * the training split of an image dataset in {@code dataDir}.
   */
  public static TrainingSet load(String name, int mixtureSize, long seed, Path dataDir) {
    return load(name, mixtureSize, seed, dataDir, null);
  }

  /**
   * Loads a named training set, or for {@code folder:PATH} the folder's images as {@code folder}
   * says, decoded once and cached under {@code dataDir/folders} (see {@link ImageFolder}).
   */
  public static TrainingSet load(
      String name, int mixtureSize, long seed, Path dataDir, ImageFolder.Options folder) {
    if (TranslationFolders.isFolderData(name)) {
      if (folder == null) {
        throw new InvalidConfigException(name + ": a folder dataset needs its image size and channels");
      }
      // Image-to-image pairs or two domains from folders: rows of A and B stacked as channels.
      return TranslationFolders.load(name, folder, dataDir == null ? null
          : dataDir.resolve("folders"), mixtureSize, seed);
    }
    Path imageFolder = folder(name);
    if (imageFolder != null) {
      if (folder == null) {
        throw new InvalidConfigException(name + ": a folder dataset needs its image size and channels");
      }
      ImageFolder.Loaded f = ImageFolder.load(
          imageFolder, folder, dataDir == null ? null : dataDir.resolve("folders"));
      boolean classes = f.labels() != null && !f.classNames().isEmpty();
      return new TrainingSet(name, f.count(), new int[] {f.channels(), f.height(), f.width()},
          f.pixels(), classes ? f.labels() : null, classes ? f.classNames().size() : 0);
    }
    Mixture2d mixture = mixture(name);
    if (mixture != null) {
      if (mixtureSize < 1) {
        throw new InvalidConfigException("data.size must be >= 1, got " + mixtureSize);
      }
      int[] modes = new int[mixtureSize];
      float[] xy = mixture.sample(mixtureSize, Rng.derive(seed, "data"), modes);
      return new TrainingSet(name, mixtureSize, new int[] {2}, xy, modes, mixture.modes());
    }
    if (TranslationTasks.isTask(name)) {
      // Image-to-image translation: input and target stacked as channels, at most data.size rows.
      return TranslationTasks.trainingSet(name, dataDir, mixtureSize, seed);
    }
    if (StackedMnist.NAME.equals(name)) {
      // A fixed pool of data.size stacks drawn from MNIST's training split with the run's seed.
      StackedMnist.Stacked s = StackedMnist.build(
          ImageDatasets.load(ImageDatasets.MNIST, dataDir, ImageDatasets.Split.TRAIN), mixtureSize,
          Rng.derive(seed, StackedMnist.NAME));
      return new TrainingSet(name, s.count(), shapeOf(name, null), s.pixels(), s.labels(),
          StackedMnist.MODES);
    }
    if (!ImageDatasets.names().contains(name)) {
      throw new InvalidConfigException("unknown dataset '" + name + "'; known: " + names());
    }
    ImageDatasets.ImageDataset images =
        ImageDatasets.load(name, dataDir, ImageDatasets.Split.TRAIN);
    int[] labels = new int[images.count()];
    int classes = 0;
    for (int i = 0; i < labels.length; i++) {
      labels[i] = images.labels()[i] & 0xFF;
      classes = Math.max(classes, labels[i] + 1);
    }
    return new TrainingSet(name, images.count(), new int[] {1, images.rows(), images.cols()},
        images.pixels(), labels, Math.max(classes, ImageDatasets.CLASSES));
  }
}
