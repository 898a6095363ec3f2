package dev.gan4j.data;

import dev.gan4j.DataException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Image-to-image training data from folders of PNG and JPEG images, in the three layouts of the
 * pix2pix and CycleGAN datasets, named as {@code data.name} ({@code --data}):
 *
 * <ul>
 *   <li>{@code pairs:PATH}: a folder of side-by-side images, each one's left half the input (A) and
 *       its right half the target (B), as in pix2pix's facades, maps or edges2shoes;
 *   <li>{@code pairs:DIR_A,DIR_B}: two folders whose images are matched by file name (relative
 *       path), image {@code x.png} of DIR_A the input of {@code x.png} of DIR_B;
 *   <li>{@code unpaired:PATH}: {@code PATH/trainA} and {@code PATH/trainB}, two domains without
 *       pairs (CycleGAN's horse2zebra layout); a training row joins an image of A to an unrelated
 *       one of B (a permutation drawn from the run's seed).
 * </ul>
 *
 * <p>Every image (each half, for side-by-side ones) is resized and centre-cropped as {@link
 * ImageFolder} does, to {@code data.imageSize} and {@code data.channels}; the decoded pixels are
 * cached under a fingerprint of the options and of every file's path, size and date, and files
 * that cannot be decoded stop the load or, with {@code --skip-bad-images}, are left out (a pair
 * whose either image is bad is left out whole). A row holds A and B stacked as channels (2c × s ×
 * s), as the built-in tasks' rows do ({@link TranslationTasks}). Names that do not match, or empty
 * folders, are refused with one line naming the first problem; a pair of two files that differ in
 * size counts as a file that cannot be decoded.
 *
 * <pre>{@code TrainingSet rows = TranslationFolders.load("pairs:facades/train",
 *     new ImageFolder.Options(64, 3, false), cacheDir, 20_000, seed);}</pre>
 */
public final class TranslationFolders {
  /** The prefix of paired data: one side-by-side folder, or two folders matched by name. */
  public static final String PAIRS = "pairs:";

  /** The prefix of unpaired data: a folder holding {@code trainA/} and {@code trainB/}. */
  public static final String UNPAIRED = "unpaired:";

  private TranslationFolders() {}

  /** Whether {@code name} names translation data in folders ({@code pairs:...}, {@code unpaired:...}). */
  public static boolean isFolderData(String name) {
    return name != null && ((name.startsWith(PAIRS) && name.length() > PAIRS.length())
        || (name.startsWith(UNPAIRED) && name.length() > UNPAIRED.length()));
  }

  /** Whether {@code name} names paired folder data ({@code pairs:...}). */
  public static boolean paired(String name) {
    return isFolderData(name) && name.startsWith(PAIRS);
  }

  /** The shape of one training row: A and B stacked as channels, (2c, s, s). */
  public static int[] rowShape(ImageFolder.Options options) {
    return new int[] {2 * options.channels(), options.imageSize(), options.imageSize()};
  }

  /**
   * The training rows of the folder data called {@code name}, at most {@code limit}.
   *
   * @param cacheDir where decoded pixels are cached, or null for no cache
   * @param seed draws the unpaired rows' permutation
   * @throws DataException naming the folder and the problem (missing, empty, mismatched names,
   *     undecodable files)
   */
  public static TrainingSet load(String name, ImageFolder.Options options, Path cacheDir,
      int limit, long seed) {
    if (!isFolderData(name)) {
      throw new DataException(name + ": not translation folder data; use pairs:PATH,"
          + " pairs:DIR_A,DIR_B or unpaired:PATH");
    }
    int[] shape = rowShape(options);
    if (name.startsWith(UNPAIRED)) {
      Path root = Path.of(name.substring(UNPAIRED.length()));
      ImageFolder.Loaded a = ImageFolder.load(domain(root, "trainA"), options, cacheDir);
      ImageFolder.Loaded b = ImageFolder.load(domain(root, "trainB"), options, cacheDir);
      return TranslationTasks.join(name, a.pixels(), a.count(), b.pixels(), b.count(), shape,
          false, limit, seed, null, 0);
    }
    String spec = name.substring(PAIRS.length());
    int comma = spec.indexOf(',');
    ImageFolder.Decoded d = comma < 0
        ? sideBySide(Path.of(spec), options, cacheDir)
        : matched(Path.of(spec.substring(0, comma)), Path.of(spec.substring(comma + 1)), options,
            cacheDir);
    // d holds A0, B0, A1, B1, ...: exactly rows of A and B stacked as channels.
    int rows = d.count() / 2;
    int dim = options.channels() * options.imageSize() * options.imageSize();
    int count = Math.min(limit, rows);
    float[] values = new float[Math.multiplyExact(count, 2 * dim)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (d.pixels()[i] & 0xFF) / 127.5f - 1f;
    }
    return new TrainingSet(name, count, shape, values);
  }

  private static Path domain(Path root, String child) {
    if (!Files.isDirectory(root)) {
      throw new DataException(root + ": folder not found; unpaired:PATH needs PATH/trainA and"
          + " PATH/trainB");
    }
    Path dir = root.resolve(child);
    if (!Files.isDirectory(dir)) {
      throw new DataException(dir + ": folder not found; unpaired:PATH needs PATH/trainA and"
          + " PATH/trainB");
    }
    return dir;
  }

  // Each file's halves as two images, A then B.
  private static ImageFolder.Decoded sideBySide(Path folder, ImageFolder.Options options,
      Path cacheDir) {
    ImageFolder.Listing listing = ImageFolder.list(folder);
    List<ImageFolder.ImageFile> files = listing.files();
    int size = options.imageSize();
    int channels = options.channels();
    int perImage = channels * size * size;
    return cached(folder, options, cacheDir, "side-by-side", List.of(listing), files.size(),
        (i, out, offset) -> {
          Path file = files.get(i).path();
          try {
            ImageDecoder.decodeHalvesInto(file, size, channels, out, offset, offset + perImage);
          } catch (ImageDecoder.BadImage e) {
            throw new ImageDecoder.BadImage(file + ": " + e.getMessage());
          }
        });
  }

  // Image x of folder A, then image x of folder B, for every name x both hold.
  private static ImageFolder.Decoded matched(Path dirA, Path dirB, ImageFolder.Options options,
      Path cacheDir) {
    ImageFolder.Listing la = ImageFolder.list(dirA);
    ImageFolder.Listing lb = ImageFolder.list(dirB);
    Map<String, ImageFolder.ImageFile> byName = new HashMap<>();
    for (ImageFolder.ImageFile f : lb.files()) {
      byName.put(f.relative(), f);
    }
    List<ImageFolder.ImageFile[]> pairs = new ArrayList<>();
    for (ImageFolder.ImageFile f : la.files()) {
      ImageFolder.ImageFile g = byName.remove(f.relative());
      if (g == null) {
        throw new DataException(f.path() + " has no image of the same name in " + dirB
            + "; pairs:DIR_A,DIR_B matches images by file name");
      }
      pairs.add(new ImageFolder.ImageFile[] {f, g});
    }
    if (!byName.isEmpty()) {
      String first = byName.keySet().stream().sorted().findFirst().orElseThrow();
      throw new DataException(dirB.resolve(first) + " has no image of the same name in " + dirA
          + "; pairs:DIR_A,DIR_B matches images by file name");
    }
    int size = options.imageSize();
    int channels = options.channels();
    int perImage = channels * size * size;
    return cached(dirA, options, cacheDir, "matched", List.of(la, lb), pairs.size(),
        (i, out, offset) -> ImageDecoder.decodePairInto(pairs.get(i)[0].path(),
            pairs.get(i)[1].path(), size, channels, out, offset, offset + perImage));
  }

  // The pairs from the cache when it holds this exact content, else decoded (two images a pair)
  // and cached.
  private static ImageFolder.Decoded cached(Path folder, ImageFolder.Options options,
      Path cacheDir, String layout, List<ImageFolder.Listing> listings, int pairs,
      ImageFolder.ItemDecoder decoder) {
    String fingerprint = fingerprint(layout, listings, options);
    Path cacheFile = cacheDir == null ? null : ImageFolderCache.file(cacheDir, fingerprint);
    ImageFolder.Decoded d = cacheFile == null ? null
        : ImageFolderCache.read(cacheFile, fingerprint, options, 0);
    if (d != null && d.count() % 2 == 0) {
      return d;
    }
    ImageFolder.checkSize(folder, 2L * pairs, options, IdxFile.maxBodyBytes());
    long perPair = 2L * options.channels() * options.imageSize() * options.imageSize();
    ImageFolder.Decoded pairsDecoded = ImageFolder.decodeItems(folder, pairs, perPair, null,
        options.skipBadImages(), "pairs", decoder);
    // Stored as twice as many images of c × s × s, which is what the bytes are.
    d = new ImageFolder.Decoded(2 * pairsDecoded.count(), pairsDecoded.pixels(), null,
        pairsDecoded.skipped());
    if (cacheFile != null) {
      ImageFolderCache.write(cacheFile, fingerprint, options, d);
    }
    return d;
  }

  // The layout and every listing's own fingerprint (files, sizes, dates, options), hashed together.
  private static String fingerprint(String layout, List<ImageFolder.Listing> listings,
      ImageFolder.Options options) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (DataOutputStream out = new DataOutputStream(
          new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
        out.write(("translation-" + layout).getBytes(StandardCharsets.UTF_8));
        for (ImageFolder.Listing l : listings) {
          out.write(ImageFolder.fingerprint(l, options).getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("SHA-256 over memory cannot fail", e);
    }
  }
}
