package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation during training and the collapse alarm, through a real (short) ring8 run. */
class TrainingMonitorTest {
  @TempDir Path tmp;

  static RunConfig ring8(Map<String, String> extra) {
    Map<String, String> o = new HashMap<>(Map.of(
        "loop.steps", "300", "eval.every", "100", "eval.samples", "500", "output.logEvery", "50",
        "output.checkpointEvery", "300", "output.sampleEvery", "300"));
    o.putAll(extra);
    return ConfigLoader.resolve("ring8", null, o);
  }

  @Test
  void metricsGoIntoTheCsvTheLogAndThePlot() throws IOException {
    Path out = tmp.resolve("run");
    List<String> said = new ArrayList<>();
    TrainingRun.start(ring8(Map.of()), out,
        new TrainingRun.Options(tmp, false, null, false, said::add));
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    assertEquals(MetricsLog.HEADER + ",mixture.modes,mixture.high_quality,mixture.reverse_kl",
        csv.get(0));
    List<String> evaluated = csv.stream().skip(1).filter(l -> !l.endsWith(",,,")).toList();
    assertEquals(3, evaluated.size(), csv.toString());
    for (int i = 0; i < 3; i++) {
      String[] cols = evaluated.get(i).split(",");
      assertEquals(Integer.toString(100 * (i + 1)), cols[0]);
      double modes = Double.parseDouble(cols[8]);
      assertTrue(modes >= 0 && modes <= 8, evaluated.get(i));
    }
    String log = Files.readString(out.resolve("run.log"));
    assertTrue(log.contains("evaluation at step 300: mixture.modes="), log);
    assertTrue(Files.size(out.resolve("losses.png")) > 0);
  }

  @Test
  void aFrozenGeneratorRaisesTheModesAndSeparationAlarms() throws IOException {
    Path out = tmp.resolve("frozen");
    List<String> said = new ArrayList<>();
    TrainingRun.start(
        ring8(Map.of("optim.generator.lr", "1e-30", "eval.separationWindow", "20")), out,
        new TrainingRun.Options(tmp, false, null, false, said::add));
    String log = Files.readString(out.resolve("run.log"));
    // warm-up is the first 60 of 300 steps: the first evaluation after it (step 100) raises it
    assertTrue(log.contains("ALARM step 100: modes: only 0 of 8 modes captured"), log);
    assertTrue(log.contains(": separation: D has told every real sample"), log);
    assertTrue(said.stream().anyMatch(s -> s.startsWith("gan4j: ALARM step 100: modes")), said + "\n" + log);
  }

  @Test
  void aHealthyRunWithoutEvaluationRaisesNothingAndAddsNoColumns() throws IOException {
    Path out = tmp.resolve("plain");
    TrainingRun.start(ring8(Map.of("eval.every", "0")), out, TrainingRun.Options.quiet(tmp));
    assertEquals(MetricsLog.HEADER, Files.readAllLines(out.resolve("metrics.csv")).get(0));
    String log = Files.readString(out.resolve("run.log"));
    assertFalse(log.contains("ALARM"), log);
    assertFalse(log.contains("evaluation"), log);
  }

  @Test
  void theRunLogIsNeverAppendedThroughALink() throws IOException {
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "keep me\n");
    Path link = Files.createSymbolicLink(tmp.resolve("run.log"), victim);
    RunConfig c = ring8(Map.of("eval.every", "0", "model.generator.hidden", "8",
        "model.discriminator.hidden", "8", "data.size", "100"));
    TrainingMonitor monitor = new TrainingMonitor(c.eval(), link, tmp, s -> {});
    try (dev.gan4j.train.GanTrainer t = new dev.gan4j.train.GanTrainer(c,
        dev.gan4j.data.TrainingSet.load("ring8", 100, 1, null))) {
      dev.gan4j.RunDirectoryException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              dev.gan4j.RunDirectoryException.class, () -> monitor.onStart(t));
      assertTrue(e.getMessage().contains(link + " is a symbolic link"), e.getMessage());
    }
    assertEquals("keep me\n", Files.readString(victim));
    assertTrue(Files.isSymbolicLink(link));
  }
}
