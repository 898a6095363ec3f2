package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.Rng;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.eval.ClassHistogram;
import dev.gan4j.io.ClassifierCache;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A small DCGAN trained briefly on MNIST (when GAN4J_DATA_DIR holds it): the evaluation classifier's
 * histogram of the generated digits' classes widens from the untrained generator's few classes to most
 * of the ten. The control takes the same discriminator steps with the generator's update left out, and
 * its histogram must stay narrow, so the criterion measures what G's step learned.
 */
@Tag("slow")
class DcganEndToEndTest {
  private static final int STEPS = 300;
  private static final int SAMPLES = 1000;
  private static Path dataDir;

  @BeforeAll
  static void needsMnist() {
    dataDir = dev.gan4j.TestData.dirWith("mnist");
  }

  // The DCGAN (fashion-dcgan's nets, no dense layers) on MNIST at a quarter of its widths,
  // so a few hundred steps fit the suite's budget.
  private static RunConfig config() {
    return ConfigLoader.resolve("mnist-dcgan", null, Map.of(
        "model.generator.arch", "dcgan",
        "model.discriminator.arch", "dcgan",
        "model.generator.hidden", "32,16",
        "model.discriminator.hidden", "16,32",
        "optim.generator.lr", "1e-3",
        "optim.discriminator.lr", "1e-3",
        "loop.steps", Integer.toString(STEPS)));
  }

  private static ClassHistogram.Result classes(GanTrainer t, ClassifierCache.Cached c, double[] freq) {
    float[] x = t.generate(SAMPLES, new Rng(3));
    return ClassHistogram.compute(c.classifier().embed(x, SAMPLES).probabilities(), freq);
  }

  @Test
  void theClassHistogramWidensOnlyWhenTheGeneratorLearns() {
    RunConfig config = config();
    TrainingSet data = TrainingSet.load("mnist", 1, config.seed(), dataDir);
    double[] freq = new double[10];
    java.util.Arrays.fill(freq, 0.1);
    try (ClassifierCache.Cached c = ClassifierCache.obtain("mnist", dataDir, System.out::println)) {
      double before;
      double trained;
      int trainedModes;
      try (GanTrainer t = new GanTrainer(config, data)) {
        before = classes(t, c, freq).entropy();
        for (int i = 0; i < STEPS; i++) {
          t.step();
        }
        ClassHistogram.Result r = classes(t, c, freq);
        trained = r.entropy();
        trainedModes = r.modesHit();
      }
      double frozen;
      try (GanTrainer t = new GanTrainer(config, data)) {
        for (int i = 0; i < STEPS; i++) {
          ((AlgorithmOneGan) t.model()).discriminatorStep(); // the generator's step left out
        }
        frozen = classes(t, c, freq).entropy();
      }
      System.out.printf("dcgan end-to-end: class entropy %.3f untrained, %.3f trained (%d classes),"
          + " %.3f with G frozen%n", before, trained, trainedModes, frozen);
      // Ten equally likely classes give ln 10 = 2.30.
      assertTrue(trained > 1.8 && trainedModes >= 9, "trained: entropy " + trained);
      assertTrue(trained > before + 0.5, "widened from " + before + " to " + trained);
      assertTrue(frozen < 1.5, "a generator that does not learn stays narrow: " + frozen);
    }
  }
}
