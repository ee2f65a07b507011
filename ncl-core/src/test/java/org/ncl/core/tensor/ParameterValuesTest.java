// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.ncl.core.Djl;

class ParameterValuesTest {

    @Test
    void setsEveryValueOfAParameterInPlaceAndKeepsItsGradient() {
        try (NDManager m = NDManager.newBaseManager(Djl.device(org.ncl.core.options.DeviceChoice.CPU), "PyTorch")) {
            NDArray p = m.zeros(new Shape(2, 3));
            p.setRequiresGradient(true);
            ParameterValues.set(p, new float[] {1, 2, 3, 4, 5, 6});
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, p.toFloatArray());
            assertEquals(new Shape(2, 3), p.getShape());
            assertTrue(p.hasGradient());
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                gc.backward(p.mul(p).sum());
            }
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, p.getGradient().toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> ParameterValues.set(p, new float[5]));
        }
    }
}
