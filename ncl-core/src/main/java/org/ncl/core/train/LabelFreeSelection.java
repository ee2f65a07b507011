// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

/**
 * The label-free model-selection score: the mean silhouette (cosine distance, Rousseeuw 1987) of the
 * novel head's cluster assignments in the embedding z, multiplied by the fraction of the C_u
 * clusters that are not empty, so a collapse scores low. Uses no hidden labels. Computed in
 * O(n·k·d) from cluster sums: for unit vectors the mean cosine distance from z_i to cluster C is
 * 1 − z_i·(Σ_{j∈C} z_j)/|C| (self excluded for its own cluster).
 */
public final class LabelFreeSelection {

    private LabelFreeSelection() {}

    /** The score of {@code assign} (values 0..k-1) for unit rows {@code z} (n &times; d). */
    public static double score(float[] z, int n, int d, int[] assign, int k) {
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            counts[assign[i]]++;
            for (int j = 0; j < d; j++) {
                sums[assign[i]][j] += z[i * d + j];
            }
        }
        int nonEmpty = 0;
        for (int c : counts) {
            if (c > 0) {
                nonEmpty++;
            }
        }
        if (nonEmpty < 2) {
            return 0.0;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            int own = assign[i];
            if (counts[own] < 2) {
                continue; // silhouette of a singleton is 0
            }
            double a = 0;
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue;
                }
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += z[i * d + j] * sums[c][j];
                }
                if (c == own) {
                    double self = 0;
                    for (int j = 0; j < d; j++) {
                        self += (double) z[i * d + j] * z[i * d + j];
                    }
                    a = 1 - (dot - self) / (counts[c] - 1);
                } else {
                    b = Math.min(b, 1 - dot / counts[c]);
                }
            }
            double denom = Math.max(a, b);
            total += denom > 0 ? (b - a) / denom : 0;
        }
        return total / n * nonEmpty / k;
    }
}
