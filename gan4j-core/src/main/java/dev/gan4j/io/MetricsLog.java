package dev.gan4j.io;

import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.StepResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code metrics.csv} (a row every {@code logEvery} iterations and at the last one) and redraws
 * {@code losses.png} from it every {@code plotEvery} iterations and at the end.
 *
 * <p>Columns: step, epoch, loss_d, loss_g, d_real (mean D(x)), d_fake (mean D(G(z))), samples_per_s
 * (batch size over the iteration's wall time), wall_s (training seconds so far), then the loss's own
 * state when it keeps one (BEGAN: {@code loss.k}, {@code loss.m_global}; InfoGAN's
 * mutual-information bound: {@code loss.mi_bound}), then one column per value of
 * each metric a {@link TrainingMonitor} evaluates (e.g. {@code fd-lenet.fd}), filled on the rows of the
 * steps it evaluated at and empty elsewhere. The plot gains a panel per metric, with its
 * real-versus-real reference as a flat line. On resume, rows after the checkpoint's iteration are
 * dropped first, so the file reads as one uninterrupted run.
 */
public final class MetricsLog implements GanTrainingListener {
  /** The CSV header. */
  public static final String HEADER =
      "step,epoch,loss_d,loss_g,d_real,d_fake,samples_per_s,wall_s";

  private final Path csv;
  private final Path plot;
  private final int logEvery;
  private final int plotEvery;
  private final TrainingMonitor monitor;
  private final List<double[]> rows = new ArrayList<>();
  private List<String> extra = List.of();
  private List<String> lossColumns = List.of();
  private BufferedWriter out;

  /** A log writing {@code csv} and {@code plot}, without metric columns. */
  public MetricsLog(Path csv, Path plot, int logEvery, int plotEvery) {
    this(csv, plot, logEvery, plotEvery, null);
  }

  /**
   * A log writing {@code csv} and {@code plot}, with the metric columns of {@code monitor} (which must
   * run before this log), or none when it is null.
   */
  public MetricsLog(Path csv, Path plot, int logEvery, int plotEvery, TrainingMonitor monitor) {
    this.csv = csv;
    this.plot = plot;
    this.logEvery = logEvery;
    this.plotEvery = plotEvery;
    this.monitor = monitor;
  }

  private String header() {
    return extra.isEmpty() ? HEADER : HEADER + "," + String.join(",", extra);
  }

  @Override
  public void onStart(GanTrainer trainer) {
    List<String> columns = new ArrayList<>();
    // The loss's own state (BEGAN's k and M_global) on every row, then the monitor's metrics.
    lossColumns = new ArrayList<>(trainer.model().reportedState());
    lossColumns.forEach(k -> columns.add("loss." + k));
    if (monitor != null) {
      columns.addAll(monitor.columns());
    }
    extra = List.copyOf(columns);
    keepRowsUpTo(trainer.iteration());
  }

  /**
   * Drops the rows after {@code step} from the file and the plot's data, and appends after them from
   * now on: what a resumed session or a rollback to a checkpoint of that step needs.
   */
  public void rewindTo(long step) {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
    } catch (IOException e) {
      throw new WriteFailedException(csv, e);
    }
    rows.clear();
    keepRowsUpTo(step);
  }

  private void keepRowsUpTo(long step) {
    try {
      List<String> kept = new ArrayList<>();
      kept.add(header());
      if (Files.exists(csv)) {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        // Metric columns are kept only when the earlier session had the same ones.
        boolean sameColumns = !lines.isEmpty() && lines.get(0).equals(header());
        for (String line : lines) {
          double[] row = parse(line, sameColumns);
          if (row != null && row[0] <= step) {
            kept.add(sameColumns ? line : format(row));
            rows.add(row);
          }
        }
      }
      AtomicFiles.writeString(csv, String.join("\n", kept) + "\n");
      out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new WriteFailedException(csv, e);
    }
  }

  /**
   * Checks, writing nothing, that an existing {@code metrics.csv} can be read back on resume (UTF-8
   * text), so a resume refuses before it changes any file of the run.
   *
   * @throws dev.gan4j.RunDirectoryException when it cannot be read
   */
  public static void check(Path csv) {
    if (!Files.exists(csv)) {
      return;
    }
    try {
      Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new dev.gan4j.RunDirectoryException(csv + ": not UTF-8 text (a damaged or foreign file);"
          + " move it away to resume without the earlier rows");
    } catch (IOException e) {
      throw new dev.gan4j.RunDirectoryException(csv + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public void onStep(GanTrainer trainer, StepResult r) {
    boolean last = r.step() == trainer.config().loop().steps();
    boolean evaluated = monitor != null && monitor.latestStep() == r.step();
    if (r.step() % logEvery == 0 || last || evaluated) {
      double[] row = new double[8 + extra.size()];
      double[] base = {
        r.step(), r.epoch(), r.lossD(), r.lossG(), r.dReal(), r.dFake(), r.samplesPerSecond(),
        r.wallSeconds()
      };
      System.arraycopy(base, 0, row, 0, 8);
      for (int i = 0; i < extra.size(); i++) {
        String column = extra.get(i);
        if (i < lossColumns.size()) {
          row[8 + i] = r.lossState().getOrDefault(lossColumns.get(i), Double.NaN);
        } else {
          row[8 + i] = evaluated ? monitor.latest().getOrDefault(column, Double.NaN) : Double.NaN;
        }
      }
      rows.add(row);
      try {
        out.write(format(row) + System.lineSeparator());
        out.flush();
      } catch (IOException e) {
        throw new WriteFailedException(csv, e);
      }
    }
    if (r.step() % plotEvery == 0 && !last) {
      drawPlot();
    }
  }

  @Override
  public void onEnd(GanTrainer trainer) {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      throw new WriteFailedException(csv, e);
    }
    drawPlot();
  }

  /** Redraws the plot from the rows logged so far. */
  public void drawPlot() {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    double[] step = new double[n];
    double[][] cols = new double[4][n];
    for (int i = 0; i < n; i++) {
      step[i] = rows.get(i)[0];
      for (int c = 0; c < 4; c++) {
        cols[c][i] = rows.get(i)[2 + c];
      }
    }
    List<LinePlot.Panel> panels = new ArrayList<>();
    panels.addAll(
        List.of(
            new LinePlot.Panel(
                "loss",
                List.of(
                    new LinePlot.Series("loss_d", step, cols[0]),
                    new LinePlot.Series("loss_g", step, cols[1]))),
            new LinePlot.Panel(
                "discriminator output",
                List.of(
                    new LinePlot.Series("D(x)", step, cols[2]),
                    new LinePlot.Series("D(G(z))", step, cols[3])))));
    panels.addAll(metricPanels(step));
    try {
      LinePlot.write(panels, 900, 300, plot);
    } catch (IOException e) {
      throw new WriteFailedException(plot, e);
    }
  }

  // One panel per metric: each value's evaluations joined (the rows between have none), the
  // real-versus-real reference flat across; spreads (*_std, standard_error) are left out.
  private List<LinePlot.Panel> metricPanels(double[] step) {
    Map<String, List<LinePlot.Series>> byMetric = new LinkedHashMap<>();
    Map<String, Double> refs = monitor == null ? Map.of() : monitor.referenceValues();
    double first = step[0];
    double lastStep = step[step.length - 1];
    for (int c = 0; c < extra.size(); c++) {
      String column = extra.get(c);
      if (column.endsWith("_std") || column.endsWith(".standard_error")) {
        continue;
      }
      List<double[]> points = new ArrayList<>();
      for (double[] row : rows) {
        if (Double.isFinite(row[8 + c])) {
          points.add(new double[] {row[0], row[8 + c]});
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      String metric = column.substring(0, column.indexOf('.'));
      String key = column.substring(column.indexOf('.') + 1);
      double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
      List<LinePlot.Series> series = byMetric.computeIfAbsent(metric, k -> new ArrayList<>());
      series.add(new LinePlot.Series(key, x, y));
      Double ref = refs.get(column);
      if (ref != null && Double.isFinite(ref)) {
        series.add(
            new LinePlot.Series(
                key + " (real)", new double[] {first, lastStep}, new double[] {ref, ref}));
      }
    }
    List<LinePlot.Panel> panels = new ArrayList<>();
    byMetric.forEach(
        (metric, series) ->
            panels.add(new LinePlot.Panel(metric.equals("loss") ? "loss state" : metric, series)));
    return panels;
  }

  // A row in this session's layout: all columns when the layouts match, else the 8 base columns.
  private double[] parse(String line, boolean sameColumns) {
    if (line.isBlank() || line.startsWith("step")) {
      return null;
    }
    String[] parts = line.split(",", -1);
    if (parts.length < 8 || (sameColumns && parts.length != 8 + extra.size())) {
      return null;
    }
    double[] row = new double[8 + extra.size()];
    java.util.Arrays.fill(row, Double.NaN);
    try {
      for (int i = 0; i < (sameColumns ? row.length : 8); i++) {
        row[i] = parts[i].isEmpty() ? Double.NaN : Double.parseDouble(parts[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return row;
  }

  private static String format(double[] row) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d,%.4f,%.6f,%.6f,%.6f,%.6f,%.1f,%.3f",
                (long) row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]));
    for (int i = 8; i < row.length; i++) {
      line.append(',').append(Double.isNaN(row[i]) ? "" : String.format(Locale.ROOT, "%.6g", row[i]));
    }
    return line.toString();
  }
}
