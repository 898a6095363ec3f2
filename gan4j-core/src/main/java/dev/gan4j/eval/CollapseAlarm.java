package dev.gan4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watches a training run for the failures GANs are known for and says when one shows, naming the signal
 * and the step. Three signals:
 *
 * <ul>
 *   <li>{@code separation}: the discriminator ranked every real sample of its batch above every generated
 *       one (min D(x) &gt; max D(G(z))) for {@code window} consecutive iterations. D is winning outright;
 *       with the minimax loss G's gradient vanishes (Goodfellow et al. 2014, section 3), and with any loss
 *       training has stopped being a game (Arjovsky and Bottou 2017).
 *   <li>{@code class-histogram} (images, with the {@code classes} metric): at an evaluation, the number of
 *       classes hit fell below 80% of the best seen so far (once that best covered at least half the
 *       classes), or, after the warm-up, the entropy of the predicted-class histogram is below half the
 *       real data's: the generator is narrowing to a few classes.
 *   <li>{@code modes} (2-D mixtures, with the {@code mixture} metric): the captured modes fell below 80% of
 *       the best seen so far (once that best was at least half of all modes), or, after the warm-up,
 *       below half of all modes.
 * </ul>
 *
 * <p>The warm-up (by default the first 20% of the iterations) spares the first evaluations, when an
 * untrained generator covers little by nature, from the absolute tests.
 *
 * <p>Each signal fires once when its condition starts to hold and re-arms when it stops holding, so a
 * persistent problem is reported once, not at every step.
 *
 * <pre>{@code CollapseAlarm a = new CollapseAlarm(500, 600); a.onStep(step, result.separated()).forEach(log);}</pre>
 */
public final class CollapseAlarm {
  /** A fraction of the best value seen below which a drop counts as collapse. */
  static final double DROP = 0.8;

  /** A fraction of the full value (modes, real entropy) below which coverage counts as collapsed. */
  static final double FLOOR = 0.5;

  /**
   * One alarm.
   *
   * @param step the iteration at which the condition was detected
   * @param signal {@code separation}, {@code class-histogram} or {@code modes}
   * @param message one line saying what was seen
   */
  public record Alarm(long step, String signal, String message) {
    /** {@code step N: signal: message}. */
    @Override
    public String toString() {
      return "step " + step + ": " + signal + ": " + message;
    }
  }

  private final int window;
  private final long warmup;
  private long separatedRun;
  private boolean separationRaised;
  private double bestModes = Double.NEGATIVE_INFINITY;
  private boolean classesRaised;
  private boolean modesRaised;

  /**
   * An alarm.
   *
   * @param window consecutive separated iterations that raise the separation signal (0: off)
   * @param warmup iterations before the absolute coverage tests apply
   */
  public CollapseAlarm(int window, long warmup) {
    if (window < 0 || warmup < 0) {
      throw new IllegalArgumentException("window and warmup must be >= 0, got " + window + ", " + warmup);
    }
    this.window = window;
    this.warmup = warmup;
  }

  /** Feeds one iteration's separation flag; returns the alarm it raises, if any. */
  public List<Alarm> onStep(long step, boolean separated) {
    if (!separated) {
      separatedRun = 0;
      separationRaised = false;
      return List.of();
    }
    separatedRun++;
    if (window > 0 && separatedRun >= window && !separationRaised) {
      separationRaised = true;
      return List.of(
          new Alarm(
              step,
              "separation",
              "D has told every real sample from every generated one for " + separatedRun
                  + " consecutive iterations"));
    }
    return List.of();
  }

  /**
   * Feeds one evaluation: each metric's values (e.g. {@code classes -> {modes, entropy, ...}}) and its
   * real-versus-real reference. Metrics other than {@code classes} and {@code mixture} are ignored.
   */
  public List<Alarm> onEvaluation(
      long step, Map<String, Map<String, Double>> values, Map<String, Map<String, Double>> references) {
    boolean warm = step > warmup;
    List<Alarm> out = new ArrayList<>();
    Map<String, Double> classes = values.get("classes");
    if (classes != null) {
      Map<String, Double> real = references.getOrDefault("classes", Map.of());
      double modes = classes.get("modes");
      double entropy = classes.get("entropy");
      double realEntropy = real.getOrDefault("entropy", Double.NaN);
      double all = real.getOrDefault("modes", Double.NaN);
      String why = null;
      if (bestModes >= FLOOR * all && modes < DROP * bestModes) {
        why = String.format(Locale.ROOT, "classes hit fell from %.0f to %.0f", bestModes, modes);
      } else if (warm && entropy < FLOOR * realEntropy) {
        why = String.format(Locale.ROOT,
            "class histogram narrowed: entropy %.3f nats against %.3f for real data", entropy,
            realEntropy);
      }
      bestModes = Math.max(bestModes, modes);
      if (why != null && !classesRaised) {
        out.add(new Alarm(step, "class-histogram", why));
      }
      classesRaised = why != null;
    }
    Map<String, Double> mixture = values.get("mixture");
    if (mixture != null) {
      double modes = mixture.get("modes");
      double all = references.getOrDefault("mixture", Map.of()).getOrDefault("modes", Double.NaN);
      String why = null;
      if (bestModes >= FLOOR * all && modes < DROP * bestModes) {
        why = String.format(Locale.ROOT, "modes captured fell from %.0f to %.0f", bestModes, modes);
      } else if (warm && modes < FLOOR * all) {
        why = String.format(Locale.ROOT, "only %.0f of %.0f modes captured", modes, all);
      }
      bestModes = Math.max(bestModes, modes);
      if (why != null && !modesRaised) {
        out.add(new Alarm(step, "modes", why));
      }
      modesRaised = why != null;
    }
    return out;
  }
}
