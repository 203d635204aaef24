/**
 * Model files: reading networks that PyTorch saved as TorchScript ({@link
 * org.locspec.modelfile.TorchScriptImporter}, with a minimal reader of PyTorch's pickle format)
 * into the layer view.
 */
package org.locspec.modelfile;
