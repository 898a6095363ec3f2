package dev.gan4j.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gan4j.Gan4jException;
import dev.gan4j.io.ImageGrid;
import dev.gan4j.io.NpyFile;
import dev.gan4j.io.ScatterPlot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * An HTTP API over a {@link ServedModel}, on the JDK's own server ({@code com.sun.net.httpserver}):
 *
 * <ul>
 *   <li>{@code GET /generate?n=16&seed=S&format=png|json|npy[&class=C][&code=cat0=3]}: samples
 *       ({@link GenerateRequest}); the same query gives the same bytes. PNG: a grid of the images
 *       (a 2-D run: a scatter over the real points), JSON {@code {"step", "seed", "shape", "data"}}
 *       (data row-major), NPY float32 of shape (n, c, h, w) or (n, 2). The seed used is in the
 *       {@code X-Gan4j-Seed} header.
 *   <li>{@code GET /health}: {@code {"status": "ok", ...}} with the counts of requests served and
 *       refused.
 *   <li>{@code GET /model}: the run's config and provenance ({@link ServedModel#describe}).
 * </ul>
 *
 * <p>Bounded: at most {@code workers} requests generate at once, at most {@code queue} more wait
 * for them (each up to {@code timeoutMs}, then 503), and a request beyond those is answered 429 at
 * once. Bad parameters are 400, other paths 404, other methods 405, each with a JSON body {@code
 * {"error": "..."}}.
 *
 * <pre>{@code try (GeneratorServer s = GeneratorServer.start(model, ServeOptions.defaults())) {
 *   System.out.println(s.url());
 * }}</pre>
 */
