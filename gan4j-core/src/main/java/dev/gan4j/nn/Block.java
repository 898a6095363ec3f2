package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What {@link Residual} and {@link SkipConcat} share: a body {@link Chain} whose parameters, buffers
 * and batch mixing are the block's own.
 */
abstract class Block implements Layer {
  final Chain body;

  Block(Chain body) {
    this.body = body;
  }

  @Override
  public Map<String, NDArray> parameters() {
    return body.parameters();
  }

  @Override
  public Map<String, NDArray> buffers() {
    return body.buffers();
  }

  @Override
  public boolean mixesSamples() {
    return body.mixesSamples();
  }
}
