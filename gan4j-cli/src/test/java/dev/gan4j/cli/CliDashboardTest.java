package dev.gan4j.cli;

import static dev.gan4j.cli.CliHarness.assertBadInput;
import static dev.gan4j.cli.CliHarness.assertOk;
import static dev.gan4j.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.cli.CliHarness.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan4j report}, {@code gan4j ui} and {@code gan4j train --ui} from the command line. */
class CliDashboardTest {
  @TempDir Path tmp;

  private static final Pattern EXTERNAL = Pattern.compile(
      "(?i)(\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//)|(url\\(\\s*[\"']?\\s*(https?:)?//)");

  @Test
  void aReportOfATrainedRunHoldsItsGridsAndALatentWalkAndLeavesTheRunAsItWas() throws IOException {
    Path ring = CliHarness.ring8Run();
    Map<String, String> before = CliHarness.snapshot(ring);
    Path out = tmp.resolve("ring.html");
    Result r = run("report", "--run", ring.toString(), "--out", out.toString(), "--frames", "4");
    assertOk(r);
    assertEquals("report: " + out, r.out().strip());
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertFalse(EXTERNAL.matcher(html).find(), "nothing fetched from elsewhere");
    long grids;
    try (var s = Files.list(ring.resolve("samples"))) {
      grids = s.count();
    }
    assertEquals(grids + 1, count(html, "data:image/png;base64,"), "every grid, and the walk's strip");
    assertEquals(1, count(html, "data:image/gif;base64,"), "the walk's animation");
    assertTrue(html.contains("from the checkpoint of step 40"), "the walk says where it comes from");
    String lastRow = Files.readAllLines(ring.resolve("metrics.csv")).get(4);
    assertTrue(lastRow.startsWith("40,"), lastRow);
    assertTrue(html.contains("[40.0,"), "the last row of metrics.csv is in the data");
    assertEquals(before, CliHarness.snapshot(ring), "the run is unchanged");
  }

  private static int count(String text, String what) {
    return text.split(Pattern.quote(what), -1).length - 1;
  }

  @Test
  void withoutOutTheReportGoesIntoTheRunFolder() throws IOException {
    Path copy = CliHarness.copyTree(CliHarness.ring8Run(), tmp.resolve("ring"));
    assertOk(run("report", "--run", copy.toString(), "--frames", "0"));
    String html = Files.readString(copy.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("No latent walk (--frames 0)."));
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws IOException {
    assertBadInput(run("report", "--run", tmp.resolve("nowhere").toString()), "no such run folder");
    Path notRun = Files.createDirectories(tmp.resolve("not-a-run"));
    assertBadInput(run("report", "--run", notRun.toString()), "not a gan4j run");
    assertBadInput(run("report", "--run", CliHarness.ring8Run().toString(), "--frames", "1",
        "--out", tmp.resolve("r.html").toString()), "--frames");
    assertFalse(Files.exists(tmp.resolve("r.html")));
    assertBadInput(run("ui", tmp.resolve("nowhere").toString(), "--port", "0"), "no such folder");
    assertBadInput(run("ui", tmp.toString(), "--port", "70000"), "--port");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertBadInput(run("ui", tmp.toString(), "--port", Integer.toString(taken.getLocalPort())),
          "choose another --port");
      // train --ui refuses a port in use before it makes the run folder
      Path out = tmp.resolve("runs/ring");
      List<String> args = new ArrayList<>(List.of(CliHarness.ring8Args(out)));
      args.addAll(List.of("--ui", "--ui-port", Integer.toString(taken.getLocalPort())));
      assertBadInput(run(args.toArray(String[]::new)), "choose another --port");
      assertFalse(Files.exists(out.getParent()), "no folder made");
      // --ui-port or --ui-host without --ui would be ignored: refused instead, before any folder
      List<String> noUi = new ArrayList<>(List.of(CliHarness.ring8Args(out)));
      noUi.addAll(List.of("--ui-port", "0"));
      assertBadInput(run(noUi.toArray(String[]::new)), "add --ui");
      assertFalse(Files.exists(out.getParent()), "no folder made");
    }
  }

  @Test
  void trainWithUiServesTheRunWhileItTrainsAndStopsAfter() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path out = tmp.resolve("runs/ring");
    List<String> args = new ArrayList<>(List.of(CliHarness.ring8Args(out)));
    args.set(args.indexOf("40"), "200"); // --steps: long enough to be seen training
    args.addAll(List.of("--ui", "--ui-port", Integer.toString(port)));
    AtomicReference<Result> result = new AtomicReference<>();
    Thread training = new Thread(() -> result.set(run(args.toArray(String[]::new))), "train");
    training.start();
    List<String> seen = new ArrayList<>();
    while (training.isAlive()) {
      String runs = get(port, "/api/runs");
      if (runs != null) {
        seen.add(runs);
      }
      Thread.sleep(50);
    }
    training.join();
    assertOk(result.get());
    assertTrue(seen.stream().anyMatch(s -> s.contains("\"name\":\"ring\"")),
        () -> "the run was listed while it trained: " + seen);
    Matcher url = Pattern.compile("dashboard:  (http://127\\.0\\.0\\.1:" + port + "/#run=ring)")
        .matcher(result.get().err());
    assertTrue(url.find(), result.get()::toString);
    assertTrue(result.get().err().contains("dashboard:  stopped with the training"),
        result.get()::toString);
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(),
        "the dashboard stops with the training");
  }

  // The body of GET path, or null when nothing answers.
  private static String get(int port, String path) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return response.startsWith("HTTP/1.1 200") ? response.substring(response.indexOf("\r\n\r\n") + 4) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
