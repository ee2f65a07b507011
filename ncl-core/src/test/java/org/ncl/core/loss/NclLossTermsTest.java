// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.loss.DoubleRef.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.Estimators;
import org.ncl.core.loss.contrastive.MemoryQueue;

/**
 * The single terms of {@link NclLoss} against double-precision references written from the
 * formulas of NCL's discovery objective (Zhong et al., CVPR 2021, section 3, and the authors' code).
 */
class NclLossTermsTest {

    private static final double REL = 1e-5;
    private static final double ABS = 1e-6;

    @Test
    void crossEntropyMatchesLogSoftmaxOfTheLabel() {
        Random r = new Random(11);
        int rows = 6;
        int classes = 4;
        float[] logits = DoubleRef.gaussian(r, rows, classes, 2.0);
        logits[5 * classes + 2] = 60f; // a large logit: the reference is max-shifted, so must the loss be
        int[] labels = {0, 3, 1, 1, 2, 0};
        double expected = DoubleRef.crossEntropy(DoubleRef.matrix(logits, rows, classes), labels);
        try (NDManager m = NDManager.newBaseManager()) {
            float actual = NclLoss.crossEntropy(m.create(logits, new Shape(rows, classes)), labels)
                    .getFloat();
            assertClose(expected, actual, REL, ABS, "cross-entropy");
        }
        assertTrue(expected > 1, "the confident wrong row (label 0, logit 60 on class 2) dominates: " + expected);
    }

    @Test
    void jointCrossEntropyIsTheCrossEntropyOverBothHeadsSideBySideOnRowsWithATarget() {
        Random r = new Random(13);
        int rows = 5;
        int known = 3;
        int novel = 2;
        float[] k = DoubleRef.gaussian(r, rows, known, 2.0);
        float[] u = DoubleRef.gaussian(r, rows, novel, 2.0);
        int[] targets = {1, -1, 4, 3, -1};
        // the reference: concatenate by hand, keep rows 0, 2, 3
        int[] kept = {0, 2, 3};
        float[] joint = new float[kept.length * (known + novel)];
        for (int i = 0; i < kept.length; i++) {
            System.arraycopy(k, kept[i] * known, joint, i * (known + novel), known);
            System.arraycopy(u, kept[i] * novel, joint, i * (known + novel) + known, novel);
        }
        double expected =
                DoubleRef.crossEntropy(DoubleRef.matrix(joint, kept.length, known + novel), new int[] {1, 4, 3});
        try (NDManager m = NDManager.newBaseManager()) {
            float actual = NclLoss.jointCrossEntropy(
                            m.create(k, new Shape(rows, known)), m.create(u, new Shape(rows, novel)), targets)
                    .getFloat();
            assertClose(expected, actual, REL, ABS, "joint cross-entropy");
            assertNull(NclLoss.jointCrossEntropy(
                    m.create(k, new Shape(rows, known)),
                    m.create(u, new Shape(rows, novel)),
                    new int[] {-1, -1, -1, -1, -1}));
        }
    }

