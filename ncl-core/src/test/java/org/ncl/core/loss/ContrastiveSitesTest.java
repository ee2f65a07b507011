// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.loss.DoubleRef.assertClose;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.LABELED_OBJECTIVE;
import static org.ncl.core.options.NclOptions.MOCHI_HARDEST;
import static org.ncl.core.options.NclOptions.MOCHI_QUERY_MIXES;
import static org.ncl.core.options.NclOptions.MOCHI_SYNTHETIC;
import static org.ncl.core.options.NclOptions.SSCL_HARDEST;
import static org.ncl.core.options.NclOptions.SSCL_SYNTHETIC;
import static org.ncl.core.options.NclOptions.UNLABELED_OBJECTIVE;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.ContrastiveObjectives;
import org.ncl.core.options.ContrastiveSite;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.PseudoLabels;

/**
 * The same objectives at NCL's two queue sites (Zhong et al., CVPR 2021): L_ncl and L_scl of
 * {@link NclLoss#compute} with the strategy swapped, against double references on {@link ObjectiveFixture}'s
 * batch and queues; and the site rules (NCL and HNG only for L_ncl).
 */
class ContrastiveSitesTest {

    private static final int[] LABELS = {0, 2, 1, 0};

    private static java.util.Map<String, Double> terms(ObjectiveFixture fx, NclOptions o) {
        NclLoss loss = new NclLoss(o, ObjectiveFixture.D, new SplittableRandom(fx.seed));
        float[] mu = new float[ObjectiveFixture.KU * ObjectiveFixture.D];
        float[] ml = new float[ObjectiveFixture.KL * ObjectiveFixture.D];
        for (int i = 0; i < ObjectiveFixture.KU; i++) {
            for (int j = 0; j < ObjectiveFixture.D; j++) {
                mu[i * ObjectiveFixture.D + j] = (float) fx.memoryU[i][j];
            }
        }
        for (int i = 0; i < ObjectiveFixture.KL; i++) {
            for (int j = 0; j < ObjectiveFixture.D; j++) {
                ml[i * ObjectiveFixture.D + j] = (float) fx.memoryL[i][j];
            }
        }
        loss.unlabeledQueue().add(mu, null, ObjectiveFixture.KU);
        loss.labeledQueue().add(ml, fx.memoryLabels, ObjectiveFixture.KL);
        int[] w = ObjectiveFixture.widths();
        float[][] in = fx.inputs();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] a = new NDArray[6];
            for (int i = 0; i < 6; i++) {
                a[i] = m.create(in[i], new Shape(fx.rows, w[i]));
            }
            return loss.compute(m, a[0], a[1], a[2], a[3], a[4], a[5], fx.labels, fx.epoch)
                    .termValues();
        }
    }

    private static double[][] rows(double[][] m, int from, int to) {
        return java.util.Arrays.copyOfRange(m, from, to);
    }

    @Test
    void swappedObjectivesAtTheQueueSitesMatchTheirReferences() {
        ObjectiveFixture fx = new ObjectiveFixture(PseudoLabels.ADAPTIVE, 10, LABELS, 3, false, 0, 71);
        int bl = LABELS.length;
        double tau = ObjectiveFixture.TAU;
        double[][] z1 = DoubleRef.normalizeRows(DoubleRef.matrix(fx.f1, fx.rows, ObjectiveFixture.D));
        double[][] z2 = DoubleRef.normalizeRows(DoubleRef.matrix(fx.f2, fx.rows, ObjectiveFixture.D));
        double[][] uLogits = DoubleRef.contrastLogits(rows(z1, bl, fx.rows), rows(z2, bl, fx.rows), fx.memoryU, tau);
        double[][] lLogits = DoubleRef.contrastLogits(rows(z1, 0, bl), rows(z2, 0, bl), fx.memoryL, tau);
        double[][] uSims = scale(uLogits, tau);
        double[][] lSims = scale(lLogits, tau);
        double[][] nclTargets = DoubleRef.nclTargets(uLogits, ObjectiveFixture.NCL_TOP_K, ObjectiveFixture.ALPHA);
        double[][] sclTargets = DoubleRef.sclTargets(LABELS, fx.memoryLabels);
        double[][] viewOnlyU = viewOnly(uLogits.length, uLogits[0].length);
        double[][] viewOnlyL = viewOnly(lLogits.length, lLogits[0].length);

        // the defaults are NCL's terms (already checked against the paper's formulas by NclObjectiveTest)
        java.util.Map<String, Double> defaults = terms(fx, fx.options);
        assertClose(DoubleRef.softCrossEntropy(uLogits, nclTargets), defaults.get("ncl"), 1e-5, 2e-6, "NCL");
        assertClose(DoubleRef.softCrossEntropy(lLogits, sclTargets), defaults.get("scl"), 1e-5, 2e-6, "SupCon L_scl");

        java.util.Map<String, Double> dcl = terms(
                fx,
                fx.options.toBuilder()
                        .set(UNLABELED_OBJECTIVE, ContrastiveStrategy.DCL)
                        .set(LABELED_OBJECTIVE, ContrastiveStrategy.HCL)
                        .build());
        assertClose(
                ContrastRef.debiased(uSims, nclTargets, null, 0.1, 0, tau),
                dcl.get("ncl"),
                1e-4,
                1e-5,
                "DCL with NCL's positives");
        assertClose(
                ContrastRef.debiased(lSims, sclTargets, null, 0.1, 1, tau),
                dcl.get("scl"),
                1e-4,
                1e-5,
                "HCL with SupCon's positives");

        java.util.Map<String, Double> info = terms(
                fx,
                fx.options.toBuilder()
                        .set(UNLABELED_OBJECTIVE, ContrastiveStrategy.INFONCE)
                        .set(LABELED_OBJECTIVE, ContrastiveStrategy.INFONCE)
                        .build());
        assertClose(DoubleRef.softCrossEntropy(uLogits, viewOnlyU), info.get("ncl"), 1e-5, 2e-6, "InfoNCE over M_u");
        assertClose(DoubleRef.softCrossEntropy(lLogits, viewOnlyL), info.get("scl"), 1e-5, 2e-6, "InfoNCE over M_l");

        // SupCon with pseudo-positives: the view and the top-k, uniform
        java.util.Map<String, Double> supcon = terms(
                fx,
                fx.options.toBuilder()
                        .set(UNLABELED_OBJECTIVE, ContrastiveStrategy.SUPCON)
                        .build());
        double[][] uniform = new double[uLogits.length][uLogits[0].length];
        for (int i = 0; i < uniform.length; i++) {
            Integer[] order = DoubleRef.descending(uLogits[i]);
            java.util.Set<Integer> pos = new java.util.HashSet<>();
            pos.add(0);
            for (int k = 0; k < ObjectiveFixture.NCL_TOP_K; k++) {
                pos.add(order[k]);
            }
            for (int c : pos) {
                uniform[i][c] = 1.0 / pos.size();
            }
        }
        assertClose(DoubleRef.softCrossEntropy(uLogits, uniform), supcon.get("ncl"), 1e-5, 2e-6, "SupCon over M_u");

        // the remaining strategies run at the site and give finite, different values
        for (ContrastiveStrategy s :
                new ContrastiveStrategy[] {ContrastiveStrategy.SSCL, ContrastiveStrategy.MOCHI, ContrastiveStrategy.HNG
                }) {
            double v = terms(
                            fx,
                            fx.options.toBuilder()
                                    .set(UNLABELED_OBJECTIVE, s)
                                    .set(SSCL_HARDEST, 8)
                                    .set(SSCL_SYNTHETIC, 4)
                                    .set(MOCHI_HARDEST, 8)
                                    .set(MOCHI_SYNTHETIC, 6)
                                    .set(MOCHI_QUERY_MIXES, 2)
                                    .build())
                    .get("ncl");
            assertTrue(Double.isFinite(v) && Math.abs(v - defaults.get("ncl")) > 1e-4, s + ": " + v);
        }
    }

    @Test
    void hngStrategyEqualsNclWithHardNegativesOn() {
        ObjectiveFixture fx = new ObjectiveFixture(PseudoLabels.ADAPTIVE, 10, LABELS, 3, true, 0, 72);
        double withFlag = terms(fx, fx.options).get("ncl");
        double hng = terms(
                        fx,
                        fx.options.toBuilder()
                                .set(HARD_NEGATIVES, false)
                                .set(UNLABELED_OBJECTIVE, ContrastiveStrategy.HNG)
                                .build())
                .get("ncl");
        double without = terms(
                        fx, fx.options.toBuilder().set(HARD_NEGATIVES, false).build())
                .get("ncl");
        assertEquals(withFlag, hng, 0.0, "HNG = NCL with hardNegatives=true, bit for bit");
        assertTrue(Math.abs(withFlag - without) > 1e-4, "hard negatives change L_ncl");
        assertClose(
                fx.reference().get("ncl"), withFlag, 1e-5, 2e-6, "NCL + HNG against the fixture's double reference");
    }

    @Test
    void queueStrategiesAreRejectedElsewhere() {
        NclOptions o = NclOptions.builder(3).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ContrastiveObjectives.create(o, ContrastiveSite.UNLABELED, new SplittableRandom(1), null, null));
        assertTrue(e.getMessage().contains("queue"), e.getMessage());
        assertEquals(
                ContrastiveStrategy.INFONCE,
                ContrastiveObjectives.create(o, ContrastiveSite.PRETRAIN, new SplittableRandom(1), null, null)
                        .strategy());
        assertEquals(
                ContrastiveStrategy.SUPCON,
                ContrastiveObjectives.create(o, ContrastiveSite.LABELED, new SplittableRandom(1), null, null)
                        .strategy());
    }

    private static double[][] scale(double[][] m, double f) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= f;
            }
        }
        return out;
    }

    private static double[][] viewOnly(int rows, int cols) {
        double[][] t = new double[rows][cols];
        for (double[] r : t) {
            r[0] = 1;
        }
        return t;
    }
}
