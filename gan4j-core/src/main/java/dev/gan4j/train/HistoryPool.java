package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Rng;

/**
 * CycleGAN's image buffer (Shrivastava et al. 2017; Zhu et al. 2017, section 4): the discriminator
 * is shown generated images from a history of the generator, not only its newest ones, which damps
 * oscillation. Until the pool holds {@code capacity} images each new image is stored and returned;
 * after that, each new image is, with probability ½, returned as it is, and otherwise swapped for a
 * stored image chosen uniformly, which is returned in its place.
 *
 * <p>The stored images live in one (capacity, d) tensor of the run's manager, so checkpoints hold
 * them; the fill count is {@link #count()}; the random stream is the run's checkpointed one.
 *
 * <pre>{@code NDArray shown = pool.query(fake.stopGradient(), stepManager);}</pre>
 */
public final class HistoryPool {
  private final int capacity;
  private final NDArray images;
  private final Rng rng;
  private int count;

  /** A pool of {@code capacity} images of {@code dim} values (0: every query returns its batch). */
  public HistoryPool(int capacity, int dim, NDManager manager, Rng rng) {
    this.capacity = capacity;
    this.images = manager.zeros(new Shape(Math.max(1, capacity), dim));
    this.rng = rng;
  }

  /**
   * The images D sees for a batch of new generated images (n, d), in {@code step}: the batch with
   * each image kept or swapped as the class describes.
   */
  public NDArray query(NDArray batch, NDManager step) {
    if (capacity == 0) {
      return batch;
    }
    long n = batch.getShape().get(0);
    NDList out = new NDList();
    for (long i = 0; i < n; i++) {
      NDArray image = batch.get(i);
      image.attach(step);
      if (count < capacity) {
        images.set(new NDIndex(count), image);
        count++;
        out.add(image);
      } else if (rng.nextDouble() < 0.5) {
        int j = rng.nextInt(capacity);
        NDArray view = images.get(j);
        view.attach(step);
        NDArray stored = view.duplicate();
        images.set(new NDIndex(j), image);
        out.add(stored);
      } else {
        out.add(image);
      }
    }
    NDArray shown = NDArrays.stack(out);
    shown.attach(step);
    return shown;
  }

  /** How many images the pool holds. */
  public int count() {
    return count;
  }

  /** Restores the fill count (the images come back through {@link #images()}). */
  public void setCount(int count) {
    if (count < 0 || count > capacity) {
      throw new IllegalArgumentException("pool count " + count + " outside 0.." + capacity);
    }
    this.count = count;
  }

  /** The stored images, (capacity, d): a live view for checkpoints. */
  public NDArray images() {
    return images;
  }
}
