/**
 * Rendering of images for people: grids of grey or RGB images with captions, as {@link
 * java.awt.image.BufferedImage}s or PNG bytes. The notebook kernel only displays what this package
 * draws.
 */
package org.locspec.viz;
