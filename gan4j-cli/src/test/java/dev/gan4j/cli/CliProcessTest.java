package dev.gan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input contract as a user sees it: {@code main} in its own process, so the exit status is
 * System.exit's and stderr includes whatever native code prints, not only what picocli's writer got.
 */
class CliProcessTest {
  @TempDir Path tmp;

  private record Proc(int exit, String out, List<String> errLines, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  private Proc gan4j(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Gan4jCli.class.getName());
    cmd.addAll(List.of(args));
    Path out = tmp.resolve("stdout.txt");
    Path err = tmp.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd)
            .directory(tmp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("gan4j " + String.join(" ", args) + " did not finish in 90 s");
    }
    String e = Files.readString(err, StandardCharsets.UTF_8);
    return new Proc(
        p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        e.lines().filter(l -> !l.isBlank()).toList(), e);
  }

  @Test
  void badPresetIsExitTwoAndOneStderrLine() throws Exception {
    Path target = tmp.resolve("run");
    Proc r = gan4j("train", "--preset", "bogus", "--quiet", "--out", target.toString());
    assertEquals(2, r.exit(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.errLines().get(0).startsWith("gan4j: ") && r.errLines().get(0).contains("'bogus'"),
        r::toString);
    assertFalse(Files.exists(target));
  }

  @Test
  void unsupportedSampleFormatIsOneStderrLine() throws Exception {
    Path run = CliHarness.ring8Run();
    Map<String, String> before = CliHarness.snapshot(run);
    Path out = tmp.resolve("x.txt");
    Proc r = gan4j("sample", "--run", run.toString(), "--n", "5", "--out", out.toString());
    assertEquals(2, r.exit(), r::toString);
    assertFalse(Files.exists(out));
    assertEquals(before, CliHarness.snapshot(run));
    // The extension is checked before the engine starts, so no native warning reaches stderr first.
    assertEquals(1, r.errLines().size(), () -> "expected only the gan4j: line\n" + r);
    assertTrue(r.errLines().get(0).startsWith("gan4j: ") && r.errLines().get(0).contains("x.txt"),
        r::toString);
  }
}
