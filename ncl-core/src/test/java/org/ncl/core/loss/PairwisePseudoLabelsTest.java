// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.PseudoLabels;

/**
 * The three pseudo-label rules of L_bce (NCL's cosine rule, Zhong et al., CVPR 2021; AutoNovel's rank
 * statistics, Han et al., ICLR 2020; the project's adaptive rule) against brute-force references.
 */
class PairwisePseudoLabelsTest {

    /** n rows around {@code groups} random directions, with noise. */
    private static float[] clustered(Random r, int n, int d, int groups, double noise) {
        float[] centres = DoubleRef.gaussian(r, groups, d, 1);
        float[] f = new float[n * d];
        for (int i = 0; i < n; i++) {
            int g = i % groups;
            for (int k = 0; k < d; k++) {
                f[i * d + k] = (float) (centres[g * d + k] + noise * r.nextGaussian());
            }
        }
        return f;
    }

    private static float[] flatF(double[][] m) {
        double[] d = DoubleRef.flatten(m);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static int count(float[] targets, float[] weights, float target) {
        int c = 0;
        for (int i = 0; i < targets.length; i++) {
            if (weights[i] > 0 && targets[i] == target) {
                c++;
            }
        }
        return c;
    }

    @Test
    void cosineRuleIsCosineAtLeastLambdaWithSelfPairsPositive() {
        Random r = new Random(21);
        int n = 12;
        int d = 5;
        float[] f = clustered(r, n, d, 3, 0.35);
        for (int k = 0; k < d; k++) {
            f[7 * d + k] = 0f; // a zero row: cosine 0 with everything, still positive with itself
        }
        double lambda = 0.9;
        double[][][] expected = DoubleRef.cosineLabels(DoubleRef.matrix(f, n, d), lambda);
        for (int i = 0; i < n; i++) {
            if (i != 7) {
                expected[0][7][i] = 0;
                expected[0][i][7] = 0;
            }
        }
        PairwisePseudoLabels.Result result = PairwisePseudoLabels.cosine(f, n, d, lambda);
        assertEquals(n, result.n());
        assertArrayEquals(flatF(expected[0]), result.targets());
        assertArrayEquals(flatF(expected[1]), result.weights());
        int positives = count(result.targets(), result.weights(), 1f);
        assertEquals(positives, result.positives());
        assertTrue(positives > n && positives < n * n / 2, "some but not all pairs positive: " + positives);
        PairwisePseudoLabels.Result dispatched =
                PairwisePseudoLabels.compute(PseudoLabels.COSINE, f, n, d, 3, lambda, 5, 0.5);
        assertArrayEquals(result.targets(), dispatched.targets());
        assertArrayEquals(result.weights(), dispatched.weights());
    }

    @Test
    void cosineMatrixIsTheDoubleCosine() {
        Random r = new Random(22);
        float[] f = DoubleRef.gaussian(r, 6, 4, 3);
        double[][] rows = DoubleRef.matrix(f, 6, 4);
        double[] sim = PairwisePseudoLabels.cosineMatrix(f, 6, 4);
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                assertEquals(DoubleRef.cosine(rows[a], rows[b]), sim[a * 6 + b], 1e-12, a + "," + b);
            }
        }
    }

    /** The index set of the k largest values of a row (ties: lower index). */
    private static Set<Integer> topDims(double[] row, int k) {
        Set<Integer> s = new HashSet<>();
        Integer[] order = DoubleRef.descending(row);
        for (int i = 0; i < k; i++) {
            s.add(order[i]);
        }
        return s;
    }

    @Test
    void rankStatisticsComparesTopKDimensionSets() {
        Random r = new Random(23);
        int n = 14;
        int d = 12;
        int topK = 5;
        int[][] prototypes = {{0, 1, 2, 3, 4}, {3, 7, 8, 10, 11}, {1, 5, 6, 9, 11}};
        float[] f = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                f[i * d + k] = (float) (r.nextDouble() * 4 - 2);
            }
            if (i < 11) { // the set of a prototype, in a random order, above the rest
                for (int dim : prototypes[i % 3]) {
                    f[i * d + dim] = (float) (3 + r.nextDouble() * 5);
                }
            }
        }
        for (int k = 0; k < d; k++) {
            f[12 * d + k] = 1.5f; // all tied: top-5 by lower index is {0..4}, as prototype 0
        }
        double[][] rows = DoubleRef.matrix(f, n, d);
        PairwisePseudoLabels.Result result = PairwisePseudoLabels.rankStatistics(f, n, d, topK);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                float expected = topDims(rows[a], topK).equals(topDims(rows[b], topK)) ? 1f : 0f;
                assertEquals(expected, result.targets()[a * n + b], "pair " + a + "," + b);
                assertEquals(1f, result.weights()[a * n + b]);
            }
        }
        assertEquals(1f, result.targets()[12 * n], "the all-tied row 12 shares {0..4} with row 0");
        assertEquals(1f, result.targets()[3 * n + 9], "rows 3 and 9 share prototype 0");
        assertEquals(0f, result.targets()[n + 2], "rows 1 and 2 differ");
        PairwisePseudoLabels.Result dispatched =
                PairwisePseudoLabels.compute(PseudoLabels.RANK_STATS, f, n, d, 3, 0.95, topK, 0.5);
        assertArrayEquals(result.targets(), dispatched.targets());
    }

    private static void checkAdaptive(int n, int d, int numNovel, double fraction, long seed) {
        Random r = new Random(seed);
        float[] f = clustered(r, n, d, numNovel, 0.8);
        double[][][] expected = DoubleRef.adaptiveLabels(DoubleRef.matrix(f, n, d), numNovel, fraction);
        PairwisePseudoLabels.Result result = PairwisePseudoLabels.adaptive(f, n, d, numNovel, fraction);
        assertArrayEquals(flatF(expected[0]), result.targets(), "targets");
        assertArrayEquals(flatF(expected[1]), result.weights(), "weights");
        int positivesOffDiagonal = count(result.targets(), result.weights(), 1f) - n;
        int negatives = count(result.targets(), result.weights(), 0f);
        int excluded = 0;
        for (float w : result.weights()) {
            if (w == 0) {
                excluded++;
            }
        }
        assertTrue(
                positivesOffDiagonal > 0 && negatives > 0 && excluded > 0,
                "all three kinds of pairs occur: " + positivesOffDiagonal + "/" + negatives + "/" + excluded);
        for (int a = 0; a < n; a++) {
            assertEquals(1f, result.targets()[a * n + a], "self pair " + a);
            assertEquals(1f, result.weights()[a * n + a], "self pair " + a);
            for (int b = 0; b < n; b++) {
                assertEquals(result.targets()[a * n + b], result.targets()[b * n + a], "symmetric");
                assertEquals(result.weights()[a * n + b], result.weights()[b * n + a], "symmetric");
            }
        }
        PairwisePseudoLabels.Result dispatched =
                PairwisePseudoLabels.compute(PseudoLabels.ADAPTIVE, f, n, d, numNovel, 0.95, 5, fraction);
        assertArrayEquals(result.weights(), dispatched.weights());
    }

    @Test
    void adaptiveRuleMatchesBruteForceMutualNeighbours() {
        checkAdaptive(15, 6, 3, 0.5, 24); // m = ceil(2.5) = 3, class size 5
        checkAdaptive(10, 4, 4, 0.3, 25); // m = ceil(0.75) = 1, class size ceil(2.5) = 3
        checkAdaptive(24, 8, 5, 1.0, 26); // m = class size = 5: left out = neighbours that are not mutual
    }
}
