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
  private static volatile int threads;

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
        if (threads > 0) {
          ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
      }
      return engine;
    }
  }

  /**
   * The engine's intra-op threads: applied now if the engine is loaded, else when it loads. 0 keeps the
   * engine's default (one per core).
   *
   * @throws InvalidConfigException when {@code n} is not in [0, 1024]
   */
  public static void setThreads(int n) {
    if (n < 0 || n > 1024) {
      throw new InvalidConfigException("threads must be in [0, 1024] (0: one per core), got " + n);
    }
    synchronized (Engines.class) {
      threads = n;
      if (engine != null && n > 0) {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
      }
    }
  }

  /**
   * Gives the calling thread the engine settings the thread that loaded the engine has: autograd
   * off (DJL turns it off when the engine loads, and PyTorch keeps it per thread, so on another
   * thread loading weights fails with "a leaf Variable that requires grad is being used in an
   * in-place operation") and the configured intra-op thread count (OpenMP's is per thread too, and
   * a different count changes float sums in the last bit). For threads other than the one that
   * started gan4j that run the engine (a server's).
   */
  public static void configureThisThread() {
    init();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    int n = threads;
    if (n == 0) {
      String property = System.getProperty("ai.djl.pytorch.num_threads");
      try {
        n = property == null ? 0 : Integer.parseInt(property.trim());
      } catch (NumberFormatException e) {
        n = 0; // DJL reads the same property and ignores a bad one likewise
      }
    }
    if (n > 0) {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
    }
  }

  /** The engine's intra-op threads now in use. */
  public static int threads() {
    init();
    return ai.djl.pytorch.jni.JniUtils.getNumThreads();
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
