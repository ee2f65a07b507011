// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.metrics;

import java.util.Arrays;

/**
 * The contingency table of a ground-truth labeling against a predicted clustering: how many samples
 * of each true class fall into each predicted cluster. Every metric of {@link ClusterMetrics} is
 * computed from it.
 *
 * <p>Rows are the distinct true class values in increasing order, columns the distinct predicted
 * cluster values in increasing order (the layout of scikit-learn's {@code contingency_matrix(labels_true,
 * labels_pred)}). Label values are arbitrary ints: they need not be contiguous and may be negative.
 *
 * <p>The table is stored sparsely (only non-zero cells), so a clustering with very many distinct
 * values does not need a dense classes &times; clusters matrix; {@link #counts()} builds the dense
 * matrix on request. Immutable.
 */
public final class Contingency {

    /** Dense matrices larger than this many cells are refused by {@link #counts()}. */
    static final long MAX_DENSE_CELLS = 50_000_000L;

    private final int[] classes;
    private final int[] clusters;
    private final long[] classTotals;
    private final long[] clusterTotals;
    /** Non-zero cells in row-major order: row index, column index, count. */
    private final int[] cellRow;

    private final int[] cellColumn;
    private final long[] cellCount;
    private final int n;

    private Contingency(int[] classes, int[] clusters, int[] cellRow, int[] cellColumn, long[] cellCount, int n) {
        this.classes = classes;
        this.clusters = clusters;
        this.cellRow = cellRow;
        this.cellColumn = cellColumn;
        this.cellCount = cellCount;
        this.n = n;
        this.classTotals = new long[classes.length];
        this.clusterTotals = new long[clusters.length];
        for (int c = 0; c < cellCount.length; c++) {
            classTotals[cellRow[c]] += cellCount[c];
            clusterTotals[cellColumn[c]] += cellCount[c];
        }
    }

    /**
     * Counts the pairs (truth[i], predicted[i]).
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length as {@code truth}
     * @return the contingency table
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static Contingency of(int[] truth, int[] predicted) {
        validate(truth, predicted);
        int n = truth.length;
        int[] classes = distinctSorted(truth);
        int[] clusters = distinctSorted(predicted);
        // Encode each pair as row * #clusters + column, sort, run-length count: O(n log n), no dense matrix.
        long width = clusters.length;
        long[] codes = new long[n];
        for (int i = 0; i < n; i++) {
            int r = Arrays.binarySearch(classes, truth[i]);
            int c = Arrays.binarySearch(clusters, predicted[i]);
            codes[i] = r * width + c;
        }
        Arrays.sort(codes);
        int cells = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || codes[i] != codes[i - 1]) {
                cells++;
            }
        }
        int[] cellRow = new int[cells];
        int[] cellColumn = new int[cells];
        long[] cellCount = new long[cells];
        int cell = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || codes[i] != codes[i - 1]) {
                cell++;
                cellRow[cell] = (int) (codes[i] / width);
                cellColumn[cell] = (int) (codes[i] % width);
            }
            cellCount[cell]++;
        }
        return new Contingency(classes, clusters, cellRow, cellColumn, cellCount, n);
    }

    /**
     * Checks the two label arrays that every metric takes.
     *
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    static void validate(int[] truth, int[] predicted) {
        if (truth == null) {
            throw new IllegalArgumentException("truth labels are null; expected one class value per sample");
        }
        if (predicted == null) {
            throw new IllegalArgumentException("predicted labels are null; expected one cluster value per sample");
        }
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " labels but predicted has "
                    + predicted.length + "; expected one label per sample in both");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("truth and predicted labels are empty; expected at least one sample");
        }
    }

    private static int[] distinctSorted(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }

    /** @return the number of samples */
    public int n() {
        return n;
    }

    /** @return the distinct true class values, increasing (a copy); row {@code r} is class {@code classes()[r]} */
    public int[] classes() {
        return classes.clone();
    }

    /** @return the distinct predicted cluster values, increasing (a copy); column {@code c} is cluster {@code clusters()[c]} */
    public int[] clusters() {
        return clusters.clone();
    }

