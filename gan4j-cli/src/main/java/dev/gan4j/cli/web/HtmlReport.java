package dev.gan4j.cli.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.io.AtomicFiles;
import dev.gan4j.io.Provenance;
import dev.gan4j.io.RunDirectory;
import dev.gan4j.io.WriteFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A run as one self-contained HTML file: the dashboard's page with uPlot, the page script, the run's
 * data ({@link RunView}) and its sample pictures (as {@code data:} URIs) inlined, so it opens
 * offline in any browser and can be mailed or attached as it is. Besides what the dashboard shows
 * (config, provenance, curves, metric panels beside their references, alarms, the evaluation table
 * of eval.json), it lays the grids side by side over time and shows a latent walk when given one.
 * A long run's grids are thinned to {@value #MAX_GRIDS}, evenly spaced, first and last kept.
 *
 * <pre>{@code HtmlReport.write(Path.of("runs/ring"), Path.of("report.html"), walk);}</pre>
 */
public final class HtmlReport {
  /** The most sample pictures a report inlines. */
  public static final int MAX_GRIDS = 24;

  /**
   * A latent walk for the report ({@link dev.gan4j.io.LatentWalk}).
   *
   * @param gif the walk as an animation, or null when there is none
   * @param strip the walk as one picture (PNG), or null when there is none
   * @param note what it shows, or why there is none
   */
  public record Walk(byte[] gif, byte[] strip, String note) {}

  private HtmlReport() {}

  /**
   * Writes the report of the run at {@code runDir} to {@code out} (replaced atomically).
   *
   * @throws dev.gan4j.RunDirectoryException when {@code runDir} is not a run
   * @throws WriteFailedException when {@code out} cannot be written
   */
  public static void write(Path runDir, Path out, Walk walk) {
    String html = html(runDir, walk);
    try {
      AtomicFiles.writeString(out, html);
    } catch (IOException e) {
      throw new WriteFailedException(out, e);
    }
  }

  /** The report's HTML, as {@link #write} writes it. */
  public static String html(Path runDir, Walk walk) {
    RunDirectory.openForResume(runDir); // a run: a folder with config.json
    RunsFolder folder = new RunsFolder(runDir);
    Map.Entry<String, Path> run = folder.runs().entrySet().iterator().next();
    ObjectNode view = RunView.of(folder, run.getKey(), run.getValue());
    ObjectNode images = RunView.JSON.createObjectNode();
    ObjectNode pictures = images.putObject(run.getKey());
    ArrayNode kept = RunView.JSON.createArrayNode();
    for (long step : thin(folder.sampleSteps(run.getValue()))) {
      folder.samplePicture(run.getValue(), String.format("step-%08d.png", step))
          .ifPresent(
              p -> {
                pictures.put(Long.toString(step), dataUri("image/png", read(p)));
                kept.add(step);
              });
    }
    view.set("samples", kept);
    ObjectNode data = RunView.JSON.createObjectNode();
    data.put("createdAt", Instant.now().toString());
    data.put("gan4j", Provenance.gan4jVersion());
    data.putObject("runs").set(run.getKey(), view);
    data.set("images", images);
    ArrayNode walkPictures = data.putArray("walk");
    if (walk != null && walk.gif() != null) {
      walkPictures.add(dataUri("image/gif", walk.gif()));
    }
    if (walk != null && walk.strip() != null) {
      walkPictures.add(dataUri("image/png", walk.strip()));
    }
    data.put("walkNote", walk == null ? "No latent walk." : walk.note());
    String json;
    try {
      json = RunView.JSON.writeValueAsString(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new String(Assets.own("report.html"), StandardCharsets.UTF_8)
        .replace("@TITLE@", escapeHtml(run.getKey()))
        .replace("@UPLOT_CSS@", inline(Assets.uplot("uPlot.min.css")))
        .replace("@APP_CSS@", inline(Assets.own("app.css")))
        // "<" only occurs inside JSON strings, where \u003c reads the same: no "</script>" early
        .replace("@DATA@", json.replace("<", "\\u003c"))
        .replace("@UPLOT_JS@", inline(Assets.uplot("uPlot.iife.min.js")))
        .replace("@APP_JS@", inline(Assets.own("app.js")));
  }

  /** At most {@link #MAX_GRIDS} of {@code steps}, evenly spaced, the first and last kept. */
  static List<Long> thin(List<Long> steps) {
    if (steps.size() <= MAX_GRIDS) {
      return steps;
    }
    List<Long> kept = new ArrayList<>();
    for (int i = 0; i < MAX_GRIDS; i++) {
      kept.add(steps.get((int) Math.round(i * (steps.size() - 1) / (double) (MAX_GRIDS - 1))));
    }
    return kept;
  }

  // A script or style inlined in the page: "</" could end its element early.
  private static String inline(byte[] asset) {
    return new String(asset, StandardCharsets.UTF_8).replace("</", "<\\/");
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String dataUri(String type, byte[] bytes) {
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new dev.gan4j.RunDirectoryException(p + ": cannot read: " + e.getMessage(), e);
    }
  }
}
