package dev.gan4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;

/**
 * Draws shuffled minibatches from a dataset held in one tensor: each epoch is a fresh permutation of
 * the row indices, and a batch is one gather by an index array. No per-sample Java objects.
 *
 * <p>The permutation of epoch e comes from a generator seeded by (seed, e), so the whole sampler state is
 * two numbers, {@link #epoch()} and {@link #cursor()}, which a checkpoint stores and {@link #restore}
 * puts back. A batch that would cross the end of an epoch takes its rest from the next epoch.
 *
 * <pre>{@code MinibatchSampler s = new MinibatchSampler(all, seed); NDArray x = s.next(64, stepManager);}</pre>
 */
public final class MinibatchSampler {
  private final NDArray data;
  private final long seed;
  private final int count;
  private int epoch;
  private int cursor;
  private int[] order;

  /** Samples rows of {@code data} (shape (count, ...)), shuffling with {@code seed}. */
  public MinibatchSampler(NDArray data, long seed) {
    this.data = data;
    this.seed = seed;
    this.count = Math.toIntExact(data.getShape().get(0));
    restore(0, 0);
  }

  /** The next {@code m} rows, allocated in {@code manager}. */
  public NDArray next(int m, NDManager manager) {
    long[] idx = new long[m];
    for (int i = 0; i < m; i++) {
      idx[i] = order[cursor++];
      if (cursor == count) {
        restore(epoch + 1, 0);
      }
    }
    NDArray index = HostArrays.upload(manager, idx, new Shape(m));
    NDArray batch = data.get(new NDIndex("{}", index));
    batch.attach(manager);
    return batch;
  }

  /**
   * The first {@code n} rows of the data in their stored order (at most all of them), allocated in
   * {@code manager}; the sampler's position does not move.
   */
  public NDArray peek(int n, NDManager manager) {
    NDArray rows = data.get(new NDIndex("0:" + Math.min(n, count)));
    rows.attach(manager);
    return rows;
  }

  /** Completed passes over the data. */
  public int epoch() {
    return epoch;
  }

  /** Position inside the current epoch's permutation. */
  public int cursor() {
    return cursor;
  }

  /** The fractional epoch, for logs: epoch + cursor / count. */
  public double epochProgress() {
    return epoch + (double) cursor / count;
  }

  /** Moves to {@code cursor} (0..count-1) within {@code epoch}, as saved by a checkpoint. */
  public void restore(int epoch, int cursor) {
    if (epoch < 0 || cursor < 0 || cursor >= count) {
      throw new IllegalArgumentException("bad sampler state: epoch " + epoch + ", cursor " + cursor);
    }
    if (order == null || epoch != this.epoch) {
      order = Rng.derive(seed ^ (epoch * 0xD1B54A32D192ED03L), "shuffle").permutation(count);
    }
    this.epoch = epoch;
    this.cursor = cursor;
  }
}
