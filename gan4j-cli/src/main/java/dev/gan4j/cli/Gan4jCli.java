package dev.gan4j.cli;

import dev.gan4j.Gan4jException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gan4j} command: {@code train}, {@code sample}, {@code interpolate}, {@code serve},
 * {@code eval}, {@code ui}, {@code report}, {@code study}, {@code data fetch}. Exit codes: 0 success,
 * 1 failure, 2 bad input (one line on stderr; the stack trace only with {@code --verbose}). Running
 * out of memory, in the heap or in the engine, is a failure
 * reported in one line that says how to ask for less or allow more. Results go to stdout, progress
 * to stderr.
 */
@Command(
    name = "gan4j",
    mixinStandardHelpOptions = true,
    versionProvider = Gan4jCli.Version.class,
    description = "Train, sample and inspect Generative Adversarial Networks.",
    subcommands = {
      TrainCommand.class,
      SampleCommand.class,
      InterpolateCommand.class,
      ServeCommand.class,
      TranslateCommand.class,
      EvalCommand.class,
      UiCommand.class,
      ReportCommand.class,
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
    // picocli lets Errors through its handlers: catch the one a user can act on.
    cli.setExecutionStrategy(
        parseResult -> {
          try {
            return new CommandLine.RunLast().execute(parseResult);
          } catch (OutOfMemoryError e) {
            return outOfMemory(e, parseResult.commandSpec().commandLine().getErr(),
                isVerbose(parseResult));
          }
        });
    return cli;
  }

  /**
   * The one line for an exhausted heap or engine, then exit code 1 (the stack trace with
   * --verbose).
   */
  static int outOfMemory(Throwable e, PrintWriter err, boolean verbose) {
    boolean heap = e instanceof OutOfMemoryError;
    err.println("gan4j: out of memory " + (heap ? "(Java heap: " : "(in the engine: ")
        + firstLine(e.getMessage()) + "); try a smaller --batch-size, --n, data or networks"
        + (heap
            ? ", or a larger heap: GAN4J_JAVA_OPTS=-Xmx<size> ./gan4j ... (now "
                + dev.gan4j.Limits.bytes(dev.gan4j.Limits.maxHeap()) + ")"
            : ""));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILURE;
  }

  // The memory failure behind e, if any: an OutOfMemoryError, or the engine's failed allocation.
  static Throwable memoryFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return t;
      }
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
      boolean engine = !(t instanceof Gan4jException) // gan4j's own messages are never this
          && (m.contains("can't allocate memory") || m.contains("cannot allocate memory")
              || m.contains("not enough memory")
              || m.contains("bad_alloc") || m.contains("out of memory"));
      if (engine) {
        return t;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    return s == null ? "no details" : s.strip().split("\\R", 2)[0];
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
    Throwable memory = memoryFailure(e);
    if (memory != null) {
      return outOfMemory(memory, err, verbose);
    }
    if (e instanceof Gan4jException) {
      err.println("gan4j: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return BAD_INPUT;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof dev.gan4j.io.WriteFailedException w) {
        // The work had started when a file could not be written (a full disk): the environment
        // failed, not the input, so exit 1, with the file and the system's reason in one line.
        err.println("gan4j: " + w.getMessage());
        if (verbose) {
          e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
      }
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
