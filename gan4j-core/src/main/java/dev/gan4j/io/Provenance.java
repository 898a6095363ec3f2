package dev.gan4j.io;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.Engines;
import dev.gan4j.RunDirectoryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * How a run was made, in the spirit of Tribuo's provenance: the versions of gan4j, DJL, PyTorch and
 * Java, the operating system and processor count, the seed, and when each training session started
 * (a resumed run appends a session).
 *
 * <pre>{@code Provenance.recordSession(run.provenance(), config.seed(), "train", dataDir);}</pre>
 */
public final class Provenance {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Provenance() {}

  /**
   * The provenance in {@code file}, or an empty object when there is none yet.
   *
   * @throws RunDirectoryException when the file exists but is not a JSON object
   */
  public static ObjectNode read(Path file) {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node instanceof ObjectNode o && (!o.has("sessions") || o.get("sessions").isArray())) {
        return o;
      }
    } catch (IOException e) {
      // reported below, in one line
    }
    throw new RunDirectoryException(file + ": corrupt provenance file (not the JSON gan4j wrote)");
  }

  /** gan4j's version, from the build. */
  public static String gan4jVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("/dev/gan4j/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Adds a session to {@code file}, creating it on the first session.
   *
   * @param kind {@code train} or {@code resume}
   * @param dataDir where image data came from, or null
   */
  public static void recordSession(Path file, long seed, String kind, Path dataDir)
      throws IOException {
    Engine engine = Engines.init();
    ObjectNode root = read(file);
    root.put("seed", seed);
    ArrayNode sessions = root.has("sessions") ? (ArrayNode) root.get("sessions") : root.putArray("sessions");
    ObjectNode s = sessions.addObject();
    s.put("kind", kind);
    s.put("startTime", Instant.now().toString());
    s.put("gan4j", gan4jVersion());
    s.put("djl", Engine.getDjlVersion());
    s.put("engine", engine.getEngineName());
    s.put("pytorch", engine.getVersion());
    s.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    s.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    s.put("processors", Runtime.getRuntime().availableProcessors());
    s.put("torchThreads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
    // How idle OpenMP threads wait (set by the launcher; PASSIVE sleeps instead of spinning).
    s.put("ompWaitPolicy", System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));
    s.put("gompSpinCount", System.getenv().getOrDefault("GOMP_SPINCOUNT", "(unset: the default)"));
    if (dataDir != null) {
      s.put("dataDir", dataDir.toAbsolutePath().toString());
    }
    AtomicFiles.writeString(file, JSON.writeValueAsString(root));
  }
}
