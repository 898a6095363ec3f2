package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {
  @TempDir Path tmp;

  @Test
  void aSmallStudyTrainsEverySeedAndTabulatesMeanAndStandardError() {
    Study.Section s =
        new Study.Section(
            "Tiny ring",
            "A quick check.",
            "ring8",
            List.of(new Study.Variant("small nets", "ring8", Map.of(
                "model.generator.hidden", "16", "model.discriminator.hidden", "16"))),
            2,
            300,
            Studies.mixtureColumns(),
            List.of(new Study.Published("Somebody 2020", List.of("1.0", "2.0", "3.0"))));
    Study.Plan plan = new Study.Plan("tiny", "Tiny study", "Intro.", List.of(s));
    String md = Study.run(plan, new Study.Budget(0, 50), tmp.resolve("runs"), tmp, x -> {}, "test");
    assertTrue(md.startsWith("## Tiny study\n\nIntro.\n\nProduced by `test`"), md);
    assertTrue(md.contains("**Reduced budget**"), md);
    assertTrue(md.contains("| configuration | modes | high-quality % | reverse KL | seeds | steps |"), md);
    assertTrue(md.lines().anyMatch(l -> l.matches("\\| small nets \\| [0-9.]+ ± [0-9.]+ \\|.* \\| 2 \\| 50 \\| .*")),
        md);
    assertTrue(md.contains("| real data (reference) | 8.0 |"), md);
    assertTrue(md.contains("| Somebody 2020 | 1.0 | 2.0 | 3.0 |"), md);
    // Both seeds were trained into their own run folders.
    assertTrue(Files.isDirectory(tmp.resolve("runs/tiny-ring/small-nets-seed1/checkpoints")));
    assertTrue(Files.isDirectory(tmp.resolve("runs/tiny-ring/small-nets-seed2/checkpoints")));
  }

  @Test
  void mergeReplacesTheStudysOwnSectionAndKeepsTheRest() {
    String doc = Study.mergeInto(null, "a", "## A\n\nfirst");
    assertTrue(doc.startsWith("# gan4j results"), doc);
    doc = Study.mergeInto(doc, "b", "## B\n\nother");
    doc = Study.mergeInto(doc, "a", "## A\n\nsecond");
    assertTrue(doc.contains("second") && !doc.contains("first"), doc);
    assertTrue(doc.indexOf("## A") < doc.indexOf("## B"), "a keeps its place");
    assertEquals(1, doc.split("<!-- study:a -->", -1).length - 1);
  }

  @Test
  void unknownStudiesAndBadBudgetsAreRejected() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> Studies.byName("bogus"));
    assertTrue(e.getMessage().contains("baseline"), e.getMessage());
    assertThrows(InvalidConfigException.class, () -> new Study.Budget(-1, 0));
  }
}
