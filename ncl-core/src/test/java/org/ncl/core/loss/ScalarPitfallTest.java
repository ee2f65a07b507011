// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.PseudoLabels;
import org.ncl.core.tensor.Scalars;

/**
 * Regression test for a DJL pitfall on the CPU: a {@code Number} scalar in a graph op
 * ({@code mul(Number)} etc.) is wrapped around a direct buffer that is freed while autograd still
 * needs it, so a garbage collection between forward and backward corrupts the gradient (3 becomes
 * about −1.7e8 in a one-line reproduction on DJL 0.35.1). The loss must build its scalars as arrays
 * ({@link Scalars}). Each test forces collections between forward and backward and compares the
 * gradients with central finite differences of the double objective and with a run without collection.
 */
class ScalarPitfallTest {

    private static volatile Object sink;

    /** Allocates garbage and asks for full collections, giving the cleaner time to free direct buffers. */
    private static void collectGarbage() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 1000; i++) {
                sink = new byte[16 * 1024];
            }
            System.gc();
            Thread.sleep(20);
        }
        sink = null;
    }

    @Test
    void bceAndMseGradientsSurviveGarbageCollection() throws InterruptedException {
        Random r = new Random(71);
        int n = 6;
        int cl = 3;
        int cu = 4;
        float[] k1 = DoubleRef.gaussian(r, n, cl, 1.5);
        float[] k2 = DoubleRef.gaussian(r, n, cl, 1.5);
        float[] u1 = DoubleRef.gaussian(r, n, cu, 1.5);
        float[] u2 = DoubleRef.gaussian(r, n, cu, 1.5);
        float[] targets = new float[n * n];
        float[] weights = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            targets[i] = r.nextBoolean() ? 1f : 0f;
            weights[i] = r.nextInt(4) == 0 ? 0f : 1f;
        }
        double omega = 2.5;
        double[][] t = DoubleRef.matrix(targets, n, n);
        double[][] w = DoubleRef.matrix(weights, n, n);
        // loss(k1, k2, u1, u2) = bce(u1, u2) + ω·mse
        java.util.function.Function<double[][], Double> reference =
                in -> DoubleRef.pairwiseBce(DoubleRef.matrix(in[2], n, cu), DoubleRef.matrix(in[3], n, cu), t, w)
                        + omega
                                * DoubleRef.consistencyMse(
                                        DoubleRef.matrix(in[0], n, cl),
                                        DoubleRef.matrix(in[1], n, cl),
                                        DoubleRef.matrix(in[2], n, cu),
                                        DoubleRef.matrix(in[3], n, cu));
        float[][] inputs = {k1, k2, u1, u2};
        int[] widths = {cl, cl, cu, cu};

        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] x = new NDArray[4];
            for (int i = 0; i < 4; i++) {
                x[i] = m.create(inputs[i], new Shape(n, widths[i]));
                x[i].setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = NclLoss.pairwiseBce(
                                x[2], x[3], m.create(targets, new Shape(n, n)), m.create(weights, new Shape(n, n)))
                        .add(NclLoss.consistencyMse(x[0], x[1], x[2], x[3]).mul(Scalars.of(m, omega)));
                collectGarbage();
                gc.backward(loss);
            }
            for (int which = 0; which < 4; which++) {
                int index = which;
                double[] base = DoubleRef.widen(inputs[which]);
                double[] expected = DoubleRef.numericGradient(
                        v -> {
                            double[][] in = new double[4][];
                            for (int i = 0; i < 4; i++) {
                                in[i] = i == index ? v : DoubleRef.widen(inputs[i]);
                            }
                            return reference.apply(in);
                        },
                        base,
                        1e-6);
                DoubleRef.assertAllClose(
                        expected,
                        x[which].getGradient().toFloatArray(),
                        1e-3,
                        1e-5,
                        "gradient of input " + which + " after GC");
            }
        }
    }

    /** Gradients of the six inputs of {@link NclLoss#compute}, optionally with collections before backward. */
    private static float[][] gradients(ObjectiveFixture fx, boolean collect) throws InterruptedException {
        float[][] in = fx.inputs();
        int[] widths = ObjectiveFixture.widths();
        NclLoss loss = fx.newLoss();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] x = new NDArray[6];
            for (int i = 0; i < 6; i++) {
                x[i] = m.create(in[i], new Shape(fx.rows, widths[i]));
                x[i].setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NclLoss.Result result = loss.compute(m, x[0], x[1], x[2], x[3], x[4], x[5], fx.labels, fx.epoch);
                if (collect) {
                    collectGarbage();
                }
                gc.backward(result.total());
            }
            float[][] g = new float[6][];
            for (int i = 0; i < 6; i++) {
                g[i] = x[i].getGradient().toFloatArray();
            }
            return g;
        }
    }

    @Test
    void fullObjectiveGradientsSurviveGarbageCollection() throws InterruptedException {
        // labeled and unlabeled rows, hard negatives active: every term and every scalar weight in play
        ObjectiveFixture fx = new ObjectiveFixture(PseudoLabels.ADAPTIVE, 10, new int[] {0, 2, 1, 0}, 3, true, 0.6, 72);
        float[][] afterGc = gradients(fx, true);
        float[][] plain = gradients(fx, false);
        String[] names = {"f1", "f2", "known1", "known2", "novel1", "novel2"};
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(plain[i], afterGc[i], 1e-6f, names[i] + ": same gradient with and without GC");
        }
        for (int i = 0; i < 6; i++) {
            if (i == 1) {
                continue; // f2 only enters through the detached key k
            }
            int which = i;
            double[] expected = DoubleRef.numericGradient(
                    v -> fx.totalAsFunctionOf(which, v), DoubleRef.widen(fx.inputs()[i]), 1e-6);
            DoubleRef.assertAllClose(expected, afterGc[i], 1e-3, 1e-4, "d total / d " + names[i]);
        }
        float[] zero = new float[afterGc[1].length];
        assertArrayEquals(zero, afterGc[1], "no gradient through the detached second view of the contrastive terms");
        double largest = 0;
        for (float v : afterGc[0]) {
            largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest > 0.1, "the contrastive terms give f1 a real gradient: " + largest);
    }
}
