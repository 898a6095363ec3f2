package dev.gan4j.cli;

import dev.gan4j.serve.GeneratorServer;
import dev.gan4j.serve.ServeOptions;
import dev.gan4j.serve.ServedRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gan4j serve}: a run's generator over HTTP until the process is stopped (Ctrl-C, SIGTERM)
 * or the thread running the command is interrupted.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve a run's generator over HTTP: GET /generate?n=16&seed=S&format=png|json|npy"
          + " (&class=C, &code=cat0=3), GET /health, GET /model. Stop with Ctrl-C.",
      "Listens on 127.0.0.1 (this machine only) unless --host names another address."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run folder.")
  Path run;

  @Option(names = "--port", paramLabel = "PORT",
      description = "TCP port, 0 for any free one (default ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "ADDR",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 opens it to the"
          + " network, with no authentication).")
  String host = "127.0.0.1";

  @Option(names = "--workers", paramLabel = "N",
      description = "Requests generating at once, 1..64 (default ${DEFAULT-VALUE}).")
  int workers = 2;

  @Option(names = "--queue", paramLabel = "N",
      description = "Requests waiting for a worker, 0..1024; more are answered 429"
          + " (default ${DEFAULT-VALUE}).")
  int queue = 16;

  @Option(names = "--max-n", paramLabel = "N",
      description = "Largest n one request may ask for, 1.." + ServeOptions.MAX_N
          + " (default ${DEFAULT-VALUE}).")
  int maxN = 256;

  @Option(names = "--timeout-ms", paramLabel = "MS",
      description = "How long a request waits for a worker before a 503 (default ${DEFAULT-VALUE}).")
  int timeoutMs = 30_000;

  @Override
  public Integer call() throws Exception {
    // Before the engine starts: bad options and a missing run fail fast and quietly.
    ServeOptions options = new ServeOptions(host, port, workers, queue, maxN, timeoutMs);
    dev.gan4j.io.RunDirectory.open(run);
    CountDownLatch stop = new CountDownLatch(1);
    try (ServedRun model = ServedRun.open(run);
        GeneratorServer server = GeneratorServer.start(model, options)) {
      Thread hook = new Thread(() -> {
        stop.countDown();
        server.close();
      }, "gan4j-serve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      spec.commandLine().getOut().printf("serving %s (step %d) on %s%n", run,
          model.info().step(), server.url());
      spec.commandLine().getOut().flush();
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down: the hook is closing the server
        }
      }
    }
    return Gan4jCli.OK;
  }
}
