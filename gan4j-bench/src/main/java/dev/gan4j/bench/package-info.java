/**
 * gan4j's benchmarks, run as one command ({@code gan4j-bench/run}): training throughput of {@link
 * dev.gan4j.train.GanTrainer} against a minimal hand-written DJL loop of the same networks and
 * algorithm, the engine's matrix-multiply rate, and resident memory over a long run. Not part of
 * the test suite: timings depend on the machine and on what else runs on it.
 */
package dev.gan4j.bench;
