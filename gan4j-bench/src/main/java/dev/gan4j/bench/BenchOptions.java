package dev.gan4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's command-line options, parsed by hand (the bench takes no dependency beyond
 * gan4j-core). {@code --quick} only changes defaults, so explicit options still win over it.
 *
 * <pre>{@code BenchOptions o = BenchOptions.parse(new String[] {"--quick", "--only", "matmul"});}
 * </pre>
 *
 * @param quick small step counts for a smoke check
 * @param dataDir where to look for MNIST; null means {@code GAN4J_DATA_DIR}, then {@code
 *     ~/.gan4j/data}
 * @param only the one section to run ({@code throughput}, {@code memory}, {@code matmul}, {@code
 *     dcgan}), or null for all
 * @param warmup untimed steps before timing each loop
 * @param steps64 timed steps per repeat at batch 64
 * @param steps256 timed steps per repeat at batch 256
 * @param repeats timed repeats per loop and batch size; the median is reported
 * @param memorySteps the steps after which resident memory is read, ascending
 * @param memoryMinimal whether to measure the minimal DJL loop's memory too
 * @param memoryLoops the loops whose memory is measured, or null for the default set
 * @param dcganWarmup untimed steps before timing each DCGAN loop
 * @param dcganSteps timed DCGAN steps per repeat, at each batch size
 * @param matmulSeconds the least time each matmul or convolution repeat runs
 * @param threads the engine's intra-op threads, or 0 to keep its default (the core count)
 * @param memoryChild internal: run only the memory probe of this loop and print raw lines
 * @param sharingSteps timed steps of each measurement in the sharing section
 * @param sharingChild internal: run only one sharing measurement and print its raw line
 * @param serveRequests requests per client count in the serving load test (each level also
 *     stops after {@code serveSeconds})
 * @param serveSeconds the most seconds one level of the serving load test runs
 * @param serveRun the run the serving load test serves, or null to train a short mnist-mlp run
 */
