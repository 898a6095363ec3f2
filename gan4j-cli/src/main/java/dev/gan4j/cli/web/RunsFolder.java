package dev.gan4j.cli.web;

import dev.gan4j.RunDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runs under one folder, and the only files of theirs that the dashboard and the report read.
 * A run is a sub-folder holding {@code config.json} (or the folder itself, when it is a run). Runs
 * are looked up by name in a fresh listing, never by resolving a path a client sent, and every file
 * read must lie inside the folder once symbolic links are followed: nothing outside it is ever
 * served.
 *
 * <pre>{@code Optional<Path> run = new RunsFolder(Path.of("runs")).run("ring");}</pre>
 */
public final class RunsFolder {
  /** The name of a sample picture, as {@link dev.gan4j.io.RunDirectory#samplePicture} writes it. */
  private static final Pattern SAMPLE = Pattern.compile("step-(\\d{1,18})\\.png");

  private final Path root;

  /**
   * The runs under {@code root}.
   *
   * @throws RunDirectoryException when {@code root} is not a readable folder
   */
  public RunsFolder(Path root) {
    if (!Files.isDirectory(root)) {
      throw new RunDirectoryException(root + ": no such folder of runs");
    }
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new RunDirectoryException(root + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The folder, as a real path. */
  public Path root() {
    return root;
  }

  /** The runs by name, in name order: the sub-folders that hold a config.json (links not followed). */
  public Map<String, Path> runs() {
    Map<String, Path> runs = new TreeMap<>();
    if (isRun(root)) {
      runs.put(root.getFileName() == null ? "run" : root.getFileName().toString(), root);
      return runs;
    }
    try (Stream<Path> children = Files.list(root)) {
      children.filter(RunsFolder::isRun).forEach(p -> runs.put(p.getFileName().toString(), p));
    } catch (IOException e) {
      throw new RunDirectoryException(root + ": cannot list: " + e.getMessage(), e);
    }
    return runs;
  }

  private static boolean isRun(Path dir) {
    return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(dir.resolve("config.json"), LinkOption.NOFOLLOW_LINKS);
  }

  /** The run called {@code name}, if the folder holds one. */
  public Optional<Path> run(String name) {
    return Optional.ofNullable(name == null ? null : runs().get(name));
  }

  /** The steps of a run's sample pictures, in order. */
  public List<Long> sampleSteps(Path run) {
    List<Long> steps = new ArrayList<>();
    Path samples = run.resolve("samples");
    if (!Files.isDirectory(samples, LinkOption.NOFOLLOW_LINKS)) {
      return steps;
    }
    try (Stream<Path> files = Files.list(samples)) {
      files.forEach(
          f -> {
            var m = SAMPLE.matcher(f.getFileName().toString());
            if (m.matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
              steps.add(Long.parseLong(m.group(1)));
            }
          });
    } catch (IOException e) {
      return steps; // a folder that vanished or cannot be read shows no pictures
    }
    steps.sort(null);
    return steps;
  }

  /**
   * A run's sample picture by file name ({@code step-00000250.png}), when it exists as a regular
   * file inside the folder.
   */
  public Optional<Path> samplePicture(Path run, String fileName) {
    if (fileName == null || !SAMPLE.matcher(fileName).matches()) {
      return Optional.empty();
    }
    return inside(run.resolve("samples").resolve(fileName));
  }

  /** {@code file}, when it exists as a regular file whose real path lies inside the folder. */
  public Optional<Path> inside(Path file) {
    try {
      Path real = file.toRealPath();
      return real.startsWith(root) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The text of a run's file {@code name} (config.json, run.log...), or empty when absent. */
  public Optional<String> read(Path run, String name) {
    Optional<Path> file = inside(run.resolve(name));
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file.get(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) { // being replaced, or not text: shown as absent until the next look
      return Optional.empty();
    }
  }
}
