package dev.gan4j.bench;

import dev.gan4j.Rng;
import dev.gan4j.data.DataDir;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.TrainingSet;
import java.nio.file.Path;

/**
 * The real samples every loop trains on: MNIST when the data folder holds it, otherwise random
 * pixels in [-1, 1] of the same shape (1 × 28 × 28, an image, as MNIST's IDX files load, so the
 * convolutional networks take them too). Throughput and memory do not depend on pixel values, only
 * on shapes.
 *
 * <pre>{@code BenchData d = BenchData.load(null); GanTrainer t = new GanTrainer(config, d.set());}
 * </pre>
 *
 * @param set the samples
 * @param dataDir the folder that was searched
 * @param description what was used, for the report
 */
record BenchData(TrainingSet set, Path dataDir, String description) {
  static final int SYNTHETIC_COUNT = 10_000;
  static final int SIDE = 28;

  /** MNIST from {@code explicitDir} (else {@code GAN4J_DATA_DIR}, else ~/.gan4j/data), or noise. */
  static BenchData load(Path explicitDir) {
    Path dir = DataDir.resolve(explicitDir);
    if (ImageDatasets.isPresent(ImageDatasets.MNIST, dir)) {
      TrainingSet set = TrainingSet.load(ImageDatasets.MNIST, 0, 1, dir);
      return new BenchData(
          set, dir, "MNIST from " + dir + " (" + set.count() + " × " + SIDE + " × " + SIDE + ")");
    }
    float[] pixels = new float[SYNTHETIC_COUNT * SIDE * SIDE];
    Rng.derive(1, "bench-data").fillUniform(pixels, -1f, 1f);
    TrainingSet set =
        new TrainingSet("synthetic", SYNTHETIC_COUNT, new int[] {1, SIDE, SIDE}, pixels);
    String what =
        String.format(
            "synthetic U(-1, 1), %d × %d × %d (no MNIST in %s)", SYNTHETIC_COUNT, SIDE, SIDE, dir);
    return new BenchData(set, dir, what);
  }
}
