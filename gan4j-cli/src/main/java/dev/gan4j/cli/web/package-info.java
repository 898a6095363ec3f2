/**
 * Runs in a browser: the live dashboard ({@link dev.gan4j.cli.web.Dashboard}, behind {@code gan4j
 * ui} and {@code gan4j train --ui}) and the one-file HTML report ({@link
 * dev.gan4j.cli.web.HtmlReport}, behind {@code gan4j report}). Both read only a run's files (never
 * the engine) through {@link dev.gan4j.cli.web.RunsFolder}, and draw with the same page script and
 * the uPlot chart library, which the build bundles into the jar from its web jar: nothing is fetched
 * from the internet.
 *
 * <pre>{@code try (Dashboard d = Dashboard.start(Path.of("runs"), "127.0.0.1", 8765)) { ... }}</pre>
 */
package dev.gan4j.cli.web;
