package dev.gan4j.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.io.TrainingRun;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium) while a short ring8 run trains: the page,
 * opened once, sees the loss curve gain points and the sample grid move on without a reload, and
 * leaves screenshots in target/ (dashboard-browser-test.png while it trains, -end.png after);
 * ticking a second run then overlays its curves (-compare.png). Skipped, saying why, without a browser.
 */
class DashboardBrowserTest {
  @TempDir Path tmp;

  private static final String POINTS = "return window.gan4j && window.gan4j.charts.loss"
      + " ? window.gan4j.charts.loss.points : 0";
  private static final String GRID = "const i = document.querySelector('.grid-card img');"
      + " return i && i.complete && i.naturalWidth > 0 ? i.dataset.step : null";

  @Test
  @Timeout(120)
  void thePageFollowsARunWhileItTrains() throws Exception {
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    FakeRuns.write(runs.resolve("earlier")); // a finished run to compare with
    try (Browser browser = Browser.open(tmp);
        Dashboard dashboard = Dashboard.start(runs, "127.0.0.1", 0)) {
      RunConfig config = ConfigLoader.resolve("ring8", null, Map.of(
          "loop.steps", "400", "output.logEvery", "10", "output.sampleEvery", "100",
          "output.checkpointEvery", "1000", "eval.every", "200", "eval.samples", "500"));
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread training = new Thread(() -> {
        try {
          TrainingRun.start(config, runs.resolve("ring"), new TrainingRun.Options(
              tmp.resolve("data"), false, null, false, m -> { }, TrainingRun.OnDivergence.STOP));
        } catch (Throwable t) {
          failed.set(t);
        }
      }, "training");
      training.start();
      browser.driver().get(dashboard.url("ring").toString());
      browser.js("window.openedOnce = true;");

      long first = browser.await(60, "a first point of the loss curve", d -> {
        long n = ((Number) browser.js(POINTS)).longValue();
        return n > 0 ? n : null;
      });
      String firstGrid = browser.await(60, "a first sample grid", d -> (String) browser.js(GRID));
      long later = browser.await(60, "more points and a newer grid", d -> {
        long n = ((Number) browser.js(POINTS)).longValue();
        String grid = (String) browser.js(GRID);
        return n > first && grid != null && !grid.equals(firstGrid) ? n : null;
      });
      String laterGrid = (String) browser.js(GRID);
      browser.screenshot(Path.of("target", "dashboard-browser-test.png"));

      assertTrue(later > first, "the loss curve gained points: " + first + " -> " + later);
      assertNotEquals(firstGrid, laterGrid, "the grid moved on");
      assertEquals(Boolean.TRUE, browser.js("return window.openedOnce === true"),
          "the page was never reloaded");
      training.join(90_000);
      assertEquals(null, failed.get(), () -> "training failed: " + failed.get());
      // The whole run, as the page shows it once training has ended: 40 rows, the grid of step 400.
      browser.await(30, "the last row and grid", d ->
          ((Number) browser.js(POINTS)).longValue() == 40 && "400".equals(browser.js(GRID)) ? 1 : null);
      browser.screenshot(Path.of("target", "dashboard-browser-test-end.png"));

      // Ticking the earlier run overlays its curves and adds its grid.
      browser.driver().findElement(org.openqa.selenium.By.cssSelector("nav input[value=earlier]")).click();
      browser.await(10, "the two runs overlaid", d -> Long.valueOf(5).equals(browser.js(
          "return window.gan4j.charts.loss.plot.series.length")) ? 1 : null);
      assertEquals(2L, browser.js("return document.querySelectorAll('.grid-card').length"));
      assertEquals("earlier: loss_d", browser.js("return window.gan4j.charts.loss.plot.series[1].label"));
      assertEquals("ring: loss_d", browser.js("return window.gan4j.charts.loss.plot.series[3].label"));
      assertTrue(browser.driver().getCurrentUrl().endsWith("#run=earlier,ring"),
          browser.driver().getCurrentUrl());
      browser.screenshot(Path.of("target", "dashboard-browser-test-compare.png"));
    }
  }
}
