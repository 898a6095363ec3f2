package dev.gan4j.io;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.data.TranslationTasks;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.ModelFamilies;
import dev.gan4j.train.RunConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code gan4j sample} draws for an image-to-image run: a picture of fixed inputs, one row each,
 * with columns input | output | target for a one-way run (pix2pix) and a | G(a) | F(G(a)) | b | F(b)
 * | G(F(b)) for a two-way one (CycleGAN; b an unrelated image of domain B). The inputs are the first
 * n of the task's test split, or for a folder dataset, which has no test split, the first n training
 * pairs. Nothing is drawn from noise, so the picture depends on the checkpoint only.
 *
 * <pre>{@code TranslationSamples.Written w = TranslationSamples.write(Path.of("runs/p2p"), 8, dataDir, Path.of("p2p.png"));}</pre>
 */
public final class TranslationSamples {
  /** Rows a picture may have. */
  public static final int MAX_ROWS = 1024;

  private TranslationSamples() {}

  /**
   * What {@link #write} drew.
   *
   * @param rows the picture's rows: fixed inputs translated
   * @param step the checkpoint's iteration
   */
  public record Written(int rows, long step) {}

  /** Whether the run in {@code runDir} is an image-to-image run (its family translates). */
  public static boolean isTranslationRun(Path runDir) {
    RunConfig config = ConfigLoader.readJson(RunDirectory.open(runDir).config());
    return ModelFamilies.byName(config.model().family()).translates();
  }

  /**
   * Checks, before anything is loaded, that {@code n} rows can go to {@code out}: a PNG file, 1 ≤ n
   * ≤ {@value #MAX_ROWS}, a writable path.
   *
   * @throws InvalidConfigException naming what to change
   */
  public static void checkOutput(int n, Path out) {
    if (n < 1 || n > MAX_ROWS) {
      throw new InvalidConfigException("--n is the number of rows of a translation run's picture,"
          + " 1.." + MAX_ROWS + ", got " + n);
    }
    if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new InvalidConfigException(out + ": a translation run's sample is a picture of"
          + " input | output | target rows (.png); translate files with gan4j translate");
    }
    OutputPaths.checkFile(out);
  }

  /**
   * Writes the picture of the run in {@code runDir} for its first {@code n} fixed inputs (fewer when
   * the test split has fewer) to {@code out}.
   *
   * @return the rows drawn and the step of the checkpoint that translated them
   */
  public static Written write(Path runDir, int n, Path dataDir, Path out) throws IOException {
    checkOutput(n, out);
    try (RunTranslator t = RunTranslator.open(runDir)) {
      int[] shape = t.imageShape();
      int dim = shape[0] * shape[1] * shape[2];
      float[][] ab = inputs(t.config(), dataDir, n, dim);
      int rows = ab[0].length / dim;
      TranslationPictures.write(t::translate, ab[0], ab[1], rows, shape, !t.bothWays(), true, out);
      return new Written(rows, t.step());
    }
  }

  /**
   * The first (at most) {@code n} fixed inputs of each domain, A then B (for a paired task B holds
   * the targets): the test split of a built-in task, the training pairs of a folder dataset.
   */
  static float[][] inputs(RunConfig config, Path dataDir, int n, int dim) {
    String name = config.data().name();
    if (TranslationTasks.isTask(name)) {
      TranslationTasks.Pairs test = TranslationTasks.load(name, dataDir, ImageDatasets.Split.TEST);
      int rows = Math.min(n, Math.min(test.a().count(), test.b().count()));
      return new float[][] {test.a().head(rows).pixels(), test.b().head(rows).pixels()};
    }
    TrainingSet data = TrainingSet.load(name, config.data().size(), config.seed(), dataDir,
        config.data().folderOptions());
    int rows = Math.min(n, data.count());
    float[] values = Arrays.copyOf(data.values(), rows * 2 * dim);
    return new float[][] {TranslationPictures.half(values, rows, dim, false),
        TranslationPictures.half(values, rows, dim, true)};
  }
}
