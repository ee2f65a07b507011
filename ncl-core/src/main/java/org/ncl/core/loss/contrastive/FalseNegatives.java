// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import org.ncl.core.options.FalseNegativeHandling;

/**
 * False-negative detection and handling (Huynh et al., "Boosting Contrastive Self-Supervised Learning with
 * False Negative Cancellation", WACV 2022; seed 002): among each anchor's negatives (included entries with
 * target 0, ranked by detached similarity), those in the top-k with similarity above the threshold are
 * likely of the anchor's class. {@link FalseNegativeHandling#ELIMINATE} removes them from the denominator;
 * {@link FalseNegativeHandling#ATTRACT} makes them positives: targets (|P|·w + 1_F)/(|P| + |F|), |P| the
 * anchor's positives. Defaults k = 10, threshold 0.7.
 *
 * @param handling what to do
 * @param topK rank limit (0 = none)
 * @param threshold similarity limit (−1 = none)
 */
public record FalseNegatives(FalseNegativeHandling handling, int topK, double threshold) {

    /** Checks the values. */
    public FalseNegatives {
        if (handling == null) {
            throw new IllegalArgumentException("false-negative handling must not be null");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("falseNegativeTopK must be >= 0, got " + topK);
        }
        if (!(threshold >= -1 && threshold <= 1)) {
            throw new IllegalArgumentException("falseNegativeThreshold must be in [-1, 1], got " + threshold);
        }
    }

    /** No handling. */
    public static final FalseNegatives NONE = new FalseNegatives(FalseNegativeHandling.NONE, 10, 0.7);

    /**
     * The flags of the likely false negatives of each row, rows × cols, from detached similarities
     * (logit × t).
     */
    public boolean[] detect(ContrastProblem p, float[] detachedLogits) {
        int rows = p.rows();
        int cols = p.columns();
        boolean[] flagged = new boolean[rows * cols];
        float[] sims = new float[cols];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            int[] idx = new int[cols];
            for (int c = 0; c < cols; c++) {
                if (p.negative(r, c)) {
                    sims[n] = (float) (detachedLogits[r * cols + c] * p.temperature());
                    idx[n++] = c;
                }
            }
            int[] order = org.ncl.core.tensor.Ranking.descending(sims, 0, n);
            int limit = topK == 0 ? n : Math.min(topK, n);
            for (int k = 0; k < limit; k++) {
                if (sims[order[k]] > threshold) {
                    flagged[r * cols + idx[order[k]]] = true;
                }
            }
        }
        return flagged;
    }

    /** The problem with its false negatives handled (the same problem for {@link FalseNegativeHandling#NONE}). */
    public ContrastProblem apply(ContrastProblem p) {
        if (handling == FalseNegativeHandling.NONE) {
            return p;
        }
        boolean[] flagged = detect(p, p.logits().stopGradient().toFloatArray());
        int rows = p.rows();
        int cols = p.columns();
        float[] targets = p.targets().clone();
        boolean[] excluded =
                p.excluded() == null ? new boolean[rows * cols] : p.excluded().clone();
        for (int r = 0; r < rows; r++) {
            int positives = 0;
            int found = 0;
            for (int c = 0; c < cols; c++) {
                positives += targets[r * cols + c] > 0 ? 1 : 0;
                found += flagged[r * cols + c] ? 1 : 0;
            }
            if (found == 0) {
                continue;
            }
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (handling == FalseNegativeHandling.ELIMINATE) {
                    excluded[i] |= flagged[i];
                } else {
                    targets[i] = (positives * targets[i] + (flagged[i] ? 1f : 0f)) / (positives + found);
                }
            }
        }
        return p.withTargets(targets, excluded);
    }
}
