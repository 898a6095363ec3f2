package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.Rng;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.nn.Parameter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradient penalties on a convolutional critic: the penalty, computed from the DCGAN discriminator's
 * hand-written input gradient, changes the critic's update (so its own gradient reaches the
 * convolution weights), and the step's loss stays finite.
 */
class ConvolutionalPenaltiesTest {
  private static TrainingSet images() {
    float[] v = new float[32 * 16 * 16];
    new Rng(4).fillUniform(v, -1f, 1f);
    return new TrainingSet("mnist", 32, new int[] {1, 16, 16}, v);
  }

  private static float[] criticAfterOneStep(String penalty, String weight) {
    Map<String, String> o = new HashMap<>();
    o.put("model.generator.arch", "dcgan");
    o.put("model.discriminator.arch", "dcgan");
    o.put("model.generator.hidden", "8,4");
    o.put("model.discriminator.hidden", "4,8");
    o.put("model.discriminator.normalization", "none");
    o.put("loop.batchSize", "8");
    o.put("penalty.name", penalty);
    o.put("penalty.weight", weight);
    RunConfig c = ConfigLoader.resolve("mnist-dcgan", null, o);
    try (GanTrainer t = new GanTrainer(c, images())) {
      float loss = ((AlgorithmOneGan) t.model()).discriminatorStep();
      assertTrue(Float.isFinite(loss), penalty + " loss " + loss);
      Parameter first = t.discriminator().parameters().get(0); // the first convolution's kernel
      return first.array().toFloatArray();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gradient", "dragan", "r1"})
  void thePenaltyReachesTheConvolutionWeights(String penalty) {
    float[] with = criticAfterOneStep(penalty, "10");
    float[] without = criticAfterOneStep(penalty, "0");
    double diff = 0;
    for (int i = 0; i < with.length; i++) {
      diff = Math.max(diff, Math.abs(with[i] - without[i]));
    }
    assertTrue(diff > 1e-7, penalty + ": the penalty changed nothing in the first convolution");
  }
}
