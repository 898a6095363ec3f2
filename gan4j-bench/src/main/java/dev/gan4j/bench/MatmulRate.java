package dev.gan4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import java.util.Arrays;

/**
 * The engine's float32 matrix-multiply rate on this CPU: the ceiling any MLP training step here can
 * approach, since the step is mostly matmuls. Counts 2n³ floating-point operations per n × n
 * product.
 *
 * <pre>{@code MatmulRate.Result r = MatmulRate.measure(1024, 1.0, 3);}</pre>
 */
final class MatmulRate {
  private MatmulRate() {}

  /**
   * The rates of repeated calls of one operation.
   *
   * @param gflops one rate per repeat, GFLOP/s
   * @param millisPerCall the median repeat's time per call
   */
  record Result(double[] gflops, double millisPerCall) {
    double median() {
      double[] s = gflops.clone();
      Arrays.sort(s);
      return s[s.length / 2];
    }

    double best() {
      return Arrays.stream(gflops).max().orElse(Double.NaN);
    }
  }

  /**
   * Times products of two random n × n float32 matrices, {@code repeats} times, each ≥ {@code
   * minSeconds}.
   */
  static Result measure(int n, double minSeconds, int repeats) {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n));
      NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n));
      return time(() -> a.matMul(b).close(), 2.0 * n * n * n, minSeconds, repeats);
    }
  }

  /**
   * Calls {@code op} 3 times to warm up, then {@code repeats} times for at least {@code minSeconds}
   * each, and rates each repeat at {@code flopsPerCall} per call. The CPU engine computes eagerly,
   * so an operation's work is done when its call returns.
   */
  static Result time(Runnable op, double flopsPerCall, double minSeconds, int repeats) {
    for (int i = 0; i < 3; i++) {
      op.run();
    }
    double[] rates = new double[repeats];
    double[] millis = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      int calls = 0;
      long t0 = System.nanoTime();
      long elapsed;
      do {
        op.run();
        calls++;
        elapsed = System.nanoTime() - t0;
      } while (elapsed < minSeconds * 1e9);
      rates[r] = flopsPerCall * calls / elapsed; // flop per ns = GFLOP/s
      millis[r] = elapsed / 1e6 / calls;
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Result(rates, sorted[sorted.length / 2]);
  }
}
