// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.clustering;

import java.util.Locale;

/**
 * The outcome of {@link KMeans#fit(float[], int)}: the best run's assignment of every row, its
 * centroids, inertia and iteration count. Immutable: accessors return copies.
 */
public final class KMeansResult {

    private final int[] assignments;
    private final double[] centroids;
    private final int k;
    private final int dimension;
    private final double inertia;
    private final int iterations;
    private final int restart;

    KMeansResult(
            int[] assignments, double[] centroids, int k, int dimension, double inertia, int iterations, int restart) {
        this.assignments = assignments.clone();
        this.centroids = centroids.clone();
        this.k = k;
        this.dimension = dimension;
        this.inertia = inertia;
        this.iterations = iterations;
        this.restart = restart;
    }

    /** @return the cluster (0..k-1) of every row, a copy */
    public int[] assignments() {
        return assignments.clone();
    }

    /** @return the centroids, row-major k &times; {@link #dimension()}, a copy */
    public double[] centroids() {
        return centroids.clone();
    }

    /** @return centroid {@code c} (d values), a copy */
    public double[] centroid(int c) {
        if (c < 0 || c >= k) {
            throw new IndexOutOfBoundsException("centroid " + c + " is outside 0.." + (k - 1));
        }
        double[] out = new double[dimension];
        System.arraycopy(centroids, c * dimension, out, 0, dimension);
        return out;
    }

    /** @return the number of clusters */
    public int k() {
        return k;
    }

    /** @return the number of columns of the data */
    public int dimension() {
        return dimension;
    }

    /** @return the sum over rows of the squared Euclidean distance to the assigned centroid */
    public double inertia() {
        return inertia;
    }

    /** @return the number of Lloyd iterations of the best run */
    public int iterations() {
        return iterations;
    }

    /** @return the 0-based index of the restart that produced this result */
    public int restart() {
        return restart;
    }

    /**
     * Assigns new rows to their nearest centroid (exact squared distances; ties go to the lower index).
     *
     * @param data row-major rows with {@link #dimension()} columns
     * @return the cluster of every row
     * @throws IllegalArgumentException if data is null, empty, not a whole number of rows, or not finite
     */
    public int[] predict(float[] data) {
        KMeans.Matrix x = KMeans.Matrix.of(data, dimension);
        int[] out = new int[x.n];
        for (int i = 0; i < x.n; i++) {
            int o = i * dimension;
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = 0;
                int co = c * dimension;
                for (int j = 0; j < dimension; j++) {
                    double t = data[o + j] - centroids[co + j];
                    s += t * t;
                }
                if (s < bestDistance) {
                    bestDistance = s;
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** For example {@code KMeansResult[k=5, d=784, n=30000, inertia=1.234e+09, iterations=42, restart=3]}. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "KMeansResult[k=%d, d=%d, n=%d, inertia=%.6g, iterations=%d, restart=%d]",
                k,
                dimension,
                assignments.length,
                inertia,
                iterations,
                restart);
    }
}
