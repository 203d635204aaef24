/**
 * Renderers for notebook values: Tablesaw tables as HTML ({@link
 * org.locspec.kernel.render.TableRenderers}), XChart charts as PNG ({@link
 * org.locspec.kernel.render.ChartRenderers}) and image data sets as a table plus an image grid
 * ({@link org.locspec.kernel.render.DatasetRenderers}), arrays as their contents ({@link
 * org.locspec.kernel.render.ArrayRenderers}, {@link org.locspec.kernel.render.ValueText}) and images
 * as PNG with a readable text form ({@link org.locspec.kernel.render.ImageRenderers}). Each family
 * has one idempotent {@code registerAll(Renderer)}.
 */
package org.locspec.kernel.render;
