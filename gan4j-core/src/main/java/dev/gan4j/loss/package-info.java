/**
 * GAN objectives ({@link dev.gan4j.loss.GanLoss}) computed from the discriminator's raw outputs with
 * stable formulas, registered by config name in {@link dev.gan4j.loss.GanLosses}.
 */
package dev.gan4j.loss;
