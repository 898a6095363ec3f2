package dev.gan4j.data;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real samples a run trains on, flattened: {@code count} rows of {@code dim} floats, images scaled
 * to [-1, 1], with the shape each row has (rows × cols for images, 2 for points).
 *
 * <pre>{@code TrainingSet set = TrainingSet.load("ring8", 100_000, seed, dataDir);}</pre>
 */
public record TrainingSet(String name, int count, int[] sampleShape, float[] values) {
  /** Checks that {@code values} holds exactly count × prod(sampleShape) numbers. */
  public TrainingSet {
    long dim = 1;
    for (int s : sampleShape) {
      dim *= s;
    }
    if (count < 1 || (long) count * dim != values.length) {
      throw new DataException(
          name + ": expected " + count + " samples of " + dim + " values, got " + values.length);
    }
  }

  /** The number of values per sample. */
  public int dim() {
    int d = 1;
    for (int s : sampleShape) {
      d *= s;
    }
    return d;
  }

  /** Whether samples are images (rows × cols) rather than points. */
  public boolean isImage() {
    return sampleShape.length == 2;
  }

  /** The names {@link #load} accepts. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(List.of("ring8", "grid25"));
    names.addAll(ImageDatasets.names());
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
   * {@code seed}, or the training split of an image dataset in {@code dataDir}.
   */
  public static TrainingSet load(String name, int mixtureSize, long seed, Path dataDir) {
    Mixture2d mixture = mixture(name);
    if (mixture != null) {
      if (mixtureSize < 1) {
        throw new InvalidConfigException("data.size must be >= 1, got " + mixtureSize);
      }
      float[] xy = mixture.sample(mixtureSize, Rng.derive(seed, "data"));
      return new TrainingSet(name, mixtureSize, new int[] {2}, xy);
    }
    if (!ImageDatasets.names().contains(name)) {
      throw new InvalidConfigException("unknown dataset '" + name + "'; known: " + names());
    }
    ImageDatasets.ImageDataset images =
        ImageDatasets.load(name, dataDir, ImageDatasets.Split.TRAIN);
    return new TrainingSet(
        name, images.count(), new int[] {images.rows(), images.cols()}, images.pixels());
  }
}
