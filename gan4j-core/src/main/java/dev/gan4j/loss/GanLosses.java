package dev.gan4j.loss;

import dev.gan4j.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of GAN losses by config name, static factories for each, and each loss's paper defaults.
 * Adding a loss is one class plus one {@link #register} line here; the trainer never branches on the
 * name.
 *
 * <pre>{@code GanLoss l = GanLosses.byName("hinge", LossSettings.DEFAULT); GanLoss ns = GanLosses.nonSaturating();}</pre>
 */
public final class GanLosses {
  /** Config name of {@link MinimaxLoss}. */
  public static final String MINIMAX = "minimax";

  /** Config name of {@link NonSaturatingLoss}. */
  public static final String NON_SATURATING = "non-saturating";

  private static final Map<String, Function<LossSettings, GanLoss>> REGISTRY = new LinkedHashMap<>();
  private static final Map<String, Map<String, String>> PAPER_DEFAULTS = new LinkedHashMap<>();

  static {
    register(MINIMAX, MinimaxLoss::new);
    register(NON_SATURATING, NonSaturatingLoss::new);
    register("wasserstein", s -> new WassersteinLoss("wasserstein"));
    register("wgan-gp", s -> new WassersteinLoss("wgan-gp"));
    register("least-squares", s -> new LeastSquaresLoss());
    register("hinge", s -> new HingeLoss());
    register("relativistic-average", s -> new RelativisticAverageLoss());
    register("began", BeganLoss::new);
    register("ebgan", EbganLoss::new);
    register("madgan", MadGanLoss::new);
    // Arjovsky et al. 2017, Algorithm 1: c = 0.01, RMSProp lr 5e-5, n_critic = 5.
    PAPER_DEFAULTS.put("wasserstein", Map.of(
        "loss.clip", "0.01",
        "optim.generator.name", "rmsprop", "optim.discriminator.name", "rmsprop",
        "optim.generator.lr", "5e-5", "optim.discriminator.lr", "5e-5",
        "loop.dSteps", "5"));
    // Gulrajani et al. 2017, Algorithm 1: λ = 10, n_critic = 5, Adam lr 1e-4, β1 = 0, β2 = 0.9.
    PAPER_DEFAULTS.put("wgan-gp", Map.ofEntries(
        Map.entry("penalty.name", "gradient"), Map.entry("penalty.weight", "10"),
        Map.entry("optim.generator.name", "adam"), Map.entry("optim.discriminator.name", "adam"),
        Map.entry("optim.generator.lr", "1e-4"), Map.entry("optim.discriminator.lr", "1e-4"),
        Map.entry("optim.generator.beta1", "0"), Map.entry("optim.discriminator.beta1", "0"),
        Map.entry("optim.generator.beta2", "0.9"), Map.entry("optim.discriminator.beta2", "0.9"),
        Map.entry("loop.dSteps", "5")));
    // Berthelot et al. 2017: γ = 0.5, λ_k = 0.001, Adam lr 1e-4.
    PAPER_DEFAULTS.put("began", Map.of(
        "optim.generator.lr", "1e-4", "optim.discriminator.lr", "1e-4",
        "optim.generator.beta1", "0.5", "optim.discriminator.beta1", "0.5"));
    // Ghosh et al. 2018 use several generators; gan4j's default is 4.
    PAPER_DEFAULTS.put("madgan", Map.of("model.generators", "4"));
  }

  private GanLosses() {}

  /** Registers a loss factory. */
  public static synchronized void register(String name, Function<LossSettings, GanLoss> factory) {
    REGISTRY.put(name, factory);
  }

  /** The registered names, in registration order. */
  public static synchronized List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /** The loss registered under {@code name}; unknown names fail with the list of known ones. */
  public static synchronized GanLoss byName(String name, LossSettings settings) {
    Function<LossSettings, GanLoss> f = REGISTRY.get(name);
    if (f == null) {
      throw new InvalidConfigException("unknown loss '" + name + "'; known: " + names());
    }
    return f.apply(settings);
  }

  /** The loss registered under {@code name} with one-sided label smoothing {@code s}. */
  public static GanLoss byName(String name, float labelSmoothing) {
    return byName(name, LossSettings.DEFAULT.withLabelSmoothing(labelSmoothing));
  }

  /**
   * The settings the loss's paper trains with, as dotted config paths; a config that names the loss
   * takes them wherever it does not set the field itself (see {@code ConfigLoader}).
   */
  public static Map<String, String> paperDefaults(String name) {
    return PAPER_DEFAULTS.getOrDefault(name, Map.of());
  }

  /** The minimax loss of the 2014 paper, without label smoothing. */
  public static GanLoss minimax() {
    return new MinimaxLoss(0f);
  }

  /** The non-saturating loss of the 2014 paper, without label smoothing. */
  public static GanLoss nonSaturating() {
    return new NonSaturatingLoss(0f);
  }

  /** The Wasserstein loss (critic without sigmoid). */
  public static GanLoss wasserstein() {
    return new WassersteinLoss("wasserstein");
  }

  /** The least-squares loss of LSGAN. */
  public static GanLoss leastSquares() {
    return new LeastSquaresLoss();
  }

  /** The hinge loss. */
  public static GanLoss hinge() {
    return new HingeLoss();
  }

  /** The relativistic average loss of RaGAN. */
  public static GanLoss relativisticAverage() {
    return new RelativisticAverageLoss();
  }
}
