package dev.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each architecture built from its spec: output shapes, names, packing, and its errors. */
class ArchitecturesTest {
  private static MlpSpec options(int in, int[] widths, int out, Activation act, Activation outAct,
      Normalization norm, int pack, boolean stdDev) {
    return new MlpSpec(in, widths, out, act, 0.2f, outAct, 0f, norm, false, 0f, pack, 0, stdDev, 0f);
  }

  private static NetSpec generator(int latent, int[] widths, Shape image, Normalization norm) {
    return new NetSpec(Shapes.of(latent), image, options(latent, widths, Math.toIntExact(image.size()),
        Activation.RELU, Activation.TANH, norm, 1, false));
  }

  private static NetSpec discriminator(Shape image, int[] widths, Normalization norm, int pack,
      boolean stdDev) {
    return new NetSpec(image, Shapes.of(1), options(Math.toIntExact(image.size()), widths, 1,
        Activation.LEAKY_RELU, Activation.IDENTITY, norm, pack, stdDev));
  }

  private static NDArray random(NDManager m, long rows, long cols, long seed) {
    float[] v = new float[Math.toIntExact(rows * cols)];
    new Rng(seed).fillGaussian(v);
    return HostArrays.upload(m, v, new Shape(rows, cols));
  }

  @Test
  void dcganIsTheRadfordShapeScaledTo28() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Architecture a = Architectures.byName("dcgan");
      Network g = a.generator(generator(100, new int[] {128, 64}, Shapes.of(1, 28, 28),
          Normalization.BATCH), m, new Rng(1));
      assertEquals(List.of("layer0", "reshape", "norm0", "act0", "layer1", "norm1", "act1", "layer2",
          "out", "flatten").size(), g.layers().size());
      assertTrue(g.describe().startsWith("linear(100->6272) -> reshape(128x7x7) -> batch-norm(128)"),
          g.describe());
      assertTrue(g.describe().contains("conv-transpose(128->64, k4 s2 p1)")
          && g.describe().contains("conv-transpose(64->1, k4 s2 p1)"), g.describe());
      NDArray x = g.forward(random(m, 5, 100, 2), Pass.inference(m)).out();
      assertEquals(new Shape(5, 784), x.getShape());
      for (float v : x.toFloatArray()) {
        assertTrue(v > -1 && v < 1);
      }
      Network d = a.discriminator(discriminator(Shapes.of(1, 28, 28), new int[] {64, 128},
          Normalization.BATCH, 1, false), m, new Rng(1));
      assertTrue(d.describe().startsWith("reshape(1x28x28) -> conv(1->64, k4 s2 p1) -> leaky-relu"),
          "no normalization on D's first layer: " + d.describe());
      assertTrue(d.describe().contains("conv(64->128, k4 s2 p1) -> batch-norm(128)"), d.describe());
      Network.Output o = d.forward(x, Pass.inference(m));
      assertEquals(new Shape(5, 1), o.out().getShape());
      assertEquals(new Shape(5, 128 * 7 * 7), o.features().getShape(), "features: the last linear's input");
      assertEquals(64 * 16 + 64 + 64 * 128 * 16 + 128 + 128 + 128 + 6272 + 1, d.parameterCount());
    }
  }

  @Test
  void dcganDenseAddsInfoGansDenseLayersToBothNetworks() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Architecture a = Architectures.byName("dcgan-dense");
      Network g = a.generator(generator(74, new int[] {1024, 128, 64}, Shapes.of(1, 28, 28),
          Normalization.BATCH), m, new Rng(1));
      assertTrue(g.describe().startsWith("linear(74->1024) -> batch-norm(1024) -> relu"
          + " -> linear(1024->6272) -> reshape(128x7x7) -> batch-norm(128)"), g.describe());
      assertTrue(g.describe().contains("conv-transpose(128->64, k4 s2 p1)")
          && g.describe().contains("conv-transpose(64->1, k4 s2 p1)"), g.describe());
      NDArray x = g.forward(random(m, 5, 74, 2), Pass.inference(m)).out();
      assertEquals(new Shape(5, 784), x.getShape());
      Network d = a.discriminator(discriminator(Shapes.of(1, 28, 28), new int[] {64, 128, 1024},
          Normalization.BATCH, 1, false), m, new Rng(1));
      assertTrue(d.describe().contains("conv(64->128, k4 s2 p1) -> batch-norm(128)"), d.describe());
      assertTrue(d.describe().contains("linear(6272->1024) -> batch-norm(1024) -> leaky-relu"),
          d.describe());
      Network.Output o = d.forward(x, Pass.inference(m));
      assertEquals(new Shape(5, 1), o.out().getShape());
      assertEquals(new Shape(5, 1024), o.features().getShape(), "features: the dense layer's");
      assertEquals(64 * 16 + 64 + 64 * 128 * 16 + 128 + 2 * 128 + 6272 * 1024 + 1024 + 2 * 1024
          + 1024 + 1, d.parameterCount());
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> a.discriminator(discriminator(Shapes.of(1, 28, 28), new int[] {1024},
              Normalization.BATCH, 1, false), m, new Rng(1)));
      assertTrue(e.getMessage().contains("needs a dense width and at least one stage width"),
          e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), "one line");
    }
  }

  @Test
  void packingStacksSamplesAlongChannelsAndRgbImagesWork() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Architecture a = Architectures.byName("dcgan");
      Shape rgb = Shapes.of(3, 32, 32);
      Network g = a.generator(generator(16, new int[] {64, 32, 16}, rgb, Normalization.NONE), m,
          new Rng(1));
      NDArray x = g.forward(random(m, 8, 16, 3), Pass.inference(m)).out();
      assertEquals(new Shape(8, 3072), x.getShape());
      Network d = a.discriminator(discriminator(rgb, new int[] {8, 16, 32}, Normalization.SPECTRAL, 4,
          true), m, new Rng(1));
      assertEquals(4, d.pack());
      assertTrue(d.describe().startsWith("pack(4) -> reshape(12x32x32) -> conv(12->8"), d.describe());
      assertTrue(d.describe().contains("minibatch-stddev"), d.describe());
      assertEquals(new Shape(2, 1), d.forward(x, Pass.training(m, new Rng(2))).out().getShape());
    }
  }

  @Test
  void resnetKeepsItsWidthAndHalvesOrDoublesPerStage() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Architecture a = Architectures.byName("resnet");
      Network g = a.generator(generator(32, new int[] {16, 16, 16}, Shapes.of(1, 28, 28),
          Normalization.BATCH), m, new Rng(1));
      assertTrue(g.describe().contains("linear(32->784) -> reshape(16x7x7) -> upsample(x2) -> residual["),
          g.describe());
      assertEquals(new Shape(3, 784), g.forward(random(m, 3, 32, 4), Pass.inference(m)).out().getShape());
      Network d = a.discriminator(discriminator(Shapes.of(1, 28, 28), new int[] {16, 16, 16},
          Normalization.NONE, 1, false), m, new Rng(1));
      assertTrue(d.describe().contains("avg-pool(2)"), d.describe());
      assertEquals(new Shape(3, 1), d.forward(random(m, 3, 784, 5), Pass.inference(m)).out().getShape());
    }
  }

  @Test
  void aConvolutionalCriticsInputGradientIsTheEnginesGradient() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      for (String arch : List.of("dcgan", "resnet")) {
        Network d = Architectures.byName(arch).discriminator(discriminator(Shapes.of(1, 12, 12),
            arch.equals("dcgan") ? new int[] {4, 8} : new int[] {4, 4, 4},
            Normalization.SPECTRAL, 1, false), m, new Rng(1));
        NDArray x = random(m, 3, 144, 6);
        x.setRequiresGradient(true);
        float[] hand;
        try (NDManager step = m.newSubManager()) {
          Pass pass = Pass.inference(step);
          hand = d.inputGradient(x, pass).toFloatArray();
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(d.forward(x, pass).out().sum());
          }
          assertArrayEquals(x.getGradient().toFloatArray(), hand, 1e-5f, arch);
        }
      }
    }
  }

  @Test
  void badShapesAndNamesAreRefusedWithTheReason() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Architecture a = Architectures.byName("dcgan");
      InvalidConfigException points = assertThrows(InvalidConfigException.class,
          () -> a.discriminator(discriminator(Shapes.of(2), new int[] {8}, Normalization.NONE, 1,
              false), m, new Rng(1)));
      assertTrue(points.getMessage().contains("needs image data"), points.getMessage());
      InvalidConfigException sides = assertThrows(InvalidConfigException.class,
          () -> a.generator(generator(8, new int[] {32, 16, 8}, Shapes.of(1, 28, 28),
              Normalization.NONE), m, new Rng(1)));
      assertTrue(sides.getMessage().contains("multiples of 8"), sides.getMessage());
      InvalidConfigException name = assertThrows(InvalidConfigException.class,
          () -> Architectures.byName("vgg"));
      assertTrue(name.getMessage().contains(
          "[mlp, dcgan, resnet, unet, patchgan, resnet-translator, dcgan-dense]"), name.getMessage());
    }
  }
}