record BenchOptions(
    boolean quick,
    Path dataDir,
    String only,
    int warmup,
    int steps64,
    int steps256,
    int repeats,
    long[] memorySteps,
    boolean memoryMinimal,
    List<String> memoryLoops,
    int dcganWarmup,
    int dcganSteps,
    double matmulSeconds,
    int threads,
    String memoryChild,
    int sharingSteps,
    boolean sharingChild,
    int serveRequests,
    int serveSeconds,
    Path serveRun) {
  static final List<String> SECTIONS =
      List.of("throughput", "memory", "matmul", "dcgan", "sharing", "serve");

  /** Thrown for a bad command line; the message says what is wrong. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  static String usage() {
    return String.join(
        "\n",
        "usage: gan4j-bench/run [options]",
        "  --quick                 few steps: a smoke check in about a minute",
        "  --data-dir DIR          folder holding mnist/ (default: $GAN4J_DATA_DIR, then",
        "                          ~/.gan4j/data); random pixels of MNIST's shape when absent",
        "  --only SECTION          throughput | memory | matmul | dcgan | sharing | serve",
        "  --warmup N              untimed steps per loop before timing (default 50; quick 10)",
        "  --steps A,B             timed steps per repeat at batch 64 and 256",
        "                          (default 150,100; quick 40,20)",
        "  --repeats N             timed repeats, median reported (default 3)",
        "  --memory-steps S1,S2..  steps at which to read memory",
        "                          (default 1000,10000; quick 100,500)",
        "  --memory-minimal        also measure the minimal DJL loop's memory (doubles its time)",
        "  --memory-loops LIST     the loops to measure, of " + String.join(", ", MemoryProbe.LOOPS),
        "                          (default gan4j, gan4j-wgan-gp; gan4j-dcgan-wgan-gp is the",
        "                          DCGAN critic's soak)",
        "  --dcgan-steps W,N       DCGAN untimed steps, then timed steps per repeat",
        "                          (default 5,20; quick 2,4)",
        "  --matmul-seconds S      least seconds per matmul or convolution repeat",
        "                          (default 1; quick 0.3)",
        "  --sharing-steps N       timed steps of each sharing measurement (default 300;",
        "                          quick 40)",
        "  --serve-requests N      requests per client count of the serving load test",
        "                          (default 600; quick 96)",
        "  --serve-seconds S       the most seconds per client count (default 30; quick 10)",
        "  --serve-run DIR         the run to serve (default: a 20-step mnist-mlp run, trained",
        "                          first into a temporary folder)",
        "  --threads N             torch intra-op threads (default: the engine's, = cores)",
        "  -h, --help              this text");
  }

  /** Parses {@code args}; throws {@link UsageException} on anything it does not understand. */
  static BenchOptions parse(String[] args) {
    boolean quick = Arrays.asList(args).contains("--quick");
    Path dataDir = null;
    String only = null;
    int warmup = quick ? 10 : 50;
    int steps64 = quick ? 40 : 150;
    int steps256 = quick ? 20 : 100;
    int repeats = 3;
    long[] memorySteps = quick ? new long[] {100, 500} : new long[] {1000, 10000};
    boolean memoryMinimal = false;
    List<String> memoryLoops = null;
    int dcganWarmup = quick ? 2 : 5;
    int dcganSteps = quick ? 4 : 20;
    double matmulSeconds = quick ? 0.3 : 1.0;
    int threads = 0;
    String memoryChild = null;
    int sharingSteps = quick ? 40 : 300;
    boolean sharingChild = false;
    int serveRequests = quick ? 96 : 600;
    int serveSeconds = quick ? 10 : 30;
    Path serveRun = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick":
          break;
        case "--data-dir":
          dataDir = Path.of(value(args, ++i, a));
          break;
        case "--only":
          only = value(args, ++i, a);
          if (!SECTIONS.contains(only)) {
            throw new UsageException("--only must be one of " + SECTIONS + ", got '" + only + "'");
          }
          break;
        case "--warmup":
          warmup = positive(value(args, ++i, a), a, true);
          break;
        case "--steps":
          int[] s = pair(value(args, ++i, a), a, "for batch 64 and 256: e.g. 150,100");
          steps64 = s[0];
          steps256 = s[1];
          break;
        case "--repeats":
          repeats = positive(value(args, ++i, a), a, false);
          break;
        case "--memory-steps":
          memorySteps = longs(value(args, ++i, a), a);
          for (int k = 1; k < memorySteps.length; k++) {
            if (memorySteps[k] <= memorySteps[k - 1]) {
              throw new UsageException("--memory-steps must be ascending, got " + args[i]);
            }
          }
          break;
        case "--memory-minimal":
          memoryMinimal = true;
          break;
        case "--memory-loops":
          memoryLoops = List.of(value(args, ++i, a).split(","));
          for (String loop : memoryLoops) {
            if (!MemoryProbe.LOOPS.contains(loop)) {
              throw new UsageException(
                  "--memory-loops: unknown loop '" + loop + "'; known: " + MemoryProbe.LOOPS);
            }
          }
          break;
        case "--dcgan-steps":
          int[] d = pair(value(args, ++i, a), a, "untimed and timed steps: e.g. 5,20");
          dcganWarmup = d[0];
          dcganSteps = d[1];
          break;
        case "--matmul-seconds":
          try {
            matmulSeconds = Double.parseDouble(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new UsageException("--matmul-seconds takes a number, got '" + args[i] + "'");
          }
          if (!(matmulSeconds > 0)) {
            throw new UsageException("--matmul-seconds must be > 0");
          }
          break;
        case "--threads":
          threads = positive(value(args, ++i, a), a, false);
          break;
        case "--memory-child":
          memoryChild = value(args, ++i, a);
          if (!MemoryProbe.LOOPS.contains(memoryChild)) {
            throw new UsageException("--memory-child must be one of " + MemoryProbe.LOOPS);
          }
          break;
        case "--sharing-steps":
          sharingSteps = positive(value(args, ++i, a), a, false);
          break;
        case "--sharing-child":
          sharingChild = true;
          break;
        case "--serve-requests":
          serveRequests = positive(value(args, ++i, a), a, false);
          break;
        case "--serve-seconds":
          serveSeconds = positive(value(args, ++i, a), a, false);
          break;
        case "--serve-run":
          serveRun = Path.of(value(args, ++i, a));
          break;
        default:
          throw new UsageException("unknown option '" + a + "'");
      }
    }
    return new BenchOptions(
        quick,
        dataDir,
        only,
        warmup,
        steps64,
        steps256,
        repeats,
        memorySteps,
        memoryMinimal,
        memoryLoops,
        dcganWarmup,
        dcganSteps,
        matmulSeconds,
        threads,
        memoryChild,
        sharingSteps,
        sharingChild,
        serveRequests,
        serveSeconds,
        serveRun);
  }

  /** Whether {@code section} runs: every section when no {@code --only} was given. */
  boolean runs(String section) {
    return only == null || only.equals(section);
  }

  /** Timed steps per repeat at {@code batchSize}. */
  int stepsFor(int batchSize) {
    return batchSize == 64 ? steps64 : steps256;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String v, String option, boolean zeroAllowed) {
    try {
      int n = Integer.parseInt(v);
      if (n < (zeroAllowed ? 0 : 1)) {
        throw new UsageException(
            option + " must be " + (zeroAllowed ? ">= 0" : ">= 1") + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " takes a whole number, got '" + v + "'");
    }
  }

  private static int[] pair(String v, String option, String meaning) {
    long[] p = longs(v, option);
    if (p.length != 2) {
      throw new UsageException(option + " takes two numbers, " + meaning);
    }
    return new int[] {Math.toIntExact(p[0]), Math.toIntExact(p[1])};
  }

  private static long[] longs(String v, String option) {
    String[] parts = v.split(",");
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Long.parseLong(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new UsageException(option + " takes comma-separated whole numbers, got '" + v + "'");
      }
      if (out[i] < 1) {
        throw new UsageException(option + " values must be >= 1, got " + out[i]);
      }
    }
    return out;
  }
}
