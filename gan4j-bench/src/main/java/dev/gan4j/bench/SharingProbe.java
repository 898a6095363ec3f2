package dev.gan4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training speed on a shared machine (issue 14): the {@code mnist-mlp} loop's steps/s alone and beside
 * one busy process (a shell loop that never sleeps), under the engine settings {@code ./gan4j} chooses
 * between. PyTorch's OpenMP threads spin while they wait for each other; beside a busy process one of
 * them is descheduled and the others spin for it, so the wait policy and the thread count decide how
 * much speed survives. Each measurement runs in a fresh JVM, since libgomp reads its settings once.
 *
 * <pre>{@code String md = SharingProbe.section(options, dataDir, System.err);}</pre>
 */
final class SharingProbe {
  private static final String TAG = "gan4j-bench-sharing";
  static final int BATCH_SIZE = 64;

  /** The launcher's short spin when another task is running at start (see {@code ./gan4j}). */
  static final String LAUNCHER_SPINCOUNT = "1000";

  private SharingProbe() {}

  /**
   * One way to run training.
   *
   * @param name how the report names it
   * @param env environment variables for the training JVM (libgomp's are otherwise cleared)
   * @param threads torch intra-op threads, or 0 for the engine's default (the core count)
   * @param busy whether a busy process runs beside it, started before it
   */
  record Setting(String name, Map<String, String> env, int threads, boolean busy) {}

  /** The settings measured, in report order. */
  static List<Setting> settings() {
    Map<String, String> shortSpin = Map.of("GOMP_SPINCOUNT", LAUNCHER_SPINCOUNT);
    return List.of(
        new Setting("engine default (the launcher's choice on a quiet machine)", Map.of(), 0, false),
        new Setting("engine default", Map.of(), 0, true),
        new Setting("`GOMP_SPINCOUNT=1000` (the launcher's choice when another task runs)",
            shortSpin, 0, true),
        new Setting("`GOMP_SPINCOUNT=1000`", shortSpin, 0, false),
        new Setting("`--threads 1`", Map.of(), 1, true));
  }

  /** The child's side: trains at batch 64 and prints one tagged line with the timed steps/s. */
  static void runHere(BenchOptions o, PrintStream out) {
    BenchData data = BenchData.load(o.dataDir());
    try (GanLoop loop = Gan4jLoop.create(data.set(), BATCH_SIZE)) {
      for (int i = 0; i < o.warmup(); i++) {
        loop.step();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < o.sharingSteps(); i++) {
        loop.step();
      }
      double rate = o.sharingSteps() / ((System.nanoTime() - t0) / 1e9);
      out.println(TAG + "\t" + rate);
      out.flush();
    }
  }

  /** The report section: every setting, {@code repeats} times each (median), interleaved. */
  static String section(BenchOptions o, Path dataDir, PrintStream log) {
    List<Setting> settings = settings();
    Map<Setting, double[]> rates = new LinkedHashMap<>();
    for (Setting s : settings) {
      rates.put(s, new double[o.repeats()]);
    }
    for (int r = 0; r < o.repeats(); r++) {
      for (Setting s : settings) {
        double rate = measureInChild(s, o, dataDir);
        log.printf(Locale.ROOT, "  sharing: %s%s: %.1f steps/s%n", s.name(),
            s.busy() ? ", beside a busy process" : ", alone", rate);
        rates.get(s)[r] = rate;
      }
    }
    double alone = median(rates.get(settings.get(0)));
    MarkdownTable t = new MarkdownTable("Engine setting", "Beside", ">steps/s (median)",
        ">each run", ">of alone, default");
    for (Setting s : settings) {
      double[] v = rates.get(s);
      t.row(s.name(), s.busy() ? "one busy process" : "nothing",
          String.format(Locale.ROOT, "%.1f", median(v)),
          Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.1f", x))
              .reduce((a, b) -> a + ", " + b).orElse(""),
          String.format(Locale.ROOT, "%.0f%%", 100 * median(v) / alone));
    }
    double launcherBusy = median(rates.get(settings.get(2)));
    return "\n## Sharing the machine\n\n"
        + String.format(Locale.ROOT, "`mnist-mlp` networks at batch %d through gan4j's trainer (as"
            + " in Training throughput), %d warm-up and %d timed steps, each measurement in a fresh"
            + " JVM; *busy process*: `sh -c 'while :; do :; done'`, started before the training JVM."
            + " The launcher (`./gan4j`) keeps the engine's default when the machine is quiet at"
            + " start and sets `GOMP_SPINCOUNT=1000` when another task is running; with it a run"
            + " beside a busy process keeps **%.0f%%** of its speed alone (target: at least 40%%)."
            + "\n\n", BATCH_SIZE, o.warmup(), o.sharingSteps(), 100 * launcherBusy / alone)
        + t.render();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  // One measurement in a fresh JVM with this one's class path, beside a busy process if asked.
  private static double measureInChild(Setting s, BenchOptions o, Path dataDir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Bench.class.getName(),
        "--sharing-child", "--warmup", Integer.toString(o.warmup()), "--sharing-steps",
        Integer.toString(o.sharingSteps()), "--data-dir", dataDir.toString()));
    if (s.threads() > 0) {
      cmd.addAll(List.of("--threads", Integer.toString(s.threads())));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("GOMP_SPINCOUNT");
    pb.environment().remove("OMP_WAIT_POLICY");
    pb.environment().putAll(s.env());
    Process busy = null;
    Process child = null;
    try {
      if (s.busy()) {
        busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Thread.sleep(500);
      }
      child = pb.start();
      String found = null;
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith(TAG + "\t")) {
            found = line.substring(TAG.length() + 1);
          }
        }
      }
      int rc = child.waitFor();
      if (rc != 0 || found == null) {
        throw new IllegalStateException("the sharing run (" + s.name() + ") exited with " + rc);
      }
      return Double.parseDouble(found);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the sharing run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      if (child != null) {
        child.destroyForcibly();
      }
      if (busy != null) {
        busy.destroyForcibly();
      }
    }
  }
}
