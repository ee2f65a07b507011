// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.util.Arrays;

/**
 * Standardisation fitted on training rows and stored in the model: per feature for vectors, per
 * channel for images (x − mean) / std. Constant features get std 1 so they pass unchanged.
 */
public final class Standardizer {

    private final int[] shape;
    private final float[] mean;
    private final float[] std;

    /** A standardiser with the given per-feature (vectors) or per-channel (images) statistics. */
    public Standardizer(int[] shape, float[] mean, float[] std) {
        int groups = shape[0];
        if (mean.length != groups || std.length != groups) {
            throw new IllegalArgumentException(
                    "expected " + groups + " means and standard deviations, got " + mean.length + " and " + std.length);
        }
        for (int i = 0; i < groups; i++) {
            if (!(std[i] > 0) || !Float.isFinite(std[i]) || !Float.isFinite(mean[i])) {
                throw new IllegalArgumentException(
                        "statistics of group " + i + " are invalid: mean " + mean[i] + ", std " + std[i]);
            }
        }
        this.shape = shape.clone();
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Fits on every row of {@code data}. */
    public static Standardizer fit(DiscoveryData data) {
        int[] shape = data.sampleShape();
        int groups = shape[0];
        int per = data.numFeatures() / groups;
        boolean image = shape.length == 3;
        double[] sum = new double[groups];
        double[] sq = new double[groups];
        long[] count = new long[groups];
        float[] row = new float[data.numFeatures()];
        for (int r = 0; r < data.numRows(); r++) {
            data.copyRow(r, row, 0);
            for (int j = 0; j < row.length; j++) {
                int g = image ? j / per : j;
                sum[g] += row[j];
                sq[g] += (double) row[j] * row[j];
                count[g]++;
            }
        }
        float[] mean = new float[groups];
        float[] std = new float[groups];
        for (int g = 0; g < groups; g++) {
            double mu = sum[g] / count[g];
            double var = Math.max(0, sq[g] / count[g] - mu * mu);
            mean[g] = (float) mu;
            std[g] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new Standardizer(shape, mean, std);
    }

    /** Standardised copy of a row-major matrix of rows of this shape. */
    public float[] apply(float[] rows) {
        int groups = shape[0];
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (rows.length % size != 0) {
            throw new IllegalArgumentException("input of length " + rows.length
                    + " is not a whole number of rows of shape " + Arrays.toString(shape));
        }
        int per = size / groups;
        boolean image = shape.length == 3;
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int j = i % size;
            int g = image ? j / per : j;
            out[i] = (rows[i] - mean[g]) / std[g];
        }
        return out;
    }

    /** Row shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Means (per feature or channel). */
    public float[] mean() {
        return mean.clone();
    }

    /** Standard deviations (per feature or channel). */
    public float[] std() {
        return std.clone();
    }
}
