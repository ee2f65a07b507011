// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.HardNegativeGeneration;
import org.ncl.core.loss.contrastive.MemoryQueue;

/**
 * {@link HardNegativeGeneration#similarities} (NCL's hard negative generation, Zhong et al., CVPR 2021,
 * section 3.3) against an explicit materialisation of every candidate ζ = μe + (1−μ)l in double.
 * The implementation never builds ζ (it uses q·ζ = (μ q·e + (1−μ) q·l)/||ζ||); the reference does.
 */
class HardNegativeGenerationTest {

    private static MemoryQueue queue(int size, int d, int unitEntries, int[] labels, Random r, long seed) {
        MemoryQueue queue = new MemoryQueue(size, d, new SplittableRandom(seed));
        // part unit rows, part the random initialisation (norms ≠ 1): the normalisation of ζ matters
        queue.add(DoubleRef.unitRows(DoubleRef.gaussian(r, unitEntries, d, 1), unitEntries, d), labels, unitEntries);
        return queue;
    }

    private static void check(
            int rows, int d, int ku, int kl, int easy, int rounds, double[] mixing, int kept, long seed) {
        Random r = new Random(seed);
        float[] qv = DoubleRef.unitRows(DoubleRef.gaussian(r, rows, d, 1), rows, d);
        MemoryQueue unlabeled = queue(ku, d, ku * 2 / 3, null, r, seed + 1);
        int[] labels = new int[kl / 2];
        Arrays.fill(labels, 1);
        MemoryQueue labeled = queue(kl, d, kl / 2, labels, r, seed + 2);
        DoubleRef.HardNegatives expected = DoubleRef.hardNegatives(
                DoubleRef.matrix(qv, rows, d),
                DoubleRef.matrix(unlabeled.data(), ku, d),
                DoubleRef.matrix(labeled.data(), kl, d),
                easy,
                rounds,
                mixing,
                kept,
                new SplittableRandom(seed + 3));
        int keep = expected.similarities()[0].length;

        SplittableRandom random = new SplittableRandom(seed + 3);
        SplittableRandom sameDraws = new SplittableRandom(seed + 3);
        drain(sameDraws, rows * rounds * mixing.length * Math.min(easy, ku), kl);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray q = m.create(qv, new Shape(rows, d));
            q.setRequiresGradient(true);
            float[] actual;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = HardNegativeGeneration.similarities(
                        m, q, unlabeled, labeled, easy, rounds, mixing, kept, random);
                assertEquals(new Shape(rows, keep), out.getShape());
                actual = out.toFloatArray();
                gc.backward(out.sum());
            }
            for (int i = 0; i < rows; i++) {
                float[] row = Arrays.copyOfRange(actual, i * keep, (i + 1) * keep);
                for (int k = 1; k < keep; k++) {
                    assertTrue(row[k] <= row[k - 1] + 1e-6f, "row " + i + " is in descending order at " + k);
                }
                double[] sortedExpected = expected.similarities()[i].clone();
                Arrays.sort(sortedExpected);
                float[] sortedActual = row.clone();
                Arrays.sort(sortedActual);
                DoubleRef.assertAllClose(sortedExpected, sortedActual, 0, 1e-5, "kept similarities, row " + i);
            }
            DoubleRef.assertAllClose(
                    DoubleRef.flatten(expected.zetaSums()),
                    q.getGradient().toFloatArray(),
                    0,
                    1e-5,
                    "d Σ logits / dq = Σ ζ (ζ detached)");
        }
        assertEquals(
                sameDraws.nextLong(), random.nextLong(), "one labeled index drawn per candidate, no more, no fewer");
    }

    private static void drain(SplittableRandom random, int draws, int bound) {
        for (int i = 0; i < draws; i++) {
            random.nextInt(bound);
        }
    }

    @Test
    void keptSimilaritiesAndGradientMatchMaterialisedCandidates() {
        // 2 rounds × 2 factors × 6 easy entries = 24 candidates per row, 10 kept
        check(4, 8, 30, 20, 6, 2, new double[] {1.0 / 3.0, 2.0 / 3.0}, 10, 101);
    }

    @Test
    void referenceDefaultsShapeFiveRoundsTwoFactors() {
        // the code's defaults scaled down: 5 rounds, μ ∈ {1/3, 2/3}, n = 12 → 120 candidates, 40 kept
        check(3, 16, 60, 40, 12, 5, new double[] {1.0 / 3.0, 2.0 / 3.0}, 40, 202);
    }

    @Test
    void easyLargerThanQueueAndKeptLargerThanCandidatesAreClipped() {
        // n = min(50, 9) = 9, 1 round × 1 factor → 9 candidates; kept 400 → 9
        check(2, 5, 9, 7, 50, 1, new double[] {0.5}, 400, 303);
    }
}
