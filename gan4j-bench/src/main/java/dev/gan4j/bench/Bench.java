package dev.gan4j.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.gan4j.Engines;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.io.MachineInfo;
import dev.gan4j.train.Presets;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * gan4j's benchmark command: in one run, prints a Markdown report of (1) training throughput of the
 * {@code mnist-mlp} networks through {@link dev.gan4j.train.GanTrainer} at batch 64 and 256, (2)
 * the same for a minimal hand-written DJL loop ({@link MinimalDjlGan}), the floor gan4j's overhead
 * is measured against, (3) the engine's float32 matmul rate, the ceiling, and (4) resident memory
 * of a long training run. Progress goes to stderr, the report to stdout.
 *
 * <pre>{@code gan4j-bench/run --quick}</pre>
 */
public final class Bench {
  private static final int[] BATCH_SIZES = {64, 256};
  private static final int[] MATMUL_SIZES = {1024, 2048};

  private Bench() {}

  /**
   * Entry point; see {@link BenchOptions#usage()}. Exit status 0 ok, 1 a section failed, 2 bad
   * usage.
   */
  public static void main(String[] args) {
    // Before any DJL class loads: no downloads, no telemetry call, no INFO chatter on the report.
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream log) {
    if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
      out.println(BenchOptions.usage());
      return 0;
    }
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (BenchOptions.UsageException e) {
      log.println("gan4j-bench: " + e.getMessage());
      log.println(BenchOptions.usage());
      return 2;
    }
    if (o.threads() > 0) {
      Engines.init();
      JniUtils.setNumThreads(o.threads());
    }
    if (o.memoryChild() != null) {
      MemoryProbe.runHere(o.memoryChild(), o, out, log);
      return 0;
    }
    long t0 = System.nanoTime();
    MinimalDjlGan.checkMatchesPreset(Presets.get(Gan4jLoop.PRESET));
    Map<String, String> machine = MachineInfo.collect();
    BenchData data = BenchData.load(o.dataDir());
    log.println("gan4j-bench: data: " + data.description());

    StringBuilder report = new StringBuilder();
    boolean failed = false;
    if (o.runs("matmul")) {
      log.println("gan4j-bench: float32 matmul");
      try {
        report.append(matmulSection(o, log));
      } catch (RuntimeException e) {
        failed = true;
        report.append(failure("Float32 matmul", e, log));
      }
    }
    if (o.runs("throughput")) {
      log.println("gan4j-bench: training throughput");
      try {
        report.append(throughputSection(o, data.set(), log));
      } catch (RuntimeException e) {
        failed = true;
        report.append(failure("Training throughput", e, log));
      }
    }
    if (o.runs("memory")) {
      log.println("gan4j-bench: resident memory (each loop in a fresh JVM)");
      String[] loops =
          o.memoryMinimal()
              ? new String[] {"gan4j", "minimal", Gan4jLoop.WGAN_GP}
              : new String[] {"gan4j", Gan4jLoop.WGAN_GP};
      List<MemoryProbe.Run> runs = new ArrayList<>();
      for (String loop : loops) {
        MemoryProbe.Run r = MemoryProbe.measureInChild(loop, o, data.dataDir(), log);
        failed |= r.error() != null;
        runs.add(r);
      }
      report.append(memorySection(o, runs));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;

    out.println(
        "# gan4j benchmark" + (o.quick() ? " (--quick: smoke check, not for quoting)" : ""));
    out.println();
    MarkdownTable m = new MarkdownTable("Machine", "");
    machine.forEach((k, v) -> m.row(k, v));
    m.row("data", data.description());
    out.print(m.render());
    out.print(report);
    out.println();
    out.printf(Locale.ROOT, "Benchmark wall time: %.0f s.%n", seconds);
    return failed ? 1 : 0;
  }

  private static String throughputSection(BenchOptions o, TrainingSet data, PrintStream log) {
    List<IntFunction<GanLoop>> factories =
        List.of(b -> Gan4jLoop.create(data, b), b -> new MinimalDjlGan(data, b, 1));
    MarkdownTable t =
        new MarkdownTable(
            "Loop",
            ">Batch",
            ">steps/s",
            ">samples/s",
            ">steps/s range",
            ">ms/step",
            ">vs minimal");
    for (int batch : BATCH_SIZES) {
      List<Throughput.Result> rs =
          Throughput.measure(factories, batch, o.warmup(), o.stepsFor(batch), o.repeats(), log);
      double floor = rs.get(factories.size() - 1).median(); // the minimal loop, listed last
      for (Throughput.Result r : rs) {
        t.row(
            r.loop(),
            Integer.toString(batch),
            fmt("%.2f", r.median()),
            fmt("%.0f", r.samplesPerSecond()),
            fmt("%.2f–%.2f", r.min(), r.max()),
            fmt("%.1f", 1000 / r.median()),
            fmt("%.2f×", r.median() / floor));
      }
    }
    return "\n## Training throughput\n\n"
        + "`mnist-mlp` networks (G 100→256→512→1024→784 with batch norm, D 784→1024→512→256→1, "
        + "LeakyReLU 0.2, dropout 0.3 in D, Adam 2e-4 β1 0.5, non-saturating loss). One step = one "
        + "iteration of Algorithm 1: one D update and one G update (both loops without the preset's "
        + "average of G's weights, which the minimal loop does not have). "
        + fmt(
            "Median of %d repeats of %d (batch 64) / %d (batch 256) timed steps, after %d warm-up"
                + " steps; the loops' repeats are interleaved.",
            o.repeats(), o.steps64(), o.steps256(), o.warmup())
        + " *minimal DJL* is a hand-written loop of DJL's stock blocks and Adam (the floor); "
        + "*vs minimal* > 1 means gan4j is faster.\n\n"
        + t.render();
  }

