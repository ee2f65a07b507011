// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryDataTest {

    private static final int U = DiscoveryData.UNLABELED;

    /** 4 rows of 3 features: row i = (i, i + 0.5, -i). */
    private static float[] values() {
        float[] f = new float[12];
        for (int i = 0; i < 4; i++) {
            f[3 * i] = i;
            f[3 * i + 1] = i + 0.5f;
            f[3 * i + 2] = -i;
        }
        return f;
    }

    private static DiscoveryData.Builder builder(float[] f) {
        return DiscoveryData.builder(3)
                .features(f)
                .knownLabels(new int[] {0, U, 1, U}, List.of("k0", "k1"))
                .featureNames(List.of("a", "b", "c"))
                .groundTruth(new int[] {0, 2, 1, 3}, List.of("k0", "k1", "n2", "n3"));
    }

    private static String error(DiscoveryData.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void buildsAndCopies() {
        float[] f = values();
        DiscoveryData d = builder(f).build();
        f[0] = 99f;
        assertEquals(0f, d.value(0, 0), 0f, "the input array is copied");
        d.features()[0] = 99f;
        assertEquals(0f, d.value(0, 0), 0f, "features() is a copy");
        assertEquals(4, d.numRows());
        assertEquals(3, d.numFeatures());
        assertFalse(d.isImage());
        assertArrayEquals(new float[] {2f, 2.5f, -2f}, d.row(2));
        assertArrayEquals(new int[] {0, 2}, d.labeledRows());
        assertArrayEquals(new int[] {1, 3}, d.unlabeledRows());
        assertEquals(2, d.numKnownClasses());
        assertEquals(List.of("a", "b", "c"), d.featureNames());
        assertEquals(
                List.of("f0", "f1", "f2"),
                DiscoveryData.builder(3)
                        .features(values())
                        .knownLabels(new int[4], List.of("x"))
                        .build()
                        .featureNames());
    }

    @Test
    void nonFiniteValuesNameRowAndFeature() {
        float[] f = values();
        f[3 * 1 + 2] = Float.NaN;
        String m = error(builder(f));
        assertTrue(m.contains("row 1") && m.contains("feature 2 (c)") && m.contains("NaN"), m);
        f = values();
        f[3 * 3] = Float.POSITIVE_INFINITY;
        m = error(builder(f));
        assertTrue(m.contains("row 3") && m.contains("feature 0 (a)") && m.contains("Infinity"), m);
        f = values();
        f[4] = Float.NEGATIVE_INFINITY;
        m = error(DiscoveryData.builder(3).features(f).knownLabels(new int[4], List.of("x")));
        assertTrue(m.contains("row 1") && m.contains("feature 1") && m.contains("-Infinity"), m);
    }

    @Test
    void labelsOutOfRangeNameTheRow() {
        String m = error(builder(values()).knownLabels(new int[] {0, U, 2, U}, List.of("k0", "k1")));
        assertTrue(m.contains("row 2 has known label 2") && m.contains("0..1"), m);
        m = error(builder(values()).knownLabels(new int[] {0, -2, 1, U}, List.of("k0", "k1")));
        assertTrue(m.contains("row 1 has known label -2"), m);
        m = error(builder(values()).groundTruth(new int[] {0, 1, 4, 0}, List.of("a", "b", "c", "d")));
        assertTrue(m.contains("row 2 has ground-truth class 4") && m.contains("0..3"), m);
        m = error(builder(values()).knownLabels(new int[] {0, U, 1, U}, List.of("k", "k")));
        assertTrue(m.contains("not unique"), m);
    }

    @Test
    void lengthMismatches() {
        String m = error(builder(new float[11]));
        assertTrue(m.contains("length 11") && m.contains("[3]"), m);
        m = error(builder(values()).knownLabels(new int[] {0, U, 1}, List.of("k0", "k1")));
        assertTrue(m.contains("3 entries") && m.contains("4 rows"), m);
        m = error(builder(values()).groundTruth(new int[] {0, 1}, List.of("a", "b")));
        assertTrue(m.contains("ground-truth array has 2 entries") && m.contains("4 rows"), m);
        m = error(builder(values()).featureNames(List.of("a", "b")));
        assertTrue(m.contains("2 feature names for 3 features"), m);
        m = error(DiscoveryData.builder(3).features(new float[0]).knownLabels(new int[0], List.of()));
        assertTrue(m.contains("empty"), m);
        m = error(DiscoveryData.builder(2, 3).features(new float[6]).knownLabels(new int[1], List.of()));
        assertTrue(m.contains("[features] or [channels, height, width]"), m);
        m = error(DiscoveryData.builder(1, 0, 3).features(new float[6]).knownLabels(new int[1], List.of()));
        assertTrue(m.contains("non-positive dimension at position 1"), m);
        m = error(DiscoveryData.builder(3).knownLabels(new int[1], List.of()));
        assertTrue(m.contains("no features"), m);
        m = error(DiscoveryData.builder(3).features(new float[3]));
        assertTrue(m.contains("no known labels"), m);
    }

    @Test
    void subsetKeepsRowsInOrderWithGroundTruth() {
        DiscoveryData d = builder(values()).build();
        DiscoveryData s = d.subset(new int[] {3, 0, 3});
        assertEquals(3, s.numRows());
        assertArrayEquals(new float[] {3f, 3.5f, -3f, 0f, 0.5f, 0f, 3f, 3.5f, -3f}, s.features());
        assertArrayEquals(new int[] {U, 0, U}, s.knownLabels());
        assertArrayEquals(new int[] {3, 0, 3}, s.groundTruth());
        assertEquals(d.knownClassNames(), s.knownClassNames());
        assertEquals(d.groundTruthNames(), s.groundTruthNames());
        assertEquals(d.featureNames(), s.featureNames());
        assertEquals(d.sha256(), d.subset(new int[] {0, 1, 2, 3}).sha256());
    }

    @Test
    void withoutGroundTruthDropsOnlyTheTruth() {
        DiscoveryData d = builder(values()).build();
        DiscoveryData w = d.withoutGroundTruth();
        assertTrue(d.hasGroundTruth());
        assertFalse(w.hasGroundTruth());
        assertEquals(null, w.groundTruth());
        assertEquals(List.of(), w.groundTruthNames());
        assertArrayEquals(d.features(), w.features());
        assertArrayEquals(d.knownLabels(), w.knownLabels());
        assertEquals(d.sha256(), w.sha256(), "the digest does not cover ground truth");
    }

    @Test
    void sha256IsStableAndSensitive() {
        String h = builder(values()).build().sha256();
        assertEquals(64, h.length());
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        assertEquals(h, builder(values()).build().sha256(), "same content, same digest");

        float[] f = values();
        f[7] = Math.nextUp(f[7]);
        assertNotEquals(h, builder(f).build().sha256(), "one value changed by one ulp");
        assertNotEquals(
                h,
                builder(values())
                        .knownLabels(new int[] {0, U, U, U}, List.of("k0", "k1"))
                        .build()
                        .sha256(),
                "one label changed");
        assertNotEquals(
                h,
                DiscoveryData.builder(1, 1, 3)
                        .features(values())
                        .knownLabels(new int[] {0, U, 1, U}, List.of("k0", "k1"))
                        .build()
                        .sha256(),
                "another shape");
        assertEquals(
                h,
                builder(values())
                        .groundTruth(new int[] {1, 1, 1, 1}, List.of("a", "b"))
                        .build()
                        .sha256(),
                "ground truth is not part of the digest");

        // more values than the digest's internal buffer (1024 values) also hash stably and sensitively
        float[] big = new float[3 * 1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.001f;
        }
        String hb = DiscoveryData.builder(3)
                .features(big)
                .knownLabels(new int[1000], List.of("x"))
                .build()
                .sha256();
        assertEquals(
                hb,
                DiscoveryData.builder(3)
                        .features(big.clone())
                        .knownLabels(new int[1000], List.of("x"))
                        .build()
                        .sha256());
        big[big.length - 1] += 1f;
        assertNotEquals(
                hb,
                DiscoveryData.builder(3)
                        .features(big)
                        .knownLabels(new int[1000], List.of("x"))
                        .build()
                        .sha256());
    }
}
