package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.RunDirectoryException;
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
  void aRunThatDivergesLeavesARowSayingSoAndTheStudyGoesOn() {
    // Learning rates of 1e30 make the first step's losses NaN.
    Map<String, String> wild = Map.of("model.generator.hidden", "16", "optim.generator.lr", "1e30",
        "optim.discriminator.lr", "1e30");
    Study.Section s = new Study.Section("Diverging", "One variant cannot train.", "ring8",
        List.of(new Study.Variant("wild", "ring8", wild),
            new Study.Variant("calm", "ring8", Map.of("model.generator.hidden", "16"))),
        2, 300, Studies.mixtureColumns(), List.of());
    List<String> log = new java.util.ArrayList<>();
    String md = Study.run(new Study.Plan("div", "Div", "Intro.", List.of(s)),
        new Study.Budget(0, 20), tmp.resolve("runs"), tmp, log::add, "test");
    assertTrue(md.contains("| wild (seed 1 diverged at step 1; seed 2 diverged at step 1) |  |  |  |"
        + " 0 of 2 | 20 |  |"), md);
    assertTrue(md.lines().anyMatch(l -> l.matches("\\| calm \\| [0-9.]+ ± [0-9.]+ \\|.* \\| 2 \\| 20 \\| .*")),
        md);
    assertTrue(log.stream().anyMatch(l -> l.contains("seed 2: training diverged at step 1")),
        log.toString());
    // Resumed, the diverged runs (no checkpoint) train again and diverge again; the finished ones
    // are kept; the report is the same.
    log.clear();
    String again = Study.run(new Study.Plan("div", "Div", "Intro.", List.of(s)),
        new Study.Budget(0, 20), tmp.resolve("runs"), tmp, log::add, "test", true);
    assertTrue(again.contains("| wild (seed 1 diverged at step 1; seed 2 diverged at step 1) |"),
        again);
    assertTrue(log.stream().anyMatch(l -> l.contains("starting") && l.contains("over")),
        log.toString());
    assertTrue(log.stream().anyMatch(l -> l.contains("reusing") && l.contains("calm")),
        log.toString());
  }

  @Test
  void variantsThatOnlySampleDifferentlyShareTheirTrainingRuns() {
    Map<String, String> small = Map.of(
        "model.generator.hidden", "16", "model.discriminator.hidden", "16");
    Map<String, String> drs = new java.util.HashMap<>(small);
    drs.put("sampling.rejection", "drs");
    drs.put("sampling.criticSteps", "20");
    assertEquals(Study.trainingOverrides(small), Study.trainingOverrides(drs));
    Study.Section s = new Study.Section("Shared", "Two ways to sample.", "ring8",
        List.of(new Study.Variant("plain", "ring8", small), new Study.Variant("drs", "ring8", drs)),
        1, 300, Studies.mixtureColumns(), List.of());
    String md = Study.run(new Study.Plan("shared", "Shared", "Intro.", List.of(s)),
        new Study.Budget(0, 30), tmp.resolve("runs"), tmp, x -> {}, "test");
    assertTrue(md.lines().anyMatch(l -> l.startsWith("| plain | ")), md);
    assertTrue(md.lines().anyMatch(l -> l.startsWith("| drs | ")), md);
    assertTrue(Files.isDirectory(tmp.resolve("runs/shared/plain-seed1/checkpoints")));
    assertTrue(Files.notExists(tmp.resolve("runs/shared/drs-seed1")), "no second training run");
  }

  @Test
  void aResumedStudyKeepsFinishedRunsContinuesInterruptedOnesAndRefusesOthers() throws Exception {
    Map<String, String> small = Map.of("model.generator.hidden", "16",
        "model.discriminator.hidden", "16", "output.checkpointEvery", "20",
        "output.keepCheckpoints", "5");
    Study.Section s = new Study.Section("Resume", "Taken up.", "ring8",
        List.of(new Study.Variant("small", "ring8", small)), 2, 300, Studies.mixtureColumns(),
        List.of());
    Study.Plan plan = new Study.Plan("resume", "Resume", "Intro.", List.of(s));
    Study.Budget budget = new Study.Budget(0, 40);
    String whole = Study.run(plan, budget, tmp.resolve("a"), tmp, x -> {}, "test");

    // The same study, stopped during seed 2: its step-40 checkpoint was never written.
    Path b = tmp.resolve("b");
    copyTree(tmp.resolve("a"), b);
    Path seed1 = b.resolve("resume/small-seed1");
    Path seed2 = b.resolve("resume/small-seed2");
    Files.delete(seed2.resolve("checkpoints/step-00000040.ckpt"));
    Map<Path, byte[]> kept = contents(seed1);
    List<String> log = new java.util.ArrayList<>();
    String resumed = Study.run(plan, budget, b, tmp, log::add, "test", true);

    assertEquals(metricCells(whole), metricCells(resumed));
    assertTrue(log.contains("study: reusing " + seed1 + ", finished at step 40"), log.toString());
    assertTrue(log.contains("study: continuing " + seed2 + " from step 20"), log.toString());
    assertEquals(kept.keySet(), contents(seed1).keySet());
    kept.forEach((f, bytes) -> assertArrayEquals(bytes, contents(seed1).get(f), f.toString()));
    Map<String, float[]> uninterrupted = CheckpointStore.read(
        tmp.resolve("a/resume/small-seed2/checkpoints/step-00000040.ckpt")).tensors();
    Map<String, float[]> continued =
        CheckpointStore.read(seed2.resolve("checkpoints/step-00000040.ckpt")).tensors();
    assertEquals(uninterrupted.keySet(), continued.keySet());
    uninterrupted.forEach((k, w) -> assertArrayEquals(w, continued.get(k), k));

    // Another budget is another configuration: refused before any folder is touched.
    Map<Path, byte[]> before = contents(b);
    RunDirectoryException e = assertThrows(RunDirectoryException.class,
        () -> Study.run(plan, new Study.Budget(0, 60), b, tmp, x -> {}, "test", true));
    assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    assertEquals(before.keySet(), contents(b).keySet());
    before.forEach((f, bytes) -> assertArrayEquals(bytes, contents(b).get(f), f.toString()));
  }

  // The configuration rows' cells, without the wall time, which differs from session to session.
  private static List<String> metricCells(String md) {
    return md.lines().filter(l -> l.startsWith("| small |"))
        .map(l -> l.substring(0, l.lastIndexOf('|', l.length() - 2))).toList();
  }

  private static Map<Path, byte[]> contents(Path root) {
    Map<Path, byte[]> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(f), Files.readAllBytes(f));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var walk = Files.walk(from)) {
      for (Path f : walk.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  @Test
  void cellsAreTheMeanAndTheStandardErrorOfTheMean() {
    Study.Column hq = new Study.Column("high-quality %", "mixture", "high_quality", 100, 1, null);
    // mean 0.03, sample sd sqrt(14/3) * 0.01, standard error sd / 2 = 0.010801...
    Map<String, List<Double>> v = Map.of("mixture.high_quality", List.of(0.01, 0.02, 0.03, 0.06));
    assertEquals("3.0 ± 1.1", Study.cell(hq, v, 4));
    Study.Column ll = new Study.Column("Parzen LL", "parzen", "mean", 1, 0, "se");
    Map<String, List<Double>> one = Map.of("parzen.mean", List.of(225.4), "parzen.se", List.of(2.2));
    assertEquals("225 ± 2", Study.cell(ll, one, 1), "one seed shows the metric's own spread");
    assertEquals("", Study.cell(hq, Map.of(), 4), "a metric the run did not report is blank");
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
  void everyStudysConfigurationsResolve() {
    // A misspelt setting in a study would otherwise surface an hour into the run.
    for (String name : Studies.names()) {
      for (Study.Section s : Studies.byName(name).sections()) {
        for (Study.Variant v : s.variants()) {
          Map<String, String> o = new java.util.HashMap<>(v.overrides());
          o.put("seed", "1");
          o.put("data.name", s.dataset());
          dev.gan4j.train.RunConfig c = dev.gan4j.train.ConfigLoader.resolve(v.preset(), null, o);
          assertEquals(s.dataset(), c.data().name(), name + " / " + v.label());
        }
      }
    }
    assertTrue(Studies.names().containsAll(List.of("baseline", "best", "zoo-ring8", "zoo-grid25")));
  }

  @Test
  void unknownStudiesAndBadBudgetsAreRejected() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> Studies.byName("bogus"));
    assertTrue(e.getMessage().contains("baseline"), e.getMessage());
    assertThrows(InvalidConfigException.class, () -> new Study.Budget(-1, 0));
  }
}
