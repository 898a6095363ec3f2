package dev.gan4j.io;

import dev.gan4j.Gan4jException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.train.LatentCodes;
import dev.gan4j.train.RunConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Walks through a trained generator's latent space: for each of {@code rows} walks, two latent
 * points drawn from the run's prior and the path between them in {@code frames} steps, rendered as
 * an animated GIF (one frame per step, the walks side by side) or as a PNG strip (one walk a row).
 * The path is spherical (slerp, Shoemake 1985) for a Gaussian prior, where a straight line would
 * cross the low-norm middle of the space that samples of N(0, I) in many dimensions never visit
 * (White 2016, "Sampling Generative Networks"), and straight for a uniform prior, whose cube a line
 * never leaves. Only z moves: an InfoGAN run's codes stay those of the walk's start (or the values
 * a caller fixes), and a conditional run's class stays the one asked for (walk r of class r mod K
 * when none is).
 *
 * <pre>{@code try (RunSampler s = RunSampler.open(run)) {
 *   LatentWalk.render(s, LatentWalk.Options.defaults()).writeGif(Path.of("walk.gif"));
 * }}</pre>
 */
public final class LatentWalk {
  /** The most frames one walk takes. */
  public static final int MAX_FRAMES = 256;

  /** The most walks one picture holds. */
  public static final int MAX_ROWS = 64;

  /** Side in pixels of a 2-D run's scatter frames. */
  static final int SCATTER_SIZE = 400;

  private LatentWalk() {}

  /**
   * What to walk and how to show it.
   *
   * @param frames points on each path, its two ends included, 2..{@link #MAX_FRAMES}
   * @param rows separate walks, 1..{@link #MAX_ROWS}
   * @param seed seed of the walks' end points (and of the codes not fixed)
   * @param label a conditional run's class for every walk, or null for walk r of class r mod K
   * @param codes an InfoGAN run's codes fixed in every frame, or null for each walk's own draw
   * @param delayMs how long a GIF shows each frame, 10..10,000 ms (GIF counts hundredths)
   */
  public record Options(
      int frames, int rows, long seed, Integer label, LatentCodes.Fixed codes, int delayMs) {
    /** Validates the ranges. */
    public Options {
      if (frames < 2 || frames > MAX_FRAMES) {
        throw new InvalidConfigException(
            "--frames must be in 2.." + MAX_FRAMES + ", got " + frames);
      }
      if (rows < 1 || rows > MAX_ROWS) {
        throw new InvalidConfigException("--rows must be in 1.." + MAX_ROWS + ", got " + rows);
      }
      if (delayMs < 10 || delayMs > 10_000) {
        throw new InvalidConfigException("--delay-ms must be in 10..10000, got " + delayMs);
      }
    }

    /** 16 frames, 4 walks, seed 0, classes balanced, codes drawn, 100 ms a frame. */
    public static Options defaults() {
      return new Options(16, 4, 0, null, null, 100);
    }
  }

  /**
   * The point a fraction {@code t} along the great-circle arc from {@code a} to {@code b}: its angle
   * to {@code a} is t·Ω (Ω the angle between them) and its norm moves from |a| to |b| as the arc
   * does (a constant norm when |a| = |b|). Parallel or zero vectors, where the arc is not defined,
   * fall back to {@link #lerp}.
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static float[] slerp(float[] a, float[] b, double t) {
    checkLengths(a, b);
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      return lerp(a, b, t);
    }
    double cos = Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
    double omega = Math.acos(cos);
    double sin = Math.sin(omega);
    if (sin < 1e-6) {
      return lerp(a, b, t);
    }
    double wa = Math.sin((1 - t) * omega) / sin;
    double wb = Math.sin(t * omega) / sin;
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (wa * a[i] + wb * b[i]);
    }
    return out;
  }

  /**
   * The point a fraction {@code t} along the straight line from {@code a} to {@code b}.
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static float[] lerp(float[] a, float[] b, double t) {
    checkLengths(a, b);
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) ((1 - t) * a[i] + t * b[i]);
    }
    return out;
  }

  /** Whether walks under {@code prior} ({@code model.prior}) follow great circles. */
  public static boolean spherical(String prior) {
    return !"uniform".equals(prior);
  }

