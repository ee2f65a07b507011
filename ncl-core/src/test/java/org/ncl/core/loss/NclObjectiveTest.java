// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ncl.core.loss.DoubleRef.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.PseudoLabels;

/**
 * {@link NclLoss#compute} end to end: every reported term and the weighted total against the double
 * objective of {@link ObjectiveFixture}, then {@link NclLoss#enqueue}.
 */
class NclObjectiveTest {

    private static final double REL = 1e-5;
    private static final double ABS = 2e-6;

    private static NclLoss.Result compute(NDManager m, ObjectiveFixture fx, NclLoss loss) {
        int[] w = ObjectiveFixture.widths();
        float[][] in = fx.inputs();
        NDArray[] a = new NDArray[6];
        for (int i = 0; i < 6; i++) {
            a[i] = m.create(in[i], new Shape(fx.rows, w[i]));
        }
        return loss.compute(m, a[0], a[1], a[2], a[3], a[4], a[5], fx.labels, fx.epoch);
    }

    private static void checkTerms(ObjectiveFixture fx, List<String> expectedKeys) {
        Map<String, Double> expected = fx.reference();
        NclLoss loss = fx.newLoss();
        try (NDManager m = NDManager.newBaseManager()) {
            NclLoss.Result result = compute(m, fx, loss);
            assertEquals(expectedKeys, List.copyOf(result.terms().keySet()), "terms reported");
            Map<String, Double> values = result.termValues();
            for (String term : expectedKeys) {
                assertClose(expected.get(term), values.get(term), REL, ABS, term);
            }
            assertClose(expected.get("total"), result.total().getFloat(), REL, ABS, "weighted total");

            loss.enqueue(result);
            int bl = fx.labels.length;
            int bu = fx.rows - bl;
            int d = ObjectiveFixture.D;
            double[][] z1 = DoubleRef.normalizeRows(DoubleRef.matrix(fx.f1, fx.rows, d));
            float[] mu = loss.unlabeledQueue().data();
            for (int i = 0; i < bu; i++) {
                int slot = (20 + i) % ObjectiveFixture.KU; // 20 entries were written before: wraps after 4
                DoubleRef.assertAllClose(
                        z1[bl + i],
                        Arrays.copyOfRange(mu, slot * d, (slot + 1) * d),
                        0,
                        1e-6,
                        "M_u entry " + slot + " = z of unlabeled row " + i);
            }
            if (bl > 0) {
                float[] ml = loss.labeledQueue().data();
                for (int i = 0; i < bl; i++) {
                    int slot = 10 + i;
                    DoubleRef.assertAllClose(
                            z1[i], Arrays.copyOfRange(ml, slot * d, (slot + 1) * d), 0, 1e-6, "M_l entry " + slot);
                    assertEquals(fx.labels[i], loss.labeledQueue().labels()[slot], "label of M_l entry " + slot);
                }
            }
            assertEquals(20 + bu, loss.unlabeledQueue().added());
            assertEquals(10 + bl, loss.labeledQueue().added());
        }
    }

    @Test
    void unlabeledBatchWithReferenceWeightsGivesBceMseAndNclOfTheReference() {
        ObjectiveFixture fx = new ObjectiveFixture(PseudoLabels.COSINE, 8, new int[0], 4, false, 0, 61);
        checkTerms(fx, List.of("mse", "bce", "ncl"));
    }

    @Test
    void mixedBatchGivesAllTermsOfTheReferenceIncludingBalance() {
        ObjectiveFixture fx =
                new ObjectiveFixture(PseudoLabels.ADAPTIVE, 10, new int[] {0, 2, 1, 0}, 7, false, 0.6, 62);
        checkTerms(fx, List.of("ce", "scl", "mse", "bce", "balance", "ncl"));
    }

    @Test
    void hardNegativesExtendNclWithMaterialisedCandidatesOfTargetZero() {
        ObjectiveFixture fx = new ObjectiveFixture(PseudoLabels.ADAPTIVE, 10, new int[] {1, 2}, 3, true, 0, 63);
        checkTerms(fx, List.of("ce", "scl", "mse", "bce", "ncl"));
        ObjectiveFixture before = new ObjectiveFixture(PseudoLabels.ADAPTIVE, 10, new int[] {1, 2}, 0, true, 0, 63);
        checkTerms(before, List.of("ce", "scl", "mse", "bce", "ncl")); // epoch 0 < hngStartEpoch 1: no HNG
        double withHard = fx.reference().get("ncl");
        double without = before.reference().get("ncl");
        assertEquals(true, withHard > without + 1e-3, "hard negatives raise L_ncl: " + withHard + " vs " + without);
    }

    @Test
    void aSingleUnlabeledRowGivesOnlyTheLabeledTermsAndMse() {
        // bu = 1: no pairs, so no bce, balance or ncl even with a positive balance weight
        ObjectiveFixture fx = new ObjectiveFixture(PseudoLabels.COSINE, 5, new int[] {0, 1, 2, 0}, 2, false, 0.6, 64);
        try (NDManager m = NDManager.newBaseManager()) {
            NclLoss.Result result = compute(m, fx, fx.newLoss());
            assertEquals(List.of("ce", "scl", "mse"), List.copyOf(result.terms().keySet()));
            Map<String, Double> expected = fx.reference();
            for (String term : List.of("ce", "scl", "mse")) {
                assertClose(expected.get(term), result.termValues().get(term), REL, ABS, term);
            }
        }
    }
}