  private static String matmulSection(BenchOptions o, PrintStream log) {
    MarkdownTable t =
        new MarkdownTable("Product", ">GFLOP/s (median)", ">GFLOP/s (best)", ">ms/product");
    for (int n : MATMUL_SIZES) {
      MatmulRate.Result r = MatmulRate.measure(n, o.matmulSeconds(), 3);
      log.printf(Locale.ROOT, "  %d × %d: %.1f GFLOP/s%n", n, n, r.median());
      t.row(
          n + "×" + n + " · " + n + "×" + n,
          fmt("%.1f", r.median()),
          fmt("%.1f", r.best()),
          fmt("%.2f", r.millisPerProduct()));
    }
    return "\n## Float32 matrix multiply (engine ceiling)\n\n"
        + fmt(
            "NDArray.matMul through the same engine, 2n³ flop per product; 3 repeats of ≥ %.1f s"
                + " after 3 warm-up products.\n\n",
            o.matmulSeconds())
        + t.render();
  }

  private static String memorySection(BenchOptions o, List<MemoryProbe.Run> runs) {
    MarkdownTable t =
        new MarkdownTable(
            "Loop",
            ">Steps",
            ">VmHWM MiB",
            ">VmRSS MiB",
            ">Java heap committed MiB",
            ">VmHWM / first",
            ">VmRSS / first",
            ">steps/s");
    StringBuilder notes = new StringBuilder();
    long first = o.memorySteps()[0];
    for (MemoryProbe.Run run : runs) {
      MemoryProbe.Sample base = null;
      MemoryProbe.Sample lastSample = null;
      for (MemoryProbe.Sample s : run.samples()) {
        if (s.steps() == first) {
          base = s;
        }
        t.row(
            loopLabel(s.loop()),
            Long.toString(s.steps()),
            mib(s.hwmKiB()),
            mib(s.rssKiB()),
            mib(s.heapCommittedKiB()),
            base == null ? "" : fmt("%.3f", (double) s.hwmKiB() / base.hwmKiB()),
            base == null ? "" : fmt("%.3f", (double) s.rssKiB() / base.rssKiB()),
            s.steps() == 0 ? "" : fmt("%.1f", s.steps() / s.seconds()));
        lastSample = s;
      }
      if (base != null && lastSample != null && lastSample != base) {
        notes.append(
            fmt(
                "- %s: VmHWM after %d steps / after %d steps = %.3f (%+.1f MiB).%n",
                loopLabel(lastSample.loop()),
                lastSample.steps(),
                base.steps(),
                (double) lastSample.hwmKiB() / base.hwmKiB(),
                (lastSample.hwmKiB() - base.hwmKiB()) / 1024.0));
      }
      if (run.error() != null) {
        notes.append("- FAILED: ").append(run.error()).append('\n');
      }
    }
    return "\n## Resident memory\n\n"
        + "`mnist-mlp` (for `gan4j-wgan-gp`: the `ring8` networks with WGAN-GP's settings, five "
        + "critic steps with the gradient penalty per iteration) at batch 64, each loop in a fresh "
        + "JVM (same JVM options), read from "
        + "/proc/self/status: VmHWM is the process's peak resident set so far, VmRSS the current "
        + "one; step 0 is after building the networks and loading the data. "
        + fmt("*first* = the row at step %d. ", first)
        + "Unless the bench itself is given -Xms/-Xmx, each child runs with "
        + String.join(" ", MemoryProbe.CHILD_HEAP)
        + ": the whole Java heap is resident from step 0, so growth after it is native memory "
        + "(tensors, direct buffers) or JIT code, and a flat RSS means nothing leaks per step.\n\n"
        + t.render()
        + (notes.length() == 0 ? "" : "\n" + notes);
  }

  private static String failure(String section, RuntimeException e, PrintStream log) {
    e.printStackTrace(log);
    return "\n## " + section + "\n\nFAILED: " + e + "\n";
  }

  private static String loopLabel(String loop) {
    return "minimal".equals(loop) ? "minimal DJL" : loop;
  }

  private static String mib(long kib) {
    return fmt("%.0f", kib / 1024.0);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
