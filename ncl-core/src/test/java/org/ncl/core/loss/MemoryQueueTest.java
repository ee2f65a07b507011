// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.MemoryQueue;

/** {@link MemoryQueue}: NCL's FIFO memories M_u and M_l (Zhong et al., CVPR 2021, section 3.2). */
class MemoryQueueTest {

    private static float[] rows(float... v) {
        return v;
    }

    private static float[] entry(MemoryQueue q, int i) {
        return Arrays.copyOfRange(q.data(), i * q.dim(), (i + 1) * q.dim());
    }

    @Test
    void entriesAreOverwrittenOldestFirstAndWrapAround() {
        MemoryQueue q = new MemoryQueue(4, 2, new SplittableRandom(1));
        float[] initial3 = entry(q, 3);
        q.add(rows(1, 1, 2, 2, 3, 3), new int[] {7, 8, 9}, 3);
        assertArrayEquals(new float[] {1, 1}, entry(q, 0));
        assertArrayEquals(new float[] {3, 3}, entry(q, 2));
        assertArrayEquals(initial3, entry(q, 3), "entry 3 is still the initial value");
        assertArrayEquals(new int[] {7, 8, 9, -1}, q.labels());
        assertEquals(3, q.added());

        q.add(rows(4, 4, 5, 5, 6, 6), null, 3); // entries 3, 0, 1: wrap-around
        assertArrayEquals(new float[] {5, 5, 6, 6, 3, 3, 4, 4}, q.data());
        assertArrayEquals(new int[] {-1, -1, 9, -1}, q.labels(), "unlabeled writes clear labels");
        assertEquals(6, q.added());

        q.add(rows(10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15), new int[] {0, 1, 2, 3, 4, 5}, 6);
        // six rows from position 2: 2, 3, 0, 1, 2, 3 → the last writer wins
        assertArrayEquals(new float[] {12, 12, 13, 13, 14, 14, 15, 15}, q.data());
        assertArrayEquals(new int[] {2, 3, 4, 5}, q.labels());
        assertEquals(12, q.added());
        assertEquals(4, q.size());
        assertEquals(2, q.dim());
    }

    @Test
    void squaredNormsAreRowSumsOfSquares() {
        MemoryQueue q = new MemoryQueue(5, 3, new SplittableRandom(2));
        q.add(rows(1, 2, 2, 0, -3, 4), null, 2);
        float[] norms = q.squaredNorms();
        assertEquals(9f, norms[0]);
        assertEquals(25f, norms[1]);
        for (int i = 2; i < 5; i++) {
            double expected = 0;
            for (float v : entry(q, i)) {
                expected += (double) v * v;
            }
            assertEquals(expected, norms[i], 1e-6, "entry " + i);
        }
    }

    @Test
    void initialisationIsUniformInPlusMinusOneOverSqrtDOverThree() {
        int size = 2000;
        int dim = 12;
        MemoryQueue q = new MemoryQueue(size, dim, new SplittableRandom(3));
        double stdv = 1 / Math.sqrt(dim / 3.0);
        double sum = 0;
        double sumSq = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : q.data()) {
            assertTrue(v >= -stdv && v <= stdv, "value " + v + " outside ±" + stdv);
            sum += v;
            sumSq += (double) v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int count = size * dim;
        assertEquals(0, sum / count, 0.02 * stdv, "mean");
        assertEquals(stdv * stdv / 3, sumSq / count, 0.03 * stdv * stdv / 3, "variance of U(-s, s) is s²/3");
        assertTrue(min < -0.999 * stdv && max > 0.999 * stdv, "the whole range is used: " + min + " .. " + max);
        double meanSquaredNorm = 0;
        for (float n : q.squaredNorms()) {
            meanSquaredNorm += n;
        }
        assertEquals(1.0, meanSquaredNorm / size, 0.02, "entries have unit norm on average (D·s²/3 = 1)");
        int[] noLabels = new int[size];
        Arrays.fill(noLabels, -1);
        assertArrayEquals(noLabels, q.labels());
        assertEquals(0, q.added());
        assertArrayEquals(q.data(), new MemoryQueue(size, dim, new SplittableRandom(3)).data(), "seeded");
    }

    @Test
    void wrongLengthIsRejectedWithShapeInMessage() {
        MemoryQueue q = new MemoryQueue(4, 3, new SplittableRandom(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.add(new float[5], null, 2));
        assertTrue(e.getMessage().contains("2 x 3") && e.getMessage().contains("5"), e.getMessage());
        assertEquals(0, q.added(), "nothing written");
    }
}
