package dev.gan4j.serve;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.Engines;
import dev.gan4j.io.Provenance;
import dev.gan4j.io.RunDirectory;
import dev.gan4j.io.RunSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A run folder's generator, loaded once from its newest intact checkpoint and shared by every
 * request. Forward passes run one at a time on a single engine thread: gan4j's networks and DJL's
 * NDManager tree make no promise about concurrent forward passes over the same parameter arrays,
 * the engine already spreads one pass over its intra-op threads, so passes side by side would only
 * compete, and the engine's thread count is a per-thread setting (OpenMP's): the engine thread
 * takes the count of the thread that opened the run ({@code --threads}), so the server's samples
 * are bit for bit those of {@code gan4j sample} with the same seed. Each pass's arrays live in a
 * sub-manager closed at its end ({@link RunSampler#sample}); encoding the answers happens on the
 * request threads, in parallel. Samples are drawn without
 * rejection sampling, whatever the run's {@code sampling.rejection}: its critic would be trained at
 * the first request.
 *
 * <pre>{@code try (ServedRun model = ServedRun.open(Path.of("runs/a"))) { ... }}</pre>
 */
public final class ServedRun implements ServedModel, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunSampler sampler;
  private final Info info;
  private final float[] real;
  private final byte[] description;
  private final ExecutorService engine;

  private ServedRun(Path runDir, ExecutorService engine) {
    this.engine = engine;
    this.sampler = onEngine(() -> {
      Engines.init(); // this thread: autograd off, the configured threads
      return RunSampler.open(runDir, "none", null);
    });
    try {
      this.info = new Info(sampler.sampleShape(), sampler.classes(), sampler.codes(),
          sampler.step());
      this.real = sampler.realPoints();
      this.description = describe(runDir, sampler, info);
    } catch (RuntimeException e) {
      onEngine(() -> {
        sampler.close();
        return null;
      });
      throw e;
    }
  }

  /**
   * Opens the run in {@code runDir}.
   *
   * @throws dev.gan4j.Gan4jException when it is not a run with an intact checkpoint
   */
  public static ServedRun open(Path runDir) {
    ExecutorService engine = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "gan4j-serve-engine");
      t.setDaemon(true);
      return t;
    });
    ServedRun opened = null;
    try {
      opened = new ServedRun(runDir, engine);
      return opened;
    } finally {
      if (opened == null) {
        engine.shutdownNow();
      }
    }
  }

  @Override
  public Info info() {
    return info;
  }

  @Override
  public float[] generate(GenerateRequest r) {
    return onEngine(() -> {
      if (r.codes() != null) {
        return sampler.sample(r.n(), r.seed(), r.codes());
      }
      return r.label() != null ? sampler.sample(r.n(), r.seed(), r.label())
          : sampler.sample(r.n(), r.seed());
    });
  }

  // Runs `work` on the engine thread and waits for it, passing on what it throws.
  private <T> T onEngine(Callable<T> work) {
    Future<T> f = engine.submit(work);
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException x) {
        throw x;
      }
      if (e.getCause() instanceof Error x) {
        throw x;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public float[] realPoints() {
    return real.clone();
  }

  @Override
  public byte[] describe() {
    return description.clone();
  }

  private static byte[] describe(Path runDir, RunSampler sampler, Info info) {
    RunDirectory run = RunDirectory.open(runDir);
    ObjectNode root = JSON.createObjectNode();
    root.put("run", runDir.toAbsolutePath().normalize().toString());
    root.put("step", info.step());
    ArrayNode shape = root.putArray("sampleShape");
    for (int s : info.sampleShape()) {
      shape.add(s);
    }
    root.put("classes", info.classes());
    ArrayNode codes = root.putArray("codes");
    info.codes().names().forEach(codes::add);
    root.put("latentWidth", sampler.latentWidth());
    root.put("gan4j", Provenance.gan4jVersion());
    try {
      root.set("config", JSON.readTree(run.config().toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    root.set("provenance", Provenance.read(run.provenance()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      onEngine(() -> {
        sampler.close();
        return null;
      });
    } finally {
      engine.shutdown();
    }
  }
}
