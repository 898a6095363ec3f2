package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gan4j} command: {@code train}, {@code sample}, {@code eval}, {@code study}, {@code data fetch}. Exit codes: 0 success, 1
 * failure, 2 bad input (one line on stderr; the stack trace only with {@code --verbose}). Results go to
 * stdout, progress to stderr.
 */
@Command(
    name = "gan4j",
    mixinStandardHelpOptions = true,
    versionProvider = Gan4jCli.Version.class,
    description = "Train, sample and inspect Generative Adversarial Networks.",
    subcommands = {
      TrainCommand.class,
      SampleCommand.class,
      EvalCommand.class,
      StudyCommand.class,
      DataCommand.class
    })
public final class Gan4jCli implements Runnable {
  /** Success. */
  public static final int OK = 0;

  /** A failure that is not the user's input (I/O error, bug). */
  public static final int FAILURE = 1;

  /** Bad input: a missing or corrupt file, an unknown name, a value out of range. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Entry point of the runnable jar. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int execute(String... args) {
    configureEnvironment(Arrays.asList(args).contains("--verbose"));
    CommandLine cli = commandLine();
    return cli.execute(args);
  }

  /** The configured picocli command line, with gan4j's error handling. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Gan4jCli());
    cli.setExecutionExceptionHandler(Gan4jCli::handleException);
    cli.setParameterExceptionHandler(Gan4jCli::handleParameterException);
    return cli;
  }

  // DJL must start offline and without telemetry; its INFO/WARN chatter only with --verbose.
  static void configureEnvironment(boolean verbose) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("java.awt.headless", "true");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }

  private static int handleException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    boolean verbose = parseResult != null && isVerbose(parseResult);
    PrintWriter err = cli.getErr();
    if (e instanceof Gan4jException) {
      err.println("gan4j: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return BAD_INPUT;
    }
    if (e instanceof dev.gan4j.TrainingDivergedException) {
      err.println("gan4j: " + e.getMessage()); // a training outcome, not a bug: no stack trace
      err.flush();
      return FAILURE;
    }
    err.println("gan4j: failed: " + e);
    if (verbose) {
      e.printStackTrace(err);
    } else {
      err.println("(run again with --verbose for the stack trace)");
    }
    err.flush();
    return FAILURE;
  }

  private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println(
        "gan4j: "
            + e.getMessage().split("\n")[0]
            + " (see: "
            + e.getCommandLine().getCommandSpec().qualifiedName()
            + " --help)");
    err.flush();
    return BAD_INPUT;
  }

  private static boolean isVerbose(CommandLine.ParseResult pr) {
    CommandLine.ParseResult r = pr;
    while (r != null) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
      r = r.subcommand();
    }
    return false;
  }

  /** Prints gan4j's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gan4j " + dev.gan4j.io.Provenance.gan4jVersion()};
    }
  }
}
