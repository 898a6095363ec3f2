package dev.gan4j.cli;

import dev.gan4j.cli.web.Dashboard;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan4j ui}: the live dashboard over a folder of runs, until interrupted. */
@Command(
    name = "ui",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the live dashboard of the runs in a folder (until Ctrl-C): curves, metrics beside their"
          + " real-data references, alarms, sample grids, config and provenance; tick several runs"
          + " to overlay them. Pages poll once a second, so a run that trains updates live.",
      "Listens on 127.0.0.1 unless --host names another address."
    })
final class UiCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RUNS_DIR",
      description = "The folder of runs, or one run folder (default: ${DEFAULT-VALUE}).")
  Path runsDir = Path.of("runs");

  @Option(names = "--port", paramLabel = "P",
      description = "The port, 0..65535 (0: any free port; default ${DEFAULT-VALUE}).")
  int port = Dashboard.DEFAULT_PORT;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "The address to listen on (default ${DEFAULT-VALUE}, this machine only; another"
          + " address lets other machines see your runs).")
  String host = "127.0.0.1";

  @Override
  public Integer call() throws InterruptedException {
    Dashboard dashboard = Dashboard.start(runsDir, host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dashboard.close();
      stopped.countDown();
    }, "gan4j-ui-stop"));
    spec.commandLine().getOut().println("dashboard: " + dashboard.url(null) + "  (" + runsDir
        + "; Ctrl-C to stop)");
    spec.commandLine().getOut().flush();
    stopped.await();
    return Gan4jCli.OK;
  }
}
