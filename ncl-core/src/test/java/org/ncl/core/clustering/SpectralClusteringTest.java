// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncl.core.metrics.ClusteringScores;

/**
 * Spectral clustering against scikit-learn 1.9.1's {@code SpectralClustering(3, affinity="nearest_neighbors",
 * n_neighbors=10, random_state=0)} on two moons and a separate blob (a kNN graph in two components), where k-means
 * cuts the moons the wrong way; and the Jacobi eigen-solver behind its Rayleigh–Ritz step on matrices with known
 * eigenvalues.
 */
class SpectralClusteringTest {

    private record Reference(float[] x, int[] truth, int[] sklearn) {}

    private static Reference moonsAndBlob() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SpectralClusteringTest.class.getResourceAsStream("moons-blob-spectral.csv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    rows.add(line.split(","));
                }
            }
        }
        float[] x = new float[rows.size() * 2];
        int[] truth = new int[rows.size()];
        int[] sklearn = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[2 * i] = Float.parseFloat(rows.get(i)[0]);
            x[2 * i + 1] = Float.parseFloat(rows.get(i)[1]);
            truth[i] = Integer.parseInt(rows.get(i)[2]);
            sklearn[i] = Integer.parseInt(rows.get(i)[3]);
        }
        return new Reference(x, truth, sklearn);
    }

    @Test
    void agreesWithScikitLearnWhereKMeansFails() throws IOException {
        Reference ref = moonsAndBlob();
        assertEquals(360, ref.truth().length);
        int[] labels = new SpectralClustering(3, 10, 0).fit(ref.x(), 2);
        assertEquals(1.0, ClusteringScores.of(ref.sklearn(), labels).ari(), 1e-12, "same partition as scikit-learn");
        assertEquals(1.0, ClusteringScores.of(ref.truth(), labels).accuracy(), 1e-12);
        double kmeans = ClusteringScores.of(
                        ref.truth(), new KMeans(3, 10, 0).fit(ref.x(), 2).assignments())
                .accuracy();
        assertTrue(kmeans < 0.9, "k-means cannot follow the moons: ACC " + kmeans);
    }

    @Test
    void aSeedFixesTheResult() throws IOException {
        Reference ref = moonsAndBlob();
        assertArrayEquals(
                new SpectralClustering(3, 5, 7).fit(ref.x(), 2), new SpectralClustering(3, 5, 7).fit(ref.x(), 2));
    }

    @Test
    void nearestNeighboursAreExactWithTheRowItselfFirst() {
        float[] x = {0, 0, 1, 0, 3, 0, 3.5f, 0, 10, 0};
        int[][] nn = SpectralClustering.nearestNeighbours(x, 5, 2, 3);
        assertArrayEquals(new int[] {0, 1, 2}, nn[0]);
        assertArrayEquals(new int[] {2, 3, 1}, nn[2]);
        assertArrayEquals(new int[] {4, 3, 2}, nn[4]);
    }

    @Test
    void jacobiFindsTheEigenpairsOfASymmetricMatrix() {
        Random random = new Random(3);
        int m = 7;
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        double[][] copy = new double[m][];
        for (int i = 0; i < m; i++) {
            copy[i] = a[i].clone();
        }
        double[][] v = new double[m][m];
        double[] values = SpectralClustering.jacobi(copy, v);
        for (int e = 0; e < m; e++) {
            for (int i = 0; i < m; i++) {
                double av = 0;
                for (int j = 0; j < m; j++) {
                    av += a[i][j] * v[j][e];
                }
                assertEquals(values[e] * v[i][e], av, 1e-9, "A v = λ v, eigenpair " + e);
            }
        }
        double[][] two = {{2, 1}, {1, 2}};
        double[] lambda = SpectralClustering.jacobi(two, new double[2][2]);
        java.util.Arrays.sort(lambda);
        assertArrayEquals(new double[] {1, 3}, lambda, 1e-12);
    }

    @Test
    void rejectsImpossibleRequests() {
        assertThrows(IllegalArgumentException.class, () -> new SpectralClustering(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new SpectralClustering(2, 1, 1));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new SpectralClustering(4, 10, 1).fit(new float[] {1, 2, 3}, 1));
        assertTrue(e.getMessage().contains("3 rows"), e.getMessage());
    }
}
