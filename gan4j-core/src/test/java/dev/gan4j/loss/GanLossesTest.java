package dev.gan4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.Engines;
import dev.gan4j.InvalidConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The losses against closed forms and TF-GAN's published test values (tensorflow_gan losses_impl_test):
 * real logits [-5.0, 1.4, 12.5, 2.7], fake logits [10.0, 4.4, -5.5, 3.6].
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
  void extremeLogitsStayFinite() {
    NDArray huge = manager.create(new float[] {-1e4f, 1e4f, 0f});
    for (String name : GanLosses.names()) {
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
  void registryRejectsUnknownNamesAndBadSmoothing() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> GanLosses.byName("wassersteen", 0f));
    assertTrue(e.getMessage().contains("wassersteen"));
    assertTrue(e.getMessage().contains("non-saturating"));
    assertThrows(InvalidConfigException.class, () -> GanLosses.byName("minimax", 1f));
    assertThrows(InvalidConfigException.class, () -> GanLosses.byName("minimax", -0.1f));
  }
}
