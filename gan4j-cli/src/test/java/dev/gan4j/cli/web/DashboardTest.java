package dev.gan4j.cli.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gan4j.Gan4jException;
import dev.gan4j.RunDirectoryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's server over hand-written runs: what it answers, and what it never serves. */
class DashboardTest {
  @TempDir Path tmp;

  private Path runs;
  private Dashboard dashboard;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    runs = tmp.resolve("runs");
    FakeRuns.write(runs.resolve("ring"));
    Files.createDirectories(runs.resolve("not-a-run")); // no config.json
    Files.writeString(tmp.resolve("secret.txt"), "outside the runs folder");
    dashboard = Dashboard.start(runs, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    dashboard.close();
  }

  private HttpResponse<byte[]> get(String rawPath) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + rawPath)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private JsonNode json(String rawPath) throws Exception {
    HttpResponse<byte[]> r = get(rawPath);
    assertEquals(200, r.statusCode(), rawPath);
    return RunView.JSON.readTree(r.body());
  }

  @Test
  void listsOnlyTheFoldersThatHoldARun() throws Exception {
    JsonNode list = json("/api/runs");
    assertEquals(1, list.size(), list::toString);
    assertEquals("ring", list.get(0).path("name").asText());
  }

  @Test
  void aRunsViewHoldsItsCompleteRowsAlarmsReferencesAndPictures() throws Exception {
    JsonNode view = json("/api/run?name=ring");
    assertEquals(FakeRuns.HEADER, texts(view.path("columns")));
    JsonNode rows = view.path("rows");
    assertEquals(3, rows.size(), "the half-written fourth row is not a row yet: " + rows);
    assertEquals(20, rows.get(1).get(0).asInt());
    assertEquals(3.0, rows.get(1).get(8).asDouble());
    assertTrue(rows.get(0).get(8).isNull(), "a step not evaluated has no metric value");
    assertEquals(1, view.path("alarms").size());
    JsonNode alarm = view.path("alarms").get(0);
    assertEquals(20, alarm.path("step").asLong());
    assertEquals("modes", alarm.path("signal").asText());
    assertEquals("only 3 of 8 modes captured", alarm.path("message").asText());
    assertEquals(8.0, view.path("references").path("mixture.modes").asDouble());
    assertEquals(0.00122, view.path("references").path("mixture.reverse_kl").asDouble(), 1e-12);
    assertEquals("[0,10,20]", view.path("samples").toString());
    assertEquals(7, view.path("config").path("seed").asInt());
    assertEquals("0.34.0", view.path("provenance").path("djl").asText());
  }

  private static String texts(JsonNode array) {
    StringBuilder s = new StringBuilder();
    array.forEach(n -> s.append(s.length() == 0 ? "" : ",").append(n.asText()));
    return s.toString();
  }

  @Test
  void anUnchangedRunAnswersShortlyAndAChangedOneAnswersAgain() throws Exception {
    String version = json("/api/run?name=ring").path("version").asText();
    assertTrue(json("/api/run?name=ring&since=" + version).path("unchanged").asBoolean());
    Files.writeString(runs.resolve("ring/metrics.csv"),
        Files.readString(runs.resolve("ring/metrics.csv")) + ",0.9,0.6,0.4,130.0,0.4,,\n"); // the row completed
    JsonNode again = json("/api/run?name=ring&since=" + version);
    assertFalse(again.path("unchanged").asBoolean());
    assertEquals(4, again.path("rows").size(), "the finished fourth row arrives");
  }

  @Test
  void servesTheSamplePicturesAsTheyAre() throws Exception {
    HttpResponse<byte[]> r = get("/file?run=ring&sample=step-00000010.png");
    assertEquals(200, r.statusCode());
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(Files.readAllBytes(runs.resolve("ring/samples/step-00000010.png")), r.body());
  }

  @Test
  void neverServesAFileOutsideTheRunsFolder() throws Exception {
    Files.createSymbolicLink(runs.resolve("ring/samples/step-00000099.png"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(runs.resolve("linked"), tmp); // a "run" that is a link out of the folder
    Files.writeString(tmp.resolve("config.json"), "{}");
    String[] attempts = {
      "/file?run=ring&sample=../config.json",
      "/file?run=ring&sample=..%2F..%2F..%2Fsecret.txt",
      "/file?run=..&sample=secret.txt",
      "/file?run=ring&sample=step-00000099.png", // a link to the secret
      "/file?run=linked&sample=step-00000000.png",
      "/api/run?name=..",
      "/api/run?name=..%2Fsecret.txt",
      "/api/run?name=linked",
      "/api/run?name=%2Fetc",
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/assets/..%2F..%2Fsecret.txt",
      "/file?run=ring&sample=%",
    };
    for (String a : attempts) {
      Raw r = raw(a);
      assertFalse(r.body().contains("outside the runs folder"), a + " served the secret");
      assertTrue(r.status() == 404 || r.status() == 400, a + " answered " + r.status());
    }
    assertEquals(1, json("/api/runs").size(), "a linked folder is not listed as a run");
  }

  // The request line exactly as written (HttpClient would normalize "..").
  private Raw raw(String rawPath) throws IOException {
    return raw(rawPath, "127.0.0.1");
  }

  private Raw raw(String rawPath, String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", dashboard.port())) {
      s.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Raw(Integer.parseInt(response.substring(9, 12)),
          response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }

  private record Raw(int status, String body) {}

  @Test
  void servesThePageAndItsChartLibraryFromTheJarWithNothingFromOutside() throws Exception {
    String page = new String(get("/").body(), StandardCharsets.UTF_8);
    assertTrue(page.contains("/assets/uPlot.iife.min.js"), page);
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), page);
    String uplot = new String(get("/assets/uPlot.iife.min.js").body(), StandardCharsets.UTF_8);
    assertTrue(uplot.contains("uPlot"), "the web jar's uPlot is served");
    assertEquals(200, get("/assets/app.js").statusCode());
    assertEquals(200, get("/assets/uPlot.min.css").statusCode());
    assertEquals(404, get("/assets/uPlot.cjs.js").statusCode(), "only the four named assets");
  }

  @Test
  void answersOnlyToALoopbackHostAndOnlyToReads() throws Exception {
    assertEquals(200, raw("/api/runs", "localhost:" + dashboard.port()).status());
    // A page of another site whose name was rebound to 127.0.0.1 sends its own name.
    assertEquals(403, raw("/api/runs", "attacker.example:" + dashboard.port()).status());
    HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port()
        + "/api/runs")).POST(HttpRequest.BodyPublishers.ofString("x")).build();
    assertEquals(405, http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void refusesAMissingFolderAPortInUseAndAPortOutOfRange() throws IOException {
    assertThrows(RunDirectoryException.class,
        () -> Dashboard.start(tmp.resolve("nowhere"), "127.0.0.1", 0));
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Gan4jException e = assertThrows(Gan4jException.class,
          () -> Dashboard.start(runs, "127.0.0.1", taken.getLocalPort()));
      assertTrue(e.getMessage().contains("choose another --port"), e.getMessage());
    }
    assertThrows(dev.gan4j.InvalidConfigException.class, () -> Dashboard.start(runs, "127.0.0.1", 70000));
  }

  @Test
  void closingStopsServing() {
    int port = dashboard.port();
    dashboard.close();
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
  }
}
