// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli.plots;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Principal component analysis of a small matrix (commons-math3's eigen-decomposition of the covariance
 * matrix): projects n rows of d values onto their first principal components, for a 2-D map of a learned
 * embedding. Each component's sign is fixed so that its largest loading is positive, so the same rows always
 * give the same picture.
 *
 * @param coordinates n rows of {@code components} values, row-major
 * @param components the number of components
 * @param explainedVariance the fraction of the total variance each component explains
 */
public record Pca(double[] coordinates, int components, double[] explainedVariance) {

    /**
     * Projects {@code rows} (n × d, row-major) onto their first {@code k} principal components.
     *
     * @throws IllegalArgumentException if the sizes do not fit or k is not in 1..d
     */
    public static Pca project(float[] rows, int d, int k) {
        if (d < 1 || rows.length % d != 0 || rows.length == 0) {
            throw new IllegalArgumentException(rows.length + " values are not whole rows of " + d);
        }
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("components must be in 1.." + d + ", got " + k);
        }
        int n = rows.length / d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += rows[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double xa = rows[i * d + a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += xa * (rows[i * d + b] - mean[b]);
                }
            }
        }
        double total = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
            total += cov[a][a];
        }
        RealMatrix c = new Array2DRowRealMatrix(cov, false);
        EigenDecomposition eig = new EigenDecomposition(c);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]));
        double[][] axes = new double[k][];
        double[] explained = new double[k];
        for (int p = 0; p < k; p++) {
            RealVector v = eig.getEigenvector(order[p]);
            double[] axis = v.toArray();
            int big = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(axis[j]) > Math.abs(axis[big])) {
                    big = j;
                }
            }
            if (axis[big] < 0) {
                for (int j = 0; j < d; j++) {
                    axis[j] = -axis[j];
                }
            }
            axes[p] = axis;
            explained[p] = total > 0 ? Math.max(0, values[order[p]]) / total : 0;
        }
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (rows[i * d + j] - mean[j]) * axes[p][j];
                }
                out[i * k + p] = s;
            }
        }
        return new Pca(out, k, explained);
    }

    /** Coordinate {@code component} of row {@code row}. */
    public double coordinate(int row, int component) {
        return coordinates[row * components + component];
    }

    /** The number of rows. */
    public int rows() {
        return coordinates.length / components;
    }
}
