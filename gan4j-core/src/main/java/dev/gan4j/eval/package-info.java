/**
 * Measurements of what a GAN learned. Sample sets are {@link dev.gan4j.eval.Samples} (rows of features,
 * images, class probabilities or coordinates); a value with its spread is an {@link
 * dev.gan4j.eval.Estimate}.
 *
 * <ul>
 *   <li>Distribution distances on features: {@link dev.gan4j.eval.FrechetDistance} (the FID formula) and
 *       {@link dev.gan4j.eval.KernelInceptionDistance} (KID).
 *   <li>Classifier-based: {@link dev.gan4j.eval.ClassifierScore} (the Inception Score formula) and {@link
 *       dev.gan4j.eval.ClassHistogram} (modes hit, KL to the real class frequencies).
 *   <li>Fidelity and diversity from nearest neighbours: {@link dev.gan4j.eval.PrecisionRecall} and {@link
 *       dev.gan4j.eval.DensityCoverage}.
 *   <li>Likelihood: {@link dev.gan4j.eval.ParzenWindow}, the protocol of the 2014 GAN paper.
 *   <li>Mode coverage on 2-D mixtures: {@link dev.gan4j.eval.MixtureCoverage}, PacGAN's protocol.
 * </ul>
 *
 * <p>The building blocks are {@link dev.gan4j.eval.SquaredDistances} (blocked pairwise distances on the
 * tensor engine, bounded memory) and {@link dev.gan4j.eval.SymmetricEigen} (Jacobi eigen-decomposition
 * and PSD square roots). {@code docs/metrics.md} explains each metric and how to read it.
 */
package dev.gan4j.eval;
