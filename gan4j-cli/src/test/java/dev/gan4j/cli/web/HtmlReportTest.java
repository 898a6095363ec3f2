package dev.gan4j.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-file report of a hand-written run: self-contained, holding the run, opening offline. */
class HtmlReportTest {
  @TempDir Path tmp;

  /** An attribute or CSS url() that would make the browser fetch something from elsewhere. */
  static final Pattern EXTERNAL = Pattern.compile(
      "(?i)(\\b(src|href|action|poster)\\s*=\\s*[\"']?\\s*(https?:)?//)|(url\\(\\s*[\"']?\\s*(https?:)?//)"
          + "|(@import)|(<link\\b)|(<iframe\\b)");

  static JsonNode data(String html) throws IOException {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"gan4j-report\">(.*?)</script>",
        Pattern.DOTALL).matcher(html);
    assertTrue(m.find(), "the report's data element");
    return RunView.JSON.readTree(m.group(1));
  }

  @Test
  void holdsTheRunsDataAndPicturesAndReferencesNothingOutside() throws IOException {
    Path run = FakeRuns.write(tmp.resolve("ring"));
    byte[] walk = FakeRuns.png(0x123456);
    Path out = tmp.resolve("report.html");
    HtmlReport.write(run, out, new HtmlReport.Walk(null, walk, "four walks"));
    String html = Files.readString(out, StandardCharsets.UTF_8);

    assertFalse(EXTERNAL.matcher(html).find(), () -> "an external reference: " + find(html));
    assertTrue(html.contains("uPlot"), "the chart library is inlined");
    JsonNode data = data(html);
    JsonNode view = data.path("runs").path("ring");
    assertEquals(3, view.path("rows").size());
    assertEquals(1.25, view.path("rows").get(1).get(2).asDouble(), "loss_d at step 20");
    assertEquals("only 3 of 8 modes captured", view.path("alarms").get(0).path("message").asText());
    assertEquals(8.0, view.path("references").path("mixture.modes").asDouble());
    JsonNode images = data.path("images").path("ring");
    assertEquals(3, images.size(), "one picture per sample step");
    String expected = "data:image/png;base64," + java.util.Base64.getEncoder()
        .encodeToString(Files.readAllBytes(run.resolve("samples/step-00000010.png")));
    assertEquals(expected, images.path("10").asText());
    assertEquals("data:image/png;base64,"
        + java.util.Base64.getEncoder().encodeToString(walk), data.path("walk").get(0).asText());
  }

  private static String find(String html) {
    Matcher m = EXTERNAL.matcher(html);
    return m.find() ? html.substring(Math.max(0, m.start() - 40), Math.min(html.length(), m.end() + 40)) : "";
  }

  @Test
  void aRunsTextCannotEndTheScriptThatHoldsIt() throws IOException {
    Path run = FakeRuns.write(tmp.resolve("ring"));
    Files.writeString(run.resolve("run.log"),
        "2026-12-03T10:00:00Z note </script><script>alert(1)</script>\n",
        java.nio.file.StandardOpenOption.APPEND);
    String html = HtmlReport.html(run, null);
    int scripts = html.split("<script", -1).length - 1;
    int ends = html.split("</script>", -1).length - 1;
    assertEquals(3, scripts, "the data, uPlot and the page script");
    assertEquals(scripts, ends);
    assertTrue(data(html).path("runs").path("ring").path("log").toString().contains("alert(1)"),
        "the line is kept, as data");
  }

  @Test
  void aLongRunsGridsAreThinnedEvenlyKeepingTheFirstAndLast() {
    List<Long> steps = new ArrayList<>();
    for (long s = 0; s <= 10_000; s += 100) {
      steps.add(s);
    }
    List<Long> kept = HtmlReport.thin(steps);
    assertEquals(HtmlReport.MAX_GRIDS, kept.size());
    assertEquals(0L, kept.get(0));
    assertEquals(10_000L, kept.get(kept.size() - 1));
    assertEquals(steps.subList(0, 5), HtmlReport.thin(steps.subList(0, 5)));
  }

  @Test
  void opensOfflineInAHeadlessBrowser() throws Exception {
    Path run = FakeRuns.write(tmp.resolve("ring"));
    Path out = tmp.resolve("report.html");
    HtmlReport.write(run, out, new HtmlReport.Walk(null, FakeRuns.png(1), "a walk"));
    try (Browser browser = Browser.open(tmp)) {
      browser.driver().get(out.toUri().toString());
      long points = browser.await(20, "the report's loss curve", d -> {
        Object n = browser.js("return window.gan4j && window.gan4j.charts.loss"
            + " ? window.gan4j.charts.loss.points : null");
        return n == null ? null : ((Number) n).longValue();
      });
      assertEquals(3, points);
      assertEquals(3L, browser.js("return document.querySelectorAll('.strip img').length"));
      assertEquals(Boolean.TRUE, browser.js("const i = document.querySelector('.grid-card img');"
          + " return i.complete && i.naturalWidth === 4"), "the newest grid shows, from the file");
      assertEquals(1L, browser.js("return document.querySelectorAll('.alarm').length"));
      browser.screenshot(Path.of("target", "report-browser-test.png"));
    }
  }
}
