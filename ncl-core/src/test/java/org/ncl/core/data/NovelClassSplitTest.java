// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NovelClassSplitTest {

    private static final List<String> NAMES = List.of("c0", "c1", "c2");
    private static final int[] LABELS = {0, 1, 2, 2, 1, 0, 2, 1};

    /** Row i has values (i, -i). */
    private static float[] features(int rows) {
        float[] f = new float[rows * 2];
        for (int i = 0; i < rows; i++) {
            f[2 * i] = i;
            f[2 * i + 1] = -i;
        }
        return f;
    }

    @Test
    void knownLabelIsPositionInKnownList() {
        DiscoveryData d = NovelClassSplit.split(features(8), new int[] {2}, LABELS, NAMES, new int[] {2, 0});
        assertEquals(8, d.numRows());
        assertArrayEquals(new int[] {2}, d.sampleShape());
        assertEquals(List.of("c2", "c0"), d.knownClassNames());
        int u = DiscoveryData.UNLABELED;
        assertArrayEquals(new int[] {1, u, 0, 0, u, 1, 0, u}, d.knownLabels());
        assertArrayEquals(LABELS, d.groundTruth());
        assertEquals(NAMES, d.groundTruthNames());
        assertArrayEquals(features(8), d.features());
        assertArrayEquals(new int[] {1, 4, 7}, d.unlabeledRows());
    }

    @Test
    void imageShapeIsKept() {
        DiscoveryData d = NovelClassSplit.split(
                new float[4 * 2], new int[] {1, 1, 2}, new int[] {0, 1, 1, 0}, List.of("a", "b"), new int[] {1});
        assertTrue(d.isImage());
        assertArrayEquals(new int[] {1, 1, 2}, d.sampleShape());
        assertArrayEquals(new int[] {-1, 0, 0, -1}, d.knownLabels());
    }

    /** 3 classes of 20 rows each, class = row % 3. */
    private static int[] sixtyLabels() {
        int[] labels = new int[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        return labels;
    }

    @Test
    void labelledFractionKeepsSeededSubsetOfEachKnownClass() {
        int[] labels = sixtyLabels();
        DiscoveryData a = NovelClassSplit.split(features(60), new int[] {2}, labels, NAMES, new int[] {0, 1}, 0.25, 7L);
        int[] perClass = new int[2];
        for (int i = 0; i < 60; i++) {
            int k = a.knownLabel(i);
            if (k != DiscoveryData.UNLABELED) {
                perClass[k]++;
                assertEquals(k, labels[i], "a labelled row keeps its class (known ids 0, 1 map to 0, 1)");
            }
            if (labels[i] == 2) {
                assertEquals(DiscoveryData.UNLABELED, k, "novel rows are never labelled");
            }
        }
        assertArrayEquals(new int[] {5, 5}, perClass, "round(0.25 * 20) = 5 rows per known class");
        assertArrayEquals(labels, a.groundTruth());

        DiscoveryData again =
                NovelClassSplit.split(features(60), new int[] {2}, labels, NAMES, new int[] {0, 1}, 0.25, 7L);
        assertArrayEquals(a.knownLabels(), again.knownLabels(), "same seed, same split");
        DiscoveryData other =
                NovelClassSplit.split(features(60), new int[] {2}, labels, NAMES, new int[] {0, 1}, 0.25, 8L);
        assertFalse(Arrays.equals(a.knownLabels(), other.knownLabels()), "another seed picks other rows");
    }

    @Test
    void tinyFractionStillLabelsOneRowPerKnownClass() {
        DiscoveryData d =
                NovelClassSplit.split(features(60), new int[] {2}, sixtyLabels(), NAMES, new int[] {1}, 0.001, 1L);
        assertEquals(1, d.labeledRows().length);
        assertEquals(1, sixtyLabels()[d.labeledRows()[0]]);
    }

    @Test
    void fullFractionEqualsDefault() {
        DiscoveryData a = NovelClassSplit.split(features(8), new int[] {2}, LABELS, NAMES, new int[] {0});
        DiscoveryData b = NovelClassSplit.split(features(8), new int[] {2}, LABELS, NAMES, new int[] {0}, 1.0, 99L);
        assertArrayEquals(a.knownLabels(), b.knownLabels());
    }

    @Test
    void splitsDataWithGroundTruth() {
        DiscoveryData full = DiscoveryData.builder(2)
                .features(features(8))
                .knownLabels(new int[8], List.of("only"))
                .featureNames(List.of("x", "y"))
                .groundTruth(LABELS, NAMES)
                .build();
        DiscoveryData d = NovelClassSplit.split(full, new int[] {1}, 1.0, 0L);
        assertEquals(List.of("x", "y"), d.featureNames());
        assertEquals(List.of("c1"), d.knownClassNames());
        assertArrayEquals(new int[] {1, 4, 7}, d.labeledRows());
        assertArrayEquals(LABELS, d.groundTruth());

        DiscoveryData noTruth = full.withoutGroundTruth();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> NovelClassSplit.split(noTruth, new int[] {1}, 1.0, 0L));
        assertTrue(e.getMessage().contains("no ground truth"), e.getMessage());
    }

    private static String error(int[] labels, List<String> names, int[] known, double fraction) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> NovelClassSplit.split(
                                features(labels.length), new int[] {2}, labels, names, known, fraction, 0L))
                .getMessage();
    }

    @Test
    void rejectsBadKnownSets() {
        String m = error(LABELS, NAMES, new int[] {0, 3}, 1);
        assertTrue(m.contains("known class id 3") && m.contains("0..2"), m);
        m = error(LABELS, NAMES, new int[] {-1}, 1);
        assertTrue(m.contains("known class id -1") && m.contains("out of range"), m);
        m = error(LABELS, NAMES, new int[0], 1);
        assertTrue(m.contains("empty"), m);
        m = error(LABELS, NAMES, new int[] {2, 0, 1}, 1);
        assertTrue(m.contains("all 3 classes are known"), m);
        m = error(LABELS, NAMES, new int[] {1, 1}, 1);
        assertTrue(m.contains("listed twice"), m);
        m = error(new int[] {0, 0, 2, 2}, NAMES, new int[] {1}, 1);
        assertTrue(m.contains("known class 1 (c1) has no rows"), m);
    }

    @Test
    void rejectsBadLabelsNamesAndFractions() {
        String m = error(new int[] {0, 1, 3}, NAMES, new int[] {0}, 1);
        assertTrue(m.contains("row 2 has label 3") && m.contains("0..2"), m);
        m = error(new int[] {0, -1, 1}, NAMES, new int[] {0}, 1);
        assertTrue(m.contains("row 1 has label -1"), m);
        m = error(LABELS, List.of("a", "b", "a"), new int[] {0}, 1);
        assertTrue(m.contains("not unique"), m);
        for (double f : new double[] {0, -0.5, 1.5, Double.NaN}) {
            m = error(LABELS, NAMES, new int[] {0}, f);
            assertTrue(m.contains("labelled fraction") && m.contains("(0, 1]"), m);
        }
        // features and labels that do not fit together are caught by DiscoveryData
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> NovelClassSplit.split(features(7), new int[] {2}, LABELS, NAMES, new int[] {0}));
        assertTrue(e.getMessage().contains("8 entries") && e.getMessage().contains("7 rows"), e.getMessage());
    }
}