public final class GeneratorServer implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  /** Spare HTTP threads beyond workers and queue, so a full server still answers 429 and health. */
  static final int SPARE_THREADS = 4;

  private final ServedModel model;
  private final ServeOptions options;
  private final HttpServer http;
  private final ExecutorService threads;
  private final Semaphore admitted;
  private final Semaphore working;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();

  private GeneratorServer(ServedModel model, ServeOptions options) throws IOException {
    this.model = model;
    this.options = options;
    this.admitted = new Semaphore(options.workers() + options.queue());
    this.working = new Semaphore(options.workers(), true);
    // Read once, when the JDK's server first loads. No Nagle: an answer is written as headers then
    // body, and with Nagle's delay against the client's delayed ACK a small answer waited ~40 ms.
    // Slow clients cannot hold a thread forever.
    System.setProperty("sun.net.httpserver.nodelay",
        System.getProperty("sun.net.httpserver.nodelay", "true"));
    System.setProperty("sun.net.httpserver.maxReqTime",
        System.getProperty("sun.net.httpserver.maxReqTime", "60"));
    System.setProperty("sun.net.httpserver.maxRspTime",
        System.getProperty("sun.net.httpserver.maxRspTime", "60"));
    this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(
        options.workers() + options.queue() + SPARE_THREADS, r -> {
          Thread t = new Thread(r, "gan4j-serve-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    http.setExecutor(threads);
    http.createContext("/", this::handle);
  }

  /**
   * Starts serving {@code model}; the caller closes the server (the model stays open).
   *
   * @throws Gan4jException when the address cannot be bound (in use, not this machine's), with
   *     the system's reason
   */
  public static GeneratorServer start(ServedModel model, ServeOptions options) {
    GeneratorServer s;
    try {
      s = new GeneratorServer(model, options);
    } catch (IOException | UncheckedIOException e) {
      throw new Gan4jException("cannot listen on " + options.host() + ":" + options.port() + ": "
          + e.getMessage(), e);
    }
    s.http.start();
    return s;
  }

  /** The port the server listens on (the one chosen when {@code port} was 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The server's base address, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return "http://" + host + ":" + port();
  }

  /** Stops listening, waiting up to a second for requests in flight. */
  @Override
  public void close() {
    http.stop(1);
    threads.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      boolean known = path.equals("/generate") || path.equals("/health") || path.equals("/model");
      if (!known) {
        error(x, 404, "no such endpoint " + path + "; try /generate, /health or /model");
      } else if (!"GET".equals(x.getRequestMethod())) {
        x.getResponseHeaders().set("Allow", "GET");
        error(x, 405, x.getRequestMethod() + " is not allowed on " + path + "; use GET");
      } else if (path.equals("/health")) {
        send(x, 200, "application/json", health());
      } else if (path.equals("/model")) {
        send(x, 200, "application/json", model.describe());
      } else {
        generate(x);
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
    } catch (RuntimeException | Error e) {
      try {
        error(x, 500, "internal error: " + e);
      } catch (IOException | RuntimeException ignored) {
        // headers already sent or the client gone
      }
    }
  }

  private void generate(HttpExchange x) throws IOException {
    GenerateRequest r;
    try {
      r = GenerateRequest.parse(x.getRequestURI().getRawQuery(), model.info(), options.maxN(),
          ThreadLocalRandom.current().nextLong(1L << 53));
    } catch (Gan4jException e) {
      error(x, 400, e.getMessage());
      return;
    }
    if (!admitted.tryAcquire()) {
      refused.incrementAndGet();
      x.getResponseHeaders().set("Retry-After", "1");
      error(x, 429, "busy: " + options.workers() + " requests generating and " + options.queue()
          + " waiting; try again later");
      return;
    }
    byte[] body;
    try {
      if (!working.tryAcquire(options.timeoutMs(), TimeUnit.MILLISECONDS)) {
        timedOut.incrementAndGet();
        error(x, 503, "timed out after " + options.timeoutMs() + " ms waiting for a worker");
        return;
      }
      try {
        body = encode(r, model.generate(r));
      } finally {
        working.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(x, 503, "the server is stopping");
      return;
    } catch (Gan4jException e) {
      error(x, 400, e.getMessage());
      return;
    } finally {
      admitted.release();
    }
    x.getResponseHeaders().set("X-Gan4j-Seed", Long.toString(r.seed()));
    x.getResponseHeaders().set("X-Gan4j-Step", Long.toString(model.info().step()));
    served.incrementAndGet();
    send(x, 200, r.format().contentType(), body);
  }

  private byte[] encode(GenerateRequest r, float[] samples) throws IOException {
    ServedModel.Info info = model.info();
    int[] shape = info.sampleShape();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (r.format() == GenerateRequest.Format.NPY) {
      long[] dims = new long[shape.length + 1];
      dims[0] = r.n();
      for (int i = 0; i < shape.length; i++) {
        dims[i + 1] = shape[i];
      }
      NpyFile.encode(samples, dims, out);
    } else if (r.format() == GenerateRequest.Format.JSON) {
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeNumberField("step", info.step());
        g.writeNumberField("seed", r.seed());
        g.writeArrayFieldStart("shape");
        g.writeNumber(r.n());
        for (int s : shape) {
          g.writeNumber(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data");
        for (float v : samples) {
          g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    } else if (shape.length == 3) {
      int cols = (int) Math.ceil(Math.sqrt(r.n()));
      ImageIO.write(ImageGrid.render(samples, r.n(), shape[0], shape[1], shape[2], cols, 1),
          "png", out);
    } else {
      ImageIO.write(ScatterPlot.render(model.realPoints(), samples, 400,
          "step " + info.step() + ", seed " + r.seed()), "png", out);
    }
    return out.toByteArray();
  }

  private byte[] health() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", "ok");
      g.writeNumberField("step", model.info().step());
      g.writeNumberField("served", served.get());
      g.writeNumberField("refused", refused.get());
      g.writeNumberField("timedOut", timedOut.get());
      g.writeNumberField("workers", options.workers());
      g.writeNumberField("queue", options.queue());
      g.writeNumberField("maxN", options.maxN());
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void error(HttpExchange x, int status, String message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeNumberField("status", status);
      g.writeEndObject();
    }
    send(x, status, "application/json", out.toByteArray());
  }

  private static void send(HttpExchange x, int status, String type, byte[] body)
      throws IOException {
    x.getResponseHeaders().set("Content-Type",
        type.startsWith("application/json") ? type + "; charset=utf-8" : type);
    x.sendResponseHeaders(status, body.length);
    try (OutputStream os = x.getResponseBody()) {
      os.write(body);
    }
  }
}
