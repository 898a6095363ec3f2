package dev.gan4j.io;

import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.StepResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code metrics.csv} (a row every {@code logEvery} iterations and at the last one) and redraws
 * {@code losses.png} from it every {@code plotEvery} iterations and at the end.
 *
 * <p>Columns: step, epoch, loss_d, loss_g, d_real (mean D(x)), d_fake (mean D(G(z))), samples_per_s
 * (batch size over the iteration's wall time), wall_s (training seconds so far). On resume, rows after
 * the checkpoint's iteration are dropped first, so the file reads as one uninterrupted run.
 */
public final class MetricsLog implements GanTrainingListener {
  /** The CSV header. */
  public static final String HEADER =
      "step,epoch,loss_d,loss_g,d_real,d_fake,samples_per_s,wall_s";

  private final Path csv;
  private final Path plot;
  private final int logEvery;
  private final int plotEvery;
  private final List<double[]> rows = new ArrayList<>();
  private BufferedWriter out;

  /** A log writing {@code csv} and {@code plot}. */
  public MetricsLog(Path csv, Path plot, int logEvery, int plotEvery) {
    this.csv = csv;
    this.plot = plot;
    this.logEvery = logEvery;
    this.plotEvery = plotEvery;
  }

  @Override
  public void onStart(GanTrainer trainer) {
    try {
      List<String> kept = new ArrayList<>();
      kept.add(HEADER);
      if (Files.exists(csv)) {
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
          double[] row = parse(line);
          if (row != null && row[0] <= trainer.iteration()) {
            kept.add(line);
            rows.add(row);
          }
        }
      }
      AtomicFiles.writeString(csv, String.join("\n", kept) + "\n");
      out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv, e);
    }
  }

  @Override
  public void onStep(GanTrainer trainer, StepResult r) {
    boolean last = r.step() == trainer.config().loop().steps();
    if (r.step() % logEvery == 0 || last) {
      double[] row = {
        r.step(), r.epoch(), r.lossD(), r.lossG(), r.dReal(), r.dFake(), r.samplesPerSecond(),
        r.wallSeconds()
      };
      rows.add(row);
      try {
        out.write(
            String.format(
                Locale.ROOT,
                "%d,%.4f,%.6f,%.6f,%.6f,%.6f,%.1f,%.3f%n",
                r.step(), r.epoch(), r.lossD(), r.lossG(), r.dReal(), r.dFake(),
                r.samplesPerSecond(), r.wallSeconds()));
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + csv, e);
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
      throw new UncheckedIOException("cannot write " + csv, e);
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
    List<LinePlot.Panel> panels =
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
                    new LinePlot.Series("D(G(z))", step, cols[3]))));
    try {
      LinePlot.write(panels, 900, 300, plot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + plot, e);
    }
  }

  private static double[] parse(String line) {
    if (line.isBlank() || line.startsWith("step")) {
      return null;
    }
    String[] parts = line.split(",");
    double[] row = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        row[i] = Double.parseDouble(parts[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return row.length == 8 ? row : null;
  }
}
