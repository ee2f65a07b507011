// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ncl.core.loss.DoubleRef.assertClose;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVES;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVE_THRESHOLD;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVE_TOP_K;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.ContrastProblem;
import org.ncl.core.loss.contrastive.ContrastiveObjectives;
import org.ncl.core.loss.contrastive.FalseNegatives;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.FalseNegativeHandling;
import org.ncl.core.options.NclOptions;

/**
 * False-negative handling (FNC, Huynh et al., WACV 2022): which candidates are flagged under the top-k and
 * the threshold rule, and that elimination takes them out of the denominator while attraction makes them
 * positives, against {@link ContrastRef}'s double losses with hand-made similarities.
 */
class FalseNegativesTest {

    private static final double T = 0.5;
    // column 0: the positive; the rest negatives with known similarities
    private static final double[][] SIMS = {
        {0.9, 0.95, 0.8, 0.75, 0.6, 0.2, -0.3},
        {0.7, 0.65, 0.5, -0.2, 0.1, 0.0, 0.3}
    };
    private static final int ROWS = 2;
    private static final int COLS = 7;

    private static ContrastProblem problem(NDManager m) {
        float[] logits = new float[ROWS * COLS];
        float[] targets = new float[ROWS * COLS];
        for (int i = 0; i < ROWS; i++) {
            targets[i * COLS] = 1f;
            for (int j = 0; j < COLS; j++) {
                logits[i * COLS + j] = (float) (SIMS[i][j] / T);
            }
        }
        // no bank: every column is explicit
        return new ContrastProblem(
                m.create(new float[ROWS * 2], new Shape(ROWS, 2)),
                m.create(logits, new Shape(ROWS, COLS)),
                targets,
                null,
                new float[0],
                COLS,
                T,
                0);
    }

    private static boolean[] flags(int[][] columns) {
        boolean[] f = new boolean[ROWS * COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int c : columns[i]) {
                f[i * COLS + c] = true;
            }
        }
        return f;
    }

    @Test
    void topKAndThresholdSelectTheCandidates() {
        try (NDManager m = NDManager.newBaseManager()) {
            ContrastProblem p = problem(m);
            float[] l = p.logits().toFloatArray();
            // both rules (FNC's default form): top-2 with similarity > 0.7
            assertArrayEquals(
                    flags(new int[][] {{1, 2}, {}}),
                    new FalseNegatives(FalseNegativeHandling.ELIMINATE, 2, 0.7).detect(p, l));
            // threshold only
            assertArrayEquals(
                    flags(new int[][] {{1, 2, 3}, {}}),
                    new FalseNegatives(FalseNegativeHandling.ELIMINATE, 0, 0.7).detect(p, l));
            // top-k only: the positive (column 0) is never a candidate
            assertArrayEquals(
                    flags(new int[][] {{1, 2}, {1, 2}}),
                    new FalseNegatives(FalseNegativeHandling.ELIMINATE, 2, -1).detect(p, l));
            assertSame(p, FalseNegatives.NONE.apply(p));
        }
    }

    private static NclOptions options(FalseNegativeHandling h, ContrastiveStrategy s) {
        return NclOptions.builder(3)
                .set(PRETRAIN_OBJECTIVE, s)
                .set(FALSE_NEGATIVES, h)
                .set(FALSE_NEGATIVE_TOP_K, 2)
                .set(FALSE_NEGATIVE_THRESHOLD, -1.0)
                .build();
    }

    private static float loss(NclOptions o) {
        try (NDManager m = NDManager.newBaseManager()) {
            return ContrastiveObjectives.create(o, ContrastiveSite.PRETRAIN, new SplittableRandom(1), null, null)
                    .loss(m, problem(m))
                    .getFloat();
        }
    }

    @Test
    void eliminationLeavesTheDenominatorAndAttractionJoinsThePositives() {
        double[][] w = {{1, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0}};
        boolean[][] eliminated = new boolean[ROWS][COLS];
        double[][] attracted = new double[ROWS][COLS];
        for (int i = 0; i < ROWS; i++) {
            eliminated[i][1] = true;
            eliminated[i][2] = true;
            // one positive, two false negatives: each weight 1/3
            attracted[i][0] = 1.0 / 3;
            attracted[i][1] = 1.0 / 3;
            attracted[i][2] = 1.0 / 3;
        }
        for (ContrastiveStrategy s : new ContrastiveStrategy[] {ContrastiveStrategy.INFONCE, ContrastiveStrategy.DCL}) {
            boolean debiased = s == ContrastiveStrategy.DCL;
            double none = debiased
                    ? ContrastRef.debiased(SIMS, w, null, 0.1, 0, T)
                    : ContrastRef.softTarget(SIMS, w, null, T);
            double elim = debiased
                    ? ContrastRef.debiased(SIMS, w, eliminated, 0.1, 0, T)
                    : ContrastRef.softTarget(SIMS, w, eliminated, T);
            double attr = debiased
                    ? ContrastRef.debiased(SIMS, attracted, null, 0.1, 0, T)
                    : ContrastRef.softTarget(SIMS, attracted, null, T);
            assertClose(none, loss(options(FalseNegativeHandling.NONE, s)), 1e-5, 1e-6, s + " without handling");
            assertClose(elim, loss(options(FalseNegativeHandling.ELIMINATE, s)), 1e-5, 1e-6, s + " elimination");
            assertClose(attr, loss(options(FalseNegativeHandling.ATTRACT, s)), 1e-5, 1e-6, s + " attraction");
            // they differ, so the test would see a wrong set
            org.junit.jupiter.api.Assertions.assertTrue(
                    Math.abs(none - elim) > 1e-3 && Math.abs(none - attr) > 1e-3 && Math.abs(elim - attr) > 1e-3,
                    s + ": " + none + " " + elim + " " + attr);
        }
    }

    @Test
    void attractionKeepsSoftTargetProportions() {
        try (NDManager m = NDManager.newBaseManager()) {
            ContrastProblem p = problem(m);
            float[] t = p.targets().clone();
            // row 0: view 0.5 and a pseudo-positive (column 6) 0.5; then two false negatives (columns 1, 2)
            t[0] = 0.5f;
            t[6] = 0.5f;
            ContrastProblem soft = p.withTargets(t, null);
            float[] out = new FalseNegatives(FalseNegativeHandling.ATTRACT, 2, 0.7)
                    .apply(soft)
                    .targets();
            // (|P|·w + 1_F)/(|P| + |F|) with |P| = 2, |F| = 2
            assertArrayEquals(
                    new float[] {0.25f, 0.25f, 0.25f, 0f, 0f, 0f, 0.25f}, java.util.Arrays.copyOf(out, COLS), 1e-7f);
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(t, COLS, 2 * COLS),
                    java.util.Arrays.copyOfRange(out, COLS, 2 * COLS),
                    "row 1 has no false negative under the threshold");
        }
    }
}
