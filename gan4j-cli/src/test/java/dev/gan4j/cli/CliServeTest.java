package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.io.NpyFile;
import dev.gan4j.io.RunSampler;
import dev.gan4j.serve.GenerateRequest;
import dev.gan4j.serve.GeneratorServer;
import dev.gan4j.serve.ServeOptions;
import dev.gan4j.serve.ServedModel;
import dev.gan4j.serve.ServedRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j serve}'s HTTP API, driven by a real HTTP client on an ephemeral loopback port against
 * tiny trained runs: formats, determinism, refusals, the bounded queue, and the command itself.
 */
class CliServeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ServedRun mnist;
  private static GeneratorServer server;

  @BeforeAll
  static void serveTheTinyMnistRun() {
    mnist = ServedRun.open(CliHarness.mnistRun());
    server = GeneratorServer.start(mnist, new ServeOptions("127.0.0.1", 0, 2, 4, 64, 30_000));
  }

  @AfterAll
  static void stop() {
    server.close();
    mnist.close();
  }

  private static HttpResponse<byte[]> get(GeneratorServer s, String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(s.url() + pathAndQuery)).GET().build());
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static NpyFile.Array npy(HttpResponse<byte[]> r, Path tmp) throws IOException {
    Path f = Files.createTempFile(tmp, "answer", ".npy");
    Files.write(f, r.body());
    return NpyFile.read(f);
  }

  @Test
  void pngIsAGridOfTheAskedSamples() throws IOException {
    HttpResponse<byte[]> r = get(server, "/generate?n=10&seed=3&format=png");
    assertEquals(200, r.statusCode());
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElseThrow());
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(r.body()));
    // ceil(sqrt(10)) = 4 columns, 3 rows of 28 x 28 images with 2-pixel gutters.
    assertEquals(4 * 28 + 5 * 2, png.getWidth());
    assertEquals(3 * 28 + 4 * 2, png.getHeight());
    assertEquals("3", r.headers().firstValue("X-Gan4j-Seed").orElseThrow());
    assertEquals("3", r.headers().firstValue("X-Gan4j-Step").orElseThrow());
  }

  @Test
  void npyAndJsonHoldTheSamplesTheLibraryDraws() throws IOException {
    float[] expected;
    try (RunSampler s = RunSampler.open(CliHarness.mnistRun(), "none", null)) {
      expected = s.sample(5, 42);
    }
    NpyFile.Array a = npy(get(server, "/generate?n=5&seed=42&format=npy"), tmp);
    assertArrayEquals(new long[] {5, 1, 28, 28}, a.shape());
    assertArrayEquals(expected, a.values(), "the served samples are gan4j sample's");
    JsonNode j = json(get(server, "/generate?n=5&seed=42&format=json"));
    assertEquals(42, j.get("seed").asLong());
    assertEquals("[5,1,28,28]", j.get("shape").toString());
    assertEquals(5 * 784, j.get("data").size());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], j.get("data").get(i).floatValue(), 0f);
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAFreshSeedIsReported() {
    byte[] a = get(server, "/generate?n=8&seed=7").body();
    byte[] b = get(server, "/generate?n=8&seed=7").body();
    byte[] c = get(server, "/generate?n=8&seed=8").body();
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.equals(a, c), "another seed, other samples");
    HttpResponse<byte[]> fresh = get(server, "/generate?n=8&format=npy");
    String seed = fresh.headers().firstValue("X-Gan4j-Seed").orElseThrow();
    assertArrayEquals(fresh.body(), get(server, "/generate?n=8&format=npy&seed=" + seed).body(),
        "asking again with the reported seed repeats the answer");
  }

  @Test
  void badParametersAre400WithAJsonErrorAndUnknownPathsAndMethodsAre404And405()
      throws IOException {
    String[][] cases = {
      {"n=0", "n must be in 1..64, got 0"},
      {"n=65", "n must be in 1..64, got 65"},
      {"n=abc", "n must be a whole number"},
      {"seed=1.5", "seed must be a whole number"},
      {"format=gif", "format must be one of png, json, npy"},
      {"color=red", "unknown parameter 'color'"},
      {"n=2&n=3", "parameter 'n' is given twice"},
      {"class=1", "class needs a conditional run"},
      {"code=cat0=1", "code needs an InfoGAN run"},
    };
    for (String[] c : cases) {
      HttpResponse<byte[]> r = get(server, "/generate?" + c[0]);
      assertEquals(400, r.statusCode(), c[0]);
      String error = json(r).get("error").asText();
      assertTrue(error.contains(c[1]), c[0] + " -> " + error);
    }
    HttpResponse<byte[]> missing = get(server, "/generate/more");
    assertEquals(404, missing.statusCode());
    assertTrue(json(missing).get("error").asText().contains("/generate, /health or /model"));
    HttpResponse<byte[]> post = send(HttpRequest.newBuilder(URI.create(server.url() + "/generate"))
        .POST(HttpRequest.BodyPublishers.ofString("n=1")).build());
    assertEquals(405, post.statusCode());
    assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void healthAndModelDescribeTheRun() throws IOException {
    JsonNode health = json(get(server, "/health"));
    assertEquals("ok", health.get("status").asText());
    assertEquals(3, health.get("step").asLong());
    JsonNode model = json(get(server, "/model"));
    assertEquals("[1,28,28]", model.get("sampleShape").toString());
    assertEquals("mnist-mlp", model.get("config").get("preset").asText());
    assertEquals(32, model.get("config").get("model").get("generator").get("hidden").get(0).asInt());
    assertTrue(model.get("provenance").get("sessions").isArray());
  }

  /** A model whose generate calls wait until released, to fill the server deterministically. */
  private static final class Blocking implements ServedModel {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Info info() {
      return mnist.info();
    }

    @Override
    public float[] generate(GenerateRequest request) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return mnist.generate(request);
    }

    @Override
    public float[] realPoints() {
      return mnist.realPoints();
    }

    @Override
    public byte[] describe() {
      return mnist.describe();
    }
  }

  /** A server whose only worker is held by a first request, until {@code release()}. */
  private record Held(Blocking model, GeneratorServer server,
      CompletableFuture<HttpResponse<byte[]>> first) implements AutoCloseable {
    static Held start(ServeOptions options) throws InterruptedException {
      Blocking model = new Blocking();
      GeneratorServer s = GeneratorServer.start(model, options);
      CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(
          () -> get(s, "/generate?n=2&seed=1&format=npy"));
      assertTrue(model.entered.await(30, TimeUnit.SECONDS), "the first request reached the model");
      return new Held(model, s, first);
    }

    int release() throws Exception {
      model.release.countDown();
      return first.get(30, TimeUnit.SECONDS).statusCode();
    }

    @Override
    public void close() {
      model.release.countDown();
      server.close();
    }
  }

  @Test
  void aFullServerAnswers429AtOnceAndStillAnswersHealth() throws Exception {
    try (Held held = Held.start(new ServeOptions("127.0.0.1", 0, 1, 0, 16, 30_000))) {
      HttpResponse<byte[]> busy = get(held.server(), "/generate?n=2&seed=1&format=npy");
      assertEquals(429, busy.statusCode());
      assertEquals("1", busy.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(json(busy).get("error").asText().startsWith("busy"));
      JsonNode health = json(get(held.server(), "/health"));
      assertEquals(1, health.get("refused").asInt());
      assertEquals(200, held.release());
      assertEquals(200, get(held.server(), "/generate?n=2&seed=1&format=npy").statusCode(),
          "once the worker is free, requests are served again");
    }
  }

  @Test
  void aQueuedRequestThatWaitsTooLongIs503() throws Exception {
    try (Held held = Held.start(new ServeOptions("127.0.0.1", 0, 1, 1, 16, 200))) {
      HttpResponse<byte[]> waited = get(held.server(), "/generate?n=1&format=npy");
      assertEquals(503, waited.statusCode());
      assertTrue(json(waited).get("error").asText().contains("timed out after 200 ms"));
      assertEquals(200, held.release());
    }
  }

  @Test
  void aConditionalRunHonoursClassAndAnInfoGanRunCode() throws IOException {
    Path cgan = CliHarness.ring8Run("cgan");
    Path info = CliHarness.ring8Run("infogan");
    try (ServedRun model = ServedRun.open(cgan);
        GeneratorServer s = GeneratorServer.start(model, ServeOptions.defaults().withPort(0));
        RunSampler sampler = RunSampler.open(cgan, "none", null)) {
      NpyFile.Array three = npy(get(s, "/generate?n=6&seed=2&class=3&format=npy"), tmp);
      assertArrayEquals(new long[] {6, 2}, three.shape());
      assertArrayEquals(sampler.sample(6, 2, 3), three.values(), "every sample asked for class 3");
      NpyFile.Array five = npy(get(s, "/generate?n=6&seed=2&class=5&format=npy"), tmp);
      assertFalse(java.util.Arrays.equals(three.values(), five.values()));
      HttpResponse<byte[]> out = get(s, "/generate?class=8");
      assertEquals(400, out.statusCode());
      assertTrue(json(out).get("error").asText().contains("class must be in 0..7"));
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(
          get(s, "/generate?n=6&class=1").body()));
      assertEquals(400, png.getWidth(), "a 2-D run's PNG is a scatter");
    }
    try (ServedRun model = ServedRun.open(info);
        GeneratorServer s = GeneratorServer.start(model, ServeOptions.defaults().withPort(0));
        RunSampler sampler = RunSampler.open(info, "none", null)) {
      NpyFile.Array coded = npy(get(s, "/generate?n=4&seed=9&format=npy&code=cat0%3D2"), tmp);
      assertArrayEquals(sampler.sample(4, 9, sampler.codes().parse("cat0=2")), coded.values());
      HttpResponse<byte[]> bad = get(s, "/generate?code=cat0%3D99");
      assertEquals(400, bad.statusCode());
      assertTrue(json(bad).get("error").asText().contains("code cat0=99"));
    }
  }

  @Test
  void badServeOptionsAreOneLineAndExitTwo() {
    String runDir = CliHarness.mnistRun().toString();
    assertBadInput(run("serve", "--run", runDir, "--port", "70000"),
        "--port must be in 0..65535, got 70000");
    assertBadInput(run("serve", "--run", runDir, "--workers", "0"), "--workers must be in 1..64");
    assertBadInput(run("serve", "--run", runDir, "--max-n", "5000"), "--max-n must be in 1..4096");
    assertBadInput(run("serve", "--run", tmp.resolve("none").toString()), "none");
  }

  @Test
  void aPortInUseIsOneLineAndExitTwo() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertBadInput(run("serve", "--run", CliHarness.mnistRun().toString(), "--port",
          Integer.toString(port)), "cannot listen on 127.0.0.1:" + port);
    }
  }

  @Test
  void theCommandServesUntilItsThreadIsInterrupted() throws Exception {
    CountDownLatch listening = new CountDownLatch(1);
    StringBuilder printed = new StringBuilder();
    Writer out = new Writer() {
      @Override
      public void write(char[] buf, int off, int len) {
        synchronized (printed) {
          printed.append(buf, off, len);
          if (printed.indexOf("\n") >= 0) {
            listening.countDown();
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    int[] exit = {-1};
    StringWriter err = new StringWriter();
    Thread t = new Thread(() -> {
      picocli.CommandLine cli = Gan4jCli.commandLine();
      cli.setOut(new java.io.PrintWriter(out, true));
      cli.setErr(new java.io.PrintWriter(err, true));
      exit[0] = cli.execute("serve", "--run", CliHarness.mnistRun().toString(), "--port", "0");
      listening.countDown();
    });
    t.start();
    assertTrue(listening.await(60, TimeUnit.SECONDS), "the command prints its address");
    assertTrue(t.isAlive(), () -> "the command ended: exit " + exit[0] + ", " + err);
    String line;
    synchronized (printed) {
      line = printed.toString().strip();
    }
    assertTrue(line.matches("serving .* \\(step 3\\) on http://127\\.0\\.0\\.1:\\d+"), line);
    String url = line.substring(line.indexOf("http://"));
    HttpResponse<byte[]> health = send(HttpRequest.newBuilder(URI.create(url + "/health")).build());
    assertEquals(200, health.statusCode());
    t.interrupt();
    t.join(30_000);
    assertFalse(t.isAlive());
    assertEquals(Gan4jCli.OK, exit[0]);
  }
}
