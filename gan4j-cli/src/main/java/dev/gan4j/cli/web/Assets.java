package dev.gan4j.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The files the page is made of, read from the jar: gan4j's page, script and style, and uPlot's
 * script and style from its web jar (org.webjars.npm:uplot), whose version is read from the web
 * jar's own pom.properties.
 */
final class Assets {
  private static final String OWN = "/dev/gan4j/cli/web/";

  private Assets() {}

  /** gan4j's own asset {@code name} (dashboard.html, app.js, app.css, report.html). */
  static byte[] own(String name) {
    return read(OWN + name);
  }

  /** uPlot's {@code dist/} file {@code name} (uPlot.iife.min.js, uPlot.min.css). */
  static byte[] uplot(String name) {
    return read("/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/" + name);
  }

  /** The bundled uPlot's version. */
  static String uplotVersion() {
    Properties p = new Properties();
    try (InputStream in =
        Assets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("uPlot's web jar is not on the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
