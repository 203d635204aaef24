/**
 * The papers' architectures as DJL blocks with named layers: the multi-layer perceptron ({@link
 * org.locspec.architecture.MlpSpec}, built by {@link org.locspec.architecture.Mlp}), the small CNN
 * ({@link org.locspec.architecture.CnnSpec}) and the VGG net ({@link
 * org.locspec.architecture.VggSpec}), built by {@link org.locspec.architecture.ConvNets}. A spec
 * says what to build; the layer view of a built block is a {@link org.locspec.model.Network}.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058).
 */
package org.locspec.architecture;
