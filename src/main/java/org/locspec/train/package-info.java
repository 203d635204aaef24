/**
 * Training: the seeded training loop (Adam on shuffled mini-batches, penalties, augmentation,
 * magnitude pruning), its configuration, history and test evaluation, and the trained networks it
 * produces. {@link org.locspec.train.TorchScope} scopes the PyTorch engine settings (threads,
 * autograd) that make training fast on small CPUs and reproducible.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section on
 * training; Zhu and Gupta, "To prune, or not to prune" (arXiv 1710.01878) for the pruning schedule.
 */
package org.locspec.train;
