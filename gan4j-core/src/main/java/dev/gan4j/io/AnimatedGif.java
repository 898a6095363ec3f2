package dev.gan4j.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes frames as an animated GIF that loops forever, with the JDK's own GIF writer: each frame
 * carries a graphic control extension (its delay), the first the NETSCAPE2.0 application extension
 * that browsers read as "repeat forever". Frames wider than 256 colours are reduced by the writer.
 *
 * <pre>{@code AnimatedGif.write(frames, 100, Files.newOutputStream(Path.of("walk.gif")));}</pre>
 */
public final class AnimatedGif {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  private AnimatedGif() {}

  /**
   * Writes {@code frames} (at least one, all the same size) to {@code out}, each shown {@code
   * delayMs} milliseconds (rounded to GIF's hundredths of a second, at least one).
   *
   * @throws IllegalArgumentException when there are no frames or they differ in size
   * @throws IOException when {@code out} fails
   */
  public static void write(List<BufferedImage> frames, int delayMs, OutputStream out)
      throws IOException {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("an animation needs at least one frame");
    }
    int w = frames.get(0).getWidth();
    int h = frames.get(0).getHeight();
    for (BufferedImage f : frames) {
      if (f.getWidth() != w || f.getHeight() != h) {
        throw new IllegalArgumentException("frames differ in size: " + w + " x " + h + " and "
            + f.getWidth() + " x " + f.getHeight());
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames.size(); i++) {
        BufferedImage frame = rgb(frames.get(i));
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(
            ImageTypeSpecifier.createFromRenderedImage(frame), param);
        annotate(metadata, delayMs, i == 0);
        writer.writeToSequence(new IIOImage(frame, null, metadata), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  // The JDK writer quantizes RGB frames into a palette; a grey raster goes through RGB so its
  // linear grey levels map to the same visible levels as in the PNG pictures.
  private static BufferedImage rgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      // The raster's levels, not getRGB's colour-managed ones (a linear grey space would brighten).
      int[] levels = image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(),
          (int[]) null);
      int[] rgb = new int[levels.length];
      for (int i = 0; i < levels.length; i++) {
        int v = levels[i];
        rgb[i] = (v << 16) | (v << 8) | v;
      }
      out.setRGB(0, 0, image.getWidth(), image.getHeight(), rgb, 0, image.getWidth());
    } else {
      out.getGraphics().drawImage(image, 0, 0, null);
    }
    return out;
  }

  private static void annotate(IIOMetadata metadata, int delayMs, boolean first)
      throws IOException {
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMs / 10f))));
    control.setAttribute("transparentColorIndex", "0");
    if (first) {
      IIOMetadataNode apps = child(root, "ApplicationExtensions");
      IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
      app.setAttribute("applicationID", "NETSCAPE");
      app.setAttribute("authenticationCode", "2.0");
      // Sub-block 1, then the loop count as a little-endian short: 0 repeats forever.
      app.setUserObject(new byte[] {1, 0, 0});
      apps.appendChild(app);
    }
    metadata.setFromTree(FORMAT, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
