/**
 * Neuron graphs: the addresses of units ({@link org.locspec.graph.Neuron}), the weight matrices
 * between layers ({@link org.locspec.graph.LayerWeights}: consecutive layers, or placed between the
 * layers a residual addition or concatenation joins), conv-kernel reductions ({@link
 * org.locspec.graph.ConvKernels}), the inputs of the papers' graphs made from networks ({@link
 * org.locspec.graph.NetworkGraphs}: MLPs, sequential CNNs and layer graphs such as ResNets) and the
 * weighted undirected graph that is clustered ({@link org.locspec.graph.NeuronGraph}), built from
 * weights or from activations.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), section 2;
 * Hod et al., "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058).
 */
package org.locspec.graph;
