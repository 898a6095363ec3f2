package dev.gan4j.train;

import dev.gan4j.InvalidConfigException;
import dev.gan4j.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The layout of InfoGAN's latent codes (Chen et al. 2016) inside a latent vector, and how they are
 * drawn and set. An InfoGAN model's latent vector is [z, c]: the configured noise z ({@code
 * model.latentDim} values from {@code model.prior}), then the codes c: each categorical code
 * one-hot over its K_i categories (uniform prior), then each continuous code (U(-1, 1)). Every path
 * that draws latent vectors (training, pictures, evaluation, {@code gan4j sample}) goes through
 * {@link #fillLatent}, so they agree. A model without codes has {@link #NONE}, and its latent
 * vector is z alone, drawn exactly as before codes existed.
 *
 * <p>Codes are named {@code cat0, cat1, ...} (the categorical codes in config order) and {@code
 * cont0, cont1, ...} (the continuous ones); {@link #parse} reads {@code gan4j sample --code
 * cat0=3,cont1=0.5}.
 *
 * <pre>{@code LatentCodes c = LatentCodes.of(config.model().codes()); float[] z = new float[n *
 * (100 + c.width())]; c.fillLatent(config.model(), z, rng);}</pre>
 */
public final class LatentCodes {
  /** No codes: the latent vector is z alone. */
  public static final LatentCodes NONE = new LatentCodes(new int[0], 0);

  private final int[] categorical;
  private final int continuous;
  private final int width;

  private LatentCodes(int[] categorical, int continuous) {
    this.categorical = categorical.clone();
    this.continuous = continuous;
    int w = continuous;
    for (int k : categorical) {
      w += k;
    }
    this.width = w;
  }

  /** The codes a config section describes. */
  public static LatentCodes of(RunConfig.Codes codes) {
    return new LatentCodes(codes.categorical(), codes.continuous());
  }

  /** The categories of each categorical code. */
  public int[] categorical() {
    return categorical.clone();
  }

  /** How many continuous codes. */
  public int continuous() {
    return continuous;
  }

  /** The values the codes take after z: Σ K_i + the continuous codes' count. */
  public int width() {
    return width;
  }

  /** Whether there are no codes. */
  public boolean isEmpty() {
    return width == 0;
  }

  /** How many codes, categorical and continuous. */
  public int count() {
    return categorical.length + continuous;
  }

  /** The codes' names: {@code cat0..} then {@code cont0..}. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < categorical.length; i++) {
      out.add("cat" + i);
    }
    for (int j = 0; j < continuous; j++) {
      out.add("cont" + j);
    }
    return out;
  }

  /** One line listing the codes, e.g. {@code cat0 (10 categories), cont0, cont1}. */
  public String describe() {
    if (isEmpty()) {
      return "no codes";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < categorical.length; i++) {
      parts.add("cat" + i + " (" + categorical[i] + " categories, 0.." + (categorical[i] - 1) + ")");
    }
    for (int j = 0; j < continuous; j++) {
      parts.add("cont" + j);
    }
    return String.join(", ", parts);
  }

  /**
   * Fills latent vectors [z, c] (n rows of {@code model.latentDim() + width()} values, row-major):
   * z from the model's prior, then each row's codes from their priors. Without codes this is
   * exactly {@link GeneratorSet#fillNoise}.
   */
  public void fillLatent(RunConfig.Model model, float[] out, Rng rng) {
    if (isEmpty()) {
      GeneratorSet.fillNoise(model, out, rng);
      return;
    }
    int latent = model.latentDim();
    int stride = latent + width;
    if (out.length % stride != 0) {
      throw new IllegalArgumentException(
          out.length + " values are not whole latent vectors of " + stride);
    }
    int n = out.length / stride;
    float[] z = new float[n * latent];
    GeneratorSet.fillNoise(model, z, rng);
    float[] u = new float[n * continuous];
    Arrays.fill(out, 0f);
    for (int r = 0; r < n; r++) {
      System.arraycopy(z, r * latent, out, r * stride, latent);
      int at = r * stride + latent;
      for (int k : categorical) {
        out[at + rng.nextInt(k)] = 1f;
        at += k;
      }
    }
    rng.fillUniform(u, -1f, 1f);
    for (int r = 0; r < n; r++) {
      System.arraycopy(u, r * continuous, out, r * stride + latent + width - continuous, continuous);
    }
  }

  /**
   * Sets the categorical code {@code code} of every row of {@code latents} (rows of {@code
   * latentDim + width()} values) to {@code category}.
   */
  public void setCategory(float[] latents, int latentDim, int code, int category) {
    Map<Integer, Float> one = new LinkedHashMap<>();
    one.put(code, (float) category);
    new Fixed(one).applyTo(this, latents, latentDim);
  }

  /**
   * Sets the categorical code {@code code} of row r of {@code latents} (rows of {@code latentDim +
   * width()} values) to {@code categories[r]}, one category per row.
   */
  public void setCategories(float[] latents, int latentDim, int code, int[] categories) {
    if (code < 0 || code >= categorical.length) {
      throw new IllegalArgumentException("no categorical code " + code);
    }
    int stride = latentDim + width;
    int offset = latentDim;
    for (int k = 0; k < code; k++) {
      offset += categorical[k];
    }
    int k = categorical[code];
    for (int r = 0; r < categories.length; r++) {
      if (categories[r] < 0 || categories[r] >= k) {
        throw new IllegalArgumentException("category " + categories[r] + " of code " + code
            + " is outside 0.." + (k - 1));
      }
      int at = r * stride + offset;
      java.util.Arrays.fill(latents, at, at + k, 0f);
      latents[at + categories[r]] = 1f;
    }
  }

  /**
   * Reads fixed code values such as {@code cat0=3,cont1=0.5}: a categorical code takes a category
   * 0..K-1; a continuous code takes any finite number (its prior is U(-1, 1); values outside
   * extrapolate beyond what training showed the generator).
   *
   * @throws InvalidConfigException naming the problem: an unknown code, a category out of range, a
   *     value that is not a number, a code given twice, or a malformed list
   */
  public Fixed parse(String spec) {
    if (isEmpty()) {
      throw new InvalidConfigException("--code needs an InfoGAN run (model.family infogan); this"
          + " run has no latent codes");
    }
    if (spec == null || spec.isBlank()) {
      throw new InvalidConfigException("--code: expected NAME=VALUE[,NAME=VALUE...] with names "
          + describe() + "; got nothing");
    }
    Map<Integer, Float> values = new LinkedHashMap<>();
    List<String> names = names();
    for (String item : spec.split(",", -1)) {
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new InvalidConfigException("--code: expected NAME=VALUE, got '" + item.trim()
            + "'; this run's codes: " + describe());
      }
      String name = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = item.substring(eq + 1).trim();
      int index = names.indexOf(name);
      if (index < 0) {
        throw new InvalidConfigException("--code: unknown code '" + item.substring(0, eq).trim()
            + "'; this run's codes: " + describe());
      }
      if (values.containsKey(index)) {
        throw new InvalidConfigException("--code: " + name + " is given twice");
      }
      values.put(index, index < categorical.length
          ? category(name, value, categorical[index]) : continuousValue(name, value));
    }
    return new Fixed(values);
  }

  private static float category(String name, String value, int k) {
    int c;
    try {
      c = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("--code " + name + "=" + value + ": a categorical code takes"
          + " a category 0.." + (k - 1));
    }
    if (c < 0 || c >= k) {
      throw new InvalidConfigException("--code " + name + "=" + value + ": " + name + " has " + k
          + " categories, 0.." + (k - 1));
    }
    return c;
  }

  private static float continuousValue(String name, String value) {
    float v;
    try {
      v = Float.parseFloat(value);
    } catch (NumberFormatException e) {
      v = Float.NaN;
    }
    if (!Float.isFinite(v) || value.isEmpty()) {
      throw new InvalidConfigException("--code " + name + "=" + value + ": a continuous code takes"
          + " a finite number (its prior is U(-1, 1))");
    }
    return v;
  }

  /**
   * Code values fixed by a caller, by code index ({@code cat*} first, then {@code cont*}): a
   * category for a categorical code, a value for a continuous one. Codes not named keep the values
   * drawn from their priors.
   *
   * @param values the fixed values by code index
   */
  public record Fixed(Map<Integer, Float> values) {
    /** Copies the map. */
    public Fixed {
      values = Map.copyOf(values);
    }

    /** Overwrites the named codes in every row of {@code latents} (rows of latentDim + width). */
    public void applyTo(LatentCodes codes, float[] latents, int latentDim) {
      int stride = latentDim + codes.width;
      int n = latents.length / stride;
      for (Map.Entry<Integer, Float> e : values.entrySet()) {
        int index = e.getKey();
        for (int r = 0; r < n; r++) {
          int at = r * stride + latentDim;
          if (index < codes.categorical.length) {
            for (int i = 0; i < index; i++) {
              at += codes.categorical[i];
            }
            Arrays.fill(latents, at, at + codes.categorical[index], 0f);
            latents[at + Math.round(e.getValue())] = 1f;
          } else {
            latents[at + codes.width - codes.continuous + index - codes.categorical.length] =
                e.getValue();
          }
        }
      }
    }
  }
}
