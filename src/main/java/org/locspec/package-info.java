/**
 * LocSpec: measuring local specialization in neural networks.
 *
 * <p>The analysis library. It knows nothing of Jupyter; the kernel module depends on it.
 *
 * <p>References: Hod, Filan, Casper, Critch, Russell, "Quantifying Local Specialization in Deep
 * Neural Networks" (arXiv 2110.08058); Filan, Casper, Hod, Wild, Critch, Russell, "Clusterability
 * in Neural Networks" (arXiv 2103.03386).
 */
package org.locspec;
