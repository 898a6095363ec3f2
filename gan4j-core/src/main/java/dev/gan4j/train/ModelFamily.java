package dev.gan4j.train;

/**
 * A kind of GAN: which networks it has and how an iteration trains them. A family is chosen by name in
 * the config ({@code model.family}) from {@link ModelFamilies}; the trainer, checkpoints, resume,
 * metrics.csv, pictures and listeners work for every family unchanged.
 *
 * <pre>{@code GanModel model = ModelFamilies.byName("gan").create(context);}</pre>
 */
public interface ModelFamily {
  /** The family's name in configs. */
  String name();

  /** One line for help texts and docs. */
  String description();

  /**
   * Whether the family trains on class labels: the trainer then hands it batches with each sample's
   * class in a last column, and refuses a dataset without labels.
   */
  default boolean usesLabels() {
    return false;
  }

  /**
   * The latent codes the family's generator reads after z (InfoGAN's), for a config; {@link
   * LatentCodes#NONE} for the others. Samplers of a run draw latent vectors through it.
   */
  default LatentCodes latentCodes(RunConfig config) {
    return LatentCodes.NONE;
  }

  /**
   * The family's image-to-image generators for a run's config, with fresh weights (a checkpoint's are
   * loaded into them by {@link Translators#load}), or null for a family that does not translate
   * images. {@code gan4j translate} and {@code gan4j sample} build a translation run's networks
   * through it.
   */
  default Translators translators(RunConfig config, ai.djl.ndarray.NDManager manager) {
    return null;
  }

  /** Whether the family translates images (pix2pix, CycleGAN) rather than sampling from noise. */
  default boolean translates() {
    return false;
  }

  /**
   * Builds the family's networks, losses and optimizers for a run.
   *
   * @throws dev.gan4j.InvalidConfigException if the config or data do not suit the family
   */
  GanModel create(ModelContext context);
}
