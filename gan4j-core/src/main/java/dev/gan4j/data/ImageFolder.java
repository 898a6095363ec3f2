package dev.gan4j.data;

import dev.gan4j.DataException;
import dev.gan4j.InvalidConfigException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A folder of PNG and JPEG images as a GAN training set, in one of two layouts:
 *
 * <ul>
 *   <li>images directly in the folder: no labels;
 *   <li>one subfolder per class ({@code cats/}, {@code dogs/}, searched recursively): each image is
 *       labelled with the index of its class folder's name in sorted order.
 * </ul>
 *
 * <p>Files ending in {@code .png}, {@code .jpg} or {@code .jpeg} (any case) are read; other files
 * and hidden ones (names starting with a dot, such as macOS's {@code ._photo.jpg}) are ignored, and
 * images are taken in order of their relative paths so every load gives the same order. Each image
 * is scaled so its shorter side is {@code imageSize} (antialiased bilinear, as Pillow's resize) and
 * centre-cropped to a square; grey output uses the luma {@code 0.299 R + 0.587 G + 0.114 B}
 * (rounded), RGB output replicates grey sources. Transparent pixels are composited over black.
 *
 * <p>Decoding a large folder is slow, so the result is cached in {@code cacheDir} as uint8 pixels
 * under a fingerprint of the options and of every image file's path, size and modification time:
 * a folder that changes is read again, and a damaged cache file is ignored and rewritten.
 *
 * <pre>{@code ImageFolder.Loaded faces = ImageFolder.load(Path.of("faces"),
 *     new ImageFolder.Options(64, 3, false), Path.of(".gan4j/cache"));}</pre>
 */
public final class ImageFolder {
  /** The file name endings read as images, compared without regard to case. */
  public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  // Java arrays stop a little short of Integer.MAX_VALUE on common JVMs.
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  private ImageFolder() {}

  /**
   * How to load a folder: the side of the square every image becomes ({@code 4..1024} pixels), the
   * channels ({@code 1} grey or {@code 3} RGB), and whether files that cannot be decoded are left
   * out and counted ({@code true}) or stop the load ({@code false}).
   *
   * <pre>{@code new ImageFolder.Options(64, 3, false)}</pre>
   */
  public record Options(int imageSize, int channels, boolean skipBadImages) {
    /** Checks that the size and channel count are in range. */
    public Options {
      if (imageSize < 4 || imageSize > 1024) {
        throw new InvalidConfigException(
            "imageSize must be between 4 and 1024 pixels, got " + imageSize);
      }
      if (channels != 1 && channels != 3) {
        throw new InvalidConfigException(
            "channels must be 1 (grey) or 3 (RGB), got " + channels);
      }
    }
  }

  /**
   * A loaded folder: {@code count} images of {@code channels × height × width}, image after image,
   * each channel-major, scaled from 0..255 to [-1, 1] as {@code v / 127.5f - 1}. {@code labels}
   * holds each image's index into {@code classNames}, or is {@code null} (and {@code classNames}
   * empty) when the images lie directly in the folder. {@code skipped} counts the files left out as
   * undecodable; {@code fingerprint} names this exact folder content and options (hex SHA-256).
   *
   * <pre>{@code float firstRed = loaded.pixels()[0]; String firstClass =
   *     loaded.classNames().get(loaded.labels()[0]);}</pre>
   */
  public record Loaded(int count, int channels, int height, int width, float[] pixels,
      int[] labels, List<String> classNames, int skipped, String fingerprint) {
    /** Checks that the arrays hold exactly {@code count} images and labels. */
    public Loaded {
      if (count < 1 || channels < 1 || height < 1 || width < 1) {
        throw new IllegalArgumentException("image dimensions must be positive, got " + count
            + " x " + channels + " x " + height + " x " + width);
      }
      long expected = (long) count * channels * height * width;
      if (pixels == null || pixels.length != expected) {
        throw new IllegalArgumentException("expected " + expected + " pixel values, got "
            + (pixels == null ? "none" : pixels.length));
      }
      if (labels != null && labels.length != count) {
        throw new IllegalArgumentException(count + " images but " + labels.length + " labels");
      }
      classNames = List.copyOf(classNames);
    }
  }

  /**
   * Loads the images in {@code folder}, from the cache in {@code cacheDir} when it holds this exact
   * folder content, decoding and caching them otherwise; {@code cacheDir} null means no cache.
   */
  public static Loaded load(Path folder, Options options, Path cacheDir) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(options, "options");
    Listing listing = list(folder);
    String fingerprint = fingerprint(listing, options);
    Path cacheFile = cacheDir == null ? null : ImageFolderCache.file(cacheDir, fingerprint);
    Decoded decoded = cacheFile == null ? null
        : ImageFolderCache.read(cacheFile, fingerprint, options, listing.classNames().size());
    if (decoded == null) {
      decoded = decode(folder, listing, options);
      if (cacheFile != null) {
        ImageFolderCache.write(cacheFile, fingerprint, options, decoded);
      }
    }
    int size = options.imageSize();
    return new Loaded(decoded.count(), options.channels(), size, size, toFloats(decoded.pixels()),
        decoded.labels(), listing.classNames(), decoded.skipped(), fingerprint);
  }

  /** The uint8 pixels and labels of the images that decoded, before scaling to [-1, 1]. */
  record Decoded(int count, byte[] pixels, int[] labels, int skipped) {}

  // One image file: where it is, its path relative to the folder ('/'-separated), its class.
  record ImageFile(Path path, String relative, int label, long bytes, Instant modified) {}

  // classNames is empty (and every label -1) for images directly in the folder.
  record Listing(List<ImageFile> files, List<String> classNames) {}

  static Listing list(Path folder) {
    return list(folder, dev.gan4j.Limits.MAX_IMAGES);
  }

  // As list(folder), refusing a folder of more than maxImages image files (counted as they are
  // found, so a huge tree is not listed whole first).
  static Listing list(Path folder, int maxImages) {
    if (!Files.exists(folder)) {
      throw new DataException(folder + ": image folder not found");
    }
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + ": not a folder; pass the folder that holds the images");
    }
    List<Path> loose = new ArrayList<>();
    List<Path> subfolders = new ArrayList<>();
    try (Stream<Path> children = Files.list(folder)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (isHidden(child)) {
          continue;
        }
        if (Files.isDirectory(child)) {
          subfolders.add(child);
        } else if (isImage(child)) {
          loose.add(child);
          checkCount(folder, loose.size(), maxImages);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DataException(folder + ": cannot list the folder: " + e, e);
    }
    if (!loose.isEmpty() && !subfolders.isEmpty()) {
      throw new DataException(folder + " holds both images (such as " + loose.get(0).getFileName()
          + ") and subfolders (such as " + subfolders.get(0).getFileName() + "/): put every image"
          + " in a class subfolder, or none");
    }
    List<ImageFile> files = new ArrayList<>();
    List<String> classNames = new ArrayList<>();
    if (subfolders.isEmpty()) {
      for (Path file : loose) {
        files.add(imageFile(file, file.getFileName().toString(), -1));
      }
    } else {
      subfolders.sort(Comparator.comparing(p -> p.getFileName().toString()));
      for (Path classDir : subfolders) {
        String name = classDir.getFileName().toString();
        int before = files.size();
        walkClass(classDir, name, classNames.size(), files, folder, maxImages);
        if (files.size() == before) {
          throw new DataException(classDir + ": class folder holds no " + extensionList()
              + " files; remove it or add its images");
        }
        classNames.add(name);
      }
    }
    if (files.isEmpty()) {
      throw new DataException(folder + ": no " + extensionList()
          + " files (hidden files are ignored)");
    }
    files.sort(Comparator.comparingInt(ImageFile::label)
        .thenComparing(ImageFile::relative, ImageFolder::comparePaths));
    return new Listing(List.copyOf(files), List.copyOf(classNames));
  }

  private static void checkCount(Path folder, int count, int maxImages) {
    if (count > maxImages) {
      throw new DataException(String.format(Locale.ROOT, "%s: holds more than %,d image files,"
          + " the most one folder dataset may have; use a folder of fewer images", folder,
          maxImages));
    }
  }

  private static void walkClass(Path classDir, String name, int label, List<ImageFile> out,
      Path folder, int maxImages) {
    try {
      // The real path so that a class folder that is a symbolic link is walked, not skipped.
      Path root = classDir.toRealPath();
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.equals(root) || !isHidden(dir) ? FileVisitResult.CONTINUE
              : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!isHidden(file) && isImage(file) && Files.isRegularFile(file)) {
            Path relative = root.relativize(file);
            String joined = name + "/" + relative.toString().replace(file.getFileSystem()
                .getSeparator(), "/");
            out.add(imageFile(classDir.resolve(relative), joined, label));
            checkCount(folder, out.size(), maxImages);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new DataException(classDir + ": cannot list the class folder: " + e, e);
    }
  }

  private static ImageFile imageFile(Path file, String relative, int label) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      return new ImageFile(file, relative, label, attrs.size(),
          attrs.lastModifiedTime().toInstant());
    } catch (IOException e) {
      throw new DataException(file + ": cannot read the file's size and date: " + e, e);
    }
  }

  private static boolean isHidden(Path path) {
    return path.getFileName().toString().startsWith(".");
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static String extensionList() {
    return String.join(", ", EXTENSIONS);
  }

  // Component by component, so "a/z.png" sorts before "a-b/y.png" as its folder "a" does.
  private static int comparePaths(String a, String b) {
    return Arrays.compare(a.split("/"), b.split("/"));
  }

  static String fingerprint(Listing listing, Options options) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (DataOutputStream out = new DataOutputStream(
          new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
        // The cache version too: a new decoder must not reuse pixels the old one made.
        out.writeInt(ImageFolderCache.VERSION);
        out.writeInt(options.imageSize());
        out.writeInt(options.channels());
        out.writeBoolean(options.skipBadImages());
        out.writeInt(listing.classNames().size());
        for (String name : listing.classNames()) {
          writeString(out, name);
        }
        out.writeInt(listing.files().size());
        for (ImageFile f : listing.files()) {
          writeString(out, f.relative());
          out.writeInt(f.label());
          out.writeLong(f.bytes());
          out.writeLong(f.modified().getEpochSecond());
          out.writeInt(f.modified().getNano());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("SHA-256 over memory cannot fail", e);
    }
  }

  // Length-prefixed, so that no two different lists of names hash the same bytes.
  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static Decoded decode(Path folder, Listing listing, Options options) {
    return decode(folder, listing, options, IdxFile.maxBodyBytes());
  }

  // As decode(folder, listing, options), refusing a decoded set of more than maxBytes pixels.
  static Decoded decode(Path folder, Listing listing, Options options, long maxBytes) {
    int size = options.imageSize();
    int channels = options.channels();
    List<ImageFile> files = listing.files();
    int n = files.size();
    long perImage = (long) channels * size * size;
    checkSize(folder, n, options, maxBytes);
    int[] labels = null;
    if (!listing.classNames().isEmpty()) {
      labels = files.stream().mapToInt(ImageFile::label).toArray();
    }
    return decodeItems(folder, n, perImage, labels, options.skipBadImages(), "image files",
        (i, out, offset) -> decodeFile(files.get(i).path(), size, channels, out, offset));
  }

  /**
   * Checks, from the count alone and before anything is allocated, that {@code images} images of
   * the options' size fit one Java array and a fifth of the heap ({@code maxBytes}).
   */
  static void checkSize(Path folder, long images, Options options, long maxBytes) {
    int size = options.imageSize();
    int channels = options.channels();
    long perImage = (long) channels * size * size;
    if (images * perImage > MAX_VALUES) {
      throw new DataException(folder + ": " + images + " images of " + channels + " x " + size
          + " x " + size + " are " + images * perImage + " values, more than the " + MAX_VALUES
          + " one Java array holds; use a smaller image size or fewer images");
    }
    // ... and must fit the heap: the pixels and, later, their float32 copy.
    if (images * perImage > maxBytes) {
      throw new DataException(String.format(Locale.ROOT, "%s: %,d images of %d x %d x %d are %s of"
          + " pixels, more than the %s this JVM can load (a fifth of its maximum heap); use a"
          + " smaller --image-size, fewer images, or a larger -Xmx (GAN4J_JAVA_OPTS for ./gan4j)",
          folder, images, channels, size, size, dev.gan4j.Limits.bytes(images * perImage),
          dev.gan4j.Limits.bytes(maxBytes)));
    }
  }

  /** Decodes item {@code i} (an image, or a pair of them) into {@code out} from {@code offset}. */
  @FunctionalInterface
  interface ItemDecoder {
    void decode(int i, byte[] out, int offset) throws ImageDecoder.BadImage;
  }

  // One image file; a failure's message names the file.
  static void decodeFile(Path file, int size, int channels, byte[] out, int offset)
      throws ImageDecoder.BadImage {
    try {
      ImageDecoder.decodeInto(file, size, channels, out, offset);
    } catch (ImageDecoder.BadImage e) {
      throw new ImageDecoder.BadImage(file + ": " + e.getMessage());
    }
  }

  /**
   * Decodes {@code n} items of {@code perItem} bytes each, in order: an item that fails is left out
   * and counted when {@code skipBad}, and stops the load naming the first failure otherwise.
   *
   * @param labels each item's label, or null
   * @param what what the items are, for messages ("image files", "pairs")
   */
  static Decoded decodeItems(Path folder, int n, long perItem, int[] labels, boolean skipBad,
      String what, ItemDecoder decoder) {
    byte[] pixels = new byte[(int) (n * perItem)];
    int[] kept = labels == null ? null : new int[n];
    int count = 0;
    int bad = 0;
    String firstBad = null;
    for (int i = 0; i < n; i++) {
      try {
        decoder.decode(i, pixels, (int) (count * perItem));
        if (kept != null) {
          kept[count] = labels[i];
        }
        count++;
      } catch (ImageDecoder.BadImage e) {
        if (bad++ == 0) {
          firstBad = e.getMessage();
        }
      }
    }
    if (bad > 0 && !skipBad) {
      throw new DataException(folder + ": " + bad + " of " + n + " " + what + " cannot be decoded;"
          + " the first is " + firstBad + ". Fix or remove them, or pass --skip-bad-images to"
          + " leave them out");
    }
    if (count == 0) {
      throw new DataException(folder + ": none of the " + n + " " + what + " can be decoded; the"
          + " first is " + firstBad);
    }
    if (count < n) {
      pixels = Arrays.copyOf(pixels, (int) (count * perItem));
      kept = kept == null ? null : Arrays.copyOf(kept, count);
    }
    return new Decoded(count, pixels, kept, bad);
  }

  private static float[] toFloats(byte[] pixels) {
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 127.5f - 1f;
    }
    return out;
  }

  /**
   * One image file (PNG, JPEG, ...) as {@code channels × size × size} values in [-1, 1], resized and
   * centre-cropped as a folder's images are: what {@code gan4j translate} feeds a run.
   *
   * @throws DataException naming the file when it cannot be decoded
   */
  public static float[] decode(Path file, int size, int channels) {
    byte[] bytes = new byte[channels * size * size];
    try {
      ImageDecoder.decodeInto(file, size, channels, bytes, 0);
    } catch (ImageDecoder.BadImage e) {
      throw new DataException(file + ": " + e.getMessage());
    }
    float[] out = new float[bytes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (bytes[i] & 0xFF) / 127.5f - 1f;
    }
    return out;
  }
}
