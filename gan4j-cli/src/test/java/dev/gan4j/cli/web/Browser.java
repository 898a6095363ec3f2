package dev.gan4j.cli.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the web tests, driven by Selenium through the system's chromedriver (the
 * Debian packages chromium and chromium-driver, or GAN4J_CHROMIUM and GAN4J_CHROMEDRIVER). Both
 * paths are given explicitly, so Selenium Manager never runs (it would download a driver), and the
 * browser starts with everything that calls home switched off. When either is missing, or the
 * browser does not start, the calling test is skipped, saying why.
 */
final class Browser implements AutoCloseable {
  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** A browser with a fresh profile under {@code tmp}, or the calling test skipped. */
  static Browser open(Path tmp) throws IOException {
    String chromium = env("GAN4J_CHROMIUM", "/usr/bin/chromium");
    String chromedriver = env("GAN4J_CHROMEDRIVER", "/usr/bin/chromedriver");
    Assumptions.assumeTrue(Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(chromedriver)),
        "no headless browser: " + chromium + " or " + chromedriver + " is missing (apt-get install"
            + " chromium chromium-driver, or set GAN4J_CHROMIUM and GAN4J_CHROMEDRIVER)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1700",
        "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver))
        .usingAnyFreePort()
        .build();
    try {
      return new Browser(new ChromeDriver(service, options));
    } catch (org.openqa.selenium.WebDriverException e) {
      Assumptions.abort("the headless browser did not start: " + e.getMessage().lines().findFirst().orElse(""));
      throw e; // not reached
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  WebDriver driver() {
    return driver;
  }

  /** Runs {@code script} in the page and returns its value. */
  Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /**
   * Looks every 100 ms, for up to {@code seconds}, until {@code condition} gives a value.
   *
   * @throws AssertionError when it gave none in time
   */
  <T> T await(int seconds, String what, Function<WebDriver, T> condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      T value = condition.apply(driver);
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + seconds + " s for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Saves what the window shows as a PNG. */
  void screenshot(Path png) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
