package org.locspec.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fills the CSR rows of a weight graph whose matrices are placed anywhere (residual networks) in
 * increasing column order without sorting: a unit's row is the concatenation of the placements that
 * touch its layer (as the rows or as the columns of a matrix), each a contiguous run of the other
 * layer's units, taken in order of their first unit. Rows are filled in parallel.
 */
final class Segments {
  private Segments() {}

  /**
   * One placement seen from one layer: the units of that layer it applies to ({@code [first, first
   * + count)}), and the run of the other layer's units its entries go to (from {@code target}).
   */
  private record Segment(PlacedMatrix p, boolean asRows, int first, int count, int target) {
    int targetEnd() {
      return target + (asRows ? p.matrix().cols() : p.matrix().rows());
    }
  }

  /**
   * Fills {@code col} and {@code val} row by row.
   *
   * @param layerCount the number of layers
   * @param offset each layer's first unit in the global numbering
   * @param placed the placed matrices
   * @param newId global unit → node (-1 for removed units)
   * @param rowPtr the rows' starts (node numbering), sized from the non-zero counts
   * @param col receives the columns
   * @param val receives the weights
   * @return false (and nothing filled) if two placements put entries on the same run of units, so
   *     that rows need sorting and merging
   */
  static boolean fill(
      int layerCount,
      int[] offset,
      List<PlacedMatrix> placed,
      int[] newId,
      int[] rowPtr,
      int[] col,
      double[] val) {
    List<List<Segment>> byLayer = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      byLayer.add(new ArrayList<>());
    }
    for (PlacedMatrix p : placed) {
      WeightMatrix m = p.matrix();
      byLayer.get(p.toLayer()).add(new Segment(p, true, p.outOff(), m.rows(), p.inOff()));
      byLayer.get(p.fromLayer()).add(new Segment(p, false, p.inOff(), m.cols(), p.outOff()));
    }
    for (List<Segment> segs : byLayer) {
      segs.sort(Comparator.comparingInt(Segment::target));
      if (overlapping(segs)) {
        return false;
      }
    }
    Map<WeightMatrix, float[]> transposed = new IdentityHashMap<>();
    for (List<Segment> segs : byLayer) {
      for (Segment s : segs) {
        if (!s.asRows()) {
          transposed.computeIfAbsent(s.p().matrix(), Segments::transpose);
        }
      }
    }
    IntStream.range(0, layerCount)
        .parallel()
        .forEach(
            l -> {
              for (int u = offset[l]; u < offset[l + 1]; u++) {
                if (newId[u] >= 0) {
                  fillRow(u, byLayer.get(l), transposed, newId, rowPtr, col, val);
                }
              }
            });
    return true;
  }

  /** Whether two segments that apply to a common unit send entries to a common unit. */
  private static boolean overlapping(List<Segment> segs) {
    for (int i = 0; i < segs.size(); i++) {
      Segment a = segs.get(i);
      for (int j = i + 1; j < segs.size(); j++) {
        Segment b = segs.get(j);
        boolean units = a.first() < b.first() + b.count() && b.first() < a.first() + a.count();
        boolean targets = a.target() < b.targetEnd() && b.target() < a.targetEnd();
        if (units && targets) {
          return true;
        }
      }
    }
    return false;
  }

  private static void fillRow(
      int u,
      List<Segment> segs,
      Map<WeightMatrix, float[]> transposed,
      int[] newId,
      int[] rowPtr,
      int[] col,
      double[] val) {
    int q = rowPtr[newId[u]];
    for (Segment s : segs) {
      if (u < s.first() || u >= s.first() + s.count()) {
        continue;
      }
      WeightMatrix m = s.p().matrix();
      float[] w = s.asRows() ? m.raw() : transposed.get(m);
      int len = s.asRows() ? m.cols() : m.rows();
      int base = (u - s.first()) * len;
      for (int k = 0; k < len; k++) {
        float x = w[base + k];
        if (x != 0f) {
          col[q] = newId[s.target() + k];
          val[q++] = Math.abs(x);
        }
      }
    }
  }

  private static float[] transpose(WeightMatrix m) {
    float[] w = m.raw();
    int rows = m.rows();
    int cols = m.cols();
    float[] t = new float[w.length];
    for (int o = 0; o < rows; o++) {
      for (int i = 0; i < cols; i++) {
        t[i * rows + o] = w[o * cols + i];
      }
    }
    return t;
  }
}
