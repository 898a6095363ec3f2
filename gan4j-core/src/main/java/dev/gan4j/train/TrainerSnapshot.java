package dev.gan4j.train;

import java.util.Map;

/**
 * A complete copy of a trainer's state, enough to continue exactly where it stopped: both networks,
 * both optimizers' state, every random stream, the data sampler's position and the iteration count.
 *
 * @param counters named integers: iteration, optimizer update counts, sampler epoch and cursor
 * @param doubles named real numbers: accumulated wall time
 * @param rngStates each random stream's state
 * @param tensors named tensor values, row-major
 * @param shapes each tensor's shape
 */
public record TrainerSnapshot(
    Map<String, Long> counters,
    Map<String, Double> doubles,
    Map<String, long[]> rngStates,
    Map<String, float[]> tensors,
    Map<String, long[]> shapes) {

  /** The number of iterations completed when the snapshot was taken. */
  public long iteration() {
    return counters.getOrDefault("iteration", 0L);
  }

  /** The training wall time accumulated over every session up to the snapshot, in seconds. */
  public double wallSeconds() {
    return doubles.getOrDefault(WALL_SECONDS, 0.0);
  }

  /**
   * The name of the first tensor holding NaN or an infinity, and what it holds; empty when every value
   * is finite. A checkpoint is never written from a snapshot that has one.
   */
  public java.util.Optional<String> firstNonFinite() {
    for (Map.Entry<String, float[]> e : tensors.entrySet()) {
      for (float v : e.getValue()) {
        if (!Float.isFinite(v)) {
          return java.util.Optional.of(e.getKey() + " holds " + v);
        }
      }
    }
    return java.util.Optional.empty();
  }

  static final String WALL_SECONDS = "wallSeconds";

  /** The counter naming the classes a conditional model was trained on (absent: unconditional). */
  public static final String CLASSES = "model.classes";

  /** The classes of a conditional model's checkpoint; 0 for an unconditional one. */
  public int classes() {
    return Math.toIntExact(counters.getOrDefault(CLASSES, 0L));
  }

  static final String LR_SCALE = "trainer.lrScale";
}
