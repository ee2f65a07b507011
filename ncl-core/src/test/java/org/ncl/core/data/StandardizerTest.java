// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Standardizer}: statistics checked against numbers computed by hand (population standard
 * deviation, i.e. divided by n), per feature for vectors and per channel for images, constant
 * features, and the shape checks of {@link Standardizer#apply}.
 */
class StandardizerTest {

    private static final float EPS = 1e-6f;

    /**
     * Four rows of three features, rows 1 and 3 unlabeled:
     * f0 = 1, 3, 5, 7 (mean 4, variance (9+1+1+9)/4 = 5);
     * f1 = 10 everywhere (constant);
     * f2 = 0, 0, 0, 8 (mean 2, variance (4+4+4+36)/4 = 12).
     */
    private static DiscoveryData vectors() {
        return DiscoveryData.builder(3)
                .features(new float[] {
                    1, 10, 0,
                    3, 10, 0,
                    5, 10, 0,
                    7, 10, 8
                })
                .knownLabels(new int[] {0, DiscoveryData.UNLABELED, 1, DiscoveryData.UNLABELED}, List.of("a", "b"))
                .build();
    }

    @Test
    void fitsMeanAndPopulationStdPerFeature() {
        Standardizer s = Standardizer.fit(vectors());
        assertArrayEquals(new int[] {3}, s.shape());
        assertArrayEquals(new float[] {4f, 10f, 2f}, s.mean(), EPS);
        assertArrayEquals(new float[] {(float) Math.sqrt(5), 1f, (float) Math.sqrt(12)}, s.std(), EPS);
    }

    @Test
    void constantFeatureGetsStdOneAndPassesCentred() {
        Standardizer s = Standardizer.fit(vectors());
        assertEquals(1f, s.std()[1]);
        float[] out = s.apply(new float[] {7, 10, 8, 4, 13, 2});
        assertArrayEquals(new float[] {3 / (float) Math.sqrt(5), 0f, 6 / (float) Math.sqrt(12), 0f, 3f, 0f}, out, EPS);
    }

    @Test
    void standardisedTrainingRowsHaveMeanZeroAndStdOne() {
        DiscoveryData d = vectors();
        Standardizer s = Standardizer.fit(d);
        float[] z = s.apply(d.features());
        for (int j : new int[] {0, 2}) {
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < d.numRows(); r++) {
                sum += z[r * 3 + j];
                sq += z[r * 3 + j] * z[r * 3 + j];
            }
            assertEquals(0, sum / d.numRows(), 1e-6, "mean of feature " + j);
            assertEquals(1, sq / d.numRows(), 1e-6, "variance of feature " + j);
        }
    }

    /**
     * Two rows of 2 channels &times; 1 &times; 2 pixels: channel 0 holds 1, 3 | 5, 7 (mean 4, variance 5),
     * channel 1 holds 10, 10 | 10, 30 (mean 15, variance (3·25 + 225)/4 = 75).
     */
    @Test
    void fitsMeanAndStdPerChannelForImages() {
        DiscoveryData d = DiscoveryData.builder(2, 1, 2)
                .features(new float[] {
                    1, 3, 10, 10,
                    5, 7, 10, 30
                })
                .knownLabels(new int[] {0, DiscoveryData.UNLABELED}, List.of("a"))
                .build();
        Standardizer s = Standardizer.fit(d);
        assertArrayEquals(new int[] {2, 1, 2}, s.shape());
        assertArrayEquals(new float[] {4f, 15f}, s.mean(), EPS);
        assertArrayEquals(new float[] {(float) Math.sqrt(5), (float) Math.sqrt(75)}, s.std(), EPS);
        float[] out = s.apply(new float[] {4, 4 + (float) Math.sqrt(5), 15, 15 - 2 * (float) Math.sqrt(75)});
        assertArrayEquals(new float[] {0f, 1f, 0f, -2f}, out, EPS);
    }

    @Test
    void constantChannelGetsStdOne() {
        DiscoveryData d = DiscoveryData.builder(1, 2, 2)
                .features(new float[] {3, 3, 3, 3, 3, 3, 3, 3})
                .knownLabels(new int[] {0, DiscoveryData.UNLABELED}, List.of("a"))
                .build();
        Standardizer s = Standardizer.fit(d);
        assertArrayEquals(new float[] {3f}, s.mean(), EPS);
        assertArrayEquals(new float[] {1f}, s.std());
        assertArrayEquals(new float[] {-3f, 0f, 1f, 2f}, s.apply(new float[] {0, 3, 4, 5}), EPS);
    }

    @Test
    void largeOffsetsKeepTheirSpread() {
        // 1000.25, 1001.25, 1002.25, 1003.25: mean 1001.75, variance 1.25
        DiscoveryData d = DiscoveryData.builder(1)
                .features(new float[] {1000.25f, 1001.25f, 1002.25f, 1003.25f})
                .knownLabels(new int[] {0, 1, -1, -1}, List.of("a", "b"))
                .build();
        Standardizer s = Standardizer.fit(d);
        assertEquals(1001.75f, s.mean()[0], 1e-4f);
        assertEquals((float) Math.sqrt(1.25), s.std()[0], 1e-6f);
    }

    @Test
    void applyRejectsInputThatIsNotWholeRows() {
        Standardizer s = Standardizer.fit(vectors());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.apply(new float[7]));
        assertTrue(e.getMessage().contains("7"), e.getMessage());
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());

        Standardizer image = new Standardizer(new int[] {2, 1, 2}, new float[] {0, 0}, new float[] {1, 1});
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> image.apply(new float[6]));
        assertTrue(e2.getMessage().contains("[2, 1, 2]"), e2.getMessage());
        assertEquals(8, image.apply(new float[8]).length);
    }

    @Test
    void applyLeavesItsInputAloneAndAccessorsReturnCopies() {
        Standardizer s = Standardizer.fit(vectors());
        float[] in = {7, 10, 8};
        s.apply(in);
        assertArrayEquals(new float[] {7, 10, 8}, in);
        s.mean()[0] = 100;
        s.std()[0] = 100;
        s.shape()[0] = 100;
        assertArrayEquals(new float[] {4f, 10f, 2f}, s.mean(), EPS);
        assertEquals((float) Math.sqrt(5), s.std()[0], EPS);
        assertArrayEquals(new int[] {3}, s.shape());
    }

    @Test
    void constructorChecksTheStatistics() {
        IllegalArgumentException count = assertThrows(
                IllegalArgumentException.class,
                () -> new Standardizer(new int[] {3}, new float[2], new float[] {1, 1, 1}));
        assertTrue(count.getMessage().contains("expected 3"), count.getMessage());
        IllegalArgumentException channels = assertThrows(
                IllegalArgumentException.class,
                () -> new Standardizer(new int[] {3, 4, 4}, new float[3], new float[] {1, 1}));
        assertTrue(channels.getMessage().contains("expected 3"), channels.getMessage());
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class,
                () -> new Standardizer(new int[] {2}, new float[2], new float[] {1, 0}));
        assertTrue(zero.getMessage().contains("group 1"), zero.getMessage());
        IllegalArgumentException negative = assertThrows(
                IllegalArgumentException.class,
                () -> new Standardizer(new int[] {2}, new float[2], new float[] {-1, 1}));
        assertTrue(negative.getMessage().contains("group 0"), negative.getMessage());
        IllegalArgumentException nan = assertThrows(
                IllegalArgumentException.class,
                () -> new Standardizer(new int[] {2}, new float[] {0, Float.NaN}, new float[] {1, 1}));
        assertTrue(nan.getMessage().contains("group 1"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(
                IllegalArgumentException.class,
                () -> new Standardizer(new int[] {2}, new float[2], new float[] {Float.POSITIVE_INFINITY, 1}));
        assertTrue(inf.getMessage().contains("group 0"), inf.getMessage());
    }
}
