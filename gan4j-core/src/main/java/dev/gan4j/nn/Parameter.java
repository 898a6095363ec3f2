package dev.gan4j.nn;

import ai.djl.ndarray.NDArray;

/**
 * One trainable tensor of a network, with a stable name (e.g. {@code layer0.weight}) that checkpoints
 * use to store and restore it.
 */
public record Parameter(String name, NDArray array) {}
