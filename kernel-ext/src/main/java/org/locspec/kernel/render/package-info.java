/**
 * Renderers for notebook values: LocSpec results as summary, table and caption ({@link
 * org.locspec.kernel.render.ResultRenderers}), Tablesaw tables as HTML with numbers formatted by
 * the library's {@link org.locspec.viz.Format} ({@link org.locspec.kernel.render.TableRenderers}),
 * XChart charts as PNG ({@link org.locspec.kernel.render.ChartRenderers}), image data sets as a
 * table plus an image grid ({@link org.locspec.kernel.render.DatasetRenderers}), arrays as their
 * contents ({@link org.locspec.kernel.render.ArrayRenderers}, {@link
 * org.locspec.kernel.render.ValueText}) and images as PNG with a readable text form ({@link
 * org.locspec.kernel.render.ImageRenderers}). Each family has one idempotent {@code
 * registerAll(Renderer)}.
 */
package org.locspec.kernel.render;
