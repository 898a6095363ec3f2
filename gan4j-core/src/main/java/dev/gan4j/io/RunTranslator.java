package dev.gan4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.Gan4jException;
import dev.gan4j.HostArrays;
import dev.gan4j.nn.Network;
import dev.gan4j.nn.Pass;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.ModelFamilies;
import dev.gan4j.train.ModelFamily;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.Translators;
import java.nio.file.Path;

/**
 * The generators of a trained image-to-image run (pix2pix, CycleGAN) from its newest intact
 * checkpoint, translating images on the host: what {@code gan4j translate}, {@code gan4j sample} and
 * the {@code translation} measurement use.
 *
 * <pre>{@code try (RunTranslator t = RunTranslator.open(Path.of("runs/p2p"))) { float[] y = t.translate(x, n, false); }}</pre>
 */
public final class RunTranslator implements AutoCloseable {
  /** Images per forward pass: bounds memory for large inputs. */
  static final int CHUNK = 256;

  private final RunConfig config;
  private final NDManager manager;
  private final Translators translators;
  private final int[] imageShape;
  private final long step;

  private RunTranslator(RunConfig config, Translators translators, NDManager manager, long step) {
    this.config = config;
    this.translators = translators;
    this.manager = manager;
    this.step = step;
    int[] row = config.data().sampleShape();
    this.imageShape = new int[] {row[0] / 2, row[1], row[2]};
  }

  /**
   * Opens the run in {@code runDir}.
   *
   * @throws Gan4jException when the run's family does not translate images
   */
  public static RunTranslator open(Path runDir) {
    RunDirectory run = RunDirectory.open(runDir);
    RunConfig config = ConfigLoader.readJson(run.config());
    ModelFamily family = ModelFamilies.byName(config.model().family());
    if (!family.translates()) {
      throw new Gan4jException(runDir + " is a " + family.name() + " run, which samples from noise;"
          + " translate needs an image-to-image run (pix2pix, cyclegan)");
    }
    var snapshot = CheckpointStore.readNewestIntact(run.checkpoints(), System.err::println)
        .snapshot();
    Engines.init();
    NDManager manager = NDManager.newBaseManager();
    try {
      Translators t = family.translators(config, manager);
      t.load(snapshot.tensors());
      return new RunTranslator(config, t, manager, snapshot.iteration());
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The run's config. */
  public RunConfig config() {
    return config;
  }

  /** The iteration of the checkpoint the generators came from. */
  public long step() {
    return step;
  }

  /** One image's shape, (c, h, w), for either domain. */
  public int[] imageShape() {
    return imageShape.clone();
  }

  /** Whether the run translates both ways (CycleGAN). */
  public boolean bothWays() {
    return translators.backward() != null;
  }

  /**
   * Translations of {@code n} images (row-major, c·h·w values each, in [-1, 1]): A to B, or B to A
   * when {@code toA} (CycleGAN only). Inference: dropout off, batch norm on its running statistics.
   *
   * @throws Gan4jException when {@code toA} is asked of a one-way run
   */
  public float[] translate(float[] images, int n, boolean toA) {
    if (toA && !bothWays()) {
      throw new Gan4jException("this run translates one way, A to B (pix2pix); b2a needs a cyclegan"
          + " run");
    }
    int dim = imageShape[0] * imageShape[1] * imageShape[2];
    if (images.length != (long) n * dim) {
      throw new IllegalArgumentException("expected " + n + " images of " + dim + " values, got "
          + images.length);
    }
    Network net = translators.direction(toA);
    float[] out = new float[images.length];
    for (int start = 0; start < n; start += CHUNK) {
      int k = Math.min(CHUNK, n - start);
      try (NDManager chunk = manager.newSubManager()) {
        float[] part = java.util.Arrays.copyOfRange(images, start * dim, (start + k) * dim);
        NDArray x = HostArrays.upload(chunk, part, new Shape(k, dim));
        float[] y = net.forward(x, Pass.inference(chunk)).out().toFloatArray();
        System.arraycopy(y, 0, out, start * dim, y.length);
      }
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
