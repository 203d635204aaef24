/**
 * Showing results to people: the result contract {@link org.locspec.viz.Tabular} (one-line summary,
 * table, caption), the one number formatter {@link org.locspec.viz.Format} (significant digits,
 * p-values as {@code 3.7e-8}, "–" for an undefined statistic), and grids of grey or RGB images with
 * captions ({@link org.locspec.viz.ImageGrid}), files for reports ({@link org.locspec.viz.Export}:
 * tables as CSV, charts as PNG and SVG, images as PNG) and suggestions for misspelled names ({@link
 * org.locspec.viz.Spelling}). The notebook kernel only displays what this package draws and
 * formats.
 */
package org.locspec.viz;