    /** @return the number of distinct true classes (rows) */
    public int classCount() {
        return classes.length;
    }

    /** @return the number of distinct predicted clusters (columns) */
    public int clusterCount() {
        return clusters.length;
    }

    /** @return the class value of row {@code row} */
    public int classValue(int row) {
        return classes[row];
    }

    /** @return the cluster value of column {@code column} */
    public int clusterValue(int column) {
        return clusters[column];
    }

    /** @return the row of class value {@code value}, or -1 if no sample has that class */
    public int rowOf(int value) {
        int r = Arrays.binarySearch(classes, value);
        return r >= 0 ? r : -1;
    }

    /** @return the column of cluster value {@code value}, or -1 if no sample is in that cluster */
    public int columnOf(int value) {
        int c = Arrays.binarySearch(clusters, value);
        return c >= 0 ? c : -1;
    }

    /**
     * @param row    row index (class), 0 &le; row &lt; {@link #classCount()}
     * @param column column index (cluster), 0 &le; column &lt; {@link #clusterCount()}
     * @return the number of samples of that class in that cluster
     */
    public long count(int row, int column) {
        if (row < 0 || row >= classes.length) {
            throw new IndexOutOfBoundsException("row " + row + " is outside 0.." + (classes.length - 1));
        }
        if (column < 0 || column >= clusters.length) {
            throw new IndexOutOfBoundsException("column " + column + " is outside 0.." + (clusters.length - 1));
        }
        long code = (long) row * clusters.length + column;
        int lo = 0;
        int hi = cellCount.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long midCode = (long) cellRow[mid] * clusters.length + cellColumn[mid];
            if (midCode < code) {
                lo = mid + 1;
            } else if (midCode > code) {
                hi = mid - 1;
            } else {
                return cellCount[mid];
            }
        }
        return 0;
    }

    /** @return the number of samples of each class (row sums), a copy */
    public long[] classTotals() {
        return classTotals.clone();
    }

    /** @return the number of samples in each cluster (column sums), a copy */
    public long[] clusterTotals() {
        return clusterTotals.clone();
    }

    /** @return the number of non-zero cells */
    public int nonZeroCells() {
        return cellCount.length;
    }

    /** @return the row of the {@code i}-th non-zero cell (cells are in row-major order) */
    int cellRow(int i) {
        return cellRow[i];
    }

    /** @return the column of the {@code i}-th non-zero cell */
    int cellColumn(int i) {
        return cellColumn[i];
    }

    /** @return the count of the {@code i}-th non-zero cell */
    long cellCount(int i) {
        return cellCount[i];
    }

    /**
     * The dense table, {@code [classCount()][clusterCount()]}, a fresh array.
     *
     * @throws IllegalStateException if the table would have more than 50 million cells
     */
    public long[][] counts() {
        long cells = (long) classes.length * clusters.length;
        if (cells > MAX_DENSE_CELLS) {
            throw new IllegalStateException("a dense contingency table of " + classes.length + " classes x "
                    + clusters.length + " clusters (" + cells + " cells) is too large; at most "
                    + MAX_DENSE_CELLS + " cells are built");
        }
        long[][] dense = new long[classes.length][clusters.length];
        for (int i = 0; i < cellCount.length; i++) {
            dense[cellRow[i]][cellColumn[i]] = cellCount[i];
        }
        return dense;
    }

    /**
     * A fixed-width text table: one row per class, one column per cluster, headed by the values.
     */
    @Override
    public String toString() {
        long[][] dense = counts();
        int width = 5;
        for (int v : classes) {
            width = Math.max(width, String.valueOf(v).length() + 1);
        }
        for (int v : clusters) {
            width = Math.max(width, String.valueOf(v).length() + 1);
        }
        width = Math.max(width, String.valueOf(n).length() + 1);
        String cell = "%" + width + "s";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(cell, "t\\p"));
        for (int v : clusters) {
            sb.append(String.format(cell, v));
        }
        sb.append('\n');
        for (int r = 0; r < classes.length; r++) {
            sb.append(String.format(cell, classes[r]));
            for (int c = 0; c < clusters.length; c++) {
                sb.append(String.format(cell, dense[r][c]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
