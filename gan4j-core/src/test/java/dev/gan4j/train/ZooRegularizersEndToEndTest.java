package dev.gan4j.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every penalty, normalization and weight constraint trains a generator that reaches the data (see
 * {@link ZooLossesEndToEndTest} for the criterion). Spectral normalization is run on grid25, where its
 * smoother critic still spreads the samples over several modes within the short budget.
 */
@Tag("slow")
class ZooRegularizersEndToEndTest {
  @ParameterizedTest(name = "{0} [{1}]")
  @CsvSource(delimiter = '|', textBlock = """
      ring8  | penalty.name=dragan penalty.weight=1 | 2000 | 4 | 0.5
      ring8  | penalty.name=r1 penalty.weight=1 | 1500 | 4 | 0.5
      ring8  | loss.name=wasserstein loss.clip=0 penalty.name=gradient-one-sided penalty.weight=0.1 optim.generator.name=adam optim.discriminator.name=adam | 1500 | 4 | 0.5
      grid25 | model.discriminator.normalization=spectral | 3000 | 4 | 0.1
      ring8  | model.discriminator.normalization=weight | 2000 | 4 | 0.4
      ring8  | model.discriminator.normalization=batch | 1500 | 4 | 0.5
      ring8  | model.generator.normalization=batch | 2000 | 4 | 0.4
      ring8  | model.discriminator.normalization=instance | 1500 | 4 | 0.5
      ring8  | model.discriminator.activation=maxout | 1500 | 4 | 0.5
      ring8  | model.discriminator.maxNorm=1 | 1500 | 4 | 0.5
      ring8  | model.generator.initRange=0.1 model.discriminator.initRange=0.1 | 1500 | 4 | 0.5
      """)
  void regularizerReachesTheData(
      String preset, String settings, int steps, int minModes, double minNear) {
    ZooRun.assertReaches(preset, settings, steps, minModes, minNear);
  }
}
