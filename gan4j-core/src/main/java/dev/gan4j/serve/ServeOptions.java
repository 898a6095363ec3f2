package dev.gan4j.serve;

import dev.gan4j.InvalidConfigException;

/**
 * How a {@link GeneratorServer} listens and how much it takes on.
 *
 * @param host the address to listen on ({@code 127.0.0.1}, the default, answers this machine only)
 * @param port the TCP port, 0..65,535 (0: any free port, see {@link GeneratorServer#port()})
 * @param workers requests generating at once, 1..64 (the forward pass itself is serialized, see
 *     {@link ServedRun}; encoding the answer runs in parallel)
 * @param queue requests admitted to wait for a worker, 0..1,024; beyond workers + queue a request
 *     is answered 429 at once
 * @param maxN the largest {@code n} one request may ask for, 1..4,096
 * @param timeoutMs how long an admitted request waits for a worker before it is answered 503,
 *     1..600,000 ms
 */
public record ServeOptions(
    String host, int port, int workers, int queue, int maxN, int timeoutMs) {
  /** The largest {@code --max-n}. */
  public static final int MAX_N = 4096;

  /** Validates the ranges; each message names the command-line option. */
  public ServeOptions {
    if (host == null || host.isBlank()) {
      throw new InvalidConfigException("--host must name an address, got nothing");
    }
    range(port, 0, 65_535, "--port");
    range(workers, 1, 64, "--workers");
    range(queue, 0, 1024, "--queue");
    range(maxN, 1, MAX_N, "--max-n");
    range(timeoutMs, 1, 600_000, "--timeout-ms");
  }

  /** 127.0.0.1:8080, 2 workers, 16 queued, n up to 256, 30 s of waiting. */
  public static ServeOptions defaults() {
    return new ServeOptions("127.0.0.1", 8080, 2, 16, 256, 30_000);
  }

  /** A copy listening on {@code newPort}. */
  public ServeOptions withPort(int newPort) {
    return new ServeOptions(host, newPort, workers, queue, maxN, timeoutMs);
  }

  private static void range(int v, int lo, int hi, String name) {
    if (v < lo || v > hi) {
      throw new InvalidConfigException(name + " must be in " + lo + ".." + hi + ", got " + v);
    }
  }
}
