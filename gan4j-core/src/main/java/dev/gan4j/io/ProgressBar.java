package dev.gan4j.io;

import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.GanTrainingListener;
import dev.gan4j.train.StepResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on a terminal (redrawn in place a few times a second): iteration, bar,
 * epoch, ETA and live loss_d, loss_g, D(x), D(G(z)), and the newest alarm of the run's {@link
 * TrainingMonitor}. When the stream is not a terminal it prints a plain line every 10% instead, so logs
 * stay readable.
 */
public final class ProgressBar implements GanTrainingListener {
  private final PrintStream out;
  private final boolean interactive;
  private final java.util.function.Supplier<String> status;
  private long startNanos;
  private long startStep;
  private long lastDraw;
  private int lastDecile = -1;

  /**
   * A display on {@code out}.
   *
   * @param interactive redraw one line with carriage returns (a terminal) or print lines (a log)
   */
  public ProgressBar(PrintStream out, boolean interactive) {
    this(out, interactive, () -> "");
  }

  /** A display that ends its line with {@code status} (an alarm) when that is not empty. */
  public ProgressBar(
      PrintStream out, boolean interactive, java.util.function.Supplier<String> status) {
    this.out = out;
    this.interactive = interactive;
    this.status = status;
  }

  @Override
  public void onStart(GanTrainer trainer) {
    startNanos = System.nanoTime();
    startStep = trainer.iteration();
  }

  @Override
  public void onStep(GanTrainer trainer, StepResult r) {
    long total = trainer.config().loop().steps();
    long now = System.nanoTime();
    if (interactive) {
      if (now - lastDraw > 200_000_000L || r.step() == total) {
        lastDraw = now;
        out.print("\r" + line(r, total, now) + "\u001B[K");
        if (r.step() == total) {
          out.println();
        }
        out.flush();
      }
    } else {
      int decile = (int) (10 * r.step() / total);
      if (decile != lastDecile) {
        lastDecile = decile;
        out.println(line(r, total, now));
      }
    }
  }

  @Override
  public void onEnd(GanTrainer trainer) {
    if (interactive) {
      out.println();
    }
    out.flush();
  }

  private String line(StepResult r, long total, long now) {
    double elapsed = (now - startNanos) / 1e9;
    long done = r.step() - startStep;
    double eta = done > 0 ? elapsed / done * (total - r.step()) : Double.NaN;
    int width = 20;
    int filled = (int) (width * r.step() / total);
    String bar = "#".repeat(filled) + "-".repeat(width - filled);
    String s = status.get();
    return String.format(
        Locale.ROOT,
        "step %d/%d [%s] %3d%% epoch %.1f ETA %s | loss_d %.3f loss_g %.3f D(x) %.3f D(G(z)) %.3f%s",
        r.step(), total, bar, 100 * r.step() / total, r.epoch(), duration(eta), r.lossD(),
        r.lossG(), r.dReal(), r.dFake(), s.isEmpty() ? "" : " | " + s);
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "--";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
