/**
 * The layer view of a feed-forward network: {@link org.locspec.model.Layer}s with parameters in
 * PyTorch layouts, the {@link org.locspec.model.Network} that evaluates them with DJL (with unit
 * masks and pre-activation capture), scoped {@link org.locspec.model.Lesion}s, stable {@link
 * org.locspec.model.LayerNames}, and {@link org.locspec.model.TorchScriptImporter} that reads
 * sequential PyTorch models saved with {@code torch.jit.save}.
 */
package org.locspec.model;