    @Test
    void softCrossEntropyMatchesReferenceForArbitraryTargets() {
        Random r = new Random(12);
        int rows = 5;
        int cols = 7;
        float[] logits = DoubleRef.gaussian(r, rows, cols, 3.0);
        float[] targets = new float[rows * cols];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = r.nextInt(3) == 0 ? 0f : r.nextFloat(); // rows need not sum to 1
        }
        double expected =
                DoubleRef.softCrossEntropy(DoubleRef.matrix(logits, rows, cols), DoubleRef.matrix(targets, rows, cols));
        try (NDManager m = NDManager.newBaseManager()) {
            float actual = Estimators.softCrossEntropy(
                            m.create(logits, new Shape(rows, cols)), m.create(targets, new Shape(rows, cols)))
                    .getFloat();
            assertClose(expected, actual, REL, ABS, "soft cross-entropy");
        }
    }

    @Test
    void pairwiseBceUsesOnlyWeightedPairsInNumeratorAndDenominator() {
        Random r = new Random(13);
        int n = 7;
        int cu = 4;
        float[] novel1 = DoubleRef.gaussian(r, n, cu, 2.0);
        float[] novel2 = DoubleRef.gaussian(r, n, cu, 2.0);
        float[] targets = new float[n * n];
        float[] weights = new float[n * n];
        int used = 0;
        for (int i = 0; i < n * n; i++) {
            targets[i] = r.nextBoolean() ? 1f : 0f; // not symmetric: the orientation a ↔ b matters
            weights[i] = r.nextInt(3) == 0 ? 0f : 1f;
            used += (int) weights[i];
        }
        for (int i = 0; i < n; i++) {
            targets[i * n + i] = 1f; // self pairs are positives and included
            weights[i * n + i] = 1f;
        }
        // a masked pair that would dominate if it leaked: target 1 with p ≈ 0
        novel1[0] = 40f;
        novel2[cu + 1] = 40f;
        targets[n + 0] = 1f;
        weights[n + 0] = 0f;
        double expected = DoubleRef.pairwiseBce(
                DoubleRef.matrix(novel1, n, cu),
                DoubleRef.matrix(novel2, n, cu),
                DoubleRef.matrix(targets, n, n),
                DoubleRef.matrix(weights, n, n));
        try (NDManager m = NDManager.newBaseManager()) {
            float actual = NclLoss.pairwiseBce(
                            m.create(novel1, new Shape(n, cu)),
                            m.create(novel2, new Shape(n, cu)),
                            m.create(targets, new Shape(n, n)),
                            m.create(weights, new Shape(n, n)))
                    .getFloat();
            assertClose(expected, actual, REL, ABS, "pairwise BCE");

            float[] swapped = NclLoss.pairwiseBce(
                            m.create(novel2, new Shape(n, cu)),
                            m.create(novel1, new Shape(n, cu)),
                            m.create(targets, new Shape(n, n)),
                            m.create(weights, new Shape(n, n)))
                    .toFloatArray();
            assertTrue(
                    Math.abs(swapped[0] - expected) > 1e-3,
                    "p_ab = <softmax(view2_a), softmax(view1_b)>: swapping the views must change the value");
        }
        assertTrue(used > 10, "the mask leaves pairs in");
    }

    @Test
    void pairwiseBceOfPerfectPredictionsIsTheEpsilonFloor() {
        // two one-hot rows: p = 1 on self pairs and 0 across; loss = -log(1 + 1e-7) averaged
        float[] logits = {50f, -50f, -50f, 50f};
        float[] targets = {1f, 0f, 0f, 1f};
        float[] weights = {1f, 1f, 1f, 1f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits, new Shape(2, 2));
            float v = NclLoss.pairwiseBce(x, x, m.create(targets, new Shape(2, 2)), m.create(weights, new Shape(2, 2)))
                    .getFloat();
            assertTrue(Math.abs(v) < 1e-5, "perfect predictions cost nothing: " + v);
            float all0 = NclLoss.pairwiseBce(x, x, m.create(targets, new Shape(2, 2)), m.zeros(new Shape(2, 2)))
                    .getFloat();
            assertEquals(0f, all0, "no pair used: 0 / max(0, 1) = 0");
            // wrong targets: -log(0 + 1e-7) = 16.118 for each pair
            float wrong = NclLoss.pairwiseBce(
                            x,
                            x,
                            m.create(new float[] {0f, 1f, 1f, 0f}, new Shape(2, 2)),
                            m.create(weights, new Shape(2, 2)))
                    .getFloat();
            assertClose(-Math.log(1e-7), wrong, 1e-4, 0, "eps 1e-7 inside both logs");
        }
    }

    @Test
    void consistencyMseIsTheSumOfBothHeadsElementMeans() {
        Random r = new Random(14);
        int rows = 5;
        int cl = 3;
        int cu = 6; // different widths: a mean over the wrong element count would show
        float[] k1 = DoubleRef.gaussian(r, rows, cl, 1.5);
        float[] k2 = DoubleRef.gaussian(r, rows, cl, 1.5);
        float[] u1 = DoubleRef.gaussian(r, rows, cu, 1.5);
        float[] u2 = DoubleRef.gaussian(r, rows, cu, 1.5);
        double known = DoubleRef.softmaxMse(DoubleRef.matrix(k1, rows, cl), DoubleRef.matrix(k2, rows, cl));
        double novel = DoubleRef.softmaxMse(DoubleRef.matrix(u1, rows, cu), DoubleRef.matrix(u2, rows, cu));
        try (NDManager m = NDManager.newBaseManager()) {
            float actual = NclLoss.consistencyMse(
                            m.create(k1, new Shape(rows, cl)),
                            m.create(k2, new Shape(rows, cl)),
                            m.create(u1, new Shape(rows, cu)),
                            m.create(u2, new Shape(rows, cu)))
                    .getFloat();
            assertClose(known + novel, actual, REL, 1e-7, "consistency mse");
            float same = NclLoss.consistencyMse(
                            m.create(k1, new Shape(rows, cl)),
                            m.create(k1, new Shape(rows, cl)),
                            m.create(u1, new Shape(rows, cu)),
                            m.create(u1, new Shape(rows, cu)))
                    .getFloat();
            assertEquals(0f, same, "identical views are consistent");
        }
        assertTrue(known > 1e-3 && novel > 1e-3, "both heads contribute");
    }

    @Test
    void balanceTermIsMinusTheEntropyOfTheMeanPrediction() {
        Random r = new Random(18);
        int rows = 7;
        int cu = 5;
        float[] logits = DoubleRef.gaussian(r, rows, cu, 2.0);
        double expected = DoubleRef.negativeMeanEntropy(DoubleRef.matrix(logits, rows, cu));
        try (NDManager m = NDManager.newBaseManager()) {
            float actual = NclLoss.negativeMeanEntropy(m.create(logits, new Shape(rows, cu)))
                    .getFloat();
            assertClose(expected, actual, REL, ABS, "−H(p̄)");
            // rows spread evenly over the clusters: p̄ uniform, the minimum −log C
            float[] spread = new float[cu * cu];
            for (int i = 0; i < cu; i++) {
                spread[i * cu + i] = 30f;
            }
            float even = NclLoss.negativeMeanEntropy(m.create(spread, new Shape(cu, cu)))
                    .getFloat();
            assertClose(-Math.log(cu), even, 1e-5, 1e-6, "uniform mean prediction");
            // every row in cluster 0: a collapse, −H = 0
            float[] collapsed = new float[rows * cu];
            for (int i = 0; i < rows; i++) {
                collapsed[i * cu] = 30f;
            }
            float zero = NclLoss.negativeMeanEntropy(m.create(collapsed, new Shape(rows, cu)))
                    .getFloat();
            assertTrue(Math.abs(zero) < 1e-5, "collapse: " + zero);
        }
        assertTrue(expected > -Math.log(cu) && expected < 0, "between the bounds: " + expected);
    }

    @Test
    void rampUpFollowsTheSigmoidShapedSchedule() {
        double c = 5;
        double t = 50;
        assertEquals(5 * Math.exp(-5), NclLoss.rampUp(0, c, t), 1e-12);
        assertEquals(5 * Math.exp(-1.25), NclLoss.rampUp(25, c, t), 1e-12);
        assertEquals(5.0, NclLoss.rampUp(50, c, t), 1e-12);
        assertEquals(5.0, NclLoss.rampUp(100, c, t), 1e-12, "constant after T");
        assertEquals(50 * Math.exp(-5 * (1 - 30.0 / 150) * (1 - 30.0 / 150)), NclLoss.rampUp(30, 50, 150), 1e-10);
        double previous = 0;
        for (int e = 0; e <= 50; e++) {
            double w = NclLoss.rampUp(e, c, t);
            assertTrue(w > previous, "increasing up to T, epoch " + e);
            previous = w;
        }
    }

    @Test
    void nclTargetsGiveTopKShareThenAlphaOnColumnZeroWithLowerIndexTies() {
        int cols = 8;
        int topK = 3;
        double alpha = 0.2;
        float[] logits = {
            // column 0 is in the top 3: it ends with α, two others with (1-α)/3
            9f,
            1f,
            5f,
            5f,
            2f,
            0f,
            5f,
            -1f,
            // column 0 is not: three others get (1-α)/3; tie 4,4,4,4 at columns 1,3,5,6 → 1,3,5
            0f,
            4f,
            -2f,
            4f,
            3f,
            4f,
            4f,
            1f,
            // negative values and ties everywhere
            -3f,
            -3f,
            -3f,
            -3f,
            -3f,
            -3f,
            -3f,
            -3f,
        };
        float[] actual = NclLoss.nclTargets(logits, 3, cols, topK, alpha);
        double share = (1 - alpha) / topK;
        double[] expected = {
            alpha, 0, share, share, 0, 0, 0, 0,
            alpha, share, 0, share, 0, share, 0, 0,
            alpha, share, share, 0, 0, 0, 0, 0,
        };
        DoubleRef.assertAllClose(expected, actual, 0, 1e-7, "ncl targets");
        // the same against the generic reference on random rows
        Random r = new Random(15);
        float[] random = DoubleRef.gaussian(r, 6, 20, 1.0);
        double[][] ref = DoubleRef.nclTargets(DoubleRef.matrix(random, 6, 20), 5, 0.35);
        DoubleRef.assertAllClose(
                DoubleRef.flatten(ref), NclLoss.nclTargets(random, 6, 20, 5, 0.35), 0, 1e-7, "random ncl targets");
    }

    @Test
    void sclTargetsAreUniformOverTheSecondViewAndSameLabelEntries() {
        int[] queue = {2, -1, 0, 2, -1, 1, 2};
        int[] anchors = {2, 0, 3};
        float[] t = NclLoss.sclTargets(anchors, queue);
        double q = 0.25;
        double[] expected = {
            q, q, 0, 0, q, 0, 0, q, // label 2: column 0 + entries 0, 3, 6
            0.5, 0, 0, 0.5, 0, 0, 0, 0, // label 0: column 0 + entry 2
            1, 0, 0, 0, 0, 0, 0, 0, // label 3: no entry, only the second view
        };
        DoubleRef.assertAllClose(expected, t, 0, 1e-7, "scl targets");
        Random r = new Random(16);
        int[] longQueue = new int[40];
        for (int i = 0; i < longQueue.length; i++) {
            longQueue[i] = r.nextInt(5) - 1; // -1 .. 3
        }
        int[] many = {0, 1, 2, 3, 3, 0};
        DoubleRef.assertAllClose(
                DoubleRef.flatten(DoubleRef.sclTargets(many, longQueue)),
                NclLoss.sclTargets(many, longQueue),
                0,
                1e-7,
                "random scl targets");
        float[] rowSums = new float[many.length];
        for (int i = 0; i < many.length; i++) {
            for (int j = 0; j <= longQueue.length; j++) {
                rowSums[i] += NclLoss.sclTargets(many, longQueue)[i * (1 + longQueue.length) + j];
            }
        }
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f, 1f, 1f}, rowSums, 1e-6f);
    }

    @Test
    void nclContrastiveTermAsSoftCrossEntropyMatchesDoubleReference() {
        Random r = new Random(17);
        int rows = 5;
        int d = 6;
        int k = 30;
        double tau = 0.05;
        float[] q = DoubleRef.unitRows(DoubleRef.gaussian(r, rows, d, 1), rows, d);
        float[] key = DoubleRef.unitRows(DoubleRef.gaussian(r, rows, d, 1), rows, d);
        MemoryQueue queue = new MemoryQueue(k, d, new java.util.SplittableRandom(3));
        queue.add(DoubleRef.unitRows(DoubleRef.gaussian(r, 20, d, 1), 20, d), null, 20);
        double[][] logits = DoubleRef.contrastLogits(
                DoubleRef.matrix(q, rows, d),
                DoubleRef.matrix(key, rows, d),
                DoubleRef.matrix(queue.data(), k, d),
                tau);
        int topK = 4;
        double alpha = 0.2;
        double[][] targets = DoubleRef.nclTargets(logits, topK, alpha);
        double expected = DoubleRef.softCrossEntropy(logits, targets);
        float[] flatLogits = new float[rows * (k + 1)];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j <= k; j++) {
                flatLogits[i * (k + 1) + j] = (float) logits[i][j];
            }
        }
        float[] implTargets = NclLoss.nclTargets(flatLogits, rows, k + 1, topK, alpha);
        DoubleRef.assertAllClose(DoubleRef.flatten(targets), implTargets, 0, 1e-7, "targets");
        try (NDManager m = NDManager.newBaseManager()) {
            float actual = Estimators.softCrossEntropy(
                            m.create(flatLogits, new Shape(rows, k + 1)), m.create(implTargets, new Shape(rows, k + 1)))
                    .getFloat();
            assertClose(expected, actual, REL, ABS, "L_ncl");
        }
    }
}
