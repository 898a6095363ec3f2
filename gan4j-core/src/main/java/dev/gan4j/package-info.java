/**
 * gan4j: Generative Adversarial Networks on the JVM. The library's packages: {@code data} (where
 * samples come from), {@code nn} (networks), {@code loss} (GAN objectives), {@code train} (Algorithm 1
 * of Goodfellow et al. 2014), {@code io} (run directories, checkpoints, pictures).
 */
package dev.gan4j;
