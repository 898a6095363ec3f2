/**
 * Measurements of what a GAN learned. Here: mode coverage on 2-D mixtures ({@link
 * dev.gan4j.eval.MixtureCoverage}), PacGAN's protocol.
 */
package dev.gan4j.eval;
