package dev.gan4j.train;

import dev.gan4j.Rng;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.eval.MixtureCoverage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuneScratch {
  @Test
  void tune() {
    String preset = System.getProperty("tune.preset", "ring8");
    String[] variants = System.getProperty("tune.variants", "").split(";");
    for (String v : variants) {
      Map<String, String> o = new LinkedHashMap<>();
      for (String kv : v.split(" ")) {
        if (kv.contains("=")) o.put(kv.split("=")[0], kv.split("=")[1]);
      }
      RunConfig c = ConfigLoader.resolve(preset, null, o);
      TrainingSet data = TrainingSet.load(preset, c.data().size(), c.seed(), null);
      try (GanTrainer t = new GanTrainer(c, data)) {
        long t0 = System.nanoTime();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= c.loop().steps(); i++) {
          t.step();
          if (i % (c.loop().steps() / 4) == 0) {
            MixtureCoverage.Result cov = MixtureCoverage.compute(TrainingSet.mixture(preset), t.generate(2500, new Rng(7)));
            sb.append(String.format(" [%d: %d %.2f %.2f]", i, cov.modesCaptured(), cov.highQualityFraction(), cov.reverseKl()));
          }
        }
        System.out.printf("TUNE %s %s %s %.0fs%n", preset, v, sb, (System.nanoTime() - t0) / 1e9);
      }
    }
  }
}
