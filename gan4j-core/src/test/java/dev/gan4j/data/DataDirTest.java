package dev.gan4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDirTest {
  private static final Path HOME = Path.of("/home/someone");

  @Test
  void explicitWinsOverEnvironmentAndHome() {
    assertEquals(Path.of("/explicit"), DataDir.resolve(Path.of("/explicit"), "/from-env", HOME));
  }

  @Test
  void environmentWinsOverHome() {
    assertEquals(Path.of("/from-env"), DataDir.resolve(null, "/from-env", HOME));
    assertEquals(Path.of("/from-env"), DataDir.resolve(null, "  /from-env \n", HOME));
  }

  @Test
  void homeDefaultWhenEnvironmentUnsetOrBlank() {
    Path expected = HOME.resolve(".gan4j").resolve("data");
    assertEquals(expected, DataDir.resolve(null, null, HOME));
    assertEquals(expected, DataDir.resolve(null, "", HOME));
    assertEquals(expected, DataDir.resolve(null, "   ", HOME));
  }

  @Test
  void oneArgumentFormPrefersExplicit() {
    assertEquals(Path.of("/explicit"), DataDir.resolve(Path.of("/explicit")));
  }
}
