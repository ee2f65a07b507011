// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncl.core.metrics.ClusterMetrics;

class KMeansTest {

    /** n rows in d dimensions around k centres (coordinates uniform in [-20, 20]), noise sd {@code sd}. */
    private static float[] blobs(int n, int d, int k, double sd, long seed, int[] truth) {
        Random r = new Random(seed);
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = -20 + 40 * r.nextDouble();
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            truth[i] = c;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (centres[c][j] + sd * r.nextGaussian());
            }
        }
        return x;
    }

    /** Sum of exact squared distances to the assigned centroids, recomputed from scratch. */
    private static double inertia(float[] x, int d, KMeansResult r) {
        int[] a = r.assignments();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double[] c = r.centroid(a[i]);
            for (int j = 0; j < d; j++) {
                double t = x[i * d + j] - c[j];
                s += t * t;
            }
        }
        return s;
    }

    @Test
    void recoversWellSeparatedBlobs() {
        int n = 1500;
        int d = 20;
        int k = 5;
        int[] truth = new int[n];
        float[] x = blobs(n, d, k, 1.0, 1, truth);
        KMeansResult r = new KMeans(KMeans.Options.of(k).withRestarts(3).withSeed(7)).fit(x, d);
        assertEquals(1.0, ClusterMetrics.accuracy(truth, r.assignments()));
        assertEquals(1.0, ClusterMetrics.ari(truth, r.assignments()));
        assertEquals(k, r.k());
        assertEquals(d, r.dimension());
        assertEquals(n, r.assignments().length);
        // the reported inertia is the real one, the centroids are the means of their rows, and every
        // row sits at its nearest centroid
        assertEquals(inertia(x, d, r), r.inertia(), 1e-9 * r.inertia());
        int[] a = r.assignments();
        for (int c = 0; c < k; c++) {
            double[] mean = new double[d];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (a[i] == c) {
                    count++;
                    for (int j = 0; j < d; j++) {
                        mean[j] += x[i * d + j];
                    }
                }
            }
            assertEquals(n / k, count);
            for (int j = 0; j < d; j++) {
                assertEquals(mean[j] / count, r.centroid(c)[j], 1e-9, "centroid " + c + " column " + j);
            }
        }
        assertArrayEquals(a, r.predict(x));
        // about d * n * sd^2 for unit noise
        assertTrue(r.inertia() > 0.9 * n * d && r.inertia() < 1.1 * n * d, r.toString());
        assertTrue(r.iterations() >= 1 && r.iterations() <= 300, r.toString());
    }

    @Test
    void sameSeedSameResultWithOrWithoutThreads() {
        int n = 3000;
        int d = 8;
        int[] truth = new int[n];
        float[] x = blobs(n, d, 6, 6.0, 2, truth); // overlapping: many iterations, seed-dependent optimum
        KMeans.Options o = KMeans.Options.of(6).withRestarts(3).withSeed(123);
        KMeansResult a = new KMeans(o).fit(x, d);
        KMeansResult b = new KMeans(o).fit(x, d);
        KMeansResult c = new KMeans(o.withParallel(false)).fit(x, d);
        for (KMeansResult other : new KMeansResult[] {b, c}) {
            assertArrayEquals(a.assignments(), other.assignments());
            assertArrayEquals(a.centroids(), other.centroids());
            assertEquals(a.inertia(), other.inertia());
            assertEquals(a.iterations(), other.iterations());
            assertEquals(a.restart(), other.restart());
        }
        // and a different seed starts elsewhere
        KMeansResult e = new KMeans(o.withSeed(124).withRestarts(1)).fit(x, d);
        KMeansResult f = new KMeans(o.withRestarts(1)).fit(x, d);
        assertNotEquals(e.inertia(), f.inertia());
    }

    @Test
    void moreRestartsNeverIncreaseInertia() {
        int n = 2000;
        int d = 5;
        int[] truth = new int[n];
        float[] x = blobs(n, d, 8, 8.0, 3, truth);
        double previous = Double.POSITIVE_INFINITY;
        double single = Double.NaN;
        for (int restarts : new int[] {1, 2, 5, 10}) {
            KMeansResult r =
                    new KMeans(KMeans.Options.of(8).withRestarts(restarts).withSeed(99)).fit(x, d);
            // restart i uses the i-th split of the seed: a longer run contains the shorter one
            assertTrue(r.inertia() <= previous, restarts + " restarts: " + r.inertia() + " > " + previous);
            assertTrue(r.restart() >= 0 && r.restart() < restarts);
            assertEquals(inertia(x, d, r), r.inertia(), 1e-9 * r.inertia());
            previous = r.inertia();
            if (restarts == 1) {
                single = r.inertia();
            }
        }
        assertTrue(previous < single, "10 restarts should beat the first on overlapping blobs: " + previous);
    }

    @Test
    void convergesToALloydFixedPointOnOverlappingData() {
        // tolerance 0: a run stops only when no row changes cluster, so the result must be a fixed point
        // of Lloyd's iteration: every row at its nearest centroid, every centroid the mean of its rows.
        // This checks the bound-based skipping against brute force on data where bounds are tight.
        int n = 2500;
        int d = 6;
        int k = 7;
        int[] truth = new int[n];
        float[] x = blobs(n, d, 9, 9.0, 4, truth);
        for (long seed = 0; seed < 4; seed++) {
            KMeansResult r = new KMeans(KMeans.Options.of(k)
                            .withRestarts(1)
                            .withTolerance(0)
                            .withSeed(seed))
                    .fit(x, d);
            assertTrue(r.iterations() > 5 && r.iterations() < 300, r.toString());
            int[] a = r.assignments();
            assertArrayEquals(a, r.predict(x), "seed " + seed + ": a row is not at its nearest centroid");
            double[] sums = new double[k * d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[a[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[a[i] * d + j] += x[i * d + j];
                }
            }
            double[] c = r.centroids();
            for (int q = 0; q < k; q++) {
                assertTrue(counts[q] > 0, "seed " + seed + ": empty cluster " + q);
                for (int j = 0; j < d; j++) {
                    assertEquals(sums[q * d + j] / counts[q], c[q * d + j], 1e-9, "seed " + seed + " centroid " + q);
                }
            }
            assertEquals(inertia(x, d, r), r.inertia(), 1e-9 * r.inertia());
        }
    }

    @Test
    void handlesDegenerateData() {
        // k = n: every row its own cluster
        float[] x = {0, 0, 1, 0, 0, 1, 5, 5};
        KMeansResult r = new KMeans(KMeans.Options.of(4).withRestarts(2)).fit(x, 2);
        assertEquals(0.0, r.inertia(), 1e-12);
        assertEquals(1.0, ClusterMetrics.accuracy(new int[] {0, 1, 2, 3}, r.assignments()));
        // all rows equal: clusters collapse, empty ones are re-seeded, nothing breaks
        float[] same = new float[30];
        java.util.Arrays.fill(same, 2.5f);
        KMeansResult s = new KMeans(KMeans.Options.of(3)).fit(same, 3);
        assertEquals(0.0, s.inertia(), 1e-12);
        assertArrayEquals(new double[] {2.5, 2.5, 2.5}, s.centroid(s.assignments()[0]), 1e-12);
        // k = 1: the centroid is the mean
        float[] line = {1, 2, 3, 10};
        KMeansResult one = new KMeans(KMeans.Options.of(1).withRestarts(1)).fit(line, 1);
        assertArrayEquals(new double[] {4.0}, one.centroids(), 1e-12);
        assertEquals(9 + 4 + 1 + 36, one.inertia(), 1e-9);
        // two obvious groups on a line
        float[] two = {0, 0.1f, 0.2f, 10, 10.1f, 10.2f};
        KMeansResult t = new KMeans(KMeans.Options.of(2)).fit(two, 1);
        assertEquals(1.0, ClusterMetrics.accuracy(new int[] {0, 0, 0, 1, 1, 1}, t.assignments()));
        assertEquals(4 * 0.01, t.inertia(), 1e-6);
    }

    @Test
    void resultIsImmutable() {
        float[] two = {0, 0.1f, 0.2f, 10, 10.1f, 10.2f};
        KMeansResult t = new KMeans(KMeans.Options.of(2)).fit(two, 1);
        int[] a = t.assignments();
        a[0] = 42;
        assertNotEquals(42, t.assignments()[0]);
        double[] c = t.centroids();
        c[0] = 1e9;
        assertNotEquals(1e9, t.centroids()[0]);
        assertTrue(t.toString().startsWith("KMeansResult[k=2, d=1, n=6, inertia="), t.toString());
    }

    @Test
    void rejectsBadOptionsAndData() {
        assertMessage(() -> KMeans.Options.of(0), "k must be at least 1, got 0");
        assertMessage(() -> KMeans.Options.of(2).withRestarts(0), "restarts must be at least 1, got 0");
        assertMessage(() -> KMeans.Options.of(2).withMaxIterations(-1), "maxIterations must be at least 1, got -1");
        assertMessage(() -> KMeans.Options.of(2).withTolerance(-1e-3), "tolerance must be a finite number >= 0");
        assertMessage(() -> KMeans.Options.of(2).withTolerance(Double.NaN), "tolerance must be a finite number >= 0");
        KMeans km = new KMeans(KMeans.Options.of(3));
        assertMessage(() -> km.fit(new float[] {1, 2, 3, 4}, 2), "k = 3 exceeds the number of rows 2");
        assertMessage(
                () -> km.fit(new float[] {1, 2, 3, 4, 5}, 2), "data length 5 is not a multiple of the dimension 2");
        assertMessage(() -> km.fit(new float[0], 2), "data is empty");
        assertMessage(() -> km.fit(null, 2), "data is null");
        assertMessage(() -> km.fit(new float[] {1, 2, 3}, 0), "dimension must be at least 1, got 0");
        assertMessage(() -> km.fit(new float[] {1, 2, 3, Float.NaN, 5, 6}, 2), "row 1, column 1 is NaN");
        assertMessage(() -> new KMeans(null), "options are null");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
