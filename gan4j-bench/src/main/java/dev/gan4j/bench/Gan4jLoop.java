package dev.gan4j.bench;

import dev.gan4j.data.TrainingSet;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.GanTrainer;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.StepResult;
import java.util.Map;

/**
 * The loop being benchmarked: gan4j's {@link GanTrainer} with the {@code mnist-mlp} preset, exactly
 * as {@code gan4j train} builds it, with only the batch size overridden.
 *
 * <pre>{@code try (GanLoop loop = Gan4jLoop.create(data, 256)) { loop.step(); }}</pre>
 */
final class Gan4jLoop implements GanLoop {
  /** The preset whose networks every benchmark here uses. */
  static final String PRESET = "mnist-mlp";

  private final GanTrainer trainer;
  private final int batchSize;
  private StepResult last;

  private Gan4jLoop(GanTrainer trainer, int batchSize) {
    this.trainer = trainer;
    this.batchSize = batchSize;
  }

  /** A trainer for the {@code mnist-mlp} preset at {@code batchSize}, on {@code data}. */
  static Gan4jLoop create(TrainingSet data, int batchSize) {
    RunConfig config =
        ConfigLoader.resolve(PRESET, null, Map.of("loop.batchSize", String.valueOf(batchSize)));
    return new Gan4jLoop(new GanTrainer(config, data), batchSize);
  }

  @Override
  public String name() {
    return "gan4j";
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void step() {
    last = trainer.step();
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
