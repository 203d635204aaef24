/**
 * Training: {@link org.locspec.train.Trainer#train} trains any architecture in one seeded loop
 * (Adam on shuffled mini-batches, softmax cross-entropy; Adam runs in Java on the parameters'
 * memory) into which the {@link org.locspec.train.TrainingConfig} plugs its parts: the papers'
 * clusterable initialization ({@link org.locspec.train.ClusterableInit}), L1/L2 penalties,
 * magnitude pruning on the TFMOT polynomial schedule ({@link org.locspec.train.PruningSchedule},
 * masks re-applied after every Adam step) and augmentation of the training images ({@link
 * org.locspec.train.Augmentation}). The result is a {@link org.locspec.train.TrainedNetwork}: the
 * DJL model with its spec, config, data provenance, {@link org.locspec.train.TrainingHistory} and
 * test {@link org.locspec.train.Evaluation}; {@code network()} gives its layer view. {@link
 * org.locspec.train.TorchScope} scopes the PyTorch engine settings (threads, autograd) that make
 * training fast on small CPUs and reproducible. Saving and loading is {@code
 * org.locspec.modelfile.ModelFile}'s.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section on
 * training; Zhu and Gupta, "To prune, or not to prune" (arXiv 1710.01878) for the pruning schedule.
 */
package org.locspec.train;
