package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.DataException;
import dev.gan4j.data.Mixture2d;
import dev.gan4j.eval.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation of 2-D samples end to end: metrics, references, report formats, sample files. */
class EvaluationTest {
  @TempDir Path tmp;

  // n points cycling through the ring's exact mode centres (or all on mode 0).
  static float[] ringCentres(int n, boolean collapsed) {
    double[] c = Mixture2d.ring8().centres();
    float[] xy = new float[2 * n];
    for (int i = 0; i < n; i++) {
      int m = collapsed ? 0 : i % 8;
      xy[2 * i] = (float) c[2 * m];
      xy[2 * i + 1] = (float) c[2 * m + 1];
    }
    return xy;
  }

  @Test
  void exactModeCentresAreAPerfectMixtureAndOneModeIsACollapse() {
    try (Evaluation e = Evaluation.open("ring8", tmp, 2000, s -> {})) {
      Evaluation.Report good =
          e.evaluate(e.embed(ringCentres(2000, false), 2000), Metrics.parse("all", false), "centres");
      assertEquals(8, good.value("mixture", "modes"));
      assertEquals(1.0, good.value("mixture", "high_quality"));
      assertEquals(0.0, good.value("mixture", "reverse_kl"), 1e-12);
      Evaluation.Report bad =
          e.evaluate(e.embed(ringCentres(2000, true), 2000), Metrics.parse("all", false), "one mode");
      assertEquals(1, bad.value("mixture", "modes"));
      assertEquals(Math.log(8), bad.value("mixture", "reverse_kl"), 1e-12);
      assertTrue(bad.value("prdc", "recall") < 0.2, "one mode recalls little of the ring");
      assertTrue(good.value("prdc", "coverage") > bad.value("prdc", "coverage"));
      // The real-versus-real reference: independent draws from the mixture capture every mode.
      assertEquals(8.0, good.results().get(1).reference().get("modes"));
      assertTrue(good.results().get(1).reference().get("high_quality") > 0.97);
    }
  }

  @Test
  void reportsRenderAsTextAndJson() throws IOException {
    try (Evaluation e = Evaluation.open("ring8", tmp, 500, s -> {})) {
      Evaluation.Report r =
          e.evaluate(e.embed(ringCentres(500, false), 500), Metrics.parse("mixture", false), "x");
      String text = r.toText();
      assertTrue(text.startsWith("ring8: 500 samples from x"), text);
      assertTrue(text.lines().anyMatch(l -> l.matches("mixture\\s+modes\\s+8\\s+8\\s+test split.*")),
          text);
      JsonNode json = new ObjectMapper().readTree(r.toJson());
      assertEquals("ring8", json.get("dataset").asText());
      assertEquals(500, json.get("samples").asInt());
      JsonNode m = json.get("metrics").get(0);
      assertEquals("mixture", m.get("metric").asText());
      assertEquals(8, m.get("values").get("modes").asInt());
      assertEquals(8, m.get("reference").get("modes").asInt());
    }
  }

  @Test
  void csvSamplesFromAnyToolAreEvaluated() throws IOException {
    float[] xy = ringCentres(400, false);
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 400; i++) {
      csv.append(String.format(Locale.ROOT, "%f,%f%n", xy[2 * i], xy[2 * i + 1]));
    }
    Path file = Files.writeString(tmp.resolve("points.csv"), csv);
    Evaluation.Report r = Evaluation.evaluateFile(file, "ring8", "mixture", 10_000, tmp, s -> {});
    assertEquals(400, r.count());
    assertEquals(8, r.value("mixture", "modes"));

    Path wide = Files.writeString(tmp.resolve("wide.csv"), "1,2,3\n4,5,6\n");
    DataException e =
        assertThrows(
            DataException.class,
            () -> Evaluation.evaluateFile(wide, "ring8", "all", 100, tmp, s -> {}));
    assertTrue(e.getMessage().contains("3 values each"), e.getMessage());
  }
}
