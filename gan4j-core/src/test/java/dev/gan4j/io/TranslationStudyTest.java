package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j study translation}: its plan, and a tiny version of it that fills every cell. */
class TranslationStudyTest {
  @TempDir Path tmp;

  @Test
  void thePlanSetsPix2pixBesideItsAblationAndCycleGanBothWays() {
    Study.Plan plan = Studies.byName("translation");
    assertEquals(3, plan.sections().size());
    Study.Section edges = plan.sections().get(0);
    assertEquals("edges2digits", edges.dataset());
    assertEquals(List.of("edges2digits-l1", "edges2digits-pix2pix"),
        edges.variants().stream().map(Study.Variant::preset).toList());
    assertEquals(List.of("l1", "psnr_db", "ssim", "class_preserved", "fd_lenet", "thickness",
        "target_thickness"), edges.columns().stream().map(Study.Column::key).toList());
    Study.Section inpaint = plan.sections().get(1);
    assertEquals("inpaint-digits", inpaint.dataset());
    assertEquals(edges.variants(), inpaint.variants());
    assertEquals(edges.columns(), inpaint.columns());
    Study.Section thick = plan.sections().get(2);
    assertEquals("thin2thick-digits", thick.dataset());
    assertEquals(List.of("thin2thick-cyclegan"),
        thick.variants().stream().map(Study.Variant::preset).toList());
    assertTrue(thick.columns().stream().anyMatch(c -> c.key().equals("b2a_class_preserved")));
    for (Study.Section s : plan.sections()) {
      assertEquals(3, s.seeds());
      assertTrue(s.columns().stream().allMatch(c -> c.metric().equals("translation")));
    }
  }

  @Test
  void aTinyTranslationStudyFillsEveryCellBesideTheInputItself() {
    Path data = ClassifierCacheTest.fakeMnist(tmp.resolve("data"), 3);
    Map<String, String> tiny = new HashMap<>(Map.of("model.generator.hidden", "8,16",
        "model.discriminator.hidden", "8,16", "loop.batchSize", "8"));
    Map<String, String> tinyCycle = new HashMap<>(tiny);
    tinyCycle.put("model.generator.hidden", "4,8,8");
    Study.Plan real = Studies.byName("translation");
    Study.Section edges = real.sections().get(0);
    Study.Section thick = real.sections().get(2);
    Study.Plan plan = new Study.Plan("tiny-translation", "Tiny translation", "Intro.", List.of(
        new Study.Section(edges.title(), edges.text(), edges.dataset(), edges.variants().stream()
            .map(v -> new Study.Variant(v.label(), v.preset(), tiny)).toList(), 1, 20,
            edges.columns(), List.of()),
        new Study.Section(thick.title(), thick.text(), thick.dataset(), thick.variants().stream()
            .map(v -> new Study.Variant(v.label(), v.preset(), tinyCycle)).toList(), 1, 20,
            thick.columns(), List.of())));
    String md = Study.run(plan, new Study.Budget(1, 1), tmp.resolve("runs"), data, x -> {},
        "test");
    for (Study.Section s : plan.sections()) {
      List<String> rows = md.lines().filter(l -> s.variants().stream().anyMatch(
          v -> l.startsWith("| " + v.label() + " |"))).toList();
      assertEquals(s.variants().size(), rows.size(), md);
      for (String row : rows) {
        String[] cells = row.split("\\|");
        assertTrue(java.util.Arrays.stream(cells, 1, cells.length).noneMatch(String::isBlank),
            "every cell filled: " + row);
        assertTrue(row.endsWith("| 1 | 1 | " + row.substring(row.lastIndexOf("| ") + 2)), row);
      }
    }
    List<String> inputRows = md.lines()
        .filter(l -> l.startsWith("| the input itself (no model) |")).toList();
    assertEquals(2, inputRows.size(), md);
    for (String row : inputRows) {
      // Every metric column filled; the seeds, steps and time columns blank.
      String[] cells = row.split("\\|");
      assertTrue(java.util.Arrays.stream(cells, 2, cells.length - 3)
          .allMatch(c -> !c.isBlank()), row);
    }
  }
}
