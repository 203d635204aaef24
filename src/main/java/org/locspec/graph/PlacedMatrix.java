package org.locspec.graph;

/**
 * One placement of a weight matrix with its units' global numbers (layers' units numbered one after
 * another in layer order): its rows are units {@code [outOff, outOff + rows)} of layer {@code
 * toLayer}, its columns units {@code [inOff, inOff + cols)}, all of layer {@code fromLayer}.
 *
 * @param matrix the matrix
 * @param outOff the global number of the rows' first unit
 * @param inOff the global number of the columns' first unit
 * @param toLayer the position of the rows' layer
 * @param fromLayer the position of the columns' layer
 */
record PlacedMatrix(WeightMatrix matrix, int outOff, int inOff, int toLayer, int fromLayer) {}
