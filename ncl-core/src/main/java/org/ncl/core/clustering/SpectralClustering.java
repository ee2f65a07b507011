// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.clustering;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Spectral clustering on a k-nearest-neighbour graph (Ng, Jordan and Weiss, "On Spectral Clustering:
 * Analysis and an algorithm", NIPS 2001; the graph as scikit-learn's {@code SpectralClustering} with
 * {@code affinity="nearest_neighbors"} builds it). Steps:
 *
 * <ol>
 *   <li>the connectivity graph W: each row joined to its {@code neighbours} nearest rows by Euclidean distance,
 *       itself included, made symmetric as (A + Aᵀ)/2;
 *   <li>the top {@code k} eigenvectors of the normalised affinity D<sup>−1/2</sup>WD<sup>−1/2</sup> (the bottom of
 *       the normalised Laplacian), by orthogonal iteration on its shifted form (I + D<sup>−1/2</sup>WD<sup>−1/2</sup>)/2
 *       with an oversampled block and a final Rayleigh–Ritz step;
 *   <li>each row of the n &times; k eigenvector matrix scaled to unit length, then {@link KMeans} on those rows.
 * </ol>
 *
 * <p>The neighbour search is exact (blocked, O(n²d)), meant for the few thousand to some tens of thousands of rows
 * of a table. Deterministic for a seed.
 */
public final class SpectralClustering {

    private static final int OVERSAMPLE = 8;
    private static final int MAX_ITERATIONS = 600;
    private static final double TOLERANCE = 1e-7;

    private final int k;
    private final int neighbours;
    private final long seed;

