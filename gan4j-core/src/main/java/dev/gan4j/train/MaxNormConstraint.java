package dev.gan4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gan4j.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The max-norm constraint (Srivastava et al. 2014), used by the 2014 GAN paper's MNIST discriminator:
 * after each update of one side, every unit's incoming weights (a column of a dense layer's in × out
 * matrix, one per maxout piece) longer than c are scaled back to length c. Biases and tensors of other
 * ranks are left alone. Config: {@code model.generator.maxNorm}, {@code model.discriminator.maxNorm} (0
 * turns each off).
 */
public final class MaxNormConstraint implements TrainingHook {
  private final Side side;
  private final float c;

  /** Constrain {@code side}'s dense weights to column norms at most c, c > 0. */
  public MaxNormConstraint(Side side, float c) {
    if (!(c > 0f) || Float.isInfinite(c)) {
      throw new dev.gan4j.InvalidConfigException("maxNorm must be > 0, got " + c);
    }
    this.side = side;
    this.c = c;
  }

  static List<TrainingHook> fromConfig(RunConfig config) {
    List<TrainingHook> out = new ArrayList<>();
    float d = config.model().discriminator().maxNorm();
    float g = config.model().generator().maxNorm();
    if (d > 0f) {
      out.add(new MaxNormConstraint(Side.DISCRIMINATOR, d));
    }
    if (g > 0f) {
      out.add(new MaxNormConstraint(Side.GENERATOR, g));
    }
    return out;
  }

  @Override
  public void afterUpdate(Side updated, List<Parameter> params, NDManager step) {
    if (updated != side) {
      return;
    }
    for (Parameter p : params) {
      NDArray w = p.array();
      if (!p.name().endsWith(".weight") || w.getShape().dimension() != 2) {
        continue;
      }
      // Results of an op land in its first operand's manager: start in the step's, not w's.
      NDArray squares = w.square();
      squares.attach(step);
      NDArray norms = squares.sum(new int[] {0}).sqrt();
      w.divi(norms.maximum(c).div(c)); // w / (max(‖w‖, c) / c): unchanged inside the ball
    }
  }
}
