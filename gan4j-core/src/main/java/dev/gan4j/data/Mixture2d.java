package dev.gan4j.data;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;

/**
 * Mixtures of isotropic 2-D Gaussians with equal weights, defined as in PacGAN (Lin et al. 2018) so
 * results compare with its Table 1: {@link #ring8()} has 8 modes at (cos 2πi/8, sin 2πi/8) with σ =
 * 0.01; {@link #grid25()} has 25 modes at {-4, -2, 0, 2, 4}² with σ = 0.05.
 *
 * <pre>{@code float[] xy = Mixture2d.ring8().sample(1000, new Rng(0)); // x0, y0, x1, y1, ...}</pre>
 */
public final class Mixture2d {
  private final String name;
  private final double[] centres; // x0, y0, x1, y1, ...
  private final double sigma;

  /** A mixture with the given interleaved mode centres and common standard deviation. */
  public Mixture2d(String name, double[] centres, double sigma) {
    if (centres.length == 0 || centres.length % 2 != 0) {
      throw new InvalidConfigException("mixture centres must be a non-empty list of (x, y) pairs");
    }
    if (!(sigma > 0)) {
      throw new InvalidConfigException("mixture sigma must be > 0, got " + sigma);
    }
    this.name = name;
    this.centres = centres.clone();
    this.sigma = sigma;
  }

  /** PacGAN's ring: 8 modes on the unit circle, σ = 0.01. */
  public static Mixture2d ring8() {
    double[] c = new double[16];
    for (int i = 0; i < 8; i++) {
      c[2 * i] = Math.cos(2 * Math.PI * i / 8);
      c[2 * i + 1] = Math.sin(2 * Math.PI * i / 8);
    }
    return new Mixture2d("ring8", c, 0.01);
  }

  /** PacGAN's grid: 25 modes at {-4, -2, 0, 2, 4}², σ = 0.05. */
  public static Mixture2d grid25() {
    double[] c = new double[50];
    int k = 0;
    for (int i = -2; i <= 2; i++) {
      for (int j = -2; j <= 2; j++) {
        c[k++] = 2.0 * i;
        c[k++] = 2.0 * j;
      }
    }
    return new Mixture2d("grid25", c, 0.05);
  }

  /** The mixture's name, e.g. {@code ring8}. */
  public String name() {
    return name;
  }

  /** The number of modes. */
  public int modes() {
    return centres.length / 2;
  }

  /** The common standard deviation of every mode. */
  public double sigma() {
    return sigma;
  }

  /** A copy of the mode centres, interleaved x0, y0, x1, y1, ... */
  public double[] centres() {
    return centres.clone();
  }

  /** {@code n} points, interleaved x, y: a uniformly chosen mode plus N(0, σ²I) noise each. */
  public float[] sample(int n, Rng rng) {
    return sample(n, rng, null);
  }

  /**
   * Like {@link #sample(int, Rng)}, the same points for the same generator, also writing each point's
   * mode index into {@code modes} (length n) when it is not null: the mixture's labels.
   */
  public float[] sample(int n, Rng rng, int[] modes) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (modes != null && modes.length != n) {
      throw new IllegalArgumentException("modes must hold " + n + " entries, got " + modes.length);
    }
    float[] noise = new float[2 * n];
    rng.fillGaussian(noise);
    float[] out = new float[2 * n];
    for (int i = 0; i < n; i++) {
      int mode = rng.nextInt(modes());
      if (modes != null) {
        modes[i] = mode;
      }
      out[2 * i] = (float) (centres[2 * mode] + sigma * noise[2 * i]);
      out[2 * i + 1] = (float) (centres[2 * mode + 1] + sigma * noise[2 * i + 1]);
    }
    return out;
  }
}