  private static void checkLengths(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "the end points differ in length: " + a.length + " and " + b.length);
    }
  }

  /**
   * The latent vectors of every walk: {@code rows × frames} vectors of {@code model.latentDim +
   * codes.width()} values, walk r's frame f at row {@code r * frames + f}. Both ends of each walk
   * are drawn from the prior with {@code seed}; the z part follows {@link #slerp} or {@link #lerp}
   * as the prior asks, the codes stay those of the start (then the fixed ones are applied).
   */
  public static float[] latents(RunConfig.Model model, LatentCodes codes, Options o) {
    int dim = model.latentDim();
    int width = dim + codes.width();
    float[] ends = new float[2 * o.rows() * width];
    codes.fillLatent(model, ends, Rng.derive(o.seed(), "latent-walk"));
    boolean arc = spherical(model.prior());
    float[] out = new float[o.rows() * o.frames() * width];
    for (int r = 0; r < o.rows(); r++) {
      int from = 2 * r * width;
      int to = from + width;
      float[] a = java.util.Arrays.copyOfRange(ends, from, from + dim);
      float[] b = java.util.Arrays.copyOfRange(ends, to, to + dim);
      for (int f = 0; f < o.frames(); f++) {
        double t = (double) f / (o.frames() - 1);
        float[] z = arc ? slerp(a, b, t) : lerp(a, b, t);
        int at = (r * o.frames() + f) * width;
        System.arraycopy(z, 0, out, at, dim);
        System.arraycopy(ends, from + dim, out, at + dim, codes.width());
      }
    }
    if (o.codes() != null) {
      o.codes().applyTo(codes, out, dim);
    }
    return out;
  }

  /**
   * Each latent vector's class for a conditional run with {@code classes} classes: the asked class,
   * or walk r's r mod K; null for an unconditional run.
   *
   * @throws Gan4jException when a class is asked of an unconditional run, or is out of range
   */
  public static int[] labels(int classes, Options o) {
    if (classes == 0) {
      if (o.label() != null) {
        throw new InvalidConfigException("--class needs a conditional run (model.family cgan, acgan"
            + " or projection); this run is unconditional");
      }
      return null;
    }
    if (o.label() != null && (o.label() < 0 || o.label() >= classes)) {
      throw new InvalidConfigException(
          "--class must be in 0.." + (classes - 1) + " for this run, got " + o.label());
    }
    int[] out = new int[o.rows() * o.frames()];
    for (int i = 0; i < out.length; i++) {
      out[i] = o.label() != null ? o.label() : (i / o.frames()) % classes;
    }
    return out;
  }

  /**
   * Draws the walks {@code o} describes through {@code sampler}'s generator.
   *
   * @throws Gan4jException when the options do not fit the run (a class or codes it lacks), or the
   *     pictures would be too large
   */
  public static Pictures render(RunSampler sampler, Options o) {
    if (o.codes() != null && sampler.codes().isEmpty()) {
      throw new InvalidConfigException("--code needs an InfoGAN run (model.family infogan); this"
          + " run has no latent codes");
    }
    int[] labels = labels(sampler.classes(), o);
    float[] latents = latents(sampler.config().model(), sampler.codes(), o);
    float[] samples = sampler.generate(latents, labels);
    int[] shape = sampler.sampleShape();
    return shape.length == 3
        ? images(samples, shape, o)
        : scatters(samples, sampler.realPoints(), o);
  }

  // Image runs: frame f shows every walk's f-th image side by side; the strip one walk a row.
  private static Pictures images(float[] samples, int[] shape, Options o) {
    int c = shape[0];
    int h = shape[1];
    int w = shape[2];
    int size = c * h * w;
    int scale = Math.max(1, Math.min(2, (int) Math.sqrt(
        PngFiles.MAX_PIXELS / ((double) (o.frames() * (w + 2L)) * o.rows() * (h + 2L)))));
    try {
      List<BufferedImage> frames = new ArrayList<>();
      for (int f = 0; f < o.frames(); f++) {
        float[] frame = new float[o.rows() * size];
        for (int r = 0; r < o.rows(); r++) {
          System.arraycopy(samples, (r * o.frames() + f) * size, frame, r * size, size);
        }
        frames.add(ImageGrid.render(frame, o.rows(), c, h, w, o.rows(), scale));
      }
      BufferedImage strip =
          ImageGrid.render(samples, o.rows() * o.frames(), c, h, w, o.frames(), scale);
      return new Pictures(frames, strip, o.delayMs());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("the walk's pictures are too large for " + o.rows()
          + " rows of " + o.frames() + " frames of " + h + " x " + w + " images; ask for fewer");
    }
  }

  // 2-D runs: frame f shows each walk's path so far over the real points; the strip the whole paths.
  private static Pictures scatters(float[] points, float[] real, Options o) {
    List<BufferedImage> frames = new ArrayList<>();
    for (int f = 0; f < o.frames(); f++) {
      float[] sofar = new float[o.rows() * (f + 1) * 2];
      for (int r = 0; r < o.rows(); r++) {
        System.arraycopy(points, r * o.frames() * 2, sofar, r * (f + 1) * 2, (f + 1) * 2);
      }
      String title = String.format(Locale.ROOT, "latent walk, t = %.2f", (double) f / (o.frames() - 1));
      frames.add(ScatterPlot.render(real, sofar, SCATTER_SIZE, title));
    }
    BufferedImage strip = ScatterPlot.render(real, points, SCATTER_SIZE, "latent walks");
    return new Pictures(frames, strip, o.delayMs());
  }

  /**
   * A walk's pictures: the animation's frames, and the strip (one picture of every frame).
   *
   * @param frames one picture per step along the walks
   * @param strip the whole walks in one picture
   * @param delayMs how long a GIF shows each frame
   */
  public record Pictures(List<BufferedImage> frames, BufferedImage strip, int delayMs) {
    /** Copies the list. */
    public Pictures {
      frames = List.copyOf(frames);
    }

    /** The frames as an animated GIF that loops forever. */
    public byte[] gif() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AnimatedGif.write(frames, delayMs, out);
      return out.toByteArray();
    }

    /** The strip as a PNG. */
    public byte[] png() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!javax.imageio.ImageIO.write(strip, "png", out)) {
        throw new IOException("no PNG writer accepts the strip");
      }
      return out.toByteArray();
    }

    /**
     * Writes the GIF ({@code .gif}) or the strip ({@code .png}) to {@code out}, whole or not at all.
     *
     * @throws dev.gan4j.OutputPathException when {@code out} cannot be written, with the reason
     */
    public void write(Path out) {
      checkFormat(out);
      try {
        byte[] bytes = isGif(out) ? gif() : png();
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".writing-", ".tmp");
        try {
          try (OutputStream os = Files.newOutputStream(tmp)) {
            os.write(bytes);
          }
          AtomicFiles.moveIntoPlace(tmp, out);
        } finally {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException e) {
        throw new dev.gan4j.OutputPathException(
            "cannot write " + out + ": " + OutputPaths.reason(e), e);
      }
    }
  }

  /**
   * Checks, before any work, that {@code out} names a {@code .gif} or {@code .png} file that can
   * be written.
   *
   * @throws Gan4jException when it does not
   */
  public static void checkOutput(Path out) {
    checkFormat(out);
    OutputPaths.checkFile(out);
  }

  private static void checkFormat(Path out) {
    String name = out.getFileName() == null ? "" : out.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".gif") && !lower.endsWith(".png")) {
      throw new Gan4jException(out + ": unknown output format; use .gif (animation) or .png (strip)");
    }
  }

  private static boolean isGif(Path out) {
    return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif");
  }
}
