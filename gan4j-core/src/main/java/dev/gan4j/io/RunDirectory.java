package dev.gan4j.io;

import dev.gan4j.RunDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * The folder a training run writes: {@code config.json} (resolved config), {@code provenance.json}
 * (versions, seed, machine, time), {@code metrics.csv}, {@code losses.png}, {@code samples/} and {@code
 * checkpoints/}. A new run never writes into a folder that already holds something, so an existing run
 * cannot be damaged by a mistyped {@code --out}.
 *
 * <pre>{@code RunDirectory run = RunDirectory.create(Path.of("runs/first"));}</pre>
 */
public final class RunDirectory {
  private final Path root;

  private RunDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates a new run folder (and its parents).
   *
   * @throws RunDirectoryException when {@code root} exists and is not an empty folder
   */
  public static RunDirectory create(Path root) {
    checkCreatable(root);
    try {
      Files.createDirectories(root.resolve("samples"));
      Files.createDirectories(root.resolve("checkpoints"));
    } catch (IOException e) {
      throw new RunDirectoryException(
          "cannot create run folder " + root + ": " + OutputPaths.reason(e), e);
    }
    return new RunDirectory(root);
  }

  /**
   * Checks, creating nothing, that {@code root} can become a new run: it does not exist, or is an
   * empty folder, and it can be made there ({@link OutputPaths#checkFolder}).
   *
   * @throws RunDirectoryException when it cannot, with the system's reason
   */
  public static void checkCreatable(Path root) {
    try {
      if (Files.exists(root)) {
        if (!Files.isDirectory(root)) {
          throw new RunDirectoryException(root + " exists and is not a folder; choose another --out");
        }
        try (Stream<Path> s = Files.list(root)) {
          if (s.findAny().isPresent()) {
            throw new RunDirectoryException(
                root + " already exists and is not empty; choose another --out, or continue it"
                    + " with --resume " + root);
          }
        }
      }
    } catch (IOException e) {
      throw new RunDirectoryException("cannot read " + root + ": " + OutputPaths.reason(e), e);
    }
    try {
      OutputPaths.checkFolder(root);
    } catch (dev.gan4j.OutputPathException e) {
      throw new RunDirectoryException(
          e.getMessage() + "; choose another --out", e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * Opens an existing run to resume or sample from.
   *
   * @throws RunDirectoryException when it is not a folder, or holds no config.json or no checkpoint
   */
  public static RunDirectory open(Path root) {
    RunDirectory run = openForResume(root);
    try {
      if (CheckpointStore.latest(run.checkpoints()).isEmpty()) {
        throw new RunDirectoryException(root + ": holds no checkpoint to resume or sample from");
      }
    } catch (IOException e) {
      throw new RunDirectoryException(root + ": cannot list checkpoints: " + e.getMessage(), e);
    }
    return run;
  }

  /**
   * Opens an existing run to continue training: like {@link #open}, but a run killed before its first
   * checkpoint (a config.json and no checkpoint) is accepted; it starts over from its config.
   *
   * @throws RunDirectoryException when it is not a folder or holds no config.json
   */
  public static RunDirectory openForResume(Path root) {
    if (!Files.isDirectory(root)) {
      throw new RunDirectoryException(root + ": no such run folder");
    }
    RunDirectory run = new RunDirectory(root);
    if (!Files.isRegularFile(run.config())) {
      throw new RunDirectoryException(root + ": not a gan4j run (no config.json)");
    }
    return run;
  }

  /** A fresh default location: {@code runs/<yyyyMMdd-HHmmss>-<preset>}. */
  public static Path defaultPath(String preset) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path p = Path.of("runs", stamp + "-" + preset);
    for (int i = 2; Files.exists(p); i++) {
      p = Path.of("runs", stamp + "-" + preset + "-" + i);
    }
    return p;
  }

  /** The run's folder. */
  public Path root() {
    return root;
  }

  /** The resolved configuration. */
  public Path config() {
    return root.resolve("config.json");
  }

  /** How the run was made. */
  public Path provenance() {
    return root.resolve("provenance.json");
  }

  /** One row per logged iteration. */
  public Path metrics() {
    return root.resolve("metrics.csv");
  }

  /** Loss and D-output curves. */
  public Path lossesPlot() {
    return root.resolve("losses.png");
  }

  /** Sample pictures, one per sampling interval. */
  public Path samples() {
    return root.resolve("samples");
  }

  /** The picture for iteration {@code step}. */
  public Path samplePicture(long step) {
    return samples().resolve(String.format("step-%08d.png", step));
  }

  /** The run's log: sessions, evaluations, alarms. */
  public Path runLog() {
    return root.resolve("run.log");
  }

  /**
   * Checks that {@link #runLog()} may be appended to: absent, or a regular file. A symbolic link is
   * refused, since appending through it would write to whatever file it points at.
   *
   * @throws RunDirectoryException when it is a link or not a file
   */
  public void checkRunLog() {
    checkAppendable(runLog());
  }

  /** As {@link #checkRunLog()}, for any log file gan4j appends to. */
  public static void checkAppendable(Path log) {
    if (Files.isSymbolicLink(log)) {
      throw new RunDirectoryException(log + " is a symbolic link; gan4j appends only to a regular"
          + " file: replace the link with a file (or remove it)");
    }
    if (Files.exists(log, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(log)) {
      throw new RunDirectoryException(log + " is not a regular file; gan4j appends its log there");
    }
  }

  /** The newest {@code gan4j eval} report. */
  public Path evalReport() {
    return root.resolve("eval.json");
  }

  /** Checkpoint files. */
  public Path checkpoints() {
    return root.resolve("checkpoints");
  }
}
