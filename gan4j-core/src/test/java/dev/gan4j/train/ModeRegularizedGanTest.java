package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import dev.gan4j.nn.Pass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code mrgan} family: which network each step moves, the reconstruction term, refusals. */
class ModeRegularizedGanTest {
  private static RunConfig config(String... settings) {
    Map<String, String> o = new LinkedHashMap<>(Map.of("model.family", "mrgan"));
    for (int i = 0; i < settings.length; i += 2) {
      o.put(settings[i], settings[i + 1]);
    }
    return AlgorithmOneTest.small(o);
  }

  // Every network tensor of the model, copied to the host, by checkpoint name.
  private static Map<String, float[]> copy(GanModel model) {
    Map<String, float[]> out = new LinkedHashMap<>();
    model.tensors().forEach((k, v) -> out.put(k, v.toFloatArray()));
    return out;
  }

  // The checkpoint prefixes whose tensors changed between two copies.
  private static List<String> changed(Map<String, float[]> before, Map<String, float[]> after) {
    return before.keySet().stream()
        .filter(k -> !java.util.Arrays.equals(before.get(k), after.get(k)))
        .map(k -> k.substring(0, k.indexOf('.')))
        .distinct()
        .sorted()
        .toList();
  }

  @Test
  void eachStepMovesOnlyItsOwnNetworks() {
    RunConfig c = config();
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      ModeRegularizedGan model = (ModeRegularizedGan) t.model();
      assertEquals(List.of("generator", "discriminator", "encoder", "diffusion"),
          List.copyOf(model.optimizers().keySet()));
      Map<String, float[]> before = copy(model);
      model.manifoldDiscriminatorStep();
      Map<String, float[]> after = copy(model);
      assertEquals(List.of("discriminator"), changed(before, after), "D1 alone");
      model.diffusionDiscriminatorStep();
      before = after;
      after = copy(model);
      assertEquals(List.of("diffusion"), changed(before, after), "D2 alone");
      model.manifoldGeneratorStep();
      before = after;
      after = copy(model);
      assertEquals(List.of("encoder", "generator"), changed(before, after), "G and E");
      model.diffusionGeneratorStep();
      before = after;
      after = copy(model);
      assertEquals(List.of("generator"), changed(before, after), "G alone (E untouched)");
    }
  }

  @Test
  void encodedSamplesLeaveTheGeneratorsRunningStatisticsAlone() {
    // With batch norm in G, only G(z) passes may move G's running statistics: sampling feeds G prior
    // noise, and the statistics of G(E(x)) (E is not held to the prior) had left them unusable.
    RunConfig c = config("model.generator.normalization", "batch");
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      ModeRegularizedGan model = (ModeRegularizedGan) t.model();
      Map<String, float[]> before = copy(model);
      model.manifoldDiscriminatorStep(); // G runs on E(x) only
      Map<String, float[]> after = copy(model);
      assertEquals(List.of("discriminator"), changed(before, after), "G(E(x)) moved G's state");
      model.diffusionDiscriminatorStep(); // G runs on E(x) and on z
      before = after;
      after = copy(model);
      assertEquals(List.of("diffusion", "generator"), changed(before, after),
          "G(z) moves G's running statistics");
    }
  }

  // The mean squared difference between x and G(E(x)) over the first 256 training points.
  private static double reconstructionError(GanTrainer t) {
    ModeRegularizedGan model = (ModeRegularizedGan) t.model();
    float[] data = t.data().values();
    int n = 256;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(java.util.Arrays.copyOf(data, 2 * n), new ai.djl.ndarray.types.Shape(n, 2));
      NDArray r = model.reconstruct(x, Pass.inference(m));
      return r.sub(x).square().mean().getFloat();
    }
  }

  private static double errorAfter(int steps, String lambda) {
    RunConfig c = config("model.mrgan.reconstruction", lambda);
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      for (int i = 0; i < steps; i++) {
        t.step();
      }
      return reconstructionError(t);
    }
  }

  @Test
  void theReconstructionTermPullsGofEofXToX() {
    // Without the term, nothing asks G(E(x)) to be x itself, only to look real to D1: the error stays
    // near the spread of the ring (radius 2); with λ = 10 the pair becomes an autoencoder.
    double without = errorAfter(300, "0");
    double with = errorAfter(300, "10");
    assertTrue(with < 0.25 * without, "with λ 10: " + with + ", without: " + without);
    assertTrue(with < 0.5, "with λ 10 the reconstructions land near x: " + with);
  }

  @Test
  void trainingLogsTheReconstructionAndTheDiffusionDiscriminator() {
    RunConfig c = config();
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      StepResult r = t.step();
      assertEquals(List.of("reconstruction", "diffusion_real", "diffusion_fake"),
          t.model().reportedState());
      GanModel.IterationStats s = t.model().iterate();
      for (String name : t.model().reportedState()) {
        double v = s.lossState().get(name);
        assertTrue(Double.isFinite(v), name + " = " + v);
      }
      assertTrue(s.lossState().get("reconstruction") > 0);
      double pReal = s.lossState().get("diffusion_real");
      assertTrue(pReal > 0 && pReal < 1, "a probability: " + pReal);
      assertTrue(Float.isFinite(r.lossD()) && Float.isFinite(r.lossG()));
    }
  }

  @Test
  void sameSeedSameLosses() {
    RunConfig c = config("penalty.name", "r1", "penalty.weight", "1");
    assertArrayEquals(AlgorithmOneTest.losses(c, 5), AlgorithmOneTest.losses(c, 5));
  }

  @Test
  void refusesWhatItCannotTrainWithOneLine() {
    for (String[] bad : new String[][] {
        {"model.generators", "2", "loss.name", "madgan"},
        {"stabilize.unrollSteps", "2"},
        {"loss.name", "began"},
        {"model.mrgan.reconstruction", "-1"}}) {
      InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> {
        RunConfig c = config(bad);
        try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
          t.step();
        }
      }, String.join(" ", bad));
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertTrue(e.getMessage().contains("mrgan") || e.getMessage().contains("model.mrgan"),
          e.getMessage());
    }
  }

  @Test
  void stepsLeaveNoArrayInTheLongLivedManager() {
    RunConfig c = config("loss.name", "wgan-gp", "penalty.weight", "0.1");
    try (GanTrainer t = new GanTrainer(c, AlgorithmOneTest.data(c))) {
      t.step(); // optimizer state is created on the first update
      GanModel model = t.model();
      int tensors = model.tensors().size();
      float[] z = t.drawNoise(4, new Rng(1));
      t.generate(z, 4);
      long before = countArrays(t);
      for (int i = 0; i < 3; i++) {
        t.step();
      }
      assertEquals(before, countArrays(t), "arrays held after three more iterations");
      assertEquals(tensors, model.tensors().size());
    }
  }

  private static long countArrays(GanTrainer t) {
    return t.model().tensors().values().iterator().next().getManager().getManagedArrays().size();
  }
}
