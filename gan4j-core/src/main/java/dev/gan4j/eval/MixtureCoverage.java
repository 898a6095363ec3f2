package dev.gan4j.eval;

import dev.gan4j.data.Mixture2d;

/**
 * Mode coverage of generated 2-D points against a Gaussian mixture, PacGAN's protocol (Lin et al.
 * 2018, after Srivastava et al. 2017): a sample is high-quality when its distance to the nearest mode
 * centre is under 3σ; a mode is captured when it is the nearest mode of at least one high-quality sample.
 *
 * <p>The reverse KL divergence compares the histogram q of high-quality samples over modes (each assigned
 * to its nearest mode, normalised) with the uniform distribution p = 1/K: KL(q || p) = Σ_i q_i log(q_i K),
 * where empty bins contribute 0 (the limit of q log q as q → 0). With no high-quality sample at all it is
 * reported as log K, the value of a one-hot histogram.
 *
 * <pre>{@code MixtureCoverage.Result r = MixtureCoverage.compute(Mixture2d.ring8(), xy);}</pre>
 */
public final class MixtureCoverage {
  private MixtureCoverage() {}

  /**
   * The coverage measurements.
   *
   * @param modesCaptured modes that are the nearest mode of at least one high-quality sample
   * @param highQualityFraction fraction of samples within 3σ of their nearest mode
   * @param reverseKl KL(q || uniform) over modes, as described on the class
   * @param modeCounts high-quality samples per mode
   */
  public record Result(
      int modesCaptured, double highQualityFraction, double reverseKl, int[] modeCounts) {}

  /** Measures interleaved points {@code xy} (x0, y0, x1, y1, ...) against {@code mixture}. */
  public static Result compute(Mixture2d mixture, float[] xy) {
    if (xy.length == 0 || xy.length % 2 != 0) {
      throw new IllegalArgumentException("need a non-empty list of (x, y) pairs");
    }
    double[] c = mixture.centres();
    int k = mixture.modes();
    double limit = 3 * mixture.sigma();
    int[] counts = new int[k];
    int n = xy.length / 2;
    int highQuality = 0;
    for (int i = 0; i < n; i++) {
      double x = xy[2 * i];
      double y = xy[2 * i + 1];
      int best = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double dx = x - c[2 * j];
        double dy = y - c[2 * j + 1];
        double d = dx * dx + dy * dy;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      if (best >= 0 && Math.sqrt(bestD) < limit) {
        highQuality++;
        counts[best]++;
      }
    }
    int captured = 0;
    double kl = 0;
    for (int count : counts) {
      if (count > 0) {
        captured++;
        double q = (double) count / highQuality;
        kl += q * Math.log(q * k);
      }
    }
    if (highQuality == 0) {
      kl = Math.log(k);
    }
    return new Result(captured, (double) highQuality / n, kl, counts);
  }
}
