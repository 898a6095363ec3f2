/**
 * Networks over tensors of any shape: layers that state their output shape ({@link
 * dev.gan4j.nn.Layer}), dense and convolutional layers with hand-written input gradients for
 * gradient penalties, small graphs of chains, residual blocks and skip concatenations ({@link
 * dev.gan4j.nn.Chain}, {@link dev.gan4j.nn.Residual}, {@link dev.gan4j.nn.SkipConcat}), and the
 * architectures a config names ({@link dev.gan4j.nn.Architectures}: {@code mlp}, {@code dcgan},
 * {@code resnet}), with weights drawn from the run's seeded generator.
 */
package dev.gan4j.nn;
