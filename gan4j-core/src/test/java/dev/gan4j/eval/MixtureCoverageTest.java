package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gan4j.Rng;
import dev.gan4j.data.Mixture2d;
import org.junit.jupiter.api.Test;

class MixtureCoverageTest {
  @Test
  void exactCentresCaptureAllModesWithFullQuality() {
    for (Mixture2d m : new Mixture2d[] {Mixture2d.ring8(), Mixture2d.grid25()}) {
      double[] c = m.centres();
      float[] xy = new float[c.length];
      for (int i = 0; i < c.length; i++) {
        xy[i] = (float) c[i];
      }
      MixtureCoverage.Result r = MixtureCoverage.compute(m, xy);
      assertEquals(m.modes(), r.modesCaptured());
      assertEquals(1.0, r.highQualityFraction());
      assertEquals(0.0, r.reverseKl(), 1e-12);
    }
  }

  @Test
  void allSamplesOnOneModeGiveOneModeAndOneHotKl() {
    Mixture2d ring = Mixture2d.ring8();
    float[] xy = new float[200];
    for (int i = 0; i < 100; i++) {
      xy[2 * i] = 1f;
      xy[2 * i + 1] = 0.001f * (i % 3);
    }
    MixtureCoverage.Result r = MixtureCoverage.compute(ring, xy);
    assertEquals(1, r.modesCaptured());
    assertEquals(1.0, r.highQualityFraction());
    assertEquals(Math.log(8), r.reverseKl(), 1e-12);
  }

  @Test
  void farPointsAreLowQualityAndTrueSamplesMostlyHigh() {
    float[] far = {0f, 0f, 3f, 3f};
    MixtureCoverage.Result r = MixtureCoverage.compute(Mixture2d.ring8(), far);
    assertEquals(0, r.modesCaptured());
    assertEquals(0.0, r.highQualityFraction());
    // Within 3 sigma of a 2-D Gaussian: 1 - exp(-4.5) = 98.9% of true samples.
    MixtureCoverage.Result real =
        MixtureCoverage.compute(Mixture2d.grid25(), Mixture2d.grid25().sample(20_000, new Rng(1)));
    assertEquals(25, real.modesCaptured());
    assertEquals(1 - Math.exp(-4.5), real.highQualityFraction(), 0.005);
    assertEquals(0.0, real.reverseKl(), 0.01);
  }
}
