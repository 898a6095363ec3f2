package dev.gan4j.bench;

import dev.gan4j.data.TrainingSet;
import dev.gan4j.nn.EngineConvolution;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.StepResult;
import java.util.Map;

/**
 * The loop being benchmarked: gan4j's {@link GanTrainer} with the {@code mnist-mlp} preset (or
 * the DCGAN networks of {@link #DCGAN}), exactly as {@code gan4j train} builds it, with only the
 * batch size overridden.
 *
 * <pre>{@code try (GanLoop loop = Gan4jLoop.create(data, 256)) { loop.step(); }}</pre>
 */
final class Gan4jLoop implements GanLoop {
  /** The preset whose networks every benchmark here uses. */
  static final String PRESET = "mnist-mlp";

  /**
   * The convolutional preset of the DCGAN section: the plain DCGAN networks issue 13 describes (G
   * 100→128×7×7→64×14×14→1×28×28, D 64 then 128 channels), which the minimal DJL loop builds too.
   * {@code fashion-dcgan} trains them; {@code mnist-dcgan} has added InfoGAN's dense layers since
   * 2026-12-08. The data is the benchmark's own (MNIST), whatever the preset names.
   */
  static final String DCGAN = "fashion-dcgan";

  /** The loop name of the WGAN-GP memory run. */
  static final String WGAN_GP = "gan4j-wgan-gp";

  /** The loop name of the DCGAN critic's WGAN-GP memory run. */
  static final String DCGAN_WGAN_GP = "gan4j-dcgan-wgan-gp";

  /** The loop name of the DCGAN run with gan4j's own convolutions only. */
  static final String DCGAN_OWN_CONV = "gan4j, own conv";

  private final GanTrainer trainer;
  private final int batchSize;
  private final String name;
  private final boolean ownConvolutions;
  private StepResult last;

  private Gan4jLoop(GanTrainer trainer, int batchSize, String name) {
    this(trainer, batchSize, name, false);
  }

  private Gan4jLoop(GanTrainer trainer, int batchSize, String name, boolean ownConvolutions) {
    this.trainer = trainer;
    this.batchSize = batchSize;
    this.name = name;
    this.ownConvolutions = ownConvolutions;
  }

  /** The {@code mnist-mlp} preset less its weight average, at {@code batchSize} on {@code data}. */
  static Gan4jLoop create(TrainingSet data, int batchSize) {
    return withoutAverage(PRESET, data, batchSize);
  }

  /** The {@link #DCGAN} preset less any weight average, at {@code batchSize} on images. */
  static Gan4jLoop dcgan(TrainingSet data, int batchSize) {
    return withoutAverage(DCGAN, data, batchSize);
  }

  /**
   * {@link #dcgan}, with every convolution computed by gan4j's own {@code Convolution.windows}
   * (the engine's {@code conv2d} turned off during its steps): what training ran before 0.34's
   * engine convolution was checked and used.
   */
  static Gan4jLoop dcganOwnConvolutions(TrainingSet data, int batchSize) {
    Gan4jLoop loop = withoutAverage(DCGAN, data, batchSize);
    return new Gan4jLoop(loop.trainer, batchSize, DCGAN_OWN_CONV, true);
  }

  private static Gan4jLoop withoutAverage(String preset, TrainingSet data, int batchSize) {
    RunConfig config =
        ConfigLoader.resolve(
            preset, null,
            // The minimal loop keeps no average of G's weights, so the comparison leaves it out.
            Map.of("loop.batchSize", String.valueOf(batchSize), "stabilize.emaDecay", "0"));
    return new Gan4jLoop(new GanTrainer(config, data), batchSize, "gan4j");
  }

  /**
   * WGAN-GP with its paper's settings (λ = 10, five critic steps with the penalty per iteration, Adam
   * 1e-4, β = (0, 0.9)) on the {@code ring8} preset's networks and data: the run whose penalty would
   * leak through double-backward reference cycles if gradients were not released.
   */
  static Gan4jLoop wganGp(int batchSize) {
    RunConfig config =
        ConfigLoader.resolve(
            "ring8", null,
            Map.of("loss.name", "wgan-gp", "loop.batchSize", String.valueOf(batchSize)));
    TrainingSet data = TrainingSet.load("ring8", config.data().size(), config.seed(), null);
    return new Gan4jLoop(new GanTrainer(config, data), batchSize, WGAN_GP);
  }

  /**
   * WGAN-GP with its paper's settings on the {@link #DCGAN} networks (D without batch
   * normalization, which the penalty forbids): five convolutional critic updates per iteration, each
   * through the penalty's double backward pass, gan4j's own convolution gradients included.
   */
  static Gan4jLoop dcganWganGp(TrainingSet images, int batchSize) {
    RunConfig config =
        ConfigLoader.resolve(
            DCGAN, null,
            Map.of("loss.name", "wgan-gp", "loop.batchSize", String.valueOf(batchSize),
                "model.discriminator.normalization", "none", "stabilize.emaDecay", "0"));
    return new Gan4jLoop(new GanTrainer(config, images), batchSize, DCGAN_WGAN_GP);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void step() {
    if (!ownConvolutions) {
      last = trainer.step();
      return;
    }
    boolean was = EngineConvolution.isEnabled();
    EngineConvolution.setEnabled(false);
    try {
      last = trainer.step();
    } finally {
      EngineConvolution.setEnabled(was);
    }
  }

  @Override
  public float[] lastLosses() {
    return last == null
        ? new float[] {Float.NaN, Float.NaN}
        : new float[] {last.lossD(), last.lossG()};
  }

  @Override
  public void close() {
    trainer.close();
  }
}
