package dev.gan4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Resident memory of a long training run: whether RSS stays flat is what tells a leak of native
 * tensors (DESIGN §4) from a healthy loop. Each loop runs in a fresh JVM, so its peak (VmHWM, which
 * the kernel keeps per process) is its own and not that of whatever the benchmark ran before.
 *
 * <pre>{@code MemoryProbe.Run r = MemoryProbe.measureInChild("gan4j", options, dir, log);}</pre>
 */
final class MemoryProbe {
  /** The loops {@code --memory-child} accepts. */
  static final List<String> LOOPS =
      List.of("gan4j", "minimal", Gan4jLoop.WGAN_GP, Gan4jLoop.DCGAN_WGAN_GP);

  static final int BATCH_SIZE = 64;
  private static final String TAG = "gan4j-bench-memory";

  /** JVM options of a memory child when the parent sets no heap size. */
  static final List<String> CHILD_HEAP = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

  private MemoryProbe() {}

  /**
   * Memory after a number of training steps.
   *
   * @param loop the loop's name
   * @param steps steps done when read (0: networks and data built, nothing trained yet)
   * @param hwmKiB the process's peak resident set so far (VmHWM)
   * @param rssKiB the resident set now (VmRSS)
   * @param heapCommittedKiB the Java heap's committed size, part of the RSS
   * @param seconds wall time since the first step
   */
  record Sample(
      String loop, long steps, long hwmKiB, long rssKiB, long heapCommittedKiB, double seconds) {
    String toLine() {
      return String.join(
          "\t",
          TAG,
          loop,
          Long.toString(steps),
          Long.toString(hwmKiB),
          Long.toString(rssKiB),
          Long.toString(heapCommittedKiB),
          Double.toString(seconds));
    }

    static Sample parse(String line) {
      String[] f = line.split("\t");
      return new Sample(
          f[1],
          Long.parseLong(f[2]),
          Long.parseLong(f[3]),
          Long.parseLong(f[4]),
          Long.parseLong(f[5]),
          Double.parseDouble(f[6]));
    }
  }

  /**
   * The outcome of one child run.
   *
   * @param samples what the child reported, possibly fewer than asked if it failed
   * @param error why it failed, or null
   */
  record Run(List<Sample> samples, String error) {}

  /** VmHWM and VmRSS of this process, in KiB, from {@code /proc/self/status}. */
  static long[] readProcStatus() {
    long hwm = -1;
    long rss = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          hwm = kib(line);
        } else if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/status (Linux only)", e);
    }
    return new long[] {hwm, rss};
  }

  private static long kib(String line) {
    // e.g. "VmHWM:\t  812345 kB"
    String[] f = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
    return Long.parseLong(f[0]);
  }

  private static Sample sample(String loop, long steps, double seconds) {
    long[] status = readProcStatus();
    return new Sample(
        loop, steps, status[0], status[1], Runtime.getRuntime().totalMemory() / 1024, seconds);
  }

  /**
   * The child's side: trains {@code loop} at batch 64 in this process and prints one tagged line
   * per checkpoint on {@code out} (first at step 0), progress on {@code log}.
   */
  static void runHere(String loop, BenchOptions options, PrintStream out, PrintStream log) {
    BenchData data = BenchData.load(options.dataDir());
    long[] checkpoints = options.memorySteps();
    long last = checkpoints[checkpoints.length - 1];
    long progressEvery = Math.max(1, last / 10);
    try (GanLoop l =
        switch (loop) {
          case "gan4j" -> Gan4jLoop.create(data.set(), BATCH_SIZE);
          case Gan4jLoop.WGAN_GP -> Gan4jLoop.wganGp(BATCH_SIZE);
          case Gan4jLoop.DCGAN_WGAN_GP -> Gan4jLoop.dcganWganGp(data.set(), BATCH_SIZE);
          default -> new MinimalDjlGan(data.set(), BATCH_SIZE, 1);
        }) {
      out.println(sample(loop, 0, 0).toLine());
      out.flush();
      long t0 = System.nanoTime();
      long done = 0;
      for (long checkpoint : checkpoints) {
        while (done < checkpoint) {
          l.step();
          done++;
          if (done % progressEvery == 0) {
            double s = (System.nanoTime() - t0) / 1e9;
            log.printf(
                Locale.ROOT,
                "  memory run (%s, batch %d): %d/%d steps, %.0f s, %.1f steps/s%n",
                l.name(),
                BATCH_SIZE,
                done,
                last,
                s,
                done / s);
          }
        }
        out.println(sample(loop, done, (System.nanoTime() - t0) / 1e9).toLine());
        out.flush();
      }
    }
  }

  /**
   * Runs {@code loop}'s memory probe in a fresh JVM with this one's class path and JVM options, and
   * collects its samples. The child's stderr (progress) passes through to this one's.
   */
  static Run measureInChild(String loop, BenchOptions options, Path dataDir, PrintStream log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    cmd.addAll(jvmArgs);
    if (jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-Xms"))) {
      // A fixed heap touched up front: otherwise RSS creeps up as the collector first touches
      // heap pages, which looks like a native leak (measured: +190 MiB over 10,000 steps).
      cmd.addAll(CHILD_HEAP);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Bench.class.getName());
    cmd.add("--memory-child");
    cmd.add(loop);
    cmd.add("--memory-steps");
    cmd.add(
        Arrays.stream(options.memorySteps())
            .mapToObj(Long::toString)
            .collect(Collectors.joining(",")));
    cmd.add("--data-dir");
    cmd.add(dataDir.toString());
    if (options.threads() > 0) {
      cmd.add("--threads");
      cmd.add(Integer.toString(options.threads()));
    }
    List<Sample> samples = new ArrayList<>();
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith(TAG + "\t")) {
            samples.add(Sample.parse(line));
          } else {
            log.println(line);
          }
        }
      }
      int rc = p.waitFor();
      return new Run(
          samples, rc == 0 ? null : "memory run of " + loop + " exited with status " + rc);
    } catch (IOException e) {
      return new Run(samples, "cannot start the memory run of " + loop + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(samples, "interrupted");
    }
  }
}
