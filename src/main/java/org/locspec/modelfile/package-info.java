/**
 * Model files: LocSpec's saved-model format for every trained network ({@link
 * org.locspec.modelfile.ModelFile}: a JSON description plus DJL weights, written to temporary files
 * and renamed, the weights' size and SHA-256 checked on load; the folders of the earlier {@code
 * TrainedMlp} and {@code TrainedConvNet} still load), and reading networks that PyTorch saved as
 * TorchScript ({@link org.locspec.modelfile.TorchScriptImporter}: a minimal reader of PyTorch's
 * pickle format, a parser of the archive's code and a symbolic walk through it) into a layer graph,
 * and a sequential one into the layer view.
 */
package org.locspec.modelfile;
