package dev.gan4j.serve;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.train.LatentCodes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code GET /generate} request's parameters, read from its query string and checked against
 * the served run: {@code n} (1..max-n, default 16), {@code seed} (any long; a fresh one when absent,
 * echoed in the answer), {@code format} ({@code png}, {@code json} or {@code npy}; default png),
 * {@code class} (a conditional run's class) and {@code code} (an InfoGAN run's codes, {@code
 * cat0=3,cont0=0.5} as {@code gan4j sample --code} reads them).
 *
 * @param n how many samples
 * @param seed the noise's seed
 * @param format the answer's format
 * @param label the class every sample is asked for, or null
 * @param codes fixed InfoGAN codes, or null
 */
public record GenerateRequest(
    int n, long seed, Format format, Integer label, LatentCodes.Fixed codes) {
  /** The answer formats, by their {@code format=} name. */
  public enum Format {
    /** A picture: a grid of images, or a 2-D run's scatter. */
    PNG("image/png"),
    /** {@code {"step", "seed", "shape", "data"}}, data row-major. */
    JSON("application/json"),
    /** NumPy's float32 array file. */
    NPY("application/octet-stream");

    private final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }

    /** The HTTP Content-Type of an answer in this format. */
    public String contentType() {
      return contentType;
    }

    /** The name {@code format=} takes. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Format of(String id) {
      for (Format f : values()) {
        if (f.id().equals(id)) {
          return f;
        }
      }
      throw new InvalidConfigException("format must be one of png, json, npy, got '" + id + "'");
    }
  }

  /** The parameters {@code /generate} knows. */
  public static final List<String> PARAMETERS = List.of("n", "seed", "format", "class", "code");

  /** The {@code n} of a request that names none. */
  public static final int DEFAULT_N = 16;

  /**
   * Reads a query string ({@code null} or empty for none).
   *
   * @param freshSeed the seed when the query names none
   * @throws InvalidConfigException naming the parameter and what it takes: an unknown or repeated
   *     parameter, a value that is not a number or out of range, a class or codes the run lacks
   */
  public static GenerateRequest parse(String query, ServedModel.Info run, int maxN, long freshSeed) {
    Map<String, String> p = parameters(query);
    int n = p.containsKey("n") ? integer(p.get("n"), "n") : DEFAULT_N;
    if (n < 1 || n > maxN) {
      throw new InvalidConfigException("n must be in 1.." + maxN + ", got " + n);
    }
    long seed = freshSeed;
    if (p.containsKey("seed")) {
      try {
        seed = Long.parseLong(p.get("seed"));
      } catch (NumberFormatException e) {
        throw new InvalidConfigException("seed must be a whole number, got '" + p.get("seed") + "'");
      }
    }
    Format format = Format.of(p.getOrDefault("format", "png"));
    Integer label = null;
    if (p.containsKey("class")) {
      label = integer(p.get("class"), "class");
      if (run.classes() == 0) {
        throw new InvalidConfigException("class needs a conditional run (model.family cgan, acgan"
            + " or projection); this run is unconditional");
      }
      if (label < 0 || label >= run.classes()) {
        throw new InvalidConfigException(
            "class must be in 0.." + (run.classes() - 1) + " for this run, got " + label);
      }
    }
    LatentCodes.Fixed codes = null;
    if (p.containsKey("code")) {
      if (label != null) {
        throw new InvalidConfigException("class is for conditional runs and code for InfoGAN runs:"
            + " give one of them");
      }
      try {
        codes = run.codes().parse(p.get("code"));
      } catch (InvalidConfigException e) {
        throw new InvalidConfigException(e.getMessage().replace("--code", "code"), e);
      }
    }
    return new GenerateRequest(n, seed, format, label, codes);
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key;
      String value;
      try {
        key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException("malformed query string: " + e.getMessage());
      }
      if (!PARAMETERS.contains(key)) {
        throw new InvalidConfigException("unknown parameter '" + key + "'; known: "
            + String.join(", ", PARAMETERS));
      }
      if (out.put(key, value) != null) {
        throw new InvalidConfigException("parameter '" + key + "' is given twice");
      }
    }
    return out;
  }

  private static int integer(String value, String name) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(name + " must be a whole number, got '" + value + "'");
    }
  }
}
