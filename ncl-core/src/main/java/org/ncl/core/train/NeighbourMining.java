// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Nearest-neighbour mining for neighbour positives ({@code NclOptions.neighbourPositives}): for every row,
 * the {@code k} rows of its own group with the highest cosine similarity, itself excluded. Groups keep
 * the mining honest: an unlabeled row's neighbours are unlabeled rows, a labeled row's neighbours are rows
 * of its own known class. SCAN mines its neighbours the same way, once, before training (Van Gansbeke,
 * Vandenhende, Georgoulis, Proesmans, Van Gool, "SCAN: Learning to Classify Images without Labels", ECCV
 * 2020); using one as the second view is NNCLR's positive (Dwibedi et al., ICCV 2021).
 *
 * <p>A group of more than {@link #MAX_CANDIDATES} rows is searched in a random sample of that many of its rows.
 * Batched: similarities of a block of rows against the whole group are one matrix product and the
 * neighbours one top-k, each block in its own sub-manager so native memory stays flat.
 */
public final class NeighbourMining {

    private static final int BLOCK = 512;

    /**
     * The most candidates a row's neighbours are searched among, per group: a larger group is searched in a
     * random sample of this size, so that the cost stays n × 50,000 × d instead of n² × d.
     */
    public static final int MAX_CANDIDATES = 50_000;

    private NeighbourMining() {}

    /**
     * The neighbours of every row: {@code result[i]} holds up to {@code k} row indices (fewer when the group
     * of row i has at most k rows; the row itself when it is alone in its group).
     *
     * @param rows row-major data, {@code n × d}
     * @param d the row width
     * @param groups the group of each row (e.g. the known label, -1 for unlabeled)
     * @param k neighbours per row, at least 1
     * @param manager where the blocks are computed (its device is used)
     * @param random draws the candidate sample of groups larger than {@link #MAX_CANDIDATES} (not used otherwise)
     */
    public static int[][] mine(float[] rows, int d, int[] groups, int k, NDManager manager, SplittableRandom random) {
        return mine(rows, d, groups, k, manager, random, MAX_CANDIDATES);
    }

    /** As {@link #mine(float[], int, int[], int, NDManager, SplittableRandom)} with another candidate limit. */
    static int[][] mine(
            float[] rows, int d, int[] groups, int k, NDManager manager, SplittableRandom random, int maxCandidates) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int n = groups.length;
        if ((long) n * d != rows.length) {
            throw new IllegalArgumentException("rows hold " + rows.length + " values, expected " + n + " x " + d);
        }
        int[][] out = new int[n][];
        for (int[] members : byGroup(groups).values()) {
            int[] candidates =
                    members.length <= maxCandidates ? members : TrainingContext.sample(random, members, maxCandidates);
            mineGroup(rows, d, members, candidates, k, manager, out);
        }
        return out;
    }

    private static Map<Integer, int[]> byGroup(int[] groups) {
        Map<Integer, List<Integer>> lists = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            lists.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        Map<Integer, int[]> out = new LinkedHashMap<>();
        lists.forEach(
                (g, l) -> out.put(g, l.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** Neighbours of every member among {@code candidates} (a subset of the members, in the same order). */
    private static void mineGroup(
            float[] rows, int d, int[] members, int[] candidates, int k, NDManager manager, int[][] out) {
        int m = members.length;
        if (m == 1) {
            out[members[0]] = new int[] {members[0]};
            return;
        }
        int c = candidates.length;
        int kk = Math.min(k, c - 1);
        Map<Integer, Integer> candidateColumn = new HashMap<>();
        for (int j = 0; j < c; j++) {
            candidateColumn.put(candidates[j], j);
        }
        try (NDManager group = manager.newSubManager()) {
            NDArray all = group.create(unitRows(rows, d, members), new Shape(m, d));
            NDArray candidatesT = (candidates == members
                            ? all
                            : group.create(unitRows(rows, d, candidates), new Shape(c, d)))
                    .transpose();
            for (int start = 0; start < m; start += BLOCK) {
                int end = Math.min(m, start + BLOCK);
                try (NDManager block = group.newSubManager()) {
                    NDArray sims = all.get(start + ":" + end).matMul(candidatesT);
                    sims.attach(block);
                    // exclude each row itself: its similarity is set below every possible cosine
                    float[] s = sims.toFloatArray();
                    for (int i = start; i < end; i++) {
                        Integer self = candidateColumn.get(members[i]);
                        if (self != null) {
                            s[(i - start) * c + self] = -2f;
                        }
                    }
                    long[] top = block.create(s, new Shape(end - start, c))
                            .topK(kk, 1, true, true)
                            .get(1)
                            .toLongArray();
                    for (int i = start; i < end; i++) {
                        int[] nb = new int[kk];
                        for (int t = 0; t < kk; t++) {
                            nb[t] = candidates[(int) top[(i - start) * kk + t]];
                        }
                        out[members[i]] = nb;
                    }
                }
            }
        }
    }

    /** The given rows scaled to unit length, row-major. */
    private static float[] unitRows(float[] rows, int d, int[] ids) {
        float[] unit = new float[ids.length * d];
        for (int i = 0; i < ids.length; i++) {
            int src = ids[i] * d;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += (double) rows[src + j] * rows[src + j];
            }
            float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
            for (int j = 0; j < d; j++) {
                unit[i * d + j] = rows[src + j] * inv;
            }
        }
        return unit;
    }
}
