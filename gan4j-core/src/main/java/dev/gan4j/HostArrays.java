package dev.gan4j;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies Java arrays into engine-owned tensors without leaving native memory behind.
 *
 * <p>Why: DJL's PyTorch engine wraps a Java array by copying it into a fresh direct {@link ByteBuffer} and
 * letting the tensor alias that buffer. A direct buffer's memory is returned only when the garbage
 * collector finds the buffer object, and a training loop that makes little heap garbage runs the
 * collector rarely: resident memory then grows by every noise batch and dropout mask ever drawn
 * (measured: 1.2 GiB after 1,000 steps, 4.5 GiB after 10,000). Here each upload goes through one reused
 * staging buffer per thread, and the aliasing tensor is immediately replaced by an engine-owned copy, so
 * closing the step's manager frees everything.
 *
 * <pre>{@code NDArray z = HostArrays.upload(stepManager, noise, new Shape(64, 100));}</pre>
 */
public final class HostArrays {
  private static final ThreadLocal<ByteBuffer> STAGING =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.nativeOrder()));

  private static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");

  private HostArrays() {}

  /** A float32 tensor in {@code manager} holding a copy of {@code values}, shaped {@code shape}. */
  public static NDArray upload(NDManager manager, float[] values, Shape shape) {
    ByteBuffer staging = staging(values.length * 4L);
    staging.asFloatBuffer().put(values);
    return copyOut(manager, staging, values.length * 4, shape, DataType.FLOAT32);
  }

  /** An int64 tensor in {@code manager} holding a copy of {@code values}, shaped {@code shape}. */
  public static NDArray upload(NDManager manager, long[] values, Shape shape) {
    ByteBuffer staging = staging(values.length * 8L);
    staging.asLongBuffer().put(values);
    return copyOut(manager, staging, values.length * 8, shape, DataType.INT64);
  }

  /**
   * Overwrites {@code target}'s values in place with {@code values} (same element count, row-major),
   * keeping the array object, so networks and optimizers that hold it see the new values. Uses an
   * indexed assignment: {@code NDArray.set(float[])} and {@code copyTo} make libtorch print a
   * deprecation warning on stderr.
   */
  public static void copyInto(NDArray target, float[] values) {
    if (values.length != target.size()) {
      throw new IllegalArgumentException(
          "expected " + target.size() + " values for " + target.getShape() + ", got " + values.length);
    }
    try (NDManager tmp = target.getManager().newSubManager()) {
      target.set(ALL, upload(tmp, values, target.getShape()));
    }
  }

  private static ByteBuffer staging(long bytes) {
    ByteBuffer b = STAGING.get();
    if (b.capacity() < bytes) {
      b = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(bytes, 2L * b.capacity())))
          .order(ByteOrder.nativeOrder());
      STAGING.set(b);
    }
    b.clear();
    return b;
  }

  private static NDArray copyOut(
      NDManager manager, ByteBuffer staging, int bytes, Shape shape, DataType type) {
    staging.limit(bytes);
    try (NDArray alias = manager.create(staging.slice().order(ByteOrder.nativeOrder()), shape, type)) {
      return alias.duplicate(); // engine-owned memory; the staging buffer is free for the next upload
    }
  }
}
