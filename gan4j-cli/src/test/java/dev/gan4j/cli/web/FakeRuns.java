package dev.gan4j.cli.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Run folders written by hand, in the layout a training run leaves, for the web tests. */
final class FakeRuns {
  static final String HEADER =
      "step,epoch,loss_d,loss_g,d_real,d_fake,samples_per_s,wall_s,mixture.modes,mixture.reverse_kl";

  private FakeRuns() {}

  /**
   * A run with three complete metric rows (evaluated at step 20) and half a fourth, an alarm at step
   * 20, the references line, and sample pictures at steps 0, 10 and 20.
   */
  static Path write(Path dir) {
    try {
      Files.createDirectories(dir.resolve("samples"));
      Files.writeString(dir.resolve("config.json"), "{\"preset\":\"ring8\",\"seed\":7}");
      Files.writeString(dir.resolve("provenance.json"), "{\"seed\":7,\"djl\":\"0.34.0\"}");
      Files.writeString(dir.resolve("metrics.csv"), HEADER + "\n"
          + "10,0.1,1.3862,0.6931,0.5000,0.4900,100.0,0.1,,\n"
          + "20,0.2,1.2500,0.8000,0.6000,0.4000,110.0,0.2,3.00000,1.25000\n"
          + "30,0.3,1.1000,0.9000,0.6500,0.3500,120.0,0.3,,\n"
          + "40,0.4,1.0"); // being written: not yet a row
      Files.writeString(dir.resolve("run.log"),
          "2026-12-03T10:00:00Z session starts at step 0\n"
              + "2026-12-03T10:00:00Z real-data reference: mixture.modes=8.00000 mixture.reverse_kl=0.00122\n"
              + "2026-12-03T10:00:01Z evaluation at step 20: mixture.modes=3.000 mixture.reverse_kl=1.250\n"
              + "2026-12-03T10:00:01Z ALARM step 20: modes: only 3 of 8 modes captured\n",
          StandardCharsets.UTF_8);
      for (int step : new int[] {0, 10, 20}) {
        Files.write(dir.resolve("samples").resolve(String.format("step-%08d.png", step)), png(step));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** A small PNG whose first pixel encodes {@code value}. */
  static byte[] png(int value) throws IOException {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, value);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
