/**
 * A trained run's generator over HTTP: {@link dev.gan4j.serve.GeneratorServer} answers {@code GET
 * /generate}, {@code /health} and {@code /model} with the JDK's own HTTP server, bounded in request
 * size, concurrency and waiting time; {@link dev.gan4j.serve.ServedRun} loads the run once and
 * shares it between requests.
 *
 * <pre>{@code try (GeneratorServer s = GeneratorServer.start(ServedRun.open(run),
 *     ServeOptions.defaults())) { ... }}</pre>
 */
package dev.gan4j.serve;
