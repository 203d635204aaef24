/**
 * Networks and the layer view every analysis uses.
 *
 * <ul>
 *   <li>The layer view: {@link org.locspec.model.Layer}s with parameters in PyTorch layouts, the
 *       {@link org.locspec.model.Network} that evaluates them with DJL (with unit masks and
 *       pre-activation capture), scoped {@link org.locspec.model.Lesion}s and stable {@link
 *       org.locspec.model.LayerNames}.
 *   <li>Import: {@link org.locspec.model.TorchScriptImporter} reads sequential PyTorch models saved
 *       with {@code torch.jit.save}.
 *   <li>Training: the multi-layer perceptron of the papers ({@link org.locspec.model.MlpSpec},
 *       built by {@link org.locspec.model.Mlp} as a DJL block), training options ({@link
 *       org.locspec.model.TrainingConfig}), the seeded trainer ({@link
 *       org.locspec.model.MlpTrainer}) and its results ({@link org.locspec.model.TrainedMlp},
 *       {@link org.locspec.model.TrainingHistory}, {@link org.locspec.model.Evaluation}). {@link
 *       org.locspec.model.TorchScope} scopes the PyTorch engine settings (one intra-op thread,
 *       autograd off for inference) that make training fast on small CPUs and reproducible.
 *       {@link org.locspec.model.PruningSchedule} adds the papers' magnitude pruning after training.
 *   <li>The model zoo: {@link org.locspec.model.ModelZoo} trains and stores the papers' MLP per
 *       data set, {@link org.locspec.model.ZooRegime} and seed ({@link
 *       org.locspec.model.ZooOptions}), lists it ({@link org.locspec.model.ZooIndex}, {@link
 *       org.locspec.model.ZooEntry}) and loads single models; {@link
 *       org.locspec.model.ModelZooMain} is its command line ({@code environment/zoo.sh}).
 *   <li>Conv nets: the papers' small CNN ({@link org.locspec.model.CnnSpec}) and VGG ({@link
 *       org.locspec.model.VggSpec}), built with named layers by {@link
 *       org.locspec.model.ConvNets}, trained by {@link org.locspec.model.ConvNetTrainer} with
 *       {@link org.locspec.model.ConvNetTrainingConfig} and {@link
 *       org.locspec.model.Augmentation} into a {@link org.locspec.model.TrainedConvNet}.
 * </ul>
 *
 * <p>References: Filan et al., "Clusterability in Neural Networks" (arXiv 2103.03386); Hod et al.,
 * "Quantifying Local Specialization in Deep Neural Networks" (arXiv 2110.08058).
 */
package org.locspec.model;
