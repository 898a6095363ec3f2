package dev.gan4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.HostArrays;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import org.junit.jupiter.api.Test;

/** The image-to-image networks: PatchGAN map sizes and patches, U-Net skips, CycleGAN's generator. */
class TranslationNetsTest {
  @Test
  void patchGanReceptiveFieldFollowsTheFormula() {
    // pix2pix's 70 x 70 PatchGAN: 4x4 convolutions with strides 2, 2, 2, 1 and the output's 1.
    assertEquals(70, PatchGan.receptiveField(4));
    assertEquals(70, PatchGan.receptiveField(new int[] {4, 4, 4, 4, 4}, new int[] {2, 2, 2, 1, 1}));
    assertEquals(16, PatchGan.receptiveField(2));
    assertEquals(12, PatchGan.mapSide(28, 2));
  }

  @Test
  void patchGanMapHasOneLogitPerPatchAndEachSeesItsPatchOnly() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Network d = PatchGan.build(Shapes.of(1, 28, 28), new int[] {4, 8}, Normalization.NONE, m,
          new Rng(1));
      float[] x = new float[784];
      new Rng(2).fillGaussian(x);
      float[] base = d.forward(HostArrays.upload(m, x, new Shape(1, 784)), dev.gan4j.nn.Pass
          .inference(m)).out().toFloatArray();
      assertEquals(12 * 12, base.length);
      // Perturb one central pixel: the logits that change span exactly the patches containing it,
      // so the set of changed logits along a row is as wide as r / jump allows and no wider.
      int px = 14;
      int py = 14;
      x[py * 28 + px] += 5f;
      float[] moved = d.forward(HostArrays.upload(m, x, new Shape(1, 784)), dev.gan4j.nn.Pass
          .inference(m)).out().toFloatArray();
      int r = PatchGan.receptiveField(2);
      for (int oy = 0; oy < 12; oy++) {
        for (int ox = 0; ox < 12; ox++) {
          // Output (oy, ox) reads input rows 2·oy - 5 .. 2·oy - 5 + r - 1: jump 2 after the first
          // stride, padding 1 at each of three layers, 1·1 + 1·2 + 1·2 = 5 before the image.
          int y0 = 2 * oy - 5;
          int x0 = 2 * ox - 5;
          boolean inside = py >= y0 && py < y0 + r && px >= x0 && px < x0 + r;
          boolean changed = moved[oy * 12 + ox] != base[oy * 12 + ox];
          assertEquals(inside, changed, "logit " + oy + "," + ox);
        }
      }
    }
  }

  @Test
  void uNetConcatenatesTheEncoderAtEveryInnerDepth() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Network g = UNet.build(Shapes.of(1, 32, 32), Shapes.of(1, 32, 32), new int[] {4, 8, 16},
          Normalization.BATCH, 0.5f, m, new Rng(1));
      // Levels 1 and 2 are skip concatenations, nested: [x, up(...)] at 16 x 16 and at 8 x 8.
      Layer level1 = g.layers().get(2);
      assertTrue(level1 instanceof SkipConcat);
      assertEquals(new Shape(8, 16, 16), level1.outputShape(new Shape(4, 16, 16)));
      Chain body1 = (Chain) ((Block) level1).body;
      Layer level2 = body1.layers().get(body1.names().indexOf("level2"));
      assertTrue(level2 instanceof SkipConcat);
      assertEquals(new Shape(16, 8, 8), level2.outputShape(new Shape(8, 8, 8)));
      NDArray y = g.forward(m.zeros(new Shape(3, 1024)), Pass.inference(m)).out();
      assertEquals(new Shape(3, 1024), y.getShape());
      assertThrows(InvalidConfigException.class, () -> UNet.build(Shapes.of(1, 28, 28),
          Shapes.of(1, 28, 28), new int[] {4, 8, 16}, Normalization.BATCH, 0f, m, new Rng(1)));
    }
  }

  @Test
  void resnetTranslatorKeepsTheImageSize() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Network g = ResnetTranslator.build(Shapes.of(1, 28, 28), Shapes.of(1, 28, 28),
          new int[] {4, 8, 16}, 2, Normalization.INSTANCE, m, new Rng(1));
      assertEquals(new Shape(2, 784),
          g.forward(m.zeros(new Shape(2, 784)), Pass.inference(m)).out().getShape());
    }
  }
}
