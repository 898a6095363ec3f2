/**
 * Files a run leaves behind: run directories, checkpoints, and pictures for people to look at.
 * The picture writers ({@link dev.gan4j.io.ImageGrid}, {@link dev.gan4j.io.ScatterPlot}, {@link
 * dev.gan4j.io.LinePlot}) are plain Java2D, work headless, and write PNGs atomically through
 * {@link dev.gan4j.io.PngFiles}.
 *
 * <pre>{@code LinePlot.write(panels, 800, 260, runDir.resolve("losses.png"));}</pre>
 */
package dev.gan4j.io;
