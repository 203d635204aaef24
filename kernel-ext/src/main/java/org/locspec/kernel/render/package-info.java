/**
 * Renderers for notebook values: LocSpec results as summary, table and caption ({@link
 * org.locspec.kernel.render.ResultRenderers}), Tablesaw tables as HTML with numbers formatted by
 * the library's {@link org.locspec.viz.Format} ({@link org.locspec.kernel.render.TableRenderers}),
 * XChart charts as PNG ({@link org.locspec.kernel.render.ChartRenderers}), image data sets as a
 * table plus an image grid ({@link org.locspec.kernel.render.DatasetRenderers}), arrays as their
 * contents ({@link org.locspec.kernel.render.ArrayRenderers}, {@link
 * org.locspec.kernel.render.ValueText}), images as PNG with a readable text form ({@link
 * org.locspec.kernel.render.ImageRenderers}), networks as their layers and partitions as cluster
 * sizes per layer ({@link org.locspec.kernel.render.NetworkRenderers}) and Java code as a code
 * block ({@link org.locspec.kernel.render.CodeRenderers}). Each family has one idempotent {@code
 * registerAll(Renderer)}. {@link org.locspec.kernel.render.ResultCharts} names the charts of each
 * result for {@code %plot} and {@code %export}.
 */
package org.locspec.kernel.render;
