package dev.gan4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static List<String> names(List<GanMetric> ms) {
    return ms.stream().map(GanMetric::name).toList();
  }

  @Test
  void allMeansEveryMetricThatFitsTheData() {
    assertEquals(
        List.of("fd-lenet", "kid-lenet", "is-lenet", "classes", "prdc", "parzen"),
        names(Metrics.parse("all", true)));
    assertEquals(List.of("prdc", "mixture"), names(Metrics.parse("", false)));
  }

  @Test
  void namedListsKeepTheirOrderAndDropRepeats() {
    assertEquals(
        List.of("classes", "fd-lenet"), names(Metrics.parse(" classes, fd-lenet,classes", true)));
  }

  @Test
  void unknownAndInapplicableNamesAreRejectedWithTheAlternatives() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> Metrics.parse("fid", true));
    assertTrue(e.getMessage().contains("'fid'") && e.getMessage().contains("fd-lenet"), e.getMessage());
    e = assertThrows(InvalidConfigException.class, () -> Metrics.parse("mixture", true));
    assertTrue(e.getMessage().contains("does not apply to images"), e.getMessage());
    e = assertThrows(InvalidConfigException.class, () -> Metrics.parse("parzen", false));
    assertTrue(e.getMessage().contains("mixture"), e.getMessage());
  }

  @Test
  void trainingDefaultsAreCheapCollapseSignals() {
    assertEquals(List.of("fd-lenet", "classes"), names(Metrics.trainingDefaults(true)));
    assertEquals(List.of("mixture"), names(Metrics.trainingDefaults(false)));
  }

  @Test
  void stackedMnistTakesItsModeMetricAndNotTheOneClassMetrics() {
    assertEquals(List.of("fd-lenet", "kid-lenet", "prdc", "parzen", "stacked-mnist"),
        names(Metrics.parse("all", "stacked-mnist", true)));
    assertEquals(List.of("fd-lenet", "stacked-mnist"),
        names(Metrics.trainingDefaults("stacked-mnist", true)));
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> Metrics.parse("stacked-mnist", "mnist", true));
    assertTrue(e.getMessage().contains("does not apply to mnist"), e.getMessage());
    e = assertThrows(InvalidConfigException.class,
        () -> Metrics.parse("classes", "stacked-mnist", true));
    assertTrue(e.getMessage().contains("stacked-mnist"), e.getMessage());
  }

  @Test
  void conditionalIsOfferedForConditionalRunsOnImagesWhoseClassesTheClassifierReads() {
    assertEquals(
        List.of("fd-lenet", "kid-lenet", "is-lenet", "classes", "prdc", "parzen", "conditional"),
        names(Metrics.parse("all", "mnist", true, true)));
    assertTrue(!names(Metrics.parse("all", "mnist", true, false)).contains("conditional"));
    assertEquals(List.of("conditional"), names(Metrics.parse("conditional", "mnist", true, true)));
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> Metrics.parse("conditional", "mnist", true, false));
    assertTrue(e.getMessage().contains("needs a conditional run"), e.getMessage());
    e = assertThrows(InvalidConfigException.class,
        () -> Metrics.parse("conditional", "stacked-mnist", true, true));
    assertTrue(e.getMessage().contains("does not apply to stacked-mnist"), e.getMessage());
    e = assertThrows(InvalidConfigException.class,
        () -> Metrics.parse("conditional", "ring8", false, true));
    assertTrue(e.getMessage().contains("does not apply to ring8"), e.getMessage());
    assertEquals(List.of("prdc", "mixture"), names(Metrics.parse("all", "ring8", false, true)));
  }
}
