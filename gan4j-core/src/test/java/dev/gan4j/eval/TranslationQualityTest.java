package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code translation} metric's values, and that the registry offers it to translation runs only. */
class TranslationQualityTest {
  private static final int SIDE = 12;
  private static final int DIM = SIDE * SIDE;

  // n images, image i filled with value[i]; features (value, i) and one-hot probabilities of class[i].
  private static EvalSet set(float[] value, int[] predicted, int[] labels) {
    int n = value.length;
    float[] pixels = new float[n * DIM];
    float[] features = new float[n * 2];
    float[] probabilities = new float[n * 10];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(pixels, i * DIM, (i + 1) * DIM, value[i]);
      features[2 * i] = value[i];
      features[2 * i + 1] = i;
      probabilities[i * 10 + predicted[i]] = 1f;
    }
    return new EvalSet(new Samples(n, DIM, pixels), new Samples(n, 2, features),
        new Samples(n, 10, probabilities), labels);
  }

  @Test
  void pairedValuesComeFromTheTargetsAndTheInputsClasses() {
    int[] classes = {0, 1, 2, 3};
    EvalSet targets = set(new float[] {0.5f, 0.5f, -0.5f, -0.5f}, classes, classes);
    EvalSet inputs = set(new float[] {-1f, -1f, -1f, -1f}, new int[] {0, 0, 0, 0}, classes);
    RealData real = new RealData("task", null, targets, targets, inputs,
        ClassHistogram.frequencies(classes, 10), targets);
    // Outputs: the targets shifted by 0.25 (L1 0.25, MSE 1/16), three of four in their input's class.
    EvalSet outputs = set(new float[] {0.75f, 0.75f, -0.25f, -0.25f}, new int[] {0, 1, 2, 9},
        classes);
    TranslationQuality metric = new TranslationQuality();
    Map<String, Double> v = metric.compute(real, outputs);
    assertEquals(List.of("l1", "psnr_db", "ssim", "class_preserved", "fd_lenet", "thickness",
        "target_thickness"), List.copyOf(v.keySet()));
    assertEquals(0.25, v.get("l1"), 1e-6);
    assertEquals(10 * Math.log10(4 / 0.0625), v.get("psnr_db"), 1e-4);
    // Flat images: SSIM is the luminance term (2ab + C1) / (a² + b² + C1), averaged over pairs.
    double c1 = 0.0004;
    double expectedSsim = ((2 * 0.75 * 0.5 + c1) / (0.5625 + 0.25 + c1)
        + (2 * 0.25 * 0.5 + c1) / (0.0625 + 0.25 + c1)) / 2;
    assertEquals(expectedSsim, v.get("ssim"), 1e-6);
    assertEquals(0.75, v.get("class_preserved"), 1e-12);
    // The input itself: all background, class 0 for every input (one of four preserved).
    Map<String, Double> ref = metric.compute(real, metric.reference(real));
    assertEquals(0.25, ref.get("class_preserved"), 1e-12);
    assertEquals(1.0, ref.get("l1"), 1e-6); // |-1 - 0.5| twice, |-1 + 0.5| twice
    assertTrue(ref.get("ssim") < v.get("ssim"));
    assertEquals("input itself", metric.referenceDescription());
  }

  @Test
  void unpairedDirectionsHaveNoTargetValues() {
    int[] classes = {1, 2, 3};
    EvalSet domain = set(new float[] {0.5f, -0.5f, 0.1f}, classes, classes);
    RealData real = new RealData("task", null, domain, domain, domain,
        ClassHistogram.frequencies(classes, 10));
    Map<String, Double> v = new TranslationQuality().compute(real, domain);
    assertFalse(v.containsKey("l1"));
    assertFalse(v.containsKey("ssim"));
    assertEquals(1.0, v.get("class_preserved"), 1e-12);
    // Flat squares of ink fill the whole image: thickness 2·144 / 48 = 6 for the two inked ones.
    assertEquals(4.0, v.get("thickness"), 1e-9);
  }

  @Test
  void theRegistryOffersTranslationToTranslationRunsOnly() {
    assertEquals(List.of(Metrics.byName("translation")), Metrics.parseTranslation("all"));
    assertEquals(List.of(Metrics.byName("translation")), Metrics.parseTranslation("translation"));
    InvalidConfigException noise = assertThrows(InvalidConfigException.class,
        () -> Metrics.parseTranslation("translation,fd-lenet"));
    assertTrue(noise.getMessage().contains("'fd-lenet' measures samples drawn from noise"),
        noise.getMessage());
    assertTrue(noise.getMessage().contains("[translation]"), noise.getMessage());
    InvalidConfigException run = assertThrows(InvalidConfigException.class,
        () -> Metrics.parse("translation", "mnist", true, false, false));
    assertTrue(run.getMessage().contains("pix2pix or cyclegan"), run.getMessage());
    assertFalse(Metrics.parse("all", "mnist", true, true, true).contains(
        Metrics.byName("translation")));
    assertThrows(InvalidConfigException.class, () -> Metrics.parseTranslation("nope"));
  }
}
