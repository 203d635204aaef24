/**
 * The model zoo: a folder of the papers' networks trained on the papers' grid. {@link
 * org.locspec.zoo.ZooGrid} is the grid as a value (blocks of data sets × architectures ({@link
 * org.locspec.zoo.ZooArchitecture}) × regimes ({@link org.locspec.zoo.ZooRegime}) × seeds, with a
 * text form for grid files), whose cells are {@link org.locspec.zoo.ZooModel}s with their spec and
 * training config. {@link org.locspec.zoo.ModelZoo} plans ({@link org.locspec.zoo.ZooPlan}), trains
 * ({@link org.locspec.zoo.ZooOutcome}), lists ({@link org.locspec.zoo.ZooIndex} of {@link
 * org.locspec.zoo.ZooEntry}) and loads models, each trained into a hidden folder and renamed into
 * place, so a stopped build keeps every finished model and resumes; {@link
 * org.locspec.zoo.ZooEstimate} says how long training takes here. {@link
 * org.locspec.zoo.ModelZooMain} is the command of {@code environment/zoo.sh}.
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386), its table of
 * n-cuts by data set and training regime; Hod et al. (arXiv 2110.08058).
 */
package org.locspec.zoo;
