// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import java.util.Arrays;
import org.ncl.core.options.PseudoLabels;
import org.ncl.core.tensor.Ranking;

/**
 * Pairwise pseudo-labels ŷ_ab of NCL's L_bce for the unlabeled rows of a batch, computed from
 * detached features. Each result is a target matrix and a weight matrix (n &times; n, row-major):
 * weight 0 marks a pair left out of the loss.
 *
 * <ul>
 * <li>{@link PseudoLabels#COSINE}, the reference (Zhong et al., CVPR 2021): ŷ = 1 iff cos(f_a, f_b) &ge; λ;
 *     every pair used.</li>
 * <li>{@link PseudoLabels#RANK_STATS}, AutoNovel (Han et al., ICLR 2020): ŷ = 1 iff the index sets of
 *     the top-k feature dimensions of a and b coincide; every pair used.</li>
 * <li>{@link PseudoLabels#ADAPTIVE}, this project's default: with m = ceil(ρ·n/C_u), a pair is positive
 *     iff each is among the other's m most similar rows (mutual neighbours); negative iff neither is
 *     among the other's ceil(n/C_u) most similar rows (the size of a class in a balanced batch);
 *     otherwise it is left out. Ranks, not a fixed threshold, so it follows the scale of the features
 *     (post-ReLU features are all alike under a fixed cosine threshold).</li>
 * </ul>
 * Self-pairs are positive in every rule.
 */
public final class PairwisePseudoLabels {

    /** Targets and weights, both n &times; n row-major. */
    public record Result(float[] targets, float[] weights, int n) {
        /** Number of pairs with weight 1 and target 1. */
        public int positives() {
            int c = 0;
            for (int i = 0; i < targets.length; i++) {
                if (weights[i] > 0 && targets[i] > 0) {
                    c++;
                }
            }
            return c;
        }
    }

    private PairwisePseudoLabels() {}

    /** Dispatches on {@code rule}. */
    public static Result compute(
            PseudoLabels rule,
            float[] features,
            int n,
            int d,
            int numNovel,
            double cosineThreshold,
            int rankTopK,
            double neighbourFraction) {
        switch (rule) {
            case COSINE:
                return cosine(features, n, d, cosineThreshold);
            case RANK_STATS:
                return rankStatistics(features, n, d, rankTopK);
            case ADAPTIVE:
                return adaptive(features, n, d, numNovel, neighbourFraction);
            default:
                throw new IllegalArgumentException("unknown pseudo-label rule " + rule);
        }
    }

    /** Cosine similarity matrix (n &times; n) of the rows of {@code features} (n &times; d). */
    public static double[] cosineMatrix(float[] features, int n, int d) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double v = features[i * d + k];
                s += v * v;
            }
            norms[i] = Math.max(Math.sqrt(s), 1e-12);
        }
        double[] sim = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (double) features[i * d + k] * features[j * d + k];
                }
                double c = s / (norms[i] * norms[j]);
                sim[i * n + j] = c;
                sim[j * n + i] = c;
            }
        }
        return sim;
    }

    /** The reference rule: positive iff cosine &ge; λ. */
    public static Result cosine(float[] features, int n, int d, double lambda) {
        double[] sim = cosineMatrix(features, n, d);
        float[] t = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            t[i] = sim[i] >= lambda ? 1f : 0f;
        }
        for (int i = 0; i < n; i++) {
            t[i * n + i] = 1f;
        }
        float[] w = new float[n * n];
        Arrays.fill(w, 1f);
        return new Result(t, w, n);
    }

    /** AutoNovel's rank statistics: positive iff the sets of top-k dimensions are equal. */
    public static Result rankStatistics(float[] features, int n, int d, int topK) {
        long[][] sets = new long[n][];
        for (int i = 0; i < n; i++) {
            int[] idx = Ranking.descending(features, i * d, d);
            long[] s = new long[topK];
            for (int k = 0; k < topK; k++) {
                s[k] = idx[k];
            }
            Arrays.sort(s);
            sets[i] = s;
        }
        float[] t = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[i * n + j] = Arrays.equals(sets[i], sets[j]) ? 1f : 0f;
            }
        }
        float[] w = new float[n * n];
        Arrays.fill(w, 1f);
        return new Result(t, w, n);
    }

    /** The adaptive rule (see the class comment). */
    public static Result adaptive(float[] features, int n, int d, int numNovel, double fraction) {
        double[] sim = cosineMatrix(features, n, d);
        int classSize = (int) Math.ceil((double) n / numNovel);
        int m = Math.max(1, (int) Math.ceil(fraction * n / numNovel));
        // rank[i][j] = position of j among i's neighbours (0 = most similar other row).
        int[][] rank = new int[n][n];
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = j == i ? Float.NEGATIVE_INFINITY : (float) sim[i * n + j];
            }
            int[] order = Ranking.descending(row, 0, n);
            for (int p = 0; p < n; p++) {
                rank[i][order[p]] = p;
            }
        }
        float[] t = new float[n * n];
        float[] w = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    t[i * n + j] = 1f;
                    w[i * n + j] = 1f;
                } else if (rank[i][j] < m && rank[j][i] < m) {
                    t[i * n + j] = 1f;
                    w[i * n + j] = 1f;
                } else if (rank[i][j] >= classSize && rank[j][i] >= classSize) {
                    w[i * n + j] = 1f;
                }
            }
        }
        return new Result(t, w, n);
    }
}
