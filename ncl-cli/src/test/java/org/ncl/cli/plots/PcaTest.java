// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void pointsOnALineProjectOntoTheFirstComponent() {
        // (t, 2t, 0) for t = -2..2: one direction, unit vector (1, 2, 0)/sqrt(5); coordinate t * sqrt(5)
        float[] rows = new float[15];
        for (int i = 0; i < 5; i++) {
            rows[3 * i] = i - 2;
            rows[3 * i + 1] = 2 * (i - 2);
        }
        Pca p = Pca.project(rows, 3, 2);
        assertEquals(5, p.rows());
        assertEquals(1.0, p.explainedVariance()[0], 1e-9);
        assertEquals(0.0, p.explainedVariance()[1], 1e-9);
        for (int i = 0; i < 5; i++) {
            assertEquals((i - 2) * Math.sqrt(5), p.coordinate(i, 0), 1e-5, "row " + i);
            assertEquals(0.0, p.coordinate(i, 1), 1e-5, "row " + i);
        }
    }

    @Test
    void componentsAreOrderedByVarianceWithAFixedSign() {
        // variance 4 along y, 1 along x: PC1 is y, its largest loading positive
        float[] rows = {-1, 0, 1, 0, 0, -2, 0, 2};
        Pca p = Pca.project(rows, 2, 2);
        assertEquals(0.8, p.explainedVariance()[0], 1e-9);
        assertEquals(0.2, p.explainedVariance()[1], 1e-9);
        assertEquals(-2.0, p.coordinate(2, 0), 1e-6);
        assertEquals(2.0, p.coordinate(3, 0), 1e-6);
        assertEquals(-1.0, p.coordinate(0, 1), 1e-6);
    }

    @Test
    void badSizesAreErrors() {
        assertEquals(
                "7 values are not whole rows of 3",
                assertThrows(IllegalArgumentException.class, () -> Pca.project(new float[7], 3, 2))
                        .getMessage());
        assertEquals(
                "components must be in 1..3, got 4",
                assertThrows(IllegalArgumentException.class, () -> Pca.project(new float[6], 3, 4))
                        .getMessage());
    }
}
