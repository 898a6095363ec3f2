package dev.gan4j.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.io.TrainingMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the page shows of one run, as JSON read from its files: the resolved config and provenance,
 * metrics.csv as columns and rows (an empty cell is null), each metric column's real-data reference
 * (from run.log, else from eval.json), the collapse alarms of run.log with their steps, the steps
 * of its sample pictures, eval.json and the end of run.log. A file being written is read up to its
 * last complete line, so a reader never sees half a row.
 *
 * <pre>{@code ObjectNode json = RunView.of(folder, "ring", folder.run("ring").orElseThrow());}</pre>
 */
public final class RunView {
  static final ObjectMapper JSON = new ObjectMapper();

  /** {@code <timestamp> ALARM step N: signal: message}, as TrainingMonitor logs it. */
  private static final Pattern ALARM = Pattern.compile("^(\\S+) ALARM step (\\d+): ([^:]+): (.*)$");

  private static final int LOG_LINES = 200;

  private RunView() {}

  /**
   * A token that changes whenever a file the view reads changes (sizes and modification times), so
   * a client polling an unchanged run gets a short answer.
   */
  public static String version(RunsFolder folder, Path run) {
    StringBuilder v = new StringBuilder();
    for (String name :
        List.of("metrics.csv", "run.log", "eval.json", "config.json", "provenance.json")) {
      Path f = run.resolve(name);
      try {
        v.append(Files.size(f)).append('.').append(Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        v.append('-');
      }
      v.append('/');
    }
    List<Long> samples = folder.sampleSteps(run);
    v.append(samples.size()).append('.')
        .append(samples.isEmpty() ? -1 : samples.get(samples.size() - 1));
    return v.toString();
  }

  /** The view of the run {@code name} at {@code run}. */
  public static ObjectNode of(RunsFolder folder, String name, Path run) {
    ObjectNode out = JSON.createObjectNode();
    out.put("name", name);
    out.put("version", version(folder, run));
    out.set("config", json(folder.read(run, "config.json")));
    out.set("provenance", json(folder.read(run, "provenance.json")));
    JsonNode eval = json(folder.read(run, "eval.json"));
    out.set("eval", eval);
    metrics(folder.read(run, "metrics.csv").orElse(""), out);
    String log = completeLines(folder.read(run, "run.log").orElse(""));
    ArrayNode alarms = out.putArray("alarms");
    ObjectNode references = out.putObject("references");
    List<String> lines = log.lines().toList();
    for (String line : lines) {
      Matcher m = ALARM.matcher(line);
      if (m.matches()) {
        alarms.addObject().put("time", m.group(1)).put("step", Long.parseLong(m.group(2)))
            .put("signal", m.group(3)).put("message", m.group(4));
      }
      int at = line.indexOf(TrainingMonitor.REFERENCE_LINE);
      if (at >= 0) { // the newest session's references win
        references.removeAll();
        String pairs = line.substring(at + TrainingMonitor.REFERENCE_LINE.length()).trim();
        for (String pair : pairs.split(" ")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            references.set(pair.substring(0, eq), number(pair.substring(eq + 1)));
          }
        }
      }
    }
    out.put("referenceSource", references.isEmpty() ? "eval.json" : "run.log");
    if (references.isEmpty() && eval != null) { // an older run: the references of gan4j eval
      for (JsonNode metric : eval.path("metrics")) {
        metric.path("reference").fields().forEachRemaining(
            e -> references.set(metric.path("metric").asText() + "." + e.getKey(), e.getValue()));
      }
    }
    ArrayNode log200 = out.putArray("log");
    lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()).forEach(log200::add);
    ArrayNode samples = out.putArray("samples");
    folder.sampleSteps(run).forEach(samples::add);
    return out;
  }

  // metrics.csv as "columns" and "rows"; a row whose cell count differs from the header's is left
  // out (a layout change after a resume), as is an unparsable cell's row.
  private static void metrics(String csv, ObjectNode out) {
    List<String> lines = completeLines(csv).lines().toList();
    ArrayNode columns = out.putArray("columns");
    ArrayNode rows = out.putArray("rows");
    if (lines.isEmpty()) {
      return;
    }
    String[] header = lines.get(0).split(",", -1);
    for (String h : header) {
      columns.add(h);
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells.length != header.length) {
        continue;
      }
      ArrayNode row = JSON.createArrayNode();
      try {
        for (String c : cells) {
          if (c.isEmpty()) {
            row.addNull();
          } else {
            double v = Double.parseDouble(c);
            if (Double.isFinite(v)) {
              row.add(v);
            } else {
              row.addNull();
            }
          }
        }
      } catch (NumberFormatException e) {
        continue;
      }
      rows.add(row);
    }
  }

  private static String completeLines(String text) {
    int end = text.lastIndexOf('\n');
    return end < 0 ? "" : text.substring(0, end + 1);
  }

  private static JsonNode number(String s) {
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? JSON.getNodeFactory().numberNode(v) : JSON.nullNode();
    } catch (NumberFormatException e) {
      return JSON.nullNode();
    }
  }

  private static JsonNode json(Optional<String> text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(text.get());
    } catch (IOException e) {
      return null; // being rewritten: absent until the next look
    }
  }
}
