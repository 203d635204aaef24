/**
 * The layer view every analysis uses: a network as an ordered list of {@link
 * org.locspec.model.Layer}s with their parameters in PyTorch layouts, the {@link
 * org.locspec.model.Network} that evaluates them with DJL (unit masks and pre-activation capture),
 * scoped {@link org.locspec.model.Lesion}s, and stable {@link org.locspec.model.LayerNames}. A
 * network that is not a chain (residual additions, concatenations: torchvision's ResNets) is a
 * {@link org.locspec.model.LayerGraph}, whose weights the channel graph reads. {@link
 * org.locspec.model.TorchEngine} is the one place that names the DJL engine (PyTorch).
 *
 * <p>How a network was built ({@code org.locspec.architecture}), trained ({@code
 * org.locspec.train}), stored ({@code org.locspec.modelfile}) or collected ({@code
 * org.locspec.zoo}) lives in rooms of its own; this package knows none of them.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058).
 */
package org.locspec.model;
