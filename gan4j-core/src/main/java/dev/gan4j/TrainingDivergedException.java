package dev.gan4j;

/**
 * Training produced a non-finite loss or weight (NaN or infinity): the run cannot go on from here. Not
 * bad input, so not a {@link Gan4jException}: the command line prints its one-line message and exits
 * with code 1. The run folder keeps its last finite checkpoint.
 *
 * <pre>{@code try { trainer.train(listeners); } catch (TrainingDivergedException e) { ... e.step() ... }}</pre>
 */
public class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;
  private final String what;

  /**
   * @param step the iteration whose result was not finite
   * @param what the loss or tensor that was not finite, e.g. {@code loss_d} or {@code
   *     discriminator.layer0.weight}
   * @param message the whole one-line message
   */
  public TrainingDivergedException(long step, String what, String message) {
    super(message);
    this.step = step;
    this.what = what;
  }

  /** The iteration whose result was not finite. */
  public long step() {
    return step;
  }

  /** The loss or tensor that was not finite. */
  public String what() {
    return what;
  }
}
