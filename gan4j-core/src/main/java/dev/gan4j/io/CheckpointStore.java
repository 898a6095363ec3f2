package dev.gan4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.Limits;
import dev.gan4j.RunDirectoryException;
import dev.gan4j.train.TrainerSnapshot;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Checkpoints in a run's {@code checkpoints/} folder: one file per saved iteration, {@code
 * step-00001000.ckpt}, written to a temporary file and moved into place atomically, so a crash never
 * leaves a half-written checkpoint under a real name.
 *
 * <p>File layout: the 8 bytes {@code GAN4JCK1}; a big-endian int length and that many bytes of UTF-8 JSON
 * (counters, random states, tensor names and shapes in order); the tensors' float32 values,
 * little-endian, in that order; a CRC-32 of everything before it, as a big-endian long.
 *
 * <pre>{@code CheckpointStore store = new CheckpointStore(run.checkpoints(), 2); store.save(trainer.snapshot());}</pre>
 */
public final class CheckpointStore {
  private static final byte[] MAGIC = "GAN4JCK1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.ckpt");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int keep;

  /** A store in {@code dir} keeping the newest {@code keep} checkpoints. */
  public CheckpointStore(Path dir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.dir = dir;
    this.keep = keep;
  }

  /** The folder the checkpoints go to. */
  public Path dir() {
    return dir;
  }

  /**
   * Writes {@code snapshot} atomically and durably (the file and the folder are synced) and removes
   * checkpoints beyond the newest {@code keep}.
   *
   * @throws RunDirectoryException when the snapshot holds a NaN or an infinity: a checkpoint is never
   *     written from a diverged state, so every checkpoint on disk is one training can go on from
   * @throws WriteFailedException when the file cannot be written (a full disk: the older checkpoints
   *     are kept)
   */
  public Path save(TrainerSnapshot snapshot) throws IOException {
    java.util.Optional<String> bad = snapshot.firstNonFinite();
    if (bad.isPresent()) {
      throw new RunDirectoryException("not writing a checkpoint of step " + snapshot.iteration()
          + ": " + bad.get());
    }
    Files.createDirectories(dir);
    Path target = dir.resolve(String.format("step-%08d.ckpt", snapshot.iteration()));
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".writing-", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        write(snapshot, out);
      }
      AtomicFiles.moveIntoPlaceDurably(tmp, target);
    } catch (IOException e) {
      // A full disk or a folder gone read-only: the older checkpoints stay as they are.
      throw new WriteFailedException(target, e);
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
    List<Path> all = list(dir);
    for (int i = 0; i < all.size() - keep; i++) {
      Files.deleteIfExists(all.get(i));
    }
    return target;
  }

  /** The checkpoint files in {@code dir}, oldest first; empty when there are none. */
  public static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(CheckpointStore::stepOf))
          .toList();
    }
  }

  /** The newest checkpoint in {@code dir}, if any. */
  public static Optional<Path> latest(Path dir) throws IOException {
    List<Path> all = list(dir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * A checkpoint read from a folder: the newest one that reads intact.
   *
   * @param file the file it came from
   * @param snapshot its content
   */
  public record Intact(Path file, TrainerSnapshot snapshot) {}

  /**
   * Reads the newest intact checkpoint in {@code dir}: when the newest is damaged (truncated, bad
   * checksum), {@code warn} is told which file and why, and the next older one is tried.
   *
   * @throws RunDirectoryException when there is none, or none is intact (naming each and its fault)
   */
  public static Intact readNewestIntact(Path dir, java.util.function.Consumer<String> warn) {
    List<Path> all;
    try {
      all = list(dir);
    } catch (IOException e) {
      throw new RunDirectoryException(dir + ": cannot list checkpoints: " + e.getMessage(), e);
    }
    if (all.isEmpty()) {
      throw new RunDirectoryException(dir + ": holds no checkpoint");
    }
    List<String> faults = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        TrainerSnapshot s = read(all.get(i));
        if (!faults.isEmpty()) {
          warn.accept("warning: " + String.join("; ", faults) + "; using "
              + all.get(i).getFileName() + " (step " + s.iteration() + ") instead");
        }
        return new Intact(all.get(i), s);
      } catch (RunDirectoryException e) {
        faults.add(e.getMessage());
      }
    }
    throw new RunDirectoryException("no intact checkpoint in " + dir + ": " + String.join("; ", faults));
  }

  private static long stepOf(Path p) {
    Matcher m = NAME.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Serialises a snapshot. */
  public static void write(TrainerSnapshot s, OutputStream rawOut) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.set("counters", JSON.valueToTree(s.counters()));
    header.set("doubles", JSON.valueToTree(s.doubles()));
    header.set("rngStates", JSON.valueToTree(s.rngStates()));
    ArrayNode tensors = header.putArray("tensors");
    for (Map.Entry<String, float[]> e : s.tensors().entrySet()) {
      ObjectNode t = tensors.addObject();
      t.put("name", e.getKey());
      t.set("shape", JSON.valueToTree(s.shapes().get(e.getKey())));
      t.put("size", e.getValue().length);
    }
    byte[] headerBytes = JSON.writeValueAsBytes(header);
    CRC32 crc = new CRC32();
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(rawOut, 1 << 16));
    byte[] lengthBytes = ByteBuffer.allocate(4).putInt(headerBytes.length).array();
    for (byte[] chunk : new byte[][] {MAGIC, lengthBytes, headerBytes}) {
      out.write(chunk);
      crc.update(chunk);
    }
    for (float[] values : s.tensors().values()) {
      ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(values);
      out.write(buf.array());
      crc.update(buf.array());
    }
    out.writeLong(crc.getValue());
    out.flush();
  }

  /** The counters every training checkpoint holds. */
  static final List<String> TRAINER_COUNTERS = List.of("iteration", "sampler.epoch", "sampler.cursor");

  /**
   * Reads a training checkpoint file.
   *
   * @throws RunDirectoryException when it is missing, truncated or corrupt
   */
  public static TrainerSnapshot read(Path file) {
    return read(file, TRAINER_COUNTERS);
  }

  /**
   * Reads a file in the checkpoint format that must hold {@code requiredCounters} (a classifier's
   * weights need fewer than a trainer's state).
   *
   * @throws RunDirectoryException when it is missing, truncated or corrupt
   */
  public static TrainerSnapshot read(Path file, List<String> requiredCounters) {
    return read(file, requiredCounters, Math.min(Limits.MAX_ARRAY, Limits.maxHeap() / 2));
  }

  /**
   * As {@link #read(Path, List)}, refusing a file larger than {@code maxBytes} before reading it.
   * The default limit is half the maximum heap (reading holds the file's bytes and the values
   * decoded from them) and at most what one array holds, so a damaged or foreign file of gigabytes
   * is an error, not an {@link OutOfMemoryError}.
   */
  static TrainerSnapshot read(Path file, List<String> requiredCounters, long maxBytes) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new RunDirectoryException(file + ": checkpoint of " + Limits.bytes(size)
            + " is larger than the " + Limits.bytes(maxBytes) + " this JVM can read (half its"
            + " maximum heap, at most one array); not a gan4j checkpoint, or run with a larger -Xmx"
            + " (GAN4J_JAVA_OPTS for ./gan4j)");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RunDirectoryException(file + ": cannot read checkpoint: " + e.getMessage(), e);
    }
    // Check the whole file before interpreting any of it: a damaged file fails here, with one message.
    if (bytes.length < MAGIC.length + 4 + 8
        || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new RunDirectoryException(file + ": not a gan4j checkpoint (bad magic bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    if (buf.getLong(bytes.length - 8) != crc.getValue()) {
      throw new RunDirectoryException(
          file + ": checkpoint is corrupt or truncated (checksum mismatch)");
    }
    try {
      return parse(buf, bytes.length - 8, requiredCounters);
    } catch (RuntimeException | IOException e) {
      throw new RunDirectoryException(file + ": checkpoint is corrupt (" + e.getMessage() + ")", e);
    }
  }

  private static TrainerSnapshot parse(ByteBuffer buf, int payloadEnd, List<String> required)
      throws IOException {
    buf.position(MAGIC.length);
    int headerLength = buf.getInt();
    if (headerLength <= 0 || headerLength > payloadEnd - buf.position()) {
      throw new IOException("bad header length " + headerLength);
    }
    byte[] headerBytes = new byte[headerLength];
    buf.get(headerBytes);
    JsonNode header = JSON.readTree(headerBytes);
    Map<String, Long> counters = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> counterFields = field(header, "counters").fields();
    while (counterFields.hasNext()) {
      Map.Entry<String, JsonNode> e = counterFields.next();
      if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
        throw new IOException("counter '" + e.getKey() + "' is not an integer: " + e.getValue());
      }
      counters.put(e.getKey(), e.getValue().asLong());
    }
    Map<String, Double> doubles = new LinkedHashMap<>();
    field(header, "doubles").fields().forEachRemaining(e -> doubles.put(e.getKey(), e.getValue().asDouble()));
    Map<String, long[]> rngs = new LinkedHashMap<>();
    field(header, "rngStates").fields().forEachRemaining(e -> rngs.put(e.getKey(), longs(e.getValue())));
    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    ByteBuffer data = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
    Iterator<JsonNode> it = field(header, "tensors").elements();
    while (it.hasNext()) {
      JsonNode t = it.next();
      String name = field(t, "name").asText();
      int size = field(t, "size").asInt();
      if (size < 0 || (long) size * 4 > data.remaining()) {
        throw new IOException("tensor '" + name + "' runs past the end of the file");
      }
      float[] values = new float[size];
      data.asFloatBuffer().get(values);
      data.position(data.position() + size * 4);
      tensors.put(name, values);
      shapes.put(name, longs(field(t, "shape")));
    }
    if (buf.position() + data.position() != payloadEnd) {
      throw new IOException("unexpected bytes after the tensors");
    }
    for (String key : required) {
      if (!counters.containsKey(key)) {
        throw new IOException("missing counter '" + key + "'");
      }
    }
    for (Map.Entry<String, Long> c : counters.entrySet()) {
      // Every counter counts something (iterations, updates, epochs, a position): never negative.
      if (c.getValue() < 0) {
        throw new IOException("counter '" + c.getKey() + "' is negative (" + c.getValue() + ")");
      }
    }
    return new TrainerSnapshot(counters, doubles, rngs, tensors, shapes);
  }

  private static JsonNode field(JsonNode node, String name) throws IOException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IOException("missing field '" + name + "'");
    }
    return v;
  }

  private static long[] longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.elements().forEachRemaining(v -> values.add(v.asLong()));
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
