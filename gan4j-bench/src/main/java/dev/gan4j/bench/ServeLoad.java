package dev.gan4j.bench;

import dev.gan4j.io.TrainingRun;
import dev.gan4j.serve.GeneratorServer;
import dev.gan4j.serve.ServeOptions;
import dev.gan4j.serve.ServedRun;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.RunConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code gan4j serve} under load: a {@link GeneratorServer} on a loopback port of this JVM serves a
 * {@code mnist-mlp} generator, and 1, 8, then 32 client threads (java.net.http, one blocking
 * request at a time each, closed loop) ask for samples until a level has sent its request count or
 * run its time. Reports throughput and the p50 / p99 latency of answered requests, and counts any
 * that were not 200. The clients share the machine with the server, so the figures are what one
 * host does end to end, not the server alone.
 *
 * <pre>{@code String md = ServeLoad.section(options, dataDir, System.err);}</pre>
 */
final class ServeLoad {
  static final int[] CLIENTS = {1, 8, 32};

  /** The server as measured: 2 workers (the default), a queue that holds 32 clients. */
  static final ServeOptions SERVER = new ServeOptions("127.0.0.1", 0, 2, 32, 256, 60_000);

  /** The queries measured: a PNG grid as a person would ask, an array as a program would. */
  static final List<String> QUERIES = List.of("n=16&format=png", "n=64&format=npy");

  static final int WARMUP = 20;

  private ServeLoad() {}

  /**
   * The result of one level.
   *
   * @param query the query string (without its seed)
   * @param clients concurrent clients
   * @param ok requests answered 200
   * @param other requests answered otherwise
   * @param seconds the level's wall time
   * @param latenciesMs each 200 answer's latency, sorted
   */
  record Level(String query, int clients, int ok, int other, double seconds, double[] latenciesMs) {
    double perSecond() {
      return ok / seconds;
    }

    double percentile(double p) {
      if (latenciesMs.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100 * latenciesMs.length) - 1;
      return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, i))];
    }
  }

  static String section(BenchOptions o, Path dataDir, PrintStream log) {
    Path temp = null;
    Path run = o.serveRun();
    try {
      if (run == null) {
        temp = Files.createTempDirectory("gan4j-bench-serve-");
        run = temp.resolve("mnist-mlp");
        log.println("  training a 20-step mnist-mlp run to serve");
        RunConfig config = ConfigLoader.resolve("mnist-mlp", null, Map.of(
            "loop.steps", "20", "output.sampleEvery", "20", "output.checkpointEvery", "20"));
        TrainingRun.start(config, run, TrainingRun.Options.quiet(dataDir));
      }
      MarkdownTable t = new MarkdownTable("Query", ">Clients", ">Requests", ">Not 200",
          ">Requests/s", ">Samples/s", ">p50 ms", ">p99 ms");
      try (ServedRun model = ServedRun.open(run);
          GeneratorServer server = GeneratorServer.start(model, SERVER)) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String query : QUERIES) {
          drive(client, server.url(), query, 1, WARMUP, 60); // warm-up, not reported
          for (int c : CLIENTS) {
            Level l = drive(client, server.url(), query, c, o.serveRequests(), o.serveSeconds());
            log.printf(Locale.ROOT, "  %s, %d clients: %.1f requests/s, p50 %.1f ms, p99 %.1f ms%n",
                query, c, l.perSecond(), l.percentile(50), l.percentile(99));
            int n = Integer.parseInt(query.substring(2, query.indexOf('&')));
            t.row("`" + query + "`", Integer.toString(c), Integer.toString(l.ok() + l.other()),
                Integer.toString(l.other()), fmt("%.1f", l.perSecond()),
                fmt("%.0f", l.perSecond() * n), fmt("%.1f", l.percentile(50)),
                fmt("%.1f", l.percentile(99)));
          }
        }
      }
      return "\n## Serving\n\n"
          + "`gan4j serve` (`GeneratorServer` on 127.0.0.1, in the bench's JVM) serving "
          + (o.serveRun() == null ? "a 20-step `mnist-mlp` run (G 100→256→512→1024→784 with"
              + " batch norm, from an average of its weights)" : "`" + o.serveRun() + "`")
          + fmt(", %d workers, a queue of %d. ", SERVER.workers(), SERVER.queue())
          + fmt("Each level: that many client threads (java.net.http, HTTP/1.1, one blocking"
              + " request at a time each, each request a new seed) until %d requests were sent or"
              + " %d s passed, after %d warm-up requests per query. Requests/s counts 200 answers"
              + " over the level's wall time; latencies are of 200 answers, client side. The"
              + " clients run on the same cores as the server.%n%n",
              o.serveRequests(), o.serveSeconds(), WARMUP)
          + t.render();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (temp != null) {
        deleteTree(temp);
      }
    }
  }

  /** Runs {@code clients} threads against {@code base/generate?query} until count or time. */
  static Level drive(HttpClient client, String base, String query, int clients, int requests,
      int seconds) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<List<Double>> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      List<Double> mine = new ArrayList<>();
      perThread.add(mine);
      Thread t = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
          HttpRequest r = HttpRequest.newBuilder(
              URI.create(base + "/generate?" + query + "&seed=" + i)).GET().build();
          long start = System.nanoTime();
          try {
            HttpResponse<byte[]> answer = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 200) {
              mine.add((System.nanoTime() - start) / 1e6);
            } else {
              other.incrementAndGet();
            }
          } catch (IOException e) {
            other.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }, "bench-client-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double[] latencies = perThread.stream().flatMap(List::stream)
        .mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(latencies);
    return new Level(query, clients, latencies.length, other.get(), wall, latencies);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder; the system cleans it eventually
    }
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
