package dev.gan4j;

import ai.djl.engine.Engine;

/**
 * Starts the tensor engine the way gan4j requires: offline (DJL never downloads at run time) and with
 * DJL's telemetry off (it otherwise contacts a cloud metadata address at start-up). Every library entry
 * point calls {@link #init()} before its first DJL call; calling it again is free.
 *
 * <pre>{@code Engines.init(); try (NDManager m = NDManager.newBaseManager()) { ... }}</pre>
 */
public final class Engines {
  private static volatile Engine engine;

  private Engines() {}

  /** Sets the offline and no-telemetry properties (unless already set) and loads the PyTorch engine. */
  public static Engine init() {
    Engine e = engine;
    if (e != null) {
      return e;
    }
    synchronized (Engines.class) {
      if (engine == null) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        engine = Engine.getEngine("PyTorch");
      }
      return engine;
    }
  }

  /** The engine's name and version, e.g. {@code PyTorch 2.7.1}, for provenance. */
  public static String describe() {
    Engine e = init();
    return e.getEngineName() + " " + e.getVersion();
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
