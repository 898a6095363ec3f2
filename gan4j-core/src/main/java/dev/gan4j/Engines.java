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
  // Whether this thread has the engine settings of the thread that loaded the engine (init()).
  private static final ThreadLocal<Boolean> CONFIGURED = ThreadLocal.withInitial(() -> false);

  private Engines() {}

  /**
   * Sets the offline and no-telemetry properties (unless already set) and loads the PyTorch engine;
   * on a thread's first call, also gives that thread the settings the loading thread has: autograd's
   * recording off and the configured intra-op thread count. Any thread that runs the engine (a
   * trainer's, a server's) calls it first.
   */
  public static Engine init() {
    Engine e = engine;
    if (e == null) {
      synchronized (Engines.class) {
        if (engine == null) {
          setIfAbsent("ai.djl.offline", "true");
          setIfAbsent("OPT_OUT_TRACKING", "true");
          engine = Engine.getEngine("PyTorch");
          if (threads > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
          }
        }
        e = engine;
      }
    }
    // PyTorch keeps autograd's switch per thread, on by default, and DJL turns it off only on the
    // thread that loads the engine. On any other thread in-place writes into parameters (a weight
    // average's copy, a checkpoint's load) were refused ("a leaf Variable that requires grad...")
    // and inference recorded graphs. GradientCollectors turn it on while they record, and back off.
    // OpenMP's thread count is per thread too, and a different count changes float sums in the last
    // bit: a server thread's samples differed from `gan4j sample`'s.
    if (!CONFIGURED.get()) {
      ai.djl.pytorch.jni.JniUtils.setGradMode(false);
      int n = configuredThreads();
      if (n > 0) {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
      }
      CONFIGURED.set(true);
    }
    return e;
  }

  // setThreads's count, else the property DJL reads at load (ignored when malformed, as DJL does).
  private static int configuredThreads() {
    if (threads > 0) {
      return threads;
    }
    String property = System.getProperty("ai.djl.pytorch.num_threads");
    try {
      return property == null ? 0 : Integer.parseInt(property.trim());
    } catch (NumberFormatException e) {
      return 0;
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
