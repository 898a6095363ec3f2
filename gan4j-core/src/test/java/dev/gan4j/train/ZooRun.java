package dev.gan4j.train;

import dev.gan4j.Rng;
import dev.gan4j.data.Mixture2d;
import dev.gan4j.data.TrainingSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The short 2-D training run behind the zoo's end-to-end tests: a 2-D preset at a faster pace (lr 1e-3
 * unless the settings say otherwise, a fifth of its iterations or fewer) with one option switched on,
 * then judged by where its samples land. {@link Ring8EndToEndTest} shows that this kind of criterion fails for a
 * broken trainer (a frozen generator, swapped loss signs).
 */
final class ZooRun {
  /** What the generator reached: the share of samples within 10σ of their nearest mode, and the modes such samples reach. */
  record Outcome(double near, int modes) {}

  private ZooRun() {}

  /**
   * Asserts that the run reaches the data: at least {@code minNear} of its samples near a mode and
   * {@code minModes} modes hit. A short run at this pace is chaotic (a change in floating-point
   * rounding can send one seed into a streak beside a mode), so a second seed gets a try when the
   * first falls short; a broken trainer fails both (Ring8EndToEndTest).
   */
  static void assertReaches(String preset, String settings, int steps, int minModes, double minNear) {
    StringBuilder misses = new StringBuilder();
    for (int seed = 1; seed <= 2; seed++) {
      Outcome r = train(preset, settings + " seed=" + seed, steps);
      if (r.near() >= minNear && r.modes() >= minModes) {
        return;
      }
      misses.append(String.format(" seed %d: %.4f near, %d modes;", seed, r.near(), r.modes()));
    }
    org.junit.jupiter.api.Assertions.fail("wanted " + minNear + " of the samples near a mode and "
        + minModes + " modes, got" + misses);
  }

  /**
   * Trains {@code preset} with {@code settings} (space-separated {@code path=value}, applied over the
   * fast pace) for {@code steps} iterations.
   */
  static Outcome train(String preset, String settings, int steps) {
    Map<String, String> o = new HashMap<>();
    o.put("optim.generator.lr", "1e-3");
    o.put("optim.discriminator.lr", "1e-3");
    o.put("loop.steps", Integer.toString(steps));
    for (String kv : settings.strip().split(" ")) {
      if (!kv.isBlank()) {
        o.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    RunConfig c = ConfigLoader.resolve(preset.strip(), null, o);
    Mixture2d mixture = TrainingSet.mixture(c.data().name());
    double radius = 10 * mixture.sigma();
    try (GanTrainer t = new GanTrainer(c, TrainingSet.load(c.data().name(), c.data().size(), c.seed(), null))) {
      for (int i = 0; i < steps; i++) {
        t.step();
      }
      int n = 2000;
      float[] xy = t.generate(n, new Rng(5));
      double[] centres = mixture.centres();
      boolean[] hit = new boolean[mixture.modes()];
      int near = 0;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int j = 0; j < hit.length; j++) {
          double d = Math.hypot(xy[2 * i] - centres[2 * j], xy[2 * i + 1] - centres[2 * j + 1]);
          if (d < bestD) {
            bestD = d;
            best = j;
          }
        }
        if (bestD < radius) {
          near++;
          hit[best] = true;
        }
      }
      int modes = 0;
      for (boolean h : hit) {
        modes += h ? 1 : 0;
      }
      Outcome out = new Outcome(near / (double) n, modes);
      System.out.printf("zoo %s [%s] %d steps: near %.3f, modes %d%n", preset.strip(), settings.strip(),
          steps, out.near(), out.modes());
      return out;
    }
  }
}
