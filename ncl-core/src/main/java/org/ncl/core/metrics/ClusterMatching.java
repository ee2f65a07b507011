// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.metrics;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The best one-to-one map from predicted clusters to true classes, as found by
 * {@link ClusterMetrics#matching(int[], int[])}: it maximises the number of samples whose cluster is
 * mapped to their own class. This is the map behind cluster accuracy (ACC) in novel class discovery
 * (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021).
 *
 * <p>When there are more clusters than classes some clusters stay unmatched; when there are more
 * classes than clusters some classes are never predicted. Use {@link #relabel(int[], int)} to
 * translate predictions into class values, for example to print a confusion matrix after matching
 * with {@link Contingency#of(int[], int[])}. Immutable.
 */
public final class ClusterMatching {

    private final int[] clusters;
    private final int[] matchedClass;
    private final boolean[] matched;
    private final long correct;
    private final int n;

    ClusterMatching(int[] clusters, int[] matchedClass, boolean[] matched, long correct, int n) {
        this.clusters = clusters.clone();
        this.matchedClass = matchedClass.clone();
        this.matched = matched.clone();
        this.correct = correct;
        this.n = n;
    }

    /** @return the distinct predicted cluster values, increasing (a copy) */
    public int[] clusters() {
        return clusters.clone();
    }

    /**
     * @param cluster a predicted cluster value
     * @return the class value the cluster is matched to; empty if the cluster is unmatched or never
     *         occurred in the predictions
     */
    public OptionalInt classOf(int cluster) {
        int c = Arrays.binarySearch(clusters, cluster);
        if (c < 0 || !matched[c]) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(matchedClass[c]);
    }

    /** @return how many clusters are matched to a class: min(#clusters, #classes) */
    public int matchedCount() {
        int m = 0;
        for (boolean b : matched) {
            if (b) {
                m++;
            }
        }
        return m;
    }

    /** @return the number of samples whose cluster is matched to their own class */
    public long correct() {
        return correct;
    }

    /** @return the number of samples */
    public int n() {
        return n;
    }

    /** @return the cluster accuracy, {@link #correct()} / {@link #n()} */
    public double accuracy() {
        return (double) correct / n;
    }

    /**
     * Translates predictions into class values through this matching.
     *
     * @param predicted      cluster values (any length)
     * @param unmatchedValue the value written for a cluster without a matched class (or not seen when
     *                       the matching was built)
     * @return a new array: the matched class of every prediction
     */
    public int[] relabel(int[] predicted, int unmatchedValue) {
        if (predicted == null) {
            throw new IllegalArgumentException("predicted labels are null");
        }
        int[] out = new int[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            int c = Arrays.binarySearch(clusters, predicted[i]);
            out[i] = c >= 0 && matched[c] ? matchedClass[c] : unmatchedValue;
        }
        return out;
    }

    /** Lists {@code cluster->class} for every cluster ({@code cluster->none} when unmatched) and the accuracy. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClusterMatching[");
        for (int c = 0; c < clusters.length; c++) {
            if (c > 0) {
                sb.append(", ");
            }
            sb.append(clusters[c]).append("->").append(matched[c] ? String.valueOf(matchedClass[c]) : "none");
        }
        return sb.append("; correct=")
                .append(correct)
                .append('/')
                .append(n)
                .append(']')
                .toString();
    }
}