    /**
     * @param k number of clusters, &ge; 1
     * @param neighbours neighbours per row in the graph (itself included), &ge; 2
     * @param seed seed of the eigenvector start and of k-means
     */
    public SpectralClustering(int k, int neighbours, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + "; expected k >= 1");
        }
        if (neighbours < 2) {
            throw new IllegalArgumentException("neighbours = " + neighbours + "; expected >= 2");
        }
        this.k = k;
        this.neighbours = neighbours;
        this.seed = seed;
    }

    /**
     * Clusters the rows of a row-major matrix.
     *
     * @param data n &times; d values, row after row; not modified
     * @param d number of columns
     * @return the cluster (0..k−1) of each row
     * @throws IllegalArgumentException if there are fewer rows than k or than 2
     */
    public int[] fit(float[] data, int d) {
        int n = data.length / d;
        if (n < Math.max(2, k)) {
            throw new IllegalArgumentException(
                    n + " rows cannot be split into " + k + " clusters; expected at least max(2, k) rows");
        }
        if (k == 1) {
            return new int[n];
        }
        int[][] knn = nearestNeighbours(data, n, d, Math.min(neighbours, n));
        Graph g = Graph.of(knn, n);
        int b = Math.min(n, k + OVERSAMPLE);
        double[][] top = topEigenvectors(g, b, k, new SplittableRandom(seed));
        float[] embedding = new float[n * k];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int c = 0; c < k; c++) {
                norm += top[c][i] * top[c][i];
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int c = 0; c < k; c++) {
                embedding[i * k + c] = (float) (top[c][i] / norm);
            }
        }
        return new KMeans(KMeans.Options.of(k).withRestarts(10).withSeed(seed))
                .fit(embedding, k)
                .assignments();
    }

    /** The {@code m} nearest rows of every row (itself first when there are no duplicates), by squared distance. */
    static int[][] nearestNeighbours(float[] x, int n, int d, int m) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) x[i * d + j] * x[i * d + j];
            }
            norms[i] = s;
        }
        int[][] out = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] ids = new int[m];
            double[] dist = new double[m];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(ids, -1);
            int io = i * d;
            for (int j = 0; j < n; j++) {
                double dot = 0;
                int jo = j * d;
                for (int t = 0; t < d; t++) {
                    dot += x[io + t] * x[jo + t];
                }
                double dd = j == i ? -1 : Math.max(0, norms[i] + norms[j] - 2 * dot);
                if (dd < dist[m - 1] || (dd == dist[m - 1] && ids[m - 1] > j)) {
                    int p = m - 1;
                    while (p > 0 && dist[p - 1] > dd) {
                        dist[p] = dist[p - 1];
                        ids[p] = ids[p - 1];
                        p--;
                    }
                    dist[p] = dd;
                    ids[p] = j;
                }
            }
            out[i] = ids;
        });
        return out;
    }

    /** The symmetric kNN graph in compressed rows, with D^{-1/2} of its degrees. */
    record Graph(int n, int[] start, int[] column, double[] weight, double[] invSqrtDegree) {
        static Graph of(int[][] knn, int n) {
            // A(i, j) = 1 if j is among i's neighbours; W = (A + Aᵀ) / 2
            java.util.List<java.util.Map<Integer, Double>> rows = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(new java.util.HashMap<>());
            }
            for (int i = 0; i < n; i++) {
                for (int j : knn[i]) {
                    rows.get(i).merge(j, 0.5, Double::sum);
                    rows.get(j).merge(i, 0.5, Double::sum);
                }
            }
            int[] start = new int[n + 1];
            for (int i = 0; i < n; i++) {
                start[i + 1] = start[i] + rows.get(i).size();
            }
            int[] column = new int[start[n]];
            double[] weight = new double[start[n]];
            double[] inv = new double[n];
            for (int i = 0; i < n; i++) {
                int p = start[i];
                double degree = 0;
                int[] cols = rows.get(i).keySet().stream()
                        .mapToInt(Integer::intValue)
                        .sorted()
                        .toArray();
                for (int c : cols) {
                    column[p] = c;
                    weight[p] = rows.get(i).get(c);
                    degree += weight[p];
                    p++;
                }
                inv[i] = 1 / Math.sqrt(degree);
            }
            return new Graph(n, start, column, weight, inv);
        }

        /** out = (v + D^{-1/2} W D^{-1/2} v) / 2. */
        void shiftedProduct(double[] v, double[] out) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int p = start[i]; p < start[i + 1]; p++) {
                    s += weight[p] * invSqrtDegree[column[p]] * v[column[p]];
                }
                out[i] = 0.5 * (v[i] + invSqrtDegree[i] * s);
            }
        }
    }

    /** The k leading eigenvectors (as columns, each of length n) of the shifted normalised affinity. */
    static double[][] topEigenvectors(Graph g, int b, int k, SplittableRandom random) {
        int n = g.n();
        double[][] q = new double[b][n];
        for (double[] col : q) {
            for (int i = 0; i < n; i++) {
                col[i] = random.nextDouble() - 0.5;
            }
        }
        orthonormalise(q);
        double[][] next = new double[b][n];
        double[] previous = new double[b];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            IntStream.range(0, b).parallel().forEach(c -> g.shiftedProduct(q[c], next[c]));
            double[] rayleigh = new double[b];
            for (int c = 0; c < b; c++) {
                rayleigh[c] = dot(q[c], next[c]);
            }
            for (int c = 0; c < b; c++) {
                System.arraycopy(next[c], 0, q[c], 0, n);
            }
            orthonormalise(q);
            double change = 0;
            for (int c = 0; c < k; c++) {
                change = Math.max(change, Math.abs(rayleigh[c] - previous[c]));
            }
            previous = rayleigh;
            if (it > 10 && change < TOLERANCE) {
                break;
            }
        }
        // Rayleigh–Ritz: eigenvectors of the b×b projection QᵀMQ, in descending order of eigenvalue.
        double[][] mq = new double[b][n];
        IntStream.range(0, b).parallel().forEach(c -> g.shiftedProduct(q[c], mq[c]));
        double[][] h = new double[b][b];
        for (int r = 0; r < b; r++) {
            for (int c = 0; c < b; c++) {
                h[r][c] = dot(q[r], mq[c]);
            }
        }
        for (int r = 0; r < b; r++) {
            for (int c = r + 1; c < b; c++) {
                double s = 0.5 * (h[r][c] + h[c][r]);
                h[r][c] = s;
                h[c][r] = s;
            }
        }
        double[][] v = new double[b][b];
        double[] values = jacobi(h, v);
        Integer[] order = IntStream.range(0, b).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[][] out = new double[k][n];
        for (int c = 0; c < k; c++) {
            int e = order[c];
            for (int r = 0; r < b; r++) {
                double coef = v[r][e];
                for (int i = 0; i < n; i++) {
                    out[c][i] += coef * q[r][i];
                }
            }
        }
        return out;
    }

    /** Modified Gram–Schmidt (twice, for stability) on the columns; a column that vanishes is replaced. */
    private static void orthonormalise(double[][] q) {
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < q.length; c++) {
                for (int p = 0; p < c; p++) {
                    double s = dot(q[p], q[c]);
                    for (int i = 0; i < q[c].length; i++) {
                        q[c][i] -= s * q[p][i];
                    }
                }
                double norm = Math.sqrt(dot(q[c], q[c]));
                if (norm < 1e-300) {
                    Arrays.fill(q[c], 0);
                    q[c][c % q[c].length] = 1;
                    norm = 1;
                }
                for (int i = 0; i < q[c].length; i++) {
                    q[c][i] /= norm;
                }
            }
        }
    }

    /** Eigenvalues of the symmetric matrix a (destroyed) by cyclic Jacobi rotations; eigenvectors as columns of v. */
    static double[] jacobi(double[][] a, double[][] v) {
        int m = a.length;
        for (int i = 0; i < m; i++) {
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < m; p++) {
                for (int r = p + 1; r < m; r++) {
                    off += a[p][r] * a[p][r];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < m; p++) {
                for (int r = p + 1; r < m; r++) {
                    if (Math.abs(a[p][r]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int i = 0; i < m; i++) {
                        double aip = a[i][p];
                        double air = a[i][r];
                        a[i][p] = c * aip - s * air;
                        a[i][r] = s * aip + c * air;
                    }
                    for (int i = 0; i < m; i++) {
                        double api = a[p][i];
                        double ari = a[r][i];
                        a[p][i] = c * api - s * ari;
                        a[r][i] = s * api + c * ari;
                    }
                    for (int i = 0; i < m; i++) {
                        double vip = v[i][p];
                        double vir = v[i][r];
                        v[i][p] = c * vip - s * vir;
                        v[i][r] = s * vip + c * vir;
                    }
                }
            }
        }
        double[] values = new double[m];
        for (int i = 0; i < m; i++) {
            values[i] = a[i][i];
        }
        return values;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
