package dev.gan4j.serve;

import dev.gan4j.train.LatentCodes;

/**
 * What a {@link GeneratorServer} serves: a generator that turns a {@link GenerateRequest} into
 * samples, safe to call from several threads at once. {@link ServedRun} is the one for a run
 * folder.
 */
public interface ServedModel {
  /** What requests may ask of this model. */
  Info info();

  /**
   * The request's samples, n × prod(sampleShape) values row-major; the same request gives the same
   * values. Called from several threads at once.
   */
  float[] generate(GenerateRequest request);

  /** Real points a 2-D run's PNG draws the samples over; empty for image runs. */
  float[] realPoints();

  /** The JSON {@code GET /model} answers: config, provenance, what the model takes. */
  byte[] describe();

  /**
   * The served generator's shape and inputs.
   *
   * @param sampleShape one sample's shape: (channels, height, width) or (2)
   * @param classes a conditional run's classes; 0 for others
   * @param codes an InfoGAN run's codes; {@link LatentCodes#NONE} for others
   * @param step the checkpoint's iteration
   */
  record Info(int[] sampleShape, int classes, LatentCodes codes, long step) {
    /** Copies the shape. */
    public Info {
      sampleShape = sampleShape.clone();
    }

    @Override
    public int[] sampleShape() {
      return sampleShape.clone();
    }

    /** Values per sample. */
    public int sampleSize() {
      int d = 1;
      for (int s : sampleShape) {
        d *= s;
      }
      return d;
    }
  }
}
