package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollapseAlarmTest {
  private static final Map<String, Map<String, Double>> CLASS_REF =
      Map.of("classes", Map.of("modes", 10.0, "entropy", 2.30));
  private static final Map<String, Map<String, Double>> MIXTURE_REF =
      Map.of("mixture", Map.of("modes", 8.0));

  private static Map<String, Map<String, Double>> classes(double modes, double entropy) {
    return Map.of("classes", Map.of("modes", modes, "entropy", entropy, "kl_to_real", 0.0));
  }

  private static Map<String, Map<String, Double>> mixture(double modes) {
    return Map.of("mixture", Map.of("modes", modes, "high_quality", 0.9, "reverse_kl", 0.1));
  }

  @Test
  void separationFiresOnceAfterTheWindowAndRearms() {
    CollapseAlarm a = new CollapseAlarm(3, 0);
    assertEquals(List.of(), a.onStep(1, true));
    assertEquals(List.of(), a.onStep(2, true));
    List<CollapseAlarm.Alarm> raised = a.onStep(3, true);
    assertEquals(1, raised.size());
    assertEquals("separation", raised.get(0).signal());
    assertEquals(3, raised.get(0).step());
    assertTrue(raised.get(0).toString().startsWith("step 3: separation: "));
    assertEquals(List.of(), a.onStep(4, true), "reported once while it lasts");
    assertEquals(List.of(), a.onStep(5, false));
    a.onStep(6, true);
    a.onStep(7, true);
    assertEquals(1, a.onStep(8, true).size(), "re-armed after separation broke");
  }

  @Test
  void aZeroWindowTurnsSeparationOff() {
    CollapseAlarm a = new CollapseAlarm(0, 0);
    for (int i = 1; i < 100; i++) {
      assertEquals(List.of(), a.onStep(i, true));
    }
  }

  @Test
  void aDropInClassesHitIsReportedOnlyAfterGoodCoverage() {
    CollapseAlarm a = new CollapseAlarm(0, 1_000_000);
    // An untrained generator going from 2 classes to 1 is not a collapse from good coverage.
    assertEquals(List.of(), a.onEvaluation(100, classes(2, 0.5), CLASS_REF));
    assertEquals(List.of(), a.onEvaluation(200, classes(1, 0.0), CLASS_REF));
    assertEquals(List.of(), a.onEvaluation(300, classes(10, 2.2), CLASS_REF));
    List<CollapseAlarm.Alarm> raised = a.onEvaluation(400, classes(6, 1.5), CLASS_REF);
    assertEquals(1, raised.size());
    assertEquals("class-histogram", raised.get(0).signal());
    assertTrue(raised.get(0).message().contains("from 10 to 6"), raised.get(0).message());
    assertEquals(List.of(), a.onEvaluation(500, classes(5, 1.4), CLASS_REF), "still collapsed");
    assertEquals(List.of(), a.onEvaluation(600, classes(10, 2.2), CLASS_REF), "recovered");
  }

  @Test
  void aNarrowHistogramAfterTheWarmupIsReported() {
    CollapseAlarm a = new CollapseAlarm(0, 200);
    assertEquals(List.of(), a.onEvaluation(100, classes(3, 0.4), CLASS_REF), "warm-up");
    List<CollapseAlarm.Alarm> raised = a.onEvaluation(300, classes(3, 0.4), CLASS_REF);
    assertEquals(1, raised.size());
    assertTrue(raised.get(0).message().contains("entropy"), raised.get(0).message());
  }

  @Test
  void mixtureModesDropOrStayLow() {
    CollapseAlarm a = new CollapseAlarm(0, 150);
    assertEquals(List.of(), a.onEvaluation(100, mixture(2), MIXTURE_REF), "warm-up");
    List<CollapseAlarm.Alarm> low = a.onEvaluation(200, mixture(3), MIXTURE_REF);
    assertEquals("modes", low.get(0).signal());
    assertTrue(low.get(0).message().contains("only 3 of 8"), low.get(0).message());

    CollapseAlarm b = new CollapseAlarm(0, 1_000_000);
    assertEquals(List.of(), b.onEvaluation(100, mixture(8), MIXTURE_REF));
    assertEquals(List.of(), b.onEvaluation(200, mixture(7), MIXTURE_REF), "one mode is noise");
    List<CollapseAlarm.Alarm> drop = b.onEvaluation(300, mixture(5), MIXTURE_REF);
    assertTrue(drop.get(0).message().contains("from 8 to 5"), drop.get(0).message());
  }
}
