/**
 * The papers' architectures: one sealed {@link org.locspec.architecture.ArchitectureSpec} per
 * network shape, the multi-layer perceptron ({@link org.locspec.architecture.MlpSpec}), the small
 * CNN ({@link org.locspec.architecture.CnnSpec}) and the VGG net ({@link
 * org.locspec.architecture.VggSpec}). A spec is a validating record that builds its DJL block with
 * layers named as in the layer view, names the layers whose weights take penalties and pruning, and
 * copies a built block into a {@link org.locspec.model.Network}. Training them lives in {@code
 * org.locspec.train}; this package knows nothing of training.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058).
 */
package org.locspec.architecture;
