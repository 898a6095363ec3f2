package dev.gan4j.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every stabilizer that changes the step or the data D sees trains a generator that reaches the data
 * (see {@link ZooLossesEndToEndTest} for the criterion). The share asked for is lower for options that
 * blur D on purpose in a short run (noise on D's layers, packing).
 */
@Tag("slow")
class ZooStabilizersEndToEndTest {
  @ParameterizedTest(name = "{0} [{1}]")
  @CsvSource(delimiter = '|', textBlock = """
      ring8  | stabilize.instanceNoise=0.1 | 2000 | 4 | 0.5
      ring8  | model.discriminator.noise=0.05 | 1500 | 4 | 0.3
      ring8  | loss.labelSmoothing=0.2 | 2000 | 4 | 0.5
      ring8  | loss.labelSmoothing=0.2 loss.fakeLabelSmoothing=0.2 | 2000 | 4 | 0.5
      ring8  | loss.labelFlip=0.05 | 2000 | 4 | 0.5
      ring8  | loss.featureMatching=true | 1500 | 4 | 0.5
      ring8  | model.minibatchKernels=10 | 1200 | 4 | 0.5
      ring8  | model.minibatchStdDev=true | 1500 | 4 | 0.5
      ring8  | model.pack=2 | 2000 | 4 | 0.3
      ring8  | stabilize.unrollSteps=5 | 1000 | 4 | 0.4
      ring8  | optim.generator.lr=2e-4 optim.discriminator.lr=8e-4 | 1500 | 4 | 0.5
      ring8  | stabilize.emaDecay=0.99 | 1500 | 4 | 0.5
      ring8  | stabilize.lrDecayTo=0.5 | 2000 | 4 | 0.3
      """)
  void stabilizerReachesTheData(
      String preset, String settings, int steps, int minModes, double minNear) {
    ZooRun.assertReaches(preset, settings, steps, minModes, minNear);
  }
}
