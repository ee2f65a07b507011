// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.tensor;

import java.util.Arrays;

/**
 * Orders of values by rank, with ties broken by the lower index, using primitive sorts (a value and
 * its index packed into one sortable {@code long}). Used on the detached values from which NCL's
 * targets are built.
 */
public final class Ranking {

    private Ranking() {}

    /** Indices {@code 0..len-1} of {@code values[offset..offset+len)} from the largest value to the smallest. */
    public static int[] descending(float[] values, int offset, int len) {
        return order(values, offset, len, true);
    }

    /** Indices from the smallest value to the largest. */
    public static int[] ascending(float[] values, int offset, int len) {
        return order(values, offset, len, false);
    }

    private static int[] order(float[] values, int offset, int len, boolean descending) {
        long[] keys = new long[len];
        for (int i = 0; i < len; i++) {
            float v = values[offset + i];
            int bits = Float.floatToIntBits(descending ? -v : v);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[i] = ((long) sortable << 32) | (i & 0xffffffffL);
        }
        Arrays.sort(keys);
        int[] out = new int[len];
        for (int i = 0; i < len; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }
}
