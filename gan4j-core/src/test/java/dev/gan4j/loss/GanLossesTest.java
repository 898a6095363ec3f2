package dev.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The losses against closed forms and TF-GAN's published test values (tensorflow_gan losses_impl_test):
 * real logits r = [-5.0, 1.4, 12.5, 2.7], fake logits g = [10.0, 4.4, -5.5, 3.6]; the relativistic case
 * uses r = [-2.0, 0.4, 12.5, 2.7].
 */
class GanLossesTest {
  private static final float[] REAL = {-5.0f, 1.4f, 12.5f, 2.7f};
  private static final float[] FAKE = {10.0f, 4.4f, -5.5f, 3.6f};
  private static NDManager manager;

  @BeforeAll
  static void start() {
    Engines.init();
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  private static float d(GanLoss loss) {
    return loss.discriminatorLoss(manager.create(REAL), manager.create(FAKE)).getFloat();
  }

  private static float g(GanLoss loss) {
    return loss.generatorLoss(manager.create(FAKE), manager.create(REAL)).getFloat();
  }

  @Test
  void nonSaturatingMatchesTfGan() {
    assertEquals(1.38582f, g(GanLosses.nonSaturating()), 1e-5f);
    assertEquals(5.83387f, d(GanLosses.nonSaturating()), 1e-5f);
  }

  @Test
  void minimaxDiscriminatorMatchesTfGanWithAndWithoutSmoothing() {
    assertEquals(5.83387f, d(GanLosses.minimax()), 1e-5f);
    assertEquals(6.19637f, d(GanLosses.byName("minimax", 0.25f)), 1e-5f);
  }

  @Test
  void minimaxGeneratorIsMeanLogOfOneMinusD() {
    double expected = 0;
    for (float l : FAKE) {
      expected += Math.log(1 - 1 / (1 + Math.exp(-l)));
    }
    expected /= FAKE.length;
    assertEquals(expected, g(GanLosses.minimax()), 1e-4);
  }

  @Test
  void leastSquaresMatchesTfGan() {
    assertEquals(17.69625f, g(GanLosses.leastSquares()), 1e-4f);
    assertEquals(41.73375f, d(GanLosses.leastSquares()), 1e-4f);
  }

  @Test
  void wassersteinMatchesTfGan() {
    assertEquals(-3.125f, g(GanLosses.wasserstein()), 1e-5f);
    assertEquals(0.225f, d(GanLosses.wasserstein()), 1e-5f);
    assertEquals(0.225f, d(GanLosses.byName("wgan-gp", 0f)), 1e-5f);
  }

  @Test
  void hingeMatchesTfGan() {
    assertEquals(-3.125f, g(GanLosses.hinge()), 1e-5f);
    assertEquals(6.75f, d(GanLosses.hinge()), 1e-5f);
  }

  @Test
  void relativisticAverageMatchesPublishedValues() {
    float[] r = {-2.0f, 0.4f, 12.5f, 2.7f};
    GanLoss l = GanLosses.relativisticAverage();
    assertEquals(4.390114f,
        l.discriminatorLoss(manager.create(r), manager.create(FAKE)).getFloat(), 1e-5f);
    assertEquals(4.9401135f,
        l.generatorLoss(manager.create(FAKE), manager.create(r)).getFloat(), 1e-5f);
    assertTrue(l.generatorNeedsReal());
  }

  @Test
  void twoSidedSmoothingMovesTheFakeTargetToo() {
    LossSettings s = new LossSettings(0.2f, 0.2f, 0f, 1f, 0.1f, 0.5f, 0.001f, 1, 0);
    double expected = 0;
    for (float l : REAL) { // target 0.9
      expected += (0.9 * softplus(-l) + 0.1 * softplus(l)) / 4;
    }
    for (float l : FAKE) { // target 0.1
      expected += (0.1 * softplus(-l) + 0.9 * softplus(l)) / 4;
    }
    assertEquals(expected, d(new NonSaturatingLoss(s)), 1e-4);
  }

  @Test
  void labelFlippingFlipsAboutTheAskedFractionAndIsReproducible() {
    LossSettings s = new LossSettings(0f, 0f, 0.3f, 1f, 0.1f, 0.5f, 0.001f, 1, 42);
    // All-zero logits: each term is log 2 whatever the target; use confident logits instead.
    float[] big = new float[2000];
    java.util.Arrays.fill(big, 20f);
    float[] small = new float[2000];
    java.util.Arrays.fill(small, -20f);
    NDArray realOut = manager.create(big);
    NDArray fakeOut = manager.create(small);
    double lossPerFlip = 40; // 20 nats per flipped sample, in each of the two means
    double d1 = new NonSaturatingLoss(s).discriminatorLoss(realOut, fakeOut).getFloat();
    double d2 = new NonSaturatingLoss(s).discriminatorLoss(realOut, fakeOut).getFloat();
    assertEquals(d1, d2, "same seed, same flips");
    // A flipped sample costs ~20 nats: the loss is ~2 x 20 x the flipped fraction.
    double fraction = d1 / lossPerFlip;
    assertTrue(fraction > 0.25 && fraction < 0.35, "flipped fraction " + fraction);
    assertEquals(1, new NonSaturatingLoss(s).randomStreams().size());
  }

  @Test
  void beganBalancesTowardGammaAndReportsTheConvergenceMeasure() {
    BeganLoss l = new BeganLoss(LossSettings.DEFAULT);
    NDArray realE = manager.create(new float[] {1f, 1f}).reshape(2, 1);
    NDArray fakeE = manager.create(new float[] {0.2f, 0.2f}).reshape(2, 1);
    assertEquals(1f, l.discriminatorLoss(realE, fakeE).getFloat(), 1e-6f, "k starts at 0");
    l.afterDiscriminatorStep(Critique.of(realE), Critique.of(fakeE));
    // k += 0.001 (0.5 * 1 - 0.2) = 0.0003; M_global = 1 + |0.5 - 0.2| = 1.3
    assertEquals(0.0003, l.state().get("k"), 1e-9);
    assertEquals(1.3, l.state().get("m_global"), 1e-6);
    assertEquals(1f - 0.0003f * 0.2f, l.discriminatorLoss(realE, fakeE).getFloat(), 1e-6f);
    BeganLoss restored = new BeganLoss(LossSettings.DEFAULT);
    restored.restoreState(l.state());
    assertEquals(l.state(), restored.state());
    assertEquals("autoencoder-l1", l.critic());
  }

  @Test
  void ebganHasAMarginAndAPullingAwayTerm() {
    EbganLoss l = new EbganLoss(LossSettings.DEFAULT); // m = 1, λ_PT = 0.1
    NDArray realE = manager.create(new float[] {0.5f, 0.1f});
    NDArray fakeE = manager.create(new float[] {0.2f, 3f});
    // 0.3 + mean(max(0, 1 - 0.2), max(0, 1 - 3)) = 0.3 + 0.4
    assertEquals(0.7f, l.discriminatorLoss(realE, fakeE).getFloat(), 1e-6f);
    // Orthogonal codes: PT = 0; identical codes: PT = 1.
    NDArray orthogonal = manager.create(new float[] {1, 0, 0, 2}, new Shape(2, 2));
    NDArray same = manager.create(new float[] {1, 1, 2, 2}, new Shape(2, 2));
    assertEquals(0f, EbganLoss.pullingAway(orthogonal).getFloat(), 1e-6f);
    assertEquals(1f, EbganLoss.pullingAway(same).getFloat(), 1e-5f);
    assertEquals(1.6f + 0.1f,
        l.generatorLoss(new Critique(fakeE, same), null).getFloat(), 1e-5f);
  }

  @Test
  void madGanClassifiesRealAndEachGeneratorsBlock() {
    MadGanLoss l = new MadGanLoss(new LossSettings(0f, 0f, 0f, 1f, 0.1f, 0.5f, 0.001f, 2, 0));
    assertEquals(3, l.outputs());
    // A discriminator that is sure and right: real -> 0, block 0 -> generator 1, block 1 -> 2.
    NDArray real = manager.create(new float[] {20, 0, 0, 20, 0, 0}, new Shape(2, 3));
    NDArray fake = manager.create(new float[] {0, 20, 0, 0, 0, 20}, new Shape(2, 3));
    assertTrue(l.discriminatorLoss(real, fake).getFloat() < 1e-6f);
    // Swap the generators' blocks: now D is sure and wrong about both.
    NDArray swapped = manager.create(new float[] {0, 0, 20, 0, 20, 0}, new Shape(2, 3));
    assertEquals(20f, l.discriminatorLoss(real, swapped).getFloat(), 1e-3f);
    // G wants "real": fooled completely, loss ~0; caught, loss ~20 per generator.
    assertTrue(l.generatorLoss(real, null).getFloat() < 1e-6f);
    assertEquals(40f, l.generatorLoss(fake, null).getFloat(), 1e-3f);
    assertEquals(1f, l.probability(real).getFloat(0), 1e-6f);
  }

  @Test
  void featureMatchingMatchesMeanFeatures() {
    FeatureMatching fm = new FeatureMatching(GanLosses.nonSaturating());
    NDArray realF = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)); // mean (2, 3)
    NDArray fakeF = manager.create(new float[] {0, 0, 0, 2}, new Shape(2, 2)); // mean (0, 1)
    NDArray scores = manager.zeros(new Shape(2, 1));
    assertEquals(8f,
        fm.generatorLoss(new Critique(scores, fakeF), new Critique(scores, realF)).getFloat(), 1e-6f);
    assertTrue(fm.generatorNeedsReal());
    assertEquals(d(GanLosses.nonSaturating()), d(fm), 1e-6f, "D keeps its own loss");
  }

  @Test
  void extremeLogitsStayFinite() {
    NDArray huge = manager.create(new float[] {-1e4f, 1e4f, 0f});
    for (String name : GanLosses.names()) {
      if (name.equals("madgan")) {
        continue; // needs K + 1 outputs; covered above
      }
      GanLoss loss = GanLosses.byName(name, 0.1f);
      assertTrue(Float.isFinite(loss.discriminatorLoss(huge, huge).getFloat()), name);
      assertTrue(Float.isFinite(loss.generatorLoss(huge, huge).getFloat()), name);
    }
    // -log sigmoid(-1e4) = 1e4 exactly in the stable form; log(sigmoid(x)) would give infinity.
    assertEquals(
        1e4f,
        GanLosses.nonSaturating().generatorLoss(manager.create(new float[] {-1e4f}), null).getFloat(),
        1f);
  }

  @Test
  void registryRejectsUnknownNamesAndBadSettings() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> GanLosses.byName("wassersteen", 0f));
    assertTrue(e.getMessage().contains("wassersteen"));
    assertTrue(e.getMessage().contains("non-saturating"));
    assertThrows(InvalidConfigException.class, () -> GanLosses.byName("minimax", 1f));
    assertThrows(InvalidConfigException.class, () -> GanLosses.byName("minimax", -0.1f));
    assertThrows(InvalidConfigException.class, () -> GanLosses.byName("madgan", 0f));
    assertEquals(Map.of(), GanLosses.paperDefaults("hinge"));
    assertEquals("5", GanLosses.paperDefaults("wgan-gp").get("loop.dSteps"));
  }

  private static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }
}
