/**
 * Network builders: multilayer perceptrons ({@link dev.gan4j.nn.Mlp}) for the generator and
 * discriminator of Goodfellow et al. 2014, with weights drawn from the run's seeded generator.
 */
package dev.gan4j.nn;
