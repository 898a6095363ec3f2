package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import dev.gan4j.data.ImageFolder;
import dev.gan4j.io.ImageGrid;
import dev.gan4j.io.OutputPaths;
import dev.gan4j.io.RunTranslator;
import dev.gan4j.io.SampleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j translate}: runs a translation run's generator on image files or an IDX file. */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Translate images with an image-to-image run (pix2pix, cyclegan): one PNG out per image in.",
      "--in takes an image file, a folder of images (PNG, JPEG, ...; resized and centre-cropped to"
          + " the run's size) or an IDX file (.idx, .idx.gz)."
    })
final class TranslateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run folder.")
  Path run;

  @Option(names = "--in", required = true, paramLabel = "FILE|DIR", description = "The images.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the PNGs go.")
  Path out;

  @Option(
      names = "--direction",
      paramLabel = "D",
      description = "a2b (default) or b2a (cyclegan runs only).")
  String direction = "a2b";

  @Override
  public Integer call() {
    String d = direction.toLowerCase(Locale.ROOT);
    if (!d.equals("a2b") && !d.equals("b2a")) {
      throw new Gan4jException("--direction must be a2b or b2a, got '" + direction + "'");
    }
    if (!Files.exists(in)) {
      throw new Gan4jException("--in " + in + ": no such file or folder");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new Gan4jException("--out " + out + " is a file; give a folder");
    }
    OutputPaths.checkFolder(out);
    try (RunTranslator t = RunTranslator.open(run)) {
      if (d.equals("b2a") && !t.bothWays()) {
        throw new Gan4jException("this run translates one way, A to B (pix2pix); b2a needs a"
            + " cyclegan run");
      }
      int[] shape = t.imageShape();
      int dim = shape[0] * shape[1] * shape[2];
      List<String> names = new ArrayList<>();
      float[] images = read(shape, dim, names);
      int n = names.size();
      float[] y = t.translate(images, n, d.equals("b2a"));
      Files.createDirectories(out);
      for (int i = 0; i < n; i++) {
        float[] one = java.util.Arrays.copyOfRange(y, i * dim, (i + 1) * dim);
        ImageGrid.write(one, 1, shape[0], shape[1], shape[2], 1, 1, out.resolve(names.get(i)));
      }
      spec.commandLine().getOut().println(n + " images translated into " + out);
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Gan4jCli.OK;
  }

  // The input images, n × dim values in [-1, 1], and the output file name of each.
  private float[] read(int[] shape, int dim, List<String> names) throws IOException {
    String lower = in.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isRegularFile(in) && (lower.endsWith(".idx") || lower.endsWith(".idx.gz"))) {
      SampleFiles.Loaded s = SampleFiles.read(in);
      if (s.dim() != dim) {
        throw new Gan4jException(in + " holds images of " + s.dim() + " values; the run translates "
            + shape[1] + " x " + shape[2] + " images of " + shape[0] + " channel(s)");
      }
      for (int i = 0; i < s.count(); i++) {
        names.add(String.format(Locale.ROOT, "%06d.png", i));
      }
      return s.values();
    }
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(in)) {
      try (Stream<Path> list = Files.list(in)) {
        list.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
      if (files.isEmpty()) {
        throw new Gan4jException("--in " + in + ": the folder holds no files");
      }
    } else {
      files.add(in);
    }
    float[] out = new float[Math.multiplyExact(files.size(), dim)];
    for (int i = 0; i < files.size(); i++) {
      float[] img = ImageFolder.decode(files.get(i), shape[1], shape[0]);
      System.arraycopy(img, 0, out, i * dim, dim);
      String name = files.get(i).getFileName().toString();
      int dot = name.lastIndexOf('.');
      names.add((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }
    return out;
  }
}
