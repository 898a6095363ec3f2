/**
 * gan4j's benchmarks, run as one command ({@code gan4j-bench/run}): training throughput of {@link
 * dev.gan4j.train.GanTrainer} against a minimal hand-written DJL loop of the same networks and
 * algorithm, the engine's matrix-multiply rate, resident memory over a long run, and the plain
 * DCGAN networks' ({@code fashion-dcgan}'s) throughput beside its convolutions' rates through the
 * engine and gan4j.
 * Not part of the test suite: timings depend on the machine and on what else runs on it.
 */
package dev.gan4j.bench;
