// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.loss.DoubleRef.assertClose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link InfoNce#twoViewLoss} against a double NT-Xent (SimCLR, Chen et al., ICML 2020). */
class InfoNceTest {

    /** −mean_i [z_i·z_p(i)/t − log Σ_{a≠i} exp(z_i·z_a/t)], p(i) = i ± B. */
    private static double ntXent(double[] flat, int n, int d, double t) {
        double[][] z = DoubleRef.matrix(flat, n, d);
        int b = n / 2;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] others = new double[n - 1];
            int c = 0;
            for (int a = 0; a < n; a++) {
                if (a != i) {
                    others[c++] = DoubleRef.dot(z[i], z[a]) / t;
                }
            }
            int p = i < b ? i + b : i - b;
            total += DoubleRef.logSumExp(others) - DoubleRef.dot(z[i], z[p]) / t;
        }
        return total / n;
    }

    @Test
    void lossAndGradientMatchDoubleNtXent() {
        Random r = new Random(31);
        for (double t : new double[] {0.5, 0.1}) {
            int b = 5;
            int d = 6;
            int n = 2 * b;
            float[] z = DoubleRef.unitRows(DoubleRef.gaussian(r, n, d, 1), n, d);
            double expected = ntXent(DoubleRef.widen(z), n, d, t);
            double[] gradient = DoubleRef.numericGradient(x -> ntXent(x, n, d, t), DoubleRef.widen(z), 1e-6);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray zz = m.create(z, new Shape(n, d));
                zz.setRequiresGradient(true);
                float actual;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = InfoNce.twoViewLoss(m, zz, t);
                    actual = loss.getFloat();
                    gc.backward(loss);
                }
                assertClose(expected, actual, 1e-5, 1e-6, "NT-Xent at t=" + t);
                DoubleRef.assertAllClose(gradient, zz.getGradient().toFloatArray(), 1e-4, 1e-4, "gradient at t=" + t);
            }
        }
    }

    @Test
    void alignedViewsScoreLowerThanShuffledViews() {
        Random r = new Random(32);
        int b = 8;
        int d = 16;
        float[] view1 = DoubleRef.unitRows(DoubleRef.gaussian(r, b, d, 1), b, d);
        float[] stacked = new float[2 * b * d];
        System.arraycopy(view1, 0, stacked, 0, b * d);
        System.arraycopy(view1, 0, stacked, b * d, b * d); // view 2 = view 1
        try (NDManager m = NDManager.newBaseManager()) {
            float aligned = InfoNce.twoViewLoss(m, m.create(stacked, new Shape(2 * b, d)), 0.2)
                    .getFloat();
            float[] shuffled = stacked.clone();
            System.arraycopy(view1, d, shuffled, b * d, (b - 1) * d); // view 2 shifted by one row
            System.arraycopy(view1, 0, shuffled, (2 * b - 1) * d, d);
            float wrong = InfoNce.twoViewLoss(m, m.create(shuffled, new Shape(2 * b, d)), 0.2)
                    .getFloat();
            assertTrue(aligned < 1.0 && wrong > aligned + 3, "aligned " + aligned + ", shuffled " + wrong);
            assertClose(ntXent(DoubleRef.widen(stacked), 2 * b, d, 0.2), aligned, 1e-5, 1e-6, "aligned value");
        }
    }
}
