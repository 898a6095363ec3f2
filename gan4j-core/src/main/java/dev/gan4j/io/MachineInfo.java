package dev.gan4j.io;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.gan4j.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the numbers were measured on: date, CPU, cores, load, Java, DJL and PyTorch versions and the
 * engine's thread counts. Timings mean nothing without it: benchmarks and studies print it beside
 * their numbers.
 *
 * <pre>{@code MachineInfo.collect().forEach((k, v) -> System.out.println(k + ": " + v));}</pre>
 */
public final class MachineInfo {
  private MachineInfo() {}

  /** Labelled facts about this machine and runtime, in display order. */
  public static Map<String, String> collect() {
    Engine engine = Engines.init();
    Map<String, String> info = new LinkedHashMap<>();
    info.put("date", ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
    info.put("CPU", cpuModel());
    info.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
    info.put("load average at start", loadAverage());
    info.put(
        "OS",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    info.put(
        "Java",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " (max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB)");
    info.put("DJL", Engine.getDjlVersion());
    info.put("engine", engine.getEngineName() + " " + engine.getVersion() + " (CPU)");
    info.put(
        "torch threads",
        JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads() + " inter-op");
    return info;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // Not Linux: fall through to what the JVM knows.
    }
    return System.getProperty("os.arch");
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
