package dev.gan4j.io;

import dev.gan4j.Rng;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.LatentCodes;
import dev.gan4j.train.StepResult;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.nn.Pass;
import dev.gan4j.train.ImageTranslation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Draws the generator's output for one fixed noise batch every {@code sampleEvery} iterations and at the
 * end: a grid of images, or for 2-D data a scatter of generated points over real ones. The noise is fixed
 * from the seed, so successive pictures show the same latent points as training moves them. Images
 * of a conditional run show one row per class, and of an InfoGAN run one row per category of its
 * first categorical code ({@code cat0}); the columns share the rest of their latent vector.
 */
public final class SamplePictures implements GanTrainingListener {
  private final RunDirectory run;
  private final int every;
  private float[] fixedNoise;
  private int count;
  private Path last;

  /** Pictures into {@code run}'s samples folder. */
  public SamplePictures(RunDirectory run, int every) {
    this.run = run;
    this.every = every;
  }

  @Override
  public void onStart(GanTrainer trainer) {
    count = trainer.config().output().gridSamples();
    fixedNoise = trainer.drawNoise(count, Rng.derive(trainer.config().seed(), "fixed-noise"));
    if (trainer.iteration() == 0) {
      draw(trainer);
    }
  }

  @Override
  public void onStep(GanTrainer trainer, StepResult r) {
    if (r.step() % every == 0) {
      draw(trainer);
    }
  }

  @Override
  public void onEnd(GanTrainer trainer) {
    if (trainer.iteration() % every != 0) {
      draw(trainer);
    }
  }

  /** The newest picture written, or null. */
  public Path lastPicture() {
    return last;
  }

  /** Rows of a conditional run's picture: one per class, up to this many classes. */
  static final int MAX_CLASS_ROWS = 20;

  private void draw(GanTrainer trainer) {
    Path out = run.samplePicture(trainer.iteration());
    int classes = trainer.model().classes();
    LatentCodes codes = trainer.model().codes();
    int categories = codes.categorical().length > 0 ? codes.categorical()[0] : 0;
    try {
      if (trainer.model() instanceof ImageTranslation t) {
        drawTranslations(trainer, t, out);
      } else if (classes > 0 && classes <= MAX_CLASS_ROWS && trainer.data().isImage()) {
        drawClassRows(trainer, classes, out);
      } else if (categories > 0 && categories <= MAX_CLASS_ROWS && trainer.data().isImage()) {
        drawCodeRows(trainer, codes, categories, out);
      } else {
        write(trainer.data(), trainer.generate(fixedNoise, count), count,
            "step " + trainer.iteration(), out);
      }
    } catch (IOException e) {
      throw new WriteFailedException(out, e);
    }
    last = out;
  }

  /** Rows of a translation run's picture: fixed training inputs. */
  static final int TRANSLATION_ROWS = 16;

  // A translation run's picture: the first training rows' inputs, their translations and targets.
  private void drawTranslations(GanTrainer trainer, ImageTranslation t, Path out)
      throws IOException {
    int[] shape = t.imageShape();
    int dim = shape[0] * shape[1] * shape[2];
    int n = Math.min(TRANSLATION_ROWS, trainer.data().count());
    float[] rows = trainer.data().values();
    try (NDManager m = NDManager.newBaseManager()) {
      TranslationPictures.write((x, k, toA) -> {
        try (NDManager s = m.newSubManager()) {
          return t.translate(HostArrays.upload(s, x, new Shape(k, dim)), toA, Pass.inference(s))
              .toFloatArray();
        }
      }, TranslationPictures.half(rows, n, dim, false), TranslationPictures.half(rows, n, dim, true),
          n, shape, t.paired(), out);
    }
  }

  // A conditional run's picture: one row per class, the columns sharing their noise, so a row shows
  // one class and a column one latent point across classes.
  private void drawClassRows(GanTrainer trainer, int classes, Path out) throws IOException {
    int cols = Math.max(1, Math.min(10, count / classes));
    int latent = fixedNoise.length / count;
    float[] z = new float[classes * cols * latent];
    int[] labels = new int[classes * cols];
    for (int r = 0; r < classes; r++) {
      for (int c = 0; c < cols; c++) {
        System.arraycopy(fixedNoise, c * latent, z, (r * cols + c) * latent, latent);
        labels[r * cols + c] = r;
      }
    }
    int[] shape = trainer.data().sampleShape();
    ImageGrid.write(trainer.generate(z, classes * cols, labels), classes * cols, shape[0], shape[1],
        shape[2], cols, 2, out);
  }

  // An InfoGAN run's picture: one row per category of cat0, the columns sharing the rest of their
  // latent vector (z and the other codes), so a row shows what one category does across latent
  // points.
  private void drawCodeRows(GanTrainer trainer, LatentCodes codes, int categories, Path out)
      throws IOException {
    int cols = Math.max(1, Math.min(10, count / categories));
    int latent = fixedNoise.length / count;
    float[] z = new float[categories * cols * latent];
    for (int r = 0; r < categories; r++) {
      float[] row = new float[cols * latent];
      System.arraycopy(fixedNoise, 0, row, 0, cols * latent);
      codes.setCategory(row, trainer.config().model().latentDim(), 0, r);
      System.arraycopy(row, 0, z, r * cols * latent, cols * latent);
    }
    int[] shape = trainer.data().sampleShape();
    ImageGrid.write(trainer.generate(z, categories * cols), categories * cols, shape[0], shape[1],
        shape[2], cols, 2, out);
  }

  /**
   * Writes {@code n} generated samples as a picture fitting {@code data}: a grid for images, a scatter
   * over up to 2,500 real points for 2-D data.
   */
  public static void write(TrainingSet data, float[] samples, int n, String title, Path out)
      throws IOException {
    if (data.isImage()) {
      int cols = (int) Math.ceil(Math.sqrt(n));
      int[] shape = data.sampleShape();
      ImageGrid.write(samples, n, shape[0], shape[1], shape[2], cols, 2, out);
    } else {
      float[] real = Arrays.copyOf(data.values(), Math.min(data.values().length, 2 * 2500));
      ScatterPlot.write(real, samples, 600, title, out);
    }
  }
}
