package dev.gan4j.eval;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.data.DigitTransforms;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code translation} metric: how well an image-to-image run (pix2pix, CycleGAN) translates the
 * test inputs of its task, one direction at a time. The {@link RealData} of a direction holds the
 * target domain's test images as {@code train} (what outputs should look like), the inputs as {@code
 * test} (labelled with their classes) and, for a paired task, each input's target as {@code
 * targets}; the generated set is the inputs' translations, labelled with the inputs' classes.
 *
 * <ul>
 *   <li>{@code l1}, {@code psnr_db}, {@code ssim} (paired tasks only): mean absolute difference to
 *       the targets (lower is better), PSNR with peak-to-peak 2 (higher), the mean {@link Ssim}
 *       with data range 2 (higher, at most 1);
 *   <li>{@code class_preserved}: the share of outputs the evaluation classifier gives the input's
 *       class (higher);
 *   <li>{@code fd_lenet}: the Fréchet distance of the outputs' classifier features to the target
 *       domain's (lower);
 *   <li>{@code thickness}, {@code target_thickness} (one-channel images): the mean stroke thickness
 *       ({@link DigitTransforms#thickness}) of the outputs and of the target domain; closer is
 *       better.
 * </ul>
 *
 * <p>Its reference is the input itself measured in place of its translation: the baseline that needs
 * no model at all.
 *
 * <pre>{@code Map<String, Double> v = Metrics.byName("translation").compute(direction, outputs);}</pre>
 */
public final class TranslationQuality implements GanMetric {
  /** The metric's name. */
  public static final String NAME = "translation";

  /** gan4j's pixels span [-1, 1]: the data range of PSNR and SSIM. */
  public static final double RANGE = 2.0;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "image-to-image runs: L1, PSNR, SSIM to the targets, class preserved, fd-lenet to the"
        + " target domain, stroke thickness; beside the input itself";
  }

  @Override
  public boolean appliesTo(boolean images) {
    return images;
  }

  @Override
  public boolean needsTranslation() {
    return true;
  }

  @Override
  public String referenceDescription() {
    return "input itself";
  }

  @Override
  public Map<String, Double> compute(RealData real, EvalSet generated) {
    if (!generated.labelled() || !generated.embedded()) {
      throw new InvalidConfigException("metric '" + NAME + "' needs translations of test inputs,"
          + " each with its input's class: evaluate an image-to-image run (pix2pix, cyclegan)");
    }
    int n = generated.count();
    float[] y = generated.raw().values();
    int[] shape = imageShape(generated.raw().dim());
    Map<String, Double> v = new LinkedHashMap<>();
    EvalSet targets = real.targets();
    if (targets != null) {
      if (targets.count() < n || targets.raw().dim() != generated.raw().dim()) {
        throw new IllegalArgumentException(n + " translations but " + targets.count()
            + " targets of " + targets.raw().dim() + " values");
      }
      float[] t = targets.raw().values();
      long values = (long) n * generated.raw().dim();
      double abs = 0;
      double sq = 0;
      for (int i = 0; i < values; i++) {
        double d = y[i] - t[i];
        abs += Math.abs(d);
        sq += d * d;
      }
      v.put("l1", abs / values);
      v.put("psnr_db", 10 * Math.log10(RANGE * RANGE / (sq / values)));
      v.put("ssim", Ssim.mean(y, t, n, shape[0], shape[1], shape[2], RANGE));
    }
    int kept = 0;
    for (int i = 0; i < n; i++) {
      kept += ClassConditional.predicted(generated.probabilities(), i) == generated.labels()[i]
          ? 1 : 0;
    }
    v.put("class_preserved", (double) kept / n);
    v.put("fd_lenet", FrechetDistance.compute(generated.features(), real.train().features()));
    if (shape[0] == 1) {
      v.put("thickness", DigitTransforms.meanThickness(y, n, shape[1]));
      v.put("target_thickness", DigitTransforms.meanThickness(real.train().raw().values(),
          real.train().count(), shape[1]));
    }
    return v;
  }

  /**
   * The (c, h, w) of square images of {@code dim} values: one channel when dim is a square number,
   * else three (3·s² is never a square).
   */
  static int[] imageShape(int dim) {
    for (int c : new int[] {1, 3}) {
      int side = (int) Math.round(Math.sqrt(dim / (double) c));
      if (dim % c == 0 && side * side * c == dim) {
        return new int[] {c, side, side};
      }
    }
    throw new IllegalArgumentException(dim + " values are not a square image of 1 or 3 channels");
  }
}
