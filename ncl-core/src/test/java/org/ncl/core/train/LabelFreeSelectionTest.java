// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LabelFreeSelection#score} against a brute-force O(n²) cosine silhouette (Rousseeuw 1987)
 * multiplied by the fraction of non-empty clusters.
 */
class LabelFreeSelectionTest {

    /** 1 − cosine similarity of rows i and j of {@code z} (row-major, width d), in double precision. */
    static double cosineDistance(float[] z, int d, int i, int j) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int k = 0; k < d; k++) {
            dot += (double) z[i * d + k] * z[j * d + k];
            ni += (double) z[i * d + k] * z[i * d + k];
            nj += (double) z[j * d + k] * z[j * d + k];
        }
        return 1 - dot / Math.sqrt(ni * nj);
    }

    /** Mean silhouette s(i) = (b − a)/max(a, b), 0 for singletons, times (non-empty clusters)/k. */
    private static double bruteForce(float[] z, int n, int d, int[] assign, int k) {
        int[] counts = new int[k];
        for (int c : assign) {
            counts[c]++;
        }
        int nonEmpty = 0;
        for (int c : counts) {
            nonEmpty += c > 0 ? 1 : 0;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (counts[assign[i]] == 1) {
                continue;
            }
            double[] sum = new double[k];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[assign[j]] += cosineDistance(z, d, i, j);
                }
            }
            double a = sum[assign[i]] / (counts[assign[i]] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != assign[i] && counts[c] > 0) {
                    b = Math.min(b, sum[c] / counts[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / n * nonEmpty / k;
    }

    private static float[] unit(Random r, int n, int d, int[] assign, double noise) {
        float[] centres = new float[8 * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) r.nextGaussian();
        }
        float[] z = new float[n * d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            double[] v = new double[d];
            for (int k = 0; k < d; k++) {
                v[k] = centres[assign[i] * d + k] + noise * r.nextGaussian();
                s += v[k] * v[k];
            }
            for (int k = 0; k < d; k++) {
                z[i * d + k] = (float) (v[k] / Math.sqrt(s));
            }
        }
        return z;
    }

    @Test
    void matchesBruteForceWithEmptyAndSingletonClusters() {
        Random r = new Random(51);
        int d = 6;
        int k = 5;
        // cluster 0: 8 rows, 1: 7, 4: 4, 3: a singleton, 2: empty → 4 of 5 clusters used
        int[] assign = new int[20];
        for (int i = 0; i < 20; i++) {
            assign[i] = i < 8 ? 0 : i < 15 ? 1 : i < 19 ? 4 : 3;
        }
        float[] z = unit(r, 20, d, assign, 0.4);
        double expected = bruteForce(z, 20, d, assign, k);
        assertEquals(expected, LabelFreeSelection.score(z, 20, d, assign, k), 1e-6);
        assertTrue(expected > 0.2, "well separated clusters score high: " + expected);

        // random assignments of the same points: lower, possibly negative, still equal to the reference
        int[] shuffled = new int[20];
        for (int i = 0; i < 20; i++) {
            shuffled[i] = i == 19 ? 3 : r.nextInt(3) * 2; // clusters 0, 2, 4; 3 singleton; 1 empty
        }
        double noisy = bruteForce(z, 20, d, shuffled, k);
        assertEquals(noisy, LabelFreeSelection.score(z, 20, d, shuffled, k), 1e-6);
        assertTrue(noisy < expected, noisy + " < " + expected);
    }

    @Test
    void identicalPointsPerClusterScoreTheNonEmptyFraction() {
        // two tight, orthogonal clusters: a = 0, b = 1 → silhouette 1; 2 of 3 clusters used
        float[] z = {1, 0, 1, 0, 1, 0, 0, 1, 0, 1};
        int[] assign = {0, 0, 0, 2, 2};
        assertEquals(2.0 / 3.0, LabelFreeSelection.score(z, 5, 2, assign, 3), 1e-7);
        assertEquals(2.0 / 3.0, bruteForce(z, 5, 2, assign, 3), 1e-12);
    }

    @Test
    void collapseIntoOneClusterScoresZero() {
        Random r = new Random(52);
        int[] assign = new int[10];
        float[] z = unit(r, 10, 4, assign, 1.0);
        assertEquals(0.0, LabelFreeSelection.score(z, 10, 4, assign, 4));
        int[] oneAndSingleton = new int[10];
        oneAndSingleton[9] = 3; // two clusters: the singleton contributes 0, the others their silhouette
        assertEquals(
                bruteForce(z, 10, 4, oneAndSingleton, 4), LabelFreeSelection.score(z, 10, 4, oneAndSingleton, 4), 1e-6);
    }
}
