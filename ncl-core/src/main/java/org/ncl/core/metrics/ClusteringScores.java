// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.metrics;

import java.util.Locale;

/**
 * The three scores reported for novel class discovery (Zhong et al., "Neighborhood Contrastive Learning
 * for Novel Class Discovery", CVPR 2021) for one clustering: cluster accuracy, NMI (scikit-learn's
 * arithmetic normalisation) and ARI, with the number of samples they were computed on.
 *
 * @param accuracy cluster accuracy after Hungarian matching, see {@link ClusterMetrics#accuracy(int[], int[])}
 * @param nmi      normalised mutual information, see {@link ClusterMetrics#nmi(int[], int[])}
 * @param ari      adjusted Rand index, see {@link ClusterMetrics#ari(int[], int[])}
 * @param n        the number of samples
 */
public record ClusteringScores(double accuracy, double nmi, double ari, int n) {

    /**
     * Scores a clustering against the ground truth (one contingency table for all three metrics).
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @return accuracy, NMI and ARI
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static ClusteringScores of(int[] truth, int[] predicted) {
        Contingency table = Contingency.of(truth, predicted);
        return new ClusteringScores(
                ClusterMetrics.matching(table).accuracy(),
                ClusterMetrics.nmi(table, ClusterMetrics.Normalization.ARITHMETIC),
                ClusterMetrics.ari(table),
                table.n());
    }

    /** For example {@code ACC=0.7150 NMI=0.5120 ARI=0.4460 (n=30000)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ACC=%.4f NMI=%.4f ARI=%.4f (n=%d)", accuracy, nmi, ari, n);
    }
}
