package dev.gan4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void flagsOverrideFileWhichOverridesPreset() throws IOException {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(
        yaml, "preset: ring8\nloop:\n  steps: 77\n  batchSize: 33\nmodel:\n  latentDim: 5\n");
    RunConfig c = ConfigLoader.resolve(null, yaml, Map.of("loop.steps", "99"));
    assertEquals("ring8", c.preset());
    assertEquals(99, c.loop().steps()); // flag beats file
    assertEquals(33, c.loop().batchSize()); // file beats preset
    assertEquals(5, c.model().latentDim());
    assertEquals(Presets.get("ring8").optim(), c.optim()); // untouched: preset
  }

  @Test
  void explicitPresetBeatsTheFilesPresetAndDefaultIsMnistMlp() throws IOException {
    Path json = dir.resolve("c.json");
    Files.writeString(json, "{\"preset\": \"ring8\"}");
    assertEquals("grid25", ConfigLoader.resolve("grid25", json, Map.of()).data().name());
    assertEquals("mnist-mlp", ConfigLoader.resolve(null, null, Map.of()).preset());
  }

  @Test
  void listsAndNumbersParseFromOverrides() {
    RunConfig c =
        ConfigLoader.resolve(
            "ring8",
            null,
            Map.of("model.generator.hidden", "8, 9", "optim.discriminator.lr", "3e-4"));
    assertArrayEquals(new int[] {8, 9}, c.model().generator().hidden());
    assertEquals(3e-4f, c.optim().discriminator().lr(), 1e-9f);
  }

  @Test
  void resolvedConfigRoundTripsThroughJson() throws IOException {
    RunConfig c = ConfigLoader.resolve("mnist-mlp-paper", null, Map.of("seed", "9"));
    Path f = dir.resolve("config.json");
    Files.writeString(f, ConfigLoader.toJson(c));
    assertEquals(c, ConfigLoader.readJson(f));
  }

  @Test
  void badValuesNameTheField() throws IOException {
    assertMessage(() -> ConfigLoader.resolve("ring8", null, Map.of("loop.steps", "0")), "loop.steps");
    assertMessage(() -> ConfigLoader.resolve("ring8", null, Map.of("loop.batchSize", "x")), "loop.batchSize");
    assertMessage(() -> ConfigLoader.resolve("ring8", null, Map.of("loop.stepz", "3")), "loop.stepz");
    assertMessage(() -> ConfigLoader.resolve("ring8", null, Map.of("loss.name", "l2")), "l2");
    assertMessage(
        () -> ConfigLoader.resolve("ring8", null, Map.of("model.generator.hidden", "4,0")),
        "model.generator");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"loop\": {\"stepz\": 3}}");
    assertMessage(() -> ConfigLoader.resolve(null, bad, Map.of()), "loop.stepz");
    Files.writeString(bad, "{\"loop\": ");
    assertMessage(() -> ConfigLoader.resolve(null, bad, Map.of()), "not valid JSON");
    assertMessage(
        () -> ConfigLoader.resolve(null, dir.resolve("missing.yaml"), Map.of()), "missing.yaml");
  }

  @Test
  void samplingSettingsResolveValidateAndOlderRunsGetTheirPresets() throws IOException {
    RunConfig c = ConfigLoader.resolve("grid25", null, Map.of("sampling.rejection", "drs"));
    assertEquals("drs", c.sampling().rejection());
    assertEquals(64, c.sampling().criticFeatures(), "2-D presets give the critic Fourier features");
    assertEquals(0, Presets.get("mnist-mlp").sampling().criticFeatures());
    assertMessage(
        () -> ConfigLoader.resolve("ring8", null, Map.of("sampling.rejection", "mh")), "'mh'");
    assertMessage(
        () -> ConfigLoader.resolve("ring8", null, Map.of("sampling.percentile", "101")),
        "sampling.percentile");
    assertMessage(
        () -> ConfigLoader.resolve("ring8", null, Map.of("sampling.criticSteps", "0")),
        "sampling.criticSteps");
    assertMessage(
        () -> ConfigLoader.resolve("ring8", null, Map.of("sampling.criticFrequency", "0")),
        "sampling.criticFrequency");
    // A run written before the sampling section existed reads with its preset's.
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ConfigLoader.toJson(ConfigLoader.resolve("grid25", null, Map.of("seed", "4"))));
    tree.remove("sampling");
    Path old = dir.resolve("old-config.json");
    Files.writeString(old, tree.toString());
    RunConfig read = ConfigLoader.readJson(old);
    assertEquals(Presets.get("grid25").sampling(), read.sampling());
    assertEquals(4, read.seed());
  }

  @Test
  void valuesThatSizeArraysHaveUpperBoundsNamingFieldValueAndLimit() {
    Object[][] cases = {
      {"loop.batchSize", "65537", "65,536"},
      {"model.latentDim", "65537", "65,536"},
      {"model.generator.hidden", "64,65537", "65,536"},
      {"model.discriminator.hidden", "100000", "65,536"},
      {"output.gridSamples", "4097", "4,096"},
      {"eval.samples", "1000001", "1,000,000"},
      {"data.size", "10000001", "10,000,000"},
      {"model.minibatchKernels", "65537", "65,536"},
      {"sampling.criticFeatures", "65537", "65,536"},
    };
    for (Object[] c : cases) {
      String field = (String) c[0];
      String value = (String) c[1];
      String got = String.format(java.util.Locale.ROOT, "%,d",
          Long.parseLong(value.substring(value.lastIndexOf(',') + 1)));
      InvalidConfigException e = assertThrows(InvalidConfigException.class,
          () -> ConfigLoader.resolve("ring8", null, Map.of(field, value)), field);
      String m = e.getMessage();
      // A width is validated inside its network's record: "model.generator: hidden layer width
      // ...".
      String named = field.replace(".hidden", ": hidden");
      assertTrue(m.contains(named) && m.contains("<= " + c[2]) && m.contains("got " + got), m);
    }
    // The bounds themselves are allowed (shape errors aside): batch 65,536 is a valid loop.
    assertEquals(65_536, ConfigLoader.resolve("ring8", null, Map.of("loop.batchSize", "65536"))
        .loop().batchSize());
    for (String preset : Presets.names()) {
      Presets.get(preset); // every preset stays within the bounds (its records validate)
    }
  }

  @Test
  void aFractionalNumberForAnIntegerFieldIsRejectedAWholeOneIsAccepted() throws IOException {
    Path json = dir.resolve("frac.json");
    Files.writeString(json, "{\"loop\": {\"steps\": 10.7}}");
    assertMessage(() -> ConfigLoader.resolve("ring8", json, Map.of()), "loop.steps must be a whole"
        + " number, got 10.7");
    Path yaml = dir.resolve("frac.yaml");
    Files.writeString(yaml, "model:\n  generator:\n    hidden: [16, 8.5]\n");
    assertMessage(() -> ConfigLoader.resolve("ring8", yaml, Map.of()), "model.generator.hidden[1]");
    assertMessage(() -> ConfigLoader.resolve("ring8", null, Map.of("loop.steps", "10.7")),
        "expected a whole number, got '10.7'");
    Files.writeString(json, "{\"loop\": {\"steps\": 10.0, \"batchSize\": 1e2}}");
    RunConfig c = ConfigLoader.resolve("ring8", json, Map.of());
    assertEquals(10, c.loop().steps());
    assertEquals(100, c.loop().batchSize());
    // A saved config.json is read as strictly.
    Path saved = dir.resolve("config.json");
    Files.writeString(saved, ConfigLoader.toJson(Presets.get("ring8"))
        .replaceFirst("\"steps\" : 10000", "\"steps\" : 10000.5"));
    assertMessage(() -> ConfigLoader.readJson(saved), "loop.steps must be a whole number");
  }

  @Test
  void duplicateKeysAreRejectedInJsonAndYaml() throws IOException {
    Path json = dir.resolve("dup.json");
    Files.writeString(json, "{\"loop\": {\"steps\": 5, \"steps\": 6}}");
    assertMessage(() -> ConfigLoader.resolve("ring8", json, Map.of()), "Duplicate field 'steps'");
    Path yaml = dir.resolve("dup.yaml");
    Files.writeString(yaml, "loop:\n  steps: 5\nloop:\n  batchSize: 8\n");
    assertMessage(() -> ConfigLoader.resolve("ring8", yaml, Map.of()), "Duplicate field 'loop'");
  }

  @Test
  void thePresetIsNoOverride() {
    assertMessage(() -> ConfigLoader.resolve("ring8", null, Map.of("preset", "grid25")),
        "--preset");
  }

  @Test
  void aConfigThatIsNotUtf8SaysWhere() throws IOException {
    Path yaml = dir.resolve("latin1.yaml");
    byte[] text =
        "loop:\n  steps: 5 # caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(yaml, text);
    assertMessage(() -> ConfigLoader.resolve("ring8", yaml, Map.of()),
        "not UTF-8 text: byte 0xE9 at line 2");
  }

  private static void assertMessage(Runnable r, String fragment) {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
