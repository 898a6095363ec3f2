package dev.gan4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gan4j.Engines;
import dev.gan4j.Gan4jException;
import dev.gan4j.Limits;
import dev.gan4j.Rng;
import dev.gan4j.data.DataDir;
import dev.gan4j.data.IdxFile;
import dev.gan4j.data.Mixture2d;
import dev.gan4j.data.TrainingSet;
import dev.gan4j.nn.Pass;
import dev.gan4j.train.ConfigLoader;
import dev.gan4j.train.DiscriminatorRejection;
import dev.gan4j.train.GeneratorSet;
import dev.gan4j.train.LatentCodes;
import dev.gan4j.train.ModelFamilies;
import dev.gan4j.train.RunConfig;
import dev.gan4j.train.TrainerSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws samples from a trained run's generator (its newest checkpoint) and writes them by file
 * extension: {@code .png} (a grid for images, a scatter over real points for 2-D data), {@code .csv}
 * (one sample a row), {@code .npy} (float32, shape (n, c, h, w) or (n, d), for NumPy), {@code .idx} or
 * {@code .idx.gz} (uint8 images, MNIST's format). With {@code
 * sampling.rejection = drs} (the run's config, or the override {@link #open(Path, String, Path)} takes)
 * the samples are those {@link DiscriminatorRejection} keeps. An InfoGAN run's latent vectors carry
 * its codes after z ({@link LatentCodes}), drawn from their priors unless a caller fixes some.
 *
 * <pre>{@code try (RunSampler s = RunSampler.open(Path.of("runs/a"))) { s.write(100, 0, Path.of("x.png")); }}</pre>
 */
public final class RunSampler implements AutoCloseable {
  /** The most values one call may produce (n × sample size), to fail early rather than overflow. */
  public static final long MAX_VALUES = 1L << 28;

  private final RunConfig config;
  private final NDManager manager;
  private final GeneratorSet generators;
  private final int[] sampleShape;
  private final long step;
  private final int classes;
  private final LatentCodes codes;
  private final Path dataDir;
  private DiscriminatorRejection drs;

  private RunSampler(RunConfig config, TrainerSnapshot snapshot, Path dataDir) {
    this.config = config;
    this.dataDir = dataDir;
    this.step = snapshot.iteration();
    this.classes = snapshot.classes();
    this.codes = ModelFamilies.byName(config.model().family()).latentCodes(config);
    String name = config.data().name();
    sampleShape = config.data().sampleShape();
    Engines.init();
    manager = NDManager.newBaseManager();
    generators = GeneratorSet.forConfig(config, sampleShape, classes + codes.width(), manager,
        new Rng(0));
    try {
      generators.load(snapshot.tensors());
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Opens the run in {@code runDir}, loading the generator from its newest checkpoint. */
  public static RunSampler open(Path runDir) {
    return open(runDir, (String) null, null);
  }

  /**
   * Opens the run in {@code runDir} with another rejection scheme than its config's.
   *
   * @param rejection {@code none} or {@code drs} (see {@link RunConfig.Sampling}), or null for the
   *     run's own {@code sampling.rejection}
   * @param dataDir where image datasets are, for the rejection critic's real samples; null for {@link
   *     DataDir#resolve}'s default
   */
  public static RunSampler open(Path runDir, String rejection, Path dataDir) {
    return open(runDir, s -> rejection == null ? s : s.withRejection(rejection), dataDir);
  }

  /** Opens the run in {@code runDir}, drawing samples as {@code sampling} says instead of its config. */
  public static RunSampler open(Path runDir, RunConfig.Sampling sampling, Path dataDir) {
    return open(runDir, s -> sampling, dataDir);
  }

  private static RunSampler open(
      Path runDir, java.util.function.UnaryOperator<RunConfig.Sampling> sampling, Path dataDir) {
    RunDirectory run = RunDirectory.open(runDir);
    RunConfig config = ConfigLoader.readJson(run.config());
    config = config.withSampling(sampling.apply(config.sampling()));
    // A damaged newest checkpoint falls back to the newest intact one, with a warning on stderr.
    return new RunSampler(config,
        CheckpointStore.readNewestIntact(run.checkpoints(), System.err::println)
            .snapshot(),
        dataDir);
  }

  /** The run's config. */
  public RunConfig config() {
    return config;
  }

  /** An InfoGAN run's latent codes; {@link LatentCodes#NONE} for other runs. */
  public LatentCodes codes() {
    return codes;
  }

  /** The classes a conditional run's generator takes; 0 for an unconditional run. */
  public int classes() {
    return classes;
  }

  /**
   * The class each of the {@code n} samples of {@link #sample(int, long)} is asked for (balanced,
   * sample i of class i mod K, see {@link GeneratorSet#balancedClasses}); null for an unconditional
   * run.
   */
  public int[] askedClasses(int n) {
    return classes == 0 ? null : GeneratorSet.balancedClasses(n, classes);
  }

  /** The iteration of the checkpoint the generator came from. */
  public long step() {
    return step;
  }

  private int dim() {
    int d = 1;
    for (int s : sampleShape) {
      d *= s;
    }
    return d;
  }

  /** The shape of one sample: (channels, height, width) for images, (2) for points. */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /**
   * {@code n} samples (row-major, n × prod(sampleShape)) for noise drawn from {@code seed}; with
   * {@code sampling.rejection = drs}, the first {@code n} that discriminator rejection sampling keeps
   * (its critic is trained on the first call, which takes {@code sampling.criticSteps} steps).
   */
  public float[] sample(int n, long seed) {
    int latent = latentWidth();
    int dim = dim();
    if (n < 1 || (long) n * Math.max(latent, dim) > MAX_VALUES) {
      throw new Gan4jException(
          "n must be between 1 and " + MAX_VALUES / Math.max(latent, dim) + " for this run, got " + n);
    }
    if ("drs".equals(config.sampling().rejection())) {
      if (classes > 0) {
        throw new Gan4jException("discriminator rejection sampling is not defined for conditional"
            + " runs; sample with --rejection none");
      }
      return rejection().sample(n, seed, this::propose, manager);
    }
    try (NDManager step = manager.newSubManager()) {
      return propose(n, new Rng(seed), step).toFloatArray();
    }
  }

  /**
   * {@code n} samples of a conditional run, all asked for class {@code label} (0..classes-1), for noise
   * drawn from {@code seed}.
   *
   * @throws Gan4jException when the run is not conditional or the class is out of range
   */
  public float[] sample(int n, long seed, int label) {
    if (classes == 0) {
      throw new Gan4jException("--class needs a conditional run (model.family cgan, acgan or projection); this"
          + " run is unconditional");
    }
    if (label < 0 || label >= classes) {
      throw new Gan4jException("--class must be in 0.." + (classes - 1) + " for this run, got "
          + label);
    }
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, label);
    try (NDManager step = manager.newSubManager()) {
      return generate(n, new Rng(seed), labels, step).toFloatArray();
    }
  }

  /**
   * {@code n} samples of an InfoGAN run with the codes {@code fixed} names set in every sample (see
   * {@link #checkCodes}), the others and z drawn from {@code seed}.
   *
   * @throws Gan4jException with discriminator rejection sampling, whose critic judges the generator
   *     under its whole prior
   */
  public float[] sample(int n, long seed, LatentCodes.Fixed fixed) {
    if (n < 1 || (long) n * Math.max(latentWidth(), dim()) > MAX_VALUES) {
      throw new Gan4jException("n must be between 1 and "
          + MAX_VALUES / Math.max(latentWidth(), dim()) + " for this run, got " + n);
    }
    if ("drs".equals(config.sampling().rejection())) {
      throw new Gan4jException("--code fixes codes that discriminator rejection sampling would"
          + " judge under their prior; sample with --rejection none");
    }
    try (NDManager step = manager.newSubManager()) {
      return generate(n, new Rng(seed), null, fixed, step).toFloatArray();
    }
  }

  /**
   * Checks, without starting the engine, {@code --code} values against the run in {@code runDir}.
   *
   * @throws dev.gan4j.InvalidConfigException when the run is not an InfoGAN run or the values do
   *     not fit its codes (an unknown name, a category out of range, a value that is not a finite
   *     number)
   */
  public static LatentCodes.Fixed checkCodes(Path runDir, String spec) {
    return parseCodes(ConfigLoader.readJson(RunDirectory.open(runDir).config()), spec);
  }

  private static LatentCodes.Fixed parseCodes(RunConfig config, String spec) {
    LatentCodes codes = ModelFamilies.byName(config.model().family()).latentCodes(config);
    if (codes.isEmpty()) {
      throw new dev.gan4j.InvalidConfigException("--code needs an InfoGAN run (model.family"
          + " infogan); this run's family is " + config.model().family());
    }
    return codes.parse(spec);
  }

  /** Values per latent vector: z ({@code model.latentDim}), and an InfoGAN run's codes after it. */
  public int latentWidth() {
    return config.model().latentDim() + codes.width();
  }

  /**
   * The generator's samples (n × prod(sampleShape), row-major) for latent vectors a caller chose
   * ({@code n} rows of {@link #latentWidth()} values: z, then an InfoGAN run's codes), for walks
   * and other paths through the latent space.
   *
   * @param labels a conditional run's class for each row (0..classes-1); null for other runs
   * @throws IllegalArgumentException when {@code latents} is not whole rows or the labels do not
   *     match them
   */
  public float[] generate(float[] latents, int[] labels) {
    int latent = latentWidth();
    if (latents.length == 0 || latents.length % latent != 0) {
      throw new IllegalArgumentException(
          latents.length + " values are not whole latent vectors of " + latent);
    }
    int n = latents.length / latent;
    if (classes > 0 && (labels == null || labels.length != n)) {
      throw new IllegalArgumentException("a conditional run needs one class per latent vector");
    }
    try (NDManager step = manager.newSubManager()) {
      NDArray zs = dev.gan4j.HostArrays.upload(step, latents, new Shape(n, latent));
      return generators.sample(classes == 0 ? zs : GeneratorSet.withClasses(zs, labels, classes),
          Pass.inference(step)).toFloatArray();
    }
  }

  /**
   * Real points to draw generated 2-D points over (up to 2,500, from the run's seed); an empty
   * array for image runs.
   */
  public float[] realPoints() {
    Mixture2d mixture = TrainingSet.mixture(config.data().name());
    return mixture == null ? new float[0] : mixture.sample(2500, new Rng(config.seed()));
  }

  /** The rejection sampler, its critic trained against this generator on first use. */
  public DiscriminatorRejection rejection() {
    if (drs == null) {
      TrainingSet real = TrainingSet.load(config.data().name(), config.data().size(), config.seed(),
          DataDir.resolve(dataDir), config.data().folderOptions());
      drs = DiscriminatorRejection.train(config, real, this::propose, manager);
    }
    return drs;
  }

  // The generator's samples (from its weight average when there is one) for noise drawn from rng;
  // a conditional run's are class-balanced, sample i of class i mod K.
  private NDArray propose(int n, Rng rng, NDManager step) {
    return generate(n, rng, askedClasses(n), null, step);
  }

  private NDArray generate(int n, Rng rng, int[] labels, NDManager step) {
    return generate(n, rng, labels, null, step);
  }

  // Latent vectors from the prior (an InfoGAN run's codes after z, those in `fixed` set), then G.
  private NDArray generate(int n, Rng rng, int[] labels, LatentCodes.Fixed fixed, NDManager step) {
    int latent = latentWidth();
    float[] z = new float[n * latent];
    codes.fillLatent(config.model(), z, rng);
    if (fixed != null) {
      fixed.applyTo(codes, z, config.model().latentDim());
    }
    NDArray zs = dev.gan4j.HostArrays.upload(step, z, new Shape(n, latent));
    return generators.sample(labels == null ? zs : GeneratorSet.withClasses(zs, labels, classes),
        Pass.inference(step));
  }

  /**
   * Checks, without starting the engine, that {@code runDir} is a run with a checkpoint and that
   * its samples can be written to {@code out} (a known extension; IDX only for image runs; a folder
   * that takes new files, see {@link OutputPaths#checkFile}).
   *
   * @throws Gan4jException when they cannot
   */
  public static void checkOutput(Path runDir, Path out) {
    checkOutput(runDir, 1, out);
  }

  /**
   * As {@link #checkOutput(Path, Path)}, and that {@code n} samples are within {@link
   * Limits#MAX_SAMPLES} and fit the heap: the samples, and as many values again for their noise or
   * their written form, must fit the JVM's maximum heap.
   *
   * @throws Gan4jException when they cannot ({@link dev.gan4j.InvalidConfigException} for {@code
   *     n})
   */
  public static void checkOutput(Path runDir, int n, Path out) {
    if (n < 1) {
      throw new dev.gan4j.InvalidConfigException("--n must be >= 1, got " + n);
    }
    Limits.atMost(n, Limits.MAX_SAMPLES, "--n");
    RunDirectory run = RunDirectory.open(runDir);
    RunConfig config = ConfigLoader.readJson(run.config());
    checkFormat(out, config.data().sampleShape().length == 3);
    checkHeap(config, n);
    OutputPaths.checkFile(out);
  }

  // n samples and their noise as float32 on the heap, plus as many bytes again to write them.
  private static void checkHeap(RunConfig config, long n) {
    long dim = 1;
    for (int s : config.data().sampleShape()) {
      dim *= s;
    }
    int latent = config.model().latentDim()
        + ModelFamilies.byName(config.model().family()).latentCodes(config).width();
    double bytes = 4.0 * n * (2 * dim + latent);
    if (bytes > Limits.maxHeap()) {
      throw new dev.gan4j.InvalidConfigException(String.format(java.util.Locale.ROOT,
          "--n %,d samples of %,d values need at least %s of Java heap, more than the maximum heap"
              + " of %s; ask for fewer, or run with a larger -Xmx (GAN4J_JAVA_OPTS for ./gan4j)",
          n, dim, Limits.bytes(bytes), Limits.bytes(Limits.maxHeap())));
    }
  }

  private static void checkFormat(Path out, boolean image) {
    String lower = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(lower.endsWith(".png") || lower.endsWith(".csv") || lower.endsWith(".idx")
        || lower.endsWith(".idx.gz") || lower.endsWith(".npy"))) {
      throw new Gan4jException(
          out + ": unknown output format; use .png, .csv, .npy, .idx or .idx.gz");
    }
    if ((lower.endsWith(".idx") || lower.endsWith(".idx.gz")) && !image) {
      throw new Gan4jException(out + ": IDX output needs an image run; this run makes 2-D points");
    }
  }

  /**
   * Writes {@code n} samples from {@code seed} to {@code out}, in the format its extension names.
   *
   * @throws dev.gan4j.OutputPathException when {@code out} cannot be written, with the system's
   *     reason
   */
  public void write(int n, long seed, Path out) throws IOException {
    write(n, seed, null, out);
  }

  /**
   * Like {@link #write(int, long, Path)}, every sample asked for class {@code label} when it is not null
   * (a conditional run).
   */
  public void write(int n, long seed, Integer label, Path out) throws IOException {
    write(n, seed, label, null, out);
  }

  /**
   * Like {@link #write(int, long, Integer, Path)}, an InfoGAN run's codes in {@code fixed} set in
   * every sample when it is not null.
   */
  public void write(int n, long seed, Integer label, LatentCodes.Fixed fixed, Path out)
      throws IOException {
    checkFormat(out, sampleShape.length == 3);
    float[] samples = fixed != null ? sample(n, seed, fixed)
        : label == null ? sample(n, seed) : sample(n, seed, label);
    try {
      writeFile(samples, n, out);
    } catch (IOException | java.io.UncheckedIOException e) {
      IOException io =
          e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
      throw new dev.gan4j.OutputPathException(
          "cannot write " + out + ": " + OutputPaths.reason(io), e);
    }
  }

  private void writeFile(float[] samples, int n, Path out) throws IOException {
    String lower = out.getFileName().toString().toLowerCase(Locale.ROOT);
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    if (lower.endsWith(".png")) {
      TrainingSet shapeOnly = realForPicture();
      SamplePictures.write(shapeOnly, samples, n, "step " + step, out);
    } else if (lower.endsWith(".csv")) {
      writeCsv(samples, n, out);
    } else if (lower.endsWith(".npy")) {
      long[] shape = new long[sampleShape.length + 1];
      shape[0] = n;
      for (int i = 0; i < sampleShape.length; i++) {
        shape[i + 1] = sampleShape[i];
      }
      NpyFile.write(out, samples, shape); // float32, (n, c, h, w) for images, (n, d) for points
    } else {
      byte[] pixels = new byte[samples.length];
      for (int i = 0; i < samples.length; i++) {
        float v = Math.max(-1f, Math.min(1f, samples[i]));
        pixels[i] = (byte) Math.round((v + 1f) * 127.5f);
      }
      // IDX images are (n, height, width): channels stack as consecutive images.
      IdxFile.writeImages(out, new IdxFile.IdxImages(
          n * sampleShape[0], sampleShape[1], sampleShape[2], pixels));
    }
  }

  // For pictures: images need only the shape; 2-D scatters draw real points under generated ones.
  private TrainingSet realForPicture() {
    Mixture2d mixture = TrainingSet.mixture(config.data().name());
    if (mixture != null) {
      return new TrainingSet(mixture.name(), 2500, new int[] {2}, realPoints());
    }
    return new TrainingSet(config.data().name(), 1, sampleShape, new float[dim()]);
  }

  private void writeCsv(float[] samples, int n, Path out) throws IOException {
    int d = samples.length / n;
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".writing-", ".tmp");
    try {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < d; j++) {
          String name = d == 2 && sampleShape.length == 1 ? (j == 0 ? "x" : "y") : "p" + j;
          header.append(j == 0 ? "" : ",").append(name);
        }
        w.write(header.toString());
        w.newLine();
        for (int i = 0; i < n; i++) {
          StringBuilder row = new StringBuilder();
          for (int j = 0; j < d; j++) {
            row.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", samples[i * d + j]));
          }
          w.write(row.toString());
          w.newLine();
        }
      }
      AtomicFiles.moveIntoPlace(tmp, out);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
