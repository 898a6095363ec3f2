package dev.gan4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Pictures of a translation model at work: one row per fixed input, columns input | output | target
 * for a paired task; for an unpaired one a | G(a) | b | F(b), each domain's image beside its
 * translation, or with the cycles a | G(a) | F(G(a)) | b | F(b) | G(F(b)). Training writes the
 * former into the run's samples folder, {@code gan4j sample} the latter from test inputs ({@link
 * TranslationSamples}).
 *
 * <pre>{@code TranslationPictures.write(t::translate, a, b, 8, new int[] {1, 28, 28}, true, out);}</pre>
 */
public final class TranslationPictures {
  /** Images a picture's cell is scaled by. */
  static final int SCALE = 2;

  private TranslationPictures() {}

  /** A translation of n flat images, A to B or B to A ({@code toA}). */
  @FunctionalInterface
  public interface Translate {
    float[] apply(float[] images, int n, boolean toA);
  }

  /**
   * Writes the picture of {@code n} rows: {@code a} the A images (inputs), {@code b} the B images
   * (targets when paired, unrelated B images when not), both n × c·h·w values.
   */
  public static void write(Translate t, float[] a, float[] b, int n, int[] imageShape,
      boolean paired, Path out) throws IOException {
    write(t, a, b, n, imageShape, paired, false, out);
  }

  /**
   * As {@link #write(Translate, float[], float[], int, int[], boolean, Path)}; with {@code cycles},
   * an unpaired picture shows each translation translated back too: a | G(a) | F(G(a)) | b | F(b) |
   * G(F(b)).
   */
  public static void write(Translate t, float[] a, float[] b, int n, int[] imageShape,
      boolean paired, boolean cycles, Path out) throws IOException {
    int dim = imageShape[0] * imageShape[1] * imageShape[2];
    float[] ab = t.apply(a, n, false);
    float[] ba = paired ? null : t.apply(b, n, true);
    float[][] columns = paired ? new float[][] {a, ab, b}
        : cycles ? new float[][] {a, ab, t.apply(ab, n, true), b, ba, t.apply(ba, n, false)}
        : new float[][] {a, ab, b, ba};
    int cols = columns.length;
    float[] grid = new float[n * cols * dim];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < cols; c++) {
        System.arraycopy(columns[c], r * dim, grid, (r * cols + c) * dim, dim);
      }
    }
    ImageGrid.write(grid, n * cols, imageShape[0], imageShape[1], imageShape[2], cols, SCALE, out);
  }

  /** The first {@code n} rows' halves of training rows (2·dim values each): A when {@code second} is false. */
  public static float[] half(float[] rows, int n, int dim, boolean second) {
    float[] out = new float[n * dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows, (2 * i + (second ? 1 : 0)) * dim, out, i * dim, dim);
    }
    return out;
  }
}
