package dev.gan4j.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.gan4j.Engines;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.io.MachineInfo;
import dev.gan4j.nn.EngineConvolution;
import dev.gan4j.train.Presets;
import dev.gan4j.train.RunConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * gan4j's benchmark command: in one run, prints a Markdown report of (1) training throughput of the
 * {@code mnist-mlp} networks through {@link dev.gan4j.train.GanTrainer} at batch 64 and 256, (2)
 * the same for a minimal hand-written DJL loop ({@link MinimalDjlGan}), the floor gan4j's overhead
 * is measured against, (3) the engine's float32 matmul rate, the ceiling, and (4) resident memory
 * of a long training run, and (5) the plain DCGAN networks' ({@code fashion-dcgan}'s) throughput
 * beside the forward rates of its convolutions, through the engine and through gan4j's own, and
 * (6) the same loop's speed alone and beside a busy process under the engine settings {@code
 * ./gan4j} chooses between ({@link SharingProbe}), and (7) {@code gan4j serve}'s throughput and latency under 1, 8 and 32
 * concurrent clients ({@link ServeLoad}). Progress goes to stderr,
 * the report to stdout.
 *
 * <pre>{@code gan4j-bench/run --quick}</pre>
 */
public final class Bench {
  private static final int[] BATCH_SIZES = {64, 256};
  private static final int[] MATMUL_SIZES = {1024, 2048};
  private static final int[] DCGAN_BATCH_SIZES = {64, 128};

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
    if (o.sharingChild()) {
      SharingProbe.runHere(o, out);
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
      failed |= !section(report, "Float32 matmul", () -> matmulSection(o, log), log);
    }
    if (o.runs("throughput")) {
      log.println("gan4j-bench: training throughput");
      failed |=
          !section(report, "Training throughput", () -> throughputSection(o, data.set(), log), log);
    }
    if (o.runs("dcgan")) {
      log.println("gan4j-bench: DCGAN (fashion-dcgan networks) throughput and convolution rates");
      failed |= !section(report, "DCGAN", () -> dcganSection(o, data.set(), log), log);
    }
    if (o.runs("sharing")) {
      log.println("gan4j-bench: speed on a shared machine (each measurement in a fresh JVM)");
      failed |= !section(report, "Sharing the machine",
          () -> SharingProbe.section(o, data.dataDir(), log), log);
    }
    if (o.runs("serve")) {
      log.println("gan4j-bench: gan4j serve under load (loopback, in this JVM)");
      failed |= !section(report, "Serving", () -> ServeLoad.section(o, data.dataDir(), log), log);
    }
    if (o.runs("memory")) {
      log.println("gan4j-bench: resident memory (each loop in a fresh JVM)");
      List<String> loops =
          o.memoryLoops() != null
              ? o.memoryLoops()
              : o.memoryMinimal()
                  ? List.of("gan4j", "minimal", Gan4jLoop.WGAN_GP)
                  : List.of("gan4j", Gan4jLoop.WGAN_GP);
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
    MarkdownTable t = throughputTable(">vs minimal");
    for (int batch : BATCH_SIZES) {
      List<Throughput.Result> rs =
          Throughput.measure(factories, batch, o.warmup(), o.stepsFor(batch), o.repeats(), log);
      double floor = rs.get(factories.size() - 1).median(); // the minimal loop, listed last
      for (Throughput.Result r : rs) {
        t.row(throughputRow(r, fmt("%.2f×", r.median() / floor)));
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

  private static String dcganSection(BenchOptions o, TrainingSet data, PrintStream log) {
    RunConfig preset = Presets.get(Gan4jLoop.DCGAN);
    int side = data.sampleShape()[1];
    int convBatch = DCGAN_BATCH_SIZES[0];
    List<ConvRate.Layer> layers = ConvRate.layers(preset, side);
    MarkdownTable c =
        new MarkdownTable(
            "Layer",
            "Convolution",
            ">GFLOP/s engine",
            ">GFLOP/s gan4j",
            ">GFLOP/s gan4j own",
            ">ms engine",
            ">ms gan4j",
            ">ms gan4j own",
            ">gan4j / engine",
            ">gan4j / own");
    double flops = 0;
    double engineMs = 0;
    double gan4jMs = 0;
    double ownMs = 0;
    for (ConvRate.Layer l : layers) {
      ConvRate.Result r = ConvRate.measure(l, convBatch, o.matmulSeconds(), o.repeats());
      log.printf(
          Locale.ROOT,
          "  %s: engine %.1f, gan4j %.1f, gan4j own %.1f GFLOP/s%n",
          l.name(),
          r.engine().median(),
          r.gan4j().median(),
          r.own().median());
      c.row(
          l.name(),
          l.describe(),
          fmt("%.1f", r.engine().median()),
          fmt("%.1f", r.gan4j().median()),
          fmt("%.1f", r.own().median()),
          fmt("%.2f", r.engine().millisPerCall()),
          fmt("%.2f", r.gan4j().millisPerCall()),
          fmt("%.2f", r.own().millisPerCall()),
          fmt("%.2f×", r.gan4j().median() / r.engine().median()),
          fmt("%.2f×", r.gan4j().median() / r.own().median()));
      flops += l.flops(convBatch);
      engineMs += r.engine().millisPerCall();
      gan4jMs += r.gan4j().millisPerCall();
      ownMs += r.own().millisPerCall();
    }
    double engineRate = flops / engineMs / 1e6;
    c.row(
        "all four",
        "FLOP-weighted",
        fmt("%.1f", engineRate),
        fmt("%.1f", flops / gan4jMs / 1e6),
        fmt("%.1f", flops / ownMs / 1e6),
        fmt("%.2f", engineMs),
        fmt("%.2f", gan4jMs),
        fmt("%.2f", ownMs),
        fmt("%.2f×", engineMs / gan4jMs),
        fmt("%.2f×", ownMs / gan4jMs));

    double perSample = stepFlopsPerSample(preset, layers, side);
    MarkdownTable t =
        throughputTable(">step GFLOP/s", ">of engine conv rate", ">vs own conv");
    for (int batch : DCGAN_BATCH_SIZES) {
      List<Throughput.Result> results =
          Throughput.measure(
              List.of(
                  b -> Gan4jLoop.dcgan(data, b), b -> Gan4jLoop.dcganOwnConvolutions(data, b)),
              batch,
              o.dcganWarmup(),
              o.dcganSteps(),
              o.repeats(),
              log);
      for (Throughput.Result r : results) {
        double rate = perSample * batch * r.median() / 1e9;
        t.row(
            throughputRow(
                r,
                fmt("%.1f", rate),
                fmt("%.1f%%", 100 * rate / engineRate),
                fmt("%.2f×", r.median() / results.get(1).median())));
      }
    }
    int[] verdicts = EngineConvolution.verdictCounts();
    return "\n## DCGAN\n\n"
        + "The plain DCGAN networks of issue 13 (`fashion-dcgan`'s) as `gan4j train` builds them "
        + "(G 100→128×7×7, transposed 4×4 "
        + "convolutions with stride 2 to 64×14×14 and 1×28×28, batch norm, ReLU, tanh; D 4×4 "
        + "convolutions with stride 2 to 64×14×14 and 128×7×7, batch norm after the first, "
        + "LeakyReLU 0.2, linear to the score; Adam 2e-4 β1 0.5, non-saturating loss), without a "
        + "weight average. "
        + fmt(
            "Median of %d repeats of %d timed steps, after %d warm-up steps.",
            o.repeats(), o.dcganSteps(), o.dcganWarmup())
        + " *gan4j* trains as `gan4j train` does: each convolution through the engine's `conv2d` "
        + "where gan4j's check found its outputs and gradients equal to gan4j's own "
        + fmt(
            "(%d configurations checked in this process, %d refused), ",
            verdicts[0], verdicts[1])
        + "else through gan4j's window-and-product convolution; *gan4j, own conv* runs every "
        + "convolution through gan4j's own, as training did before (the engine's turned off), in "
        + "the same process, alternating repeats; *vs own conv* is the ratio of the two. "
        + "There is no minimal DJL loop to compare with: DJL's PyTorch engine has no transposed "
        + "convolution ([networks.md](networks.md)). "
        + fmt(
            "*step GFLOP/s* counts %.1f MFLOP per sample: the convolutions' and linear layers' "
                + "multiply-adds (not batch norm or activations), D's forward and backward on 2m "
                + "samples and G's forward on m in D's step, G's and D's forward and backward on m "
                + "in G's step, a backward pass taken as 2× its forward pass. "
                + "*of engine conv rate* divides it by the engine's FLOP-weighted forward rate "
                + "over the four convolutions below, measured at batch %d.\n\n",
            perSample / 1e6, convBatch)
        + t.render()
        + "\n"
        + fmt(
            "Forward pass of each convolution at batch %d on random inputs; %d repeats of ≥ %.1f"
                + " s after 3 warm-up calls, median. FLOPs 2·n·o·c·k²·oh·ow (transposed: "
                + "2·n·c·o·k²·h·w, h × w the input). *engine* is DJL's `Conv2d.conv2d`; for G's "
                + "transposed layers, which the engine cannot compute, it is the engine's `conv2d` "
                + "of the same multiply-adds as gan4j's reduction (the 4 phase sub-kernels "
                + "stacked along the output channels, 2×2, stride 1, padding 1), without the pixel "
                + "shuffle. *gan4j* is `Convolution.apply` / `TransposedConvolution.apply`, what "
                + "training runs (the engine's `conv2d` where checked right); *gan4j own* the same "
                + "with the engine's turned off (gan4j's windows and one matrix product).\n\n",
            convBatch, o.repeats(), o.matmulSeconds())
        + c.render();
  }

  /**
   * Multiply-adds × 2 of one training step per sample of the minibatch: with forward costs F_D and
   * F_G per sample and backward ≈ 2× forward, D's step is 3·F_D on 2m samples plus F_G on m, and
   * G's step 3·F_G + 3·F_D on m, so 9·F_D + 4·F_G per sample.
   */
  private static double stepFlopsPerSample(
      RunConfig preset, List<ConvRate.Layer> layers, int side) {
    int[] g = preset.model().generator().hidden();
    int[] d = preset.model().discriminator().hidden();
    long gStart = (long) g[0] * (side >> g.length) * (side >> g.length);
    long dEnd = (long) d[d.length - 1] * (side >> d.length) * (side >> d.length);
    double fg = 2.0 * preset.model().latentDim() * gStart;
    double fd = 2.0 * dEnd;
    for (ConvRate.Layer l : layers) {
      if (l.transposed()) {
        fg += l.flops(1);
      } else {
        fd += l.flops(1);
      }
    }
    return 9 * fd + 4 * fg;
  }

  /** A throughput table: loop, batch, rates and times, then the {@code extra} columns. */
  private static MarkdownTable throughputTable(String... extra) {
    List<String> headers =
        new ArrayList<>(
            List.of("Loop", ">Batch", ">steps/s", ">samples/s", ">steps/s range", ">ms/step"));
    headers.addAll(List.of(extra));
    return new MarkdownTable(headers.toArray(String[]::new));
  }

  /** The cells of {@link #throughputTable}'s row for {@code r}. */
  private static String[] throughputRow(Throughput.Result r, String... extra) {
    List<String> cells =
        new ArrayList<>(
            List.of(
                r.loop(),
                Integer.toString(r.batchSize()),
                fmt("%.2f", r.median()),
                fmt("%.0f", r.samplesPerSecond()),
                fmt("%.2f–%.2f", r.min(), r.max()),
                fmt("%.1f", 1000 / r.median())));
    cells.addAll(List.of(extra));
    return cells.toArray(String[]::new);
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
          fmt("%.2f", r.millisPerCall()));
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
        + "critic steps with the gradient penalty per iteration; for `gan4j-dcgan-wgan-gp`: the "
        + "plain DCGAN networks (`fashion-dcgan`'s), D without batch normalization, with the same "
        + "WGAN-GP settings, "
        + "so each step is five convolutional critic updates through the penalty's double "
        + "backward pass) at batch 64, each loop in a fresh "
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

  /** Appends {@code body}'s section, or its failure under {@code title}; whether it succeeded. */
  private static boolean section(
      StringBuilder report, String title, Supplier<String> body, PrintStream log) {
    try {
      report.append(body.get());
      return true;
    } catch (RuntimeException e) {
      report.append(failure(title, e, log));
      return false;
    }
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
