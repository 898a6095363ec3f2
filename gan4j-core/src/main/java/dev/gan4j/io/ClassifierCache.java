package dev.gan4j.io;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.DataException;
import dev.gan4j.Engines;
import dev.gan4j.Gan4jException;
import dev.gan4j.data.ImageDatasets;
import dev.gan4j.data.ImageDatasets.Split;
import dev.gan4j.eval.EvalClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Trains each dataset's {@link EvalClassifier} once and keeps it, with its provenance, beside the data:
 * {@code <data dir>/<dataset>/eval-classifier-lenet.ckpt} and {@code .json}. A cached classifier is used
 * only when its recipe is the current one and the data it was trained on hashes the same (SHA-256 of the
 * decompressed IDX files); otherwise it is trained again. When a cache dir is named ({@code
 * $GAN4J_CACHE_DIR}, else the system property {@code gan4j.cache.dir}) the classifier is kept there
 * instead of in the data dir, in {@code <cache dir>/<dataset>/}; the classifier of a second copy
 * of the dataset (a test's fake one, say) goes to its subfolder {@code data-<first 16 hex digits
 * of the data hash>/}, so neither replaces the other. When the data folder is read-only (a shared
 * copy; its mode bits are respected even for a user, such as root, who could write anyway), it
 * goes to {@code ~/.gan4j/cache}.
 *
 * <p>The provenance records the recipe, the data hash, the training-split size, the accuracy on the
 * validation and test splits, the training time and the versions of gan4j, DJL, PyTorch and Java.
 *
 * <pre>{@code try (ClassifierCache.Cached c = ClassifierCache.obtain("mnist", dataDir, System.err::println)) {
 *   EvalClassifier.Embedding e = c.classifier().embed(images, n); }}</pre>
 */
public final class ClassifierCache {
  /** The environment variable naming the cache folder. */
  public static final String CACHE_ENV = "GAN4J_CACHE_DIR";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ClassifierCache() {}

  /**
   * A classifier ready for use, and where it came from.
   *
   * @param classifier the network; close it (or this) when done
   * @param provenance the JSON provenance stored beside it
   * @param file the checkpoint it was loaded from or saved to
   * @param trainedNow whether this call trained it
   */
  public record Cached(
      EvalClassifier classifier, ObjectNode provenance, Path file, boolean trainedNow)
      implements AutoCloseable {
    /** Held-out accuracy on the test split, as recorded. */
    public double testAccuracy() {
      return provenance.path("testAccuracy").asDouble(Double.NaN);
    }

    @Override
    public void close() {
      classifier.close();
    }
  }

