package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.data.Mixture2d;
import dev.gan4j.data.TrainingSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discriminator rejection sampling: the acceptance rule, and that it removes off-mode proposals. */
class DiscriminatorRejectionTest {
  private static final Mixture2d GRID = Mixture2d.grid25();

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void percentileInterpolatesBetweenOrderStatistics() {
    double[] v = {4, 1, 3, 2};
    assertEquals(1.0, DiscriminatorRejection.percentile(v, 0), 1e-12);
    assertEquals(1.75, DiscriminatorRejection.percentile(v, 25), 1e-12);
    assertEquals(2.5, DiscriminatorRejection.percentile(v, 50), 1e-12);
    assertEquals(4.0, DiscriminatorRejection.percentile(v, 100), 1e-12);
    assertArrayEquals(new double[] {4, 1, 3, 2}, v, "the input is left unsorted");
  }

  @Test
  void acceptanceFollowsThePapersScoreShiftedByThePercentile() {
    float[] logits = {-6f, -1f, 0.5f, 2f};
    double max = 2.0;
    double[] p = DiscriminatorRejection.acceptance(logits, max, 0);
    double[] f = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      double d = logits[i] - max;
      f[i] = d - Math.log(1 - Math.exp(d - DiscriminatorRejection.EPSILON));
    }
    for (int i = 0; i < logits.length; i++) {
      // γ at the 0th percentile is the smallest score, F of the lowest logit.
      assertEquals(1 / (1 + Math.exp(-(f[i] - f[0]))), p[i], 1e-9, "sample " + i);
      if (i > 0) {
        assertTrue(p[i] > p[i - 1], "acceptance grows with the logit");
      }
    }
    assertEquals(0.5, p[0], 1e-12);
    assertTrue(p[3] > 0.999, "the largest logit is all but always kept: " + p[3]);
    // A higher percentile shifts every score down: fewer samples kept.
    double[] strict = DiscriminatorRejection.acceptance(logits, max, 90);
    for (int i = 0; i < logits.length; i++) {
      assertTrue(strict[i] < p[i], "sample " + i);
    }
    assertThrows(IllegalArgumentException.class,
        () -> DiscriminatorRejection.acceptance(new float[] {3f}, 2.0, 50));
  }

  // Proposals from a broken "generator": 70% grid25 samples, 30% uniform points on [-5, 5]².
  private static final DiscriminatorRejection.Proposals NOISY = (n, rng, manager) -> {
    float[] x = new float[n * 2];
    float[] g = new float[2];
    for (int i = 0; i < n; i++) {
      if (rng.nextDouble() < 0.7) {
        int mode = rng.nextInt(25);
        rng.fillGaussian(g);
        x[2 * i] = -4 + 2 * (mode % 5) + 0.05f * g[0];
        x[2 * i + 1] = -4 + 2 * (mode / 5) + 0.05f * g[1];
      } else {
        x[2 * i] = (float) (rng.nextDouble() * 10 - 5);
        x[2 * i + 1] = (float) (rng.nextDouble() * 10 - 5);
      }
    }
    return HostArrays.upload(manager, x, new Shape(n, 2));
  };

  private static RunConfig config(int criticSteps) {
    return config(criticSteps, 20);
  }

  private static RunConfig config(int criticSteps, float percentile) {
    return ConfigLoader.resolve("grid25", null, Map.of(
        "sampling.rejection", "drs", "sampling.criticSteps", Integer.toString(criticSteps),
        "sampling.percentile", Float.toString(percentile), "loop.batchSize", "256", "seed", "3"));
  }

  private static TrainingSet real() {
    return new TrainingSet("grid25", 20_000, new int[] {2}, GRID.sample(20_000, new Rng(11)));
  }

  // The share of points farther than 3σ from every mode, and the modes hit by the others.
  private static double offMode(float[] xy, Set<Integer> modes) {
    int off = 0;
    int n = xy.length / 2;
    for (int i = 0; i < n; i++) {
      int cx = Math.round((xy[2 * i] + 4) / 2);
      int cy = Math.round((xy[2 * i + 1] + 4) / 2);
      cx = Math.max(0, Math.min(4, cx));
      cy = Math.max(0, Math.min(4, cy));
      double dx = xy[2 * i] - (-4 + 2 * cx);
      double dy = xy[2 * i + 1] - (-4 + 2 * cy);
      if (Math.sqrt(dx * dx + dy * dy) > 0.15) {
        off++;
      } else {
        modes.add(cx * 5 + cy);
      }
    }
    return off / (double) n;
  }

  @Test
  void rejectionDropsOffModeProposalsAndKeepsEveryMode() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] raw;
      try (NDManager s = m.newSubManager()) {
        raw = NOISY.draw(2000, new Rng(0), s).toFloatArray();
      }
      double before = offMode(raw, new HashSet<>());
      assertTrue(before > 0.25, "the proposals are 30% off-mode: " + before);
      TrainingSet real = real();
      // γ at the 20th percentile (the default) sits among the outliers' scores when 30% of the
      // proposals are outliers, so it keeps some; the 80th keeps almost none.
      double[] limits = {0.2, 0.03};
      float[] percentiles = {20, 80};
      for (int k = 0; k < 2; k++) {
        DiscriminatorRejection drs =
            DiscriminatorRejection.train(config(1500, percentiles[k]), real, NOISY, m);
        assertTrue(drs.finalLoss() < 1.2f, "the critic separates the outliers: " + drs.finalLoss());
        Set<Integer> modes = new HashSet<>();
        float[] kept = drs.sample(2000, 0, NOISY, m);
        assertEquals(4000, kept.length);
        double after = offMode(kept, modes);
        assertTrue(after < limits[k], "percentile " + percentiles[k] + " keeps few off-mode points: "
            + after + " from " + before);
        assertEquals(25, modes.size(), "every mode survives");
      }
    }
  }

  @Test
  void theSameSeedKeepsTheSameSamples() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainingSet real = real();
      DiscriminatorRejection a = DiscriminatorRejection.train(config(50), real, NOISY, m);
      DiscriminatorRejection b = DiscriminatorRejection.train(config(50), real, NOISY, m);
      float[] x = a.sample(300, 5, NOISY, m);
      assertArrayEquals(x, b.sample(300, 5, NOISY, m));
      assertFalse(java.util.Arrays.equals(x, a.sample(300, 6, NOISY, m)), "another seed, other samples");
      assertEquals(a.finalLoss(), b.finalLoss());
      assertThrows(InvalidConfigException.class, () -> a.sample(0, 5, NOISY, m));
    }
  }

  @Test
  void theCriticScoresEachSampleOnItsOwn() {
    RunConfig packed = ConfigLoader.resolve("grid25", null, Map.of(
        "model.pack", "4", "model.minibatchStdDev", "true", "model.discriminator.dropout", "0.5"));
    var spec = DiscriminatorRejection.criticSpec(packed, 2);
    assertEquals(1, spec.pack());
    assertFalse(spec.minibatchStdDev());
    assertEquals(0f, spec.dropout());
    assertArrayEquals(packed.model().discriminator().hidden(), spec.hidden());
    try (NDManager m = NDManager.newBaseManager()) {
      DiscriminatorRejection drs = DiscriminatorRejection.train(config(20), real(), NOISY, m);
      NDArray two = HostArrays.upload(m, new float[] {0, 0, 1, 1}, new Shape(2, 2));
      NDArray one = HostArrays.upload(m, new float[] {0, 0}, new Shape(1, 2));
      assertEquals(drs.logits(two)[0], drs.logits(one)[0], 1e-5f);
    }
  }
}
