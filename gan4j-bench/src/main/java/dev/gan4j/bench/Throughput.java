package dev.gan4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Training throughput: steps per second of several {@link GanLoop}s at one batch size. Each loop is
 * warmed up, then timed over a fixed number of steps, several times; the loops' repeats are
 * interleaved (and their order alternated) so a burst of load from elsewhere on the machine falls
 * on all of them rather than on whichever happened to run then.
 *
 * <pre>
 * {@code List<Throughput.Result> r = Throughput.measure(List.of(a, b), 50, 150, 3, System.err);}
 * </pre>
 */
final class Throughput {
  private Throughput() {}

  /**
   * One loop's timings at one batch size.
   *
   * @param loop the loop's name
   * @param batchSize samples per step
   * @param stepsPerRepeat timed steps in each repeat
   * @param stepsPerSecond one rate per repeat, in run order
   */
  record Result(String loop, int batchSize, int stepsPerRepeat, double[] stepsPerSecond) {
    /** The median rate over the repeats. */
    double median() {
      double[] s = stepsPerSecond.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    double min() {
      return Arrays.stream(stepsPerSecond).min().orElse(Double.NaN);
    }

    double max() {
      return Arrays.stream(stepsPerSecond).max().orElse(Double.NaN);
    }

    /** Samples per second at the median rate: steps/s × batch. */
    double samplesPerSecond() {
      return median() * batchSize;
    }
  }

  /**
   * Builds one loop per factory at {@code batchSize}, warms each up and times them, then closes
   * them. Progress goes to {@code log}.
   */
  static List<Result> measure(
      List<IntFunction<GanLoop>> factories,
      int batchSize,
      int warmup,
      int steps,
      int repeats,
      PrintStream log) {
    List<GanLoop> loops = new ArrayList<>();
    try {
      for (IntFunction<GanLoop> f : factories) {
        GanLoop loop = f.apply(batchSize);
        loops.add(loop);
        // First steps pay for JIT compilation, allocator growth and the engine's lazy set-up.
        for (int i = 0; i < warmup; i++) {
          loop.step();
        }
      }
      double[][] rates = new double[loops.size()][repeats];
      for (int r = 0; r < repeats; r++) {
        for (int j = 0; j < loops.size(); j++) {
          int k = r % 2 == 0 ? j : loops.size() - 1 - j;
          GanLoop loop = loops.get(k);
          long t0 = System.nanoTime();
          for (int i = 0; i < steps; i++) {
            loop.step();
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          rates[k][r] = steps / seconds;
          float[] losses = loop.lastLosses();
          log.printf(
              Locale.ROOT,
              "  %-11s batch %3d, repeat %d/%d: %6.2f steps/s (%d in %.1f s; loss D %.2f G %.2f)%n",
              loop.name(),
              batchSize,
              r + 1,
              repeats,
              rates[k][r],
              steps,
              seconds,
              losses[0],
              losses[1]);
        }
      }
      List<Result> results = new ArrayList<>();
      for (int j = 0; j < loops.size(); j++) {
        results.add(new Result(loops.get(j).name(), batchSize, steps, rates[j]));
      }
      return results;
    } finally {
      for (GanLoop loop : loops) {
        loop.close();
      }
    }
  }
}