  /** The cache folder named by {@code $GAN4J_CACHE_DIR} or {@code gan4j.cache.dir}, or null. */
  public static Path namedCacheDir() {
    String env = System.getenv(CACHE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env.strip());
    }
    String prop = System.getProperty("gan4j.cache.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop.strip());
    }
    return null;
  }

  // Where a classifier of `dataset` may be kept, in order of preference. A named cache folder is
  // shared by every copy of a dataset (the real MNIST and a test's small fake one): the classifier
  // of a second copy goes to a subfolder named by its data's hash, so that the two copies do not
  // train over each other in turn (see save).
  private static List<Path> places(String dataset, Path dataDir, Path named, String hash) {
    if (named != null) {
      return List.of(
          named.resolve(dataset), named.resolve(dataset).resolve("data-" + hash.substring(0, 16)));
    }
    return List.of(
        dataDir.resolve(dataset),
        Path.of(System.getProperty("user.home"), ".gan4j", "cache").resolve(dataset));
  }

  /**
   * The evaluation classifier of {@code dataset}: loaded from the data dir or the cache dir when a valid
   * one is there, otherwise trained on the training split (minutes) and saved.
   *
   * @param log progress lines (training epochs, where the classifier is)
   * @throws DataException when the dataset is missing or malformed
   */
  public static Cached obtain(String dataset, Path dataDir, Consumer<String> log) {
    return obtain(dataset, dataDir, namedCacheDir(), log);
  }

  // As obtain above, with the cache folder given (null: none named).
  static Cached obtain(String dataset, Path dataDir, Path cacheDir, Consumer<String> log) {
    if (!ImageDatasets.names().contains(dataset)) {
      throw new DataException("no evaluation classifier for '" + dataset + "': it is not an image "
          + "dataset; known: " + ImageDatasets.names());
    }
    if (!ImageDatasets.isPresent(dataset, dataDir)) {
      ImageDatasets.load(dataset, dataDir, Split.TRAIN); // throws the message naming the missing file
    }
    EvalClassifier.Recipe recipe = EvalClassifier.Recipe.forDataset(dataset);
    JsonNode recipeJson;
    try {
      // Through text, so it compares equal to what a file holds (floats come back as doubles).
      recipeJson = JSON.readTree(JSON.writeValueAsString(recipe));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the classifier recipe", e);
    }
    String hash = dataHash(dataset, dataDir);
    List<Path> places = places(dataset, dataDir, cacheDir, hash);
    for (Path dir : places) {
      Cached c = tryLoad(dir, recipe, recipeJson, hash);
      if (c != null) {
        return c;
      }
    }
    return trainAndSave(dataset, dataDir, recipe, recipeJson, hash, places, cacheDir != null, log);
  }

  private static Path checkpointIn(Path dir) {
    return dir.resolve("eval-classifier-" + EvalClassifier.ARCHITECTURE + ".ckpt");
  }

  private static Path provenanceIn(Path dir) {
    return dir.resolve("eval-classifier-" + EvalClassifier.ARCHITECTURE + ".json");
  }

  private static Cached tryLoad(
      Path dir, EvalClassifier.Recipe recipe, JsonNode recipeJson, String hash) {
    Path ckpt = checkpointIn(dir);
    Path json = provenanceIn(dir);
    if (!Files.isRegularFile(ckpt) || !Files.isRegularFile(json)) {
      return null;
    }
    try {
      JsonNode p = JSON.readTree(json.toFile());
      if (!(p instanceof ObjectNode o)
          || !recipeJson.equals(o.get("recipe"))
          || !hash.equals(o.path("dataSha256").asText())) {
        return null; // another recipe or other data: train anew
      }
      return new Cached(EvalClassifier.restore(recipe, CheckpointStore.read(ckpt, List.of("iteration"))), o, ckpt, false);
    } catch (IOException | Gan4jException e) {
      return null; // unreadable or corrupt: train anew (and overwrite it if we may)
    }
  }

  private static Cached trainAndSave(
      String dataset,
      Path dataDir,
      EvalClassifier.Recipe recipe,
      JsonNode recipeJson,
      String hash,
      List<Path> places,
      boolean shared,
      Consumer<String> log) {
    Engine engine = Engines.init();
    ImageDatasets.ImageDataset train = ImageDatasets.load(dataset, dataDir, Split.TRAIN);
    log.accept("training the " + dataset + " evaluation classifier (" + EvalClassifier.ARCHITECTURE
        + ", " + train.count() + " images, " + recipe.epochs() + " epochs); it is cached afterwards");
    long t0 = System.nanoTime();
    EvalClassifier c = EvalClassifier.train(train, recipe, log);
    try {
      double seconds = (System.nanoTime() - t0) / 1e9;
      double validation = c.accuracy(ImageDatasets.load(dataset, dataDir, Split.VALIDATION));
      double test = c.accuracy(ImageDatasets.load(dataset, dataDir, Split.TEST));
      ObjectNode p = JSON.createObjectNode();
      p.put("dataset", dataset);
      p.put("architecture", EvalClassifier.ARCHITECTURE);
      p.set("recipe", recipeJson);
      p.put("dataSha256", hash);
      p.put("trainImages", train.count());
      p.put("validationAccuracy", validation);
      p.put("testAccuracy", test);
      p.put("trainSeconds", Math.round(seconds * 10) / 10.0);
      p.put("createdAt", Instant.now().toString());
      p.put("gan4j", Provenance.gan4jVersion());
      p.put("djl", Engine.getDjlVersion());
      p.put("pytorch", engine.getVersion());
      p.put("java", System.getProperty("java.version"));
      p.put("torchThreads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
      Path saved = save(places, c, p, shared);
      log.accept(String.format(java.util.Locale.ROOT,
          "%s evaluation classifier: validation accuracy %.4f, test accuracy %.4f, %.0f s; saved to %s",
          dataset, validation, test, seconds, saved));
      return new Cached(c, p, saved, true);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  // Saves into the first folder that takes the files; the checkpoint first, the provenance (which makes
  // the pair valid) last. In a shared cache (`shared`) a folder holding a current classifier of
  // other data is passed over while a later folder remains.
  private static Path save(
      List<Path> dirs, EvalClassifier c, ObjectNode provenance, boolean shared) {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < dirs.size(); i++) {
      Path dir = dirs.get(i);
      if (shared && i < dirs.size() - 1 && heldByOtherData(dir, provenance)) {
        continue;
      }
      try {
        if (readOnlyByMode(dir)) {
          failures.add(dir + " is read-only");
          continue;
        }
        Files.createDirectories(dir);
        Path ckpt = checkpointIn(dir);
        Path tmp = Files.createTempFile(dir, ".writing-", ".tmp");
        try {
          try (OutputStream out = Files.newOutputStream(tmp)) {
            CheckpointStore.write(c.snapshot(), out);
          }
          AtomicFiles.moveIntoPlace(tmp, ckpt);
        } finally {
          Files.deleteIfExists(tmp);
        }
        AtomicFiles.writeString(provenanceIn(dir), JSON.writeValueAsString(provenance));
        return ckpt;
      } catch (AccessDeniedException e) {
        failures.add(dir + " is read-only");
      } catch (FileSystemException e) {
        failures.add(dir + ": " + e.getReason());
      } catch (IOException e) {
        failures.add(dir + ": " + e.getMessage());
      }
    }
    throw new DataException("cannot save the evaluation classifier: " + String.join("; ", failures)
        + " (set " + CACHE_ENV + " to a writable folder)");
  }

  // Whether dir holds a classifier of the same recipe trained on other data than `provenance` says.
  private static boolean heldByOtherData(Path dir, ObjectNode provenance) {
    Path json = provenanceIn(dir);
    if (!Files.isRegularFile(json)) {
      return false;
    }
    try {
      JsonNode held = JSON.readTree(json.toFile());
      return provenance.get("recipe").equals(held.get("recipe"))
          && !provenance.path("dataSha256").asText().equals(held.path("dataSha256").asText());
    } catch (IOException e) {
      return false; // unreadable: nothing worth keeping
    }
  }

  // A folder without its owner's write bit is read-only by intent, even for root, who could write.
  private static boolean readOnlyByMode(Path dir) throws IOException {
    if (!Files.isDirectory(dir) || !Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      return false;
    }
    return !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OWNER_WRITE);
  }

  /** SHA-256 of the decompressed IDX files of {@code dataset}, in a fixed order. */
  static String dataHash(String dataset, Path dataDir) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (Path file : ImageDatasets.files(dataset, dataDir)) {
        try (InputStream raw = Files.newInputStream(file);
            InputStream in =
                file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
          int n;
          while ((n = in.read(buf)) > 0) {
            sha.update(buf, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    } catch (IOException e) {
      throw new DataException(dataset + ": cannot read its files in " + dataDir + ": "
          + e.getMessage(), e);
    }
  }
}
