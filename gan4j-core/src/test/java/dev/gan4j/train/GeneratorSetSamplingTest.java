package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.Rng;
import dev.gan4j.nn.Pass;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sampling many rows goes chunk by chunk and gives what one pass over all rows gives. */
class GeneratorSetSamplingTest {
  @Test
  void aLargeRequestIsSampledInChunksWithTheSameResult() {
    Engines.init();
    RunConfig c = ConfigLoader.resolve("mnist-dcgan", null, Map.of(
        "model.generator.arch", "dcgan", "model.discriminator.arch", "dcgan",
        "model.generator.hidden", "8,4", "model.discriminator.hidden", "4,8"));
    int n = GeneratorSet.SAMPLE_CHUNK * 2 + 37;
    try (NDManager m = NDManager.newBaseManager()) {
      GeneratorSet g = GeneratorSet.forConfig(c, new int[] {1, 28, 28}, m, new Rng(1));
      float[] z = new float[n * 100];
      new Rng(2).fillGaussian(z);
      try (NDManager step = m.newSubManager()) {
        NDArray zs = HostArrays.upload(step, z, new Shape(n, 100));
        float[] chunked = g.sample(zs, Pass.inference(step)).toFloatArray();
        float[] whole = g.networks().get(0).forward(zs, Pass.inference(step)).out().toFloatArray();
        assertEquals(n * 784, chunked.length);
        assertArrayEquals(whole, chunked, 1e-5f);
      }
      assertEquals(g.tensors().size(), m.getManagedArrays().size(), "no chunk left arrays behind");
    }
  }
}
