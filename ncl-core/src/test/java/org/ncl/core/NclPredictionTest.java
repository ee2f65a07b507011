// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.nn.Inference;

/** The decision from both heads' logits, against values worked out by hand. */
class NclPredictionTest {

    private static final List<String> KNOWN = List.of("a", "b");

    /** Two rows, 2 known and 2 novel outputs. */
    private static Inference.Outputs outputs() {
        float[] known = {1f, 2f, 3f, 0f};
        float[] novel = {2.5f, 0f, -1f, 1f};
        return new Inference.Outputs(2, 0, 2, 2, new float[0], known, novel);
    }

    @Test
    void theOffsetMovesRowsBetweenTheHeadsAndTiesGoToTheFirstOutput() {
        // row 0: known [1, 2], novel [2.5, 0] + offset
        List<NclPrediction> plain = NclPrediction.fromOutputs(outputs(), 0f, KNOWN);
        assertEquals("novel-0", plain.get(0).label());
        assertTrue(plain.get(0).novel());
        assertEquals(2, plain.get(0).index());
        assertEquals("a", plain.get(1).label()); // row 1: known [3, 0], novel [-1, 1]

        List<NclPrediction> tie = NclPrediction.fromOutputs(outputs(), -0.5f, KNOWN);
        assertEquals("b", tie.get(0).label()); // 2.5 - 0.5 = 2 ties known "b": the known output comes first
        assertFalse(tie.get(0).novel());
        assertEquals(1, tie.get(0).knownClass());
        assertEquals(0, tie.get(0).novelCluster()); // the novel head's own answer does not depend on the offset

        List<NclPrediction> pushed = NclPrediction.fromOutputs(outputs(), 2.5f, KNOWN);
        assertEquals("novel-1", pushed.get(1).label()); // 1 + 2.5 > 3
        assertEquals(1, pushed.get(1).novelCluster());
    }

    @Test
    void probabilitiesAreTheSoftmaxOfTheShiftedLogits() {
        NclPrediction p = NclPrediction.fromOutputs(outputs(), -0.5f, KNOWN).get(0);
        double[] z = {1, 2, 2, -0.5};
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v);
        }
        float[] expected = new float[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = (float) (Math.exp(z[i]) / sum);
        }
        assertArrayEquals(expected, p.probabilities(), 1e-7f);
        assertEquals(expected[1], p.confidence(), 1e-7f);
        double e0 = Math.exp(2.5);
        double e1 = Math.exp(0);
        assertArrayEquals(
                new float[] {(float) (e0 / (e0 + e1)), (float) (e1 / (e0 + e1))}, p.novelProbabilities(), 1e-7f);
    }

    @Test
    void namesMustMatchTheKnownHead() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> NclPrediction.fromOutputs(outputs(), 0f, List.of("a")));
        assertEquals("1 known class names for a known head of 2 outputs", e.getMessage());
    }
}
