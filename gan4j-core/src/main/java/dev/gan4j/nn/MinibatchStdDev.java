package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Minibatch standard deviation (Karras et al. 2018, section 3): the standard deviation of each unit over
 * the batch, averaged over the units, appended to every sample as one more value (one more constant
 * channel for images). A generator whose
 * samples vary less than real data's gives itself away.
 */
public final class MinibatchStdDev implements Layer {
  @Override
  public NDArray forward(NDArray x, Pass pass, List<Object> saved) {
    if (saved != null) {
      saved.add(null);
    }
    NDArray centred = x.sub(x.mean(new int[] {0}, true));
    NDArray std = centred.square().mean(new int[] {0}).add(1e-8f).sqrt().mean(); // a scalar
    // One more feature for vectors, one more constant feature map for images (Karras et al.).
    NDArray column = x.get(":, 0:1").zerosLike().add(std);
    return x.concat(column, 1);
  }

  @Override
  public NDArray inputGradient(NDArray g, Object saved) {
    throw new UnsupportedOperationException("minibatch standard deviation mixes the samples of a batch");
  }

  @Override
  public Shape outputShape(Shape input) {
    long[] d = input.getShape();
    d[0] += 1;
    return new Shape(d);
  }

  @Override
  public boolean mixesSamples() {
    return true;
  }

  @Override
  public String describe() {
    return "minibatch-stddev";
  }
}
