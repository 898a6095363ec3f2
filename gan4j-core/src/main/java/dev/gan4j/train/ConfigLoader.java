package dev.gan4j.train;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gan4j.Gan4jException;
import dev.gan4j.InvalidConfigException;
import dev.gan4j.TextFiles;
import dev.gan4j.loss.GanLosses;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a {@link RunConfig} from three layers, each overriding the one before: a preset, a config
 * file (JSON or YAML, any subset of the fields), and dotted-path overrides such as {@code
 * loop.steps=500}. Also reads and writes {@code config.json}.
 *
 * <p>Strict: a file must be UTF-8 and hold each key once; an integer field takes only whole numbers
 * ({@code 10.0} is 10, {@code 10.7} is an error); the preset is chosen by name ({@code --preset},
 * or a file's {@code preset}), never as an override.
 *
 * <pre>{@code RunConfig c = ConfigLoader.resolve("ring8", null, Map.of("loop.steps", "500"));}</pre>
 */
public final class ConfigLoader {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper YAML =
      new YAMLMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Config files are small; a larger file is refused before it is read. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private ConfigLoader() {}

  /**
   * The resolved config.
   *
   * @param preset the preset name; null means the config file's {@code preset} field, else {@link
   *     Presets#DEFAULT}
   * @param configFile a JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml}) file, or null
   * @param overrides dotted paths to values, e.g. {@code optim.generator.lr -> 1e-4}
   */
  public static RunConfig resolve(String preset, Path configFile, Map<String, String> overrides) {
    if (overrides.containsKey("preset")) {
      throw new InvalidConfigException("'preset' cannot be overridden (--set preset=...):"
          + " choose the preset with --preset NAME, or the config file's \"preset\" field");
    }
    ObjectNode fileTree = configFile == null ? null : readTree(configFile);
    String base = preset;
    if (base == null && fileTree != null && fileTree.hasNonNull("preset")) {
      base = fileTree.get("preset").asText();
    }
    if (base == null) {
      base = Presets.DEFAULT;
    }
    RunConfig presetConfig = Presets.get(base);
    ObjectNode tree = JSON.valueToTree(presetConfig);
    if (fileTree != null) {
      merge(tree, fileTree, "", configFile.toString());
    }
    tree.put("preset", base);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      set(tree, e.getKey(), e.getValue());
    }
    applyPaperDefaults(tree, presetConfig.loss().name(), fileTree, overrides);
    return fromTree(tree, configFile == null ? null : configFile.toString());
  }

  /**
   * When the config names another loss than its preset, the loss's paper settings ({@link
   * GanLosses#paperDefaults}, e.g. WGAN's RMSProp and 5 critic steps) apply to every field the config
   * file and the overrides leave alone.
   */
  private static void applyPaperDefaults(
      ObjectNode tree, String presetLoss, ObjectNode fileTree, Map<String, String> overrides) {
    String loss = tree.path("loss").path("name").asText();
    if (loss.equals(presetLoss)) {
      return;
    }
    for (Map.Entry<String, String> e : GanLosses.paperDefaults(loss).entrySet()) {
      if (!overrides.containsKey(e.getKey()) && !present(fileTree, e.getKey())) {
        set(tree, e.getKey(), e.getValue());
      }
    }
  }

  private static boolean present(ObjectNode tree, String path) {
    JsonNode node = tree;
    for (String part : path.split("\\.")) {
      if (node == null || !node.isObject()) {
        return false;
      }
      node = node.get(part);
    }
    return node != null;
  }

  /** Writes {@code config} as indented JSON. */
  public static String toJson(RunConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise config", e);
    }
  }

  /**
   * Reads a resolved {@code config.json} back. Fields a newer gan4j added since the run was made take
   * their preset's values, so older runs still resume and sample.
   */
  public static RunConfig readJson(Path file) {
    ObjectNode saved = readTree(file);
    String preset = saved.path("preset").asText(null);
    if (preset == null || !Presets.names().contains(preset)) {
      return fromTree(saved, file.toString());
    }
    ObjectNode tree = JSON.valueToTree(Presets.get(preset));
    overlay(tree, saved, "", file.toString());
    return fromTree(tree, file.toString());
  }

  // Like merge, for a complete file: unknown fields are left for deserialization to report.
  private static void overlay(ObjectNode into, ObjectNode from, String prefix, String source) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        overlay(
            (ObjectNode) existing, (ObjectNode) e.getValue(), prefix + e.getKey() + ".", source);
      } else {
        into.set(e.getKey(), wholeNumbers(existing, e.getValue(), prefix + e.getKey(), source));
      }
    }
  }

  /**
   * {@code value} for a field whose current value is {@code template}: where the field is an
   * integer (or a list of them), a floating-point number must be whole and becomes an integer;
   * {@code 10.7} is rejected here, since Jackson would otherwise truncate it silently.
   */
  private static JsonNode wholeNumbers(
      JsonNode template, JsonNode value, String path, String source) {
    if (template == null) {
      return value;
    }
    if (template.isIntegralNumber() && value.isFloatingPointNumber()) {
      return whole(value, path, source);
    }
    if (template.isArray() && value.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      for (int i = 0; i < value.size(); i++) {
        JsonNode v = value.get(i);
        out.add(v.isFloatingPointNumber() ? whole(v, path + "[" + i + "]", source) : v);
      }
      return out;
    }
    return value;
  }

  private static JsonNode whole(JsonNode v, String path, String source) {
    double d = v.asDouble();
    if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > Long.MAX_VALUE / 2.0) {
      throw new InvalidConfigException(prefix(source) + path + " must be a whole number, got "
          + v.asText());
    }
    return JSON.getNodeFactory().numberNode((long) d);
  }

  private static RunConfig fromTree(JsonNode tree, String source) {
    try {
      return JSON.treeToValue(tree, RunConfig.class);
    } catch (JsonMappingException e) {
      throw new InvalidConfigException(prefix(source) + describe(e), e);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException(prefix(source) + e.getOriginalMessage(), e);
    }
  }

  private static String prefix(String source) {
    return source == null ? "" : source + ": ";
  }

  // One line: the JSON path of the problem and the innermost message, without Jackson's source dump.
  private static String describe(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message;
    if (cause instanceof Gan4jException) {
      message = cause.getMessage();
    } else if (e
        instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      message = "unknown field '" + u.getPropertyName() + "'";
    } else {
      message = e.getOriginalMessage().split("\n")[0];
    }
    return path.length() == 0 || message.startsWith(path.toString())
        ? message
        : path + ": " + message;
  }

  private static ObjectNode readTree(Path file) {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper = lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
    try {
      JsonNode node = mapper.readTree(TextFiles.readUtf8(file, MAX_FILE_BYTES));
      if (node == null || !node.isObject()) {
        throw new InvalidConfigException(file + ": a config file must hold one object (a mapping)");
      }
      return (ObjectNode) node;
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException(file + ": no such config file");
    } catch (TextFiles.NotUtf8Exception e) {
      throw new InvalidConfigException(file + ": " + e.getMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException(
          file + ": not valid " + (mapper == YAML ? "YAML" : "JSON") + ": "
              + e.getOriginalMessage().split("\n")[0]);
    } catch (IOException e) {
      throw new InvalidConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void merge(ObjectNode into, ObjectNode from, String prefix, String source) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix + e.getKey();
      JsonNode existing = into.get(e.getKey());
      if (existing == null) {
        throw new InvalidConfigException(
            source + ": unknown setting '" + path + "'; known here: " + fieldNames(into, prefix));
      }
      if (existing.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) existing, (ObjectNode) e.getValue(), path + ".", source);
      } else {
        into.set(e.getKey(), wholeNumbers(existing, e.getValue(), path, source));
      }
    }
  }

  private static void set(ObjectNode tree, String path, String value) {
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || !child.isObject()) {
        throw new InvalidConfigException("unknown setting '" + path + "'");
      }
      node = (ObjectNode) child;
    }
    String key = parts[parts.length - 1];
    JsonNode existing = node.get(key);
    if (existing == null) {
      throw new InvalidConfigException(
          "unknown setting '"
              + path
              + "'; known here: "
              + fieldNames(node, path.substring(0, path.length() - key.length())));
    }
    try {
      if (existing.isArray()) {
        ArrayNode array = node.putArray(key);
        for (String item : value.split(",")) {
          if (!item.isBlank()) {
            array.add(Integer.parseInt(item.trim()));
          }
        }
      } else if (existing.isIntegralNumber()) {
        node.put(key, Long.parseLong(value.trim()));
      } else if (existing.isNumber()) {
        node.put(key, Double.parseDouble(value.trim()));
      } else if (existing.isBoolean()) {
        String b = value.trim();
        if (!b.equals("true") && !b.equals("false")) {
          throw new InvalidConfigException(path + ": expected true or false, got '" + value + "'");
        }
        node.put(key, Boolean.parseBoolean(b));
      } else {
        node.put(key, value);
      }
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          path + ": expected " + (existing.isArray() ? "a comma-separated list of whole numbers"
              : existing.isIntegralNumber() ? "a whole number" : "a number") + ", got '" + value
              + "'");
    }
  }

  private static List<String> fieldNames(ObjectNode node, String prefix) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(n -> names.add(prefix + n));
    return names;
  }
}
