// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.progress;

import java.util.Locale;

/**
 * A collapse of the discovery stage, detected at the end of an epoch on the fixed sample of unlabeled rows
 * that model selection scores. Zhong et al. ("Neighborhood Contrastive Learning for Novel Class Discovery",
 * CVPR 2021) note that hard negative generation "sometimes collapses"; two symptoms are watched:
 * <ul>
 * <li>the novel head's clusters: all rows in one cluster, or the normalised entropy of the cluster sizes
 *     H(sizes)/log C_u below {@value #ENTROPY_FLOOR} (1 = equal sizes, 0 = one cluster);</li>
 * <li>the embedding's spread s = 1 − ‖mean of the L2-normalised features‖² (0 when every row has the same
 *     direction) falling below {@value #SPREAD_FALL} of its value before discovery started.</li>
 * </ul>
 * What avoids it: keep the balance term on ({@code entropyWeight} 1, the default; 0 = the reference recipe,
 * which collapses when the pseudo-labels call most pairs positive), adaptive pseudo-labels
 * ({@code pseudoLabels=ADAPTIVE}, the default, instead of a fixed cosine threshold), the warm-up
 * ({@code warmupEpochs} 1) and, if it still happens, hard negatives later or off
 * ({@code hngStartEpoch}, {@code hardNegatives=false}) or a lower {@code learningRate}.
 *
 * @param stage the stage (discovery)
 * @param epoch 0-based epoch
 * @param clustersUsed distinct clusters the novel head assigns
 * @param clusters C_u
 * @param clusterEntropy normalised entropy of the cluster sizes, in [0, 1]
 * @param embeddingSpread spread s of the embedding now
 * @param initialSpread spread s before discovery
 * @param reason what was seen, in words
 */
public record CollapseReport(
        Stage stage,
        int epoch,
        int clustersUsed,
        int clusters,
        double clusterEntropy,
        double embeddingSpread,
        double initialSpread,
        String reason) {

    /** Normalised cluster-size entropy below which the clusters count as collapsed. */
    public static final double ENTROPY_FLOOR = 0.5;
    /** Fraction of the initial spread below which the embedding counts as collapsed. */
    public static final double SPREAD_FALL = 0.25;

    /**
     * Checks one epoch's assignments and L2-normalised features (n × d, row-major).
     *
     * @return the report, or null when neither symptom is present
     */
    public static CollapseReport assess(
            Stage stage,
            int epoch,
            int[] assignments,
            int clusters,
            float[] normalisedFeatures,
            int n,
            int d,
            double initialSpread) {
        int[] sizes = new int[clusters];
        for (int a : assignments) {
            if (a < 0 || a >= clusters) {
                throw new IllegalArgumentException("assignment " + a + " is outside 0.." + (clusters - 1));
            }
            sizes[a]++;
        }
        int used = 0;
        double h = 0;
        for (int s : sizes) {
            if (s > 0) {
                used++;
                double p = s / (double) assignments.length;
                h -= p * Math.log(p);
            }
        }
        double entropy = clusters > 1 ? h / Math.log(clusters) : 1.0;
        double spread = spread(normalisedFeatures, n, d);
        String reason = null;
        if (used <= 1 && clusters > 1) {
            reason = "all " + assignments.length + " rows are in one cluster";
        } else if (entropy < ENTROPY_FLOOR) {
            reason = String.format(
                    Locale.ROOT,
                    "cluster-size entropy %.3f is below %.2f (sizes spread over %d of %d clusters)",
                    entropy,
                    ENTROPY_FLOOR,
                    used,
                    clusters);
        } else if (initialSpread > 0 && spread < SPREAD_FALL * initialSpread) {
            reason = String.format(Locale.ROOT, "embedding spread fell from %.4f to %.4f", initialSpread, spread);
        }
        return reason == null
                ? null
                : new CollapseReport(stage, epoch, used, clusters, entropy, spread, initialSpread, reason);
    }

    /** s = 1 − ‖mean row‖² of n L2-normalised rows of width d (0 when all rows point the same way). */
    public static double spread(float[] normalisedFeatures, int n, int d) {
        if (n == 0) {
            return 0;
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += normalisedFeatures[i * d + j];
            }
        }
        double sq = 0;
        for (double v : mean) {
            sq += (v / n) * (v / n);
        }
        return 1 - sq;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "collapse in %s epoch %d: %s (clusters used %d of %d, size entropy %.3f, "
                        + "embedding spread %.4f, before discovery %.4f)",
                stage,
                epoch + 1,
                reason,
                clustersUsed,
                clusters,
                clusterEntropy,
                embeddingSpread,
                initialSpread);
    }
}
