// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Ranking}: orders with ties broken by the lower index, the order of {@link Float#compare}. */
class RankingTest {

    private static int[] reference(float[] values, int offset, int len, boolean descending) {
        Integer[] idx = new Integer[len];
        for (int i = 0; i < len; i++) {
            idx[i] = i;
        }
        Comparator<Integer> byValue = (a, b) -> Float.compare(values[offset + a], values[offset + b]);
        Arrays.sort(idx, descending ? byValue.reversed() : byValue); // stable: ties keep the lower index first
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void smallCaseWithTiesNegativesAndSignedZeros() {
        float[] v = {0f, -1f, 2.5f, -0.0f, -1f, 2.5f, 0f, Float.NEGATIVE_INFINITY, -3e-42f, Float.MAX_VALUE};
        assertArrayEquals(new int[] {7, 1, 4, 8, 3, 0, 6, 2, 5, 9}, Ranking.ascending(v, 0, v.length));
        assertArrayEquals(new int[] {9, 2, 5, 0, 6, 3, 8, 1, 4, 7}, Ranking.descending(v, 0, v.length));
    }

    @Test
    void windowIndicesAreRelativeToTheOffset() {
        float[] v = {100f, 3f, 1f, 2f, 1f, -100f};
        assertArrayEquals(new int[] {1, 3, 2, 0}, Ranking.ascending(v, 1, 4));
        assertArrayEquals(new int[] {0, 2, 1, 3}, Ranking.descending(v, 1, 4));
        assertArrayEquals(new int[0], Ranking.descending(v, 3, 0));
    }

    @Test
    void randomValuesWithManyTiesMatchAStableSort() {
        Random r = new Random(41);
        float[] pool = {-2.5f, -1f, -0.0f, 0f, 1e-30f, 0.5f, 3f, Float.POSITIVE_INFINITY, Float.MIN_VALUE};
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(4) == 0 ? (float) r.nextGaussian() : pool[r.nextInt(pool.length)];
        }
        for (int[] window : new int[][] {{0, 1000}, {17, 500}, {999, 1}}) {
            assertArrayEquals(reference(v, window[0], window[1], false), Ranking.ascending(v, window[0], window[1]));
            assertArrayEquals(reference(v, window[0], window[1], true), Ranking.descending(v, window[0], window[1]));
        }
    }
}
