package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Small helpers for tensor bookkeeping. DJL places an operation's result in the manager of its first
 * operand, so an operation on a long-lived tensor (a parameter, a buffer) leaves its result there for
 * the life of the network: such results are moved to the step's manager at once.
 */
final class Tensors {
  private Tensors() {}

  /** {@code a}, now owned by {@code m} (freed when the step's manager closes). */
  static NDArray on(NDManager m, NDArray a) {
    a.attach(m);
    return a;
  }
}
