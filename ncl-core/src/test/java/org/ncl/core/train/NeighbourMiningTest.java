// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.EMBEDDING_DIM;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;
import static org.ncl.core.options.NclOptions.TABULAR_CORRUPTION;
import static org.ncl.core.options.NclOptions.TABULAR_NOISE;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ncl.core.Djl;
import org.ncl.core.nn.Encoders;
import org.ncl.core.nn.Inference;
import org.ncl.core.nn.NclNetwork;
import org.ncl.core.nn.TrainingNetwork;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.TrainingListener;

/** {@link NeighbourMining} against a brute-force search in double precision, and the neighbour second view. */
class NeighbourMiningTest {

    /** The k most cosine-similar rows of the same group, by sorting every candidate in double precision. */
    private static int[] bruteForce(float[] rows, int d, int[] groups, int i, int k) {
        List<Integer> candidates = new ArrayList<>();
        for (int j = 0; j < groups.length; j++) {
            if (j != i && groups[j] == groups[i]) {
                candidates.add(j);
            }
        }
        candidates.sort(Comparator.comparingDouble(j -> LabelFreeSelectionTest.cosineDistance(rows, d, i, j)));
        return candidates.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void neighboursAreTheMostSimilarRowsOfTheSameGroup() {
        Random r = new Random(11);
        int n = 1300; // more than two blocks of the unlabeled group
        int d = 9;
        float[] rows = new float[n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) r.nextGaussian();
        }
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            groups[i] = i % 5 == 0 ? 0 : i % 5 == 1 ? 1 : -1;
        }
        groups[7] = 2; // alone in its group: its own neighbour
        groups[12] = 3;
        groups[17] = 3; // a group of two: one neighbour each
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            int[][] nb = NeighbourMining.mine(rows, d, groups, 6, m, new SplittableRandom(1));
            for (int i = 0; i < n; i++) {
                if (i == 7 || i == 12 || i == 17) {
                    continue;
                }
                assertArrayEquals(bruteForce(rows, d, groups, i, 6), nb[i], "row " + i);
            }
            assertArrayEquals(new int[] {7}, nb[7]);
            assertArrayEquals(new int[] {17}, nb[12]);
            assertArrayEquals(new int[] {12}, nb[17]);
        }
    }

    @Test
    void aLargeGroupIsSearchedInARandomSampleOfCandidates() {
        Random r = new Random(5);
        int n = 700;
        int d = 4;
        float[] rows = new float[n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) r.nextGaussian();
        }
        int[] groups = new int[n];
        java.util.Arrays.fill(groups, -1);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            int[][] nb = NeighbourMining.mine(rows, d, groups, 3, m, new SplittableRandom(2), 100);
            java.util.Set<Integer> used = new java.util.TreeSet<>();
            for (int[] row : nb) {
                for (int j : row) {
                    used.add(j);
                }
            }
            assertTrue(used.size() <= 100, "neighbours come from at most 100 candidates: " + used.size());
            // every row's neighbours are its nearest among those candidates (found as the union, which holds them all)
            int[] candidateGroup = new int[n];
            java.util.Arrays.fill(candidateGroup, 1);
            for (int j : used) {
                candidateGroup[j] = 0;
            }
            for (int i = 0; i < n; i += 7) {
                int[] g = candidateGroup.clone();
                g[i] = 0; // the row itself joins the candidates' group so that the brute force searches them
                int[] expected = bruteForce(rows, d, g, i, 3);
                assertArrayEquals(expected, nb[i], "row " + i);
            }
            int[][] again = NeighbourMining.mine(rows, d, groups, 3, m, new SplittableRandom(2), 100);
            assertTrue(java.util.Arrays.deepEquals(nb, again), "the same seed draws the same candidates");
        }
    }

    @Test
    void badArgumentsAreNamed() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            IllegalArgumentException k = assertThrows(
                    IllegalArgumentException.class,
                    () -> NeighbourMining.mine(new float[4], 2, new int[2], 0, m, new SplittableRandom(1)));
            assertTrue(k.getMessage().contains("k must be at least 1"), k.getMessage());
            IllegalArgumentException shape = assertThrows(
                    IllegalArgumentException.class,
                    () -> NeighbourMining.mine(new float[5], 2, new int[2], 1, m, new SplittableRandom(1)));
            assertTrue(shape.getMessage().contains("expected 2 x 2"), shape.getMessage());
        }
    }

    @Test
    void theSecondViewComesFromANeighbourWithTheGivenProbability() {
        // no augmentation, so a view is an exact copy of the row it was drawn from
        NclOptions options = NclOptions.builder(2)
                .set(DEVICE, DeviceChoice.CPU)
                .set(ENCODER, EncoderType.MLP)
                .set(MLP_HIDDEN_SIZES, List.of(8))
                .set(EMBEDDING_DIM, 4)
                .set(TABULAR_NOISE, 0.0)
                .set(TABULAR_CORRUPTION, 0.0)
                .build();
        int n = 6;
        int d = 3;
        float[] rows = new float[n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        int[][] neighbours = {{1, 2}, {0}, {0}, {4}, {3, 5}, {4}};
        int[] batch = {0, 3, 4, 5};
        try (NDManager m = NDManager.newBaseManager(Djl.device(DeviceChoice.CPU))) {
            SequentialBlock encoder = Encoders.create(EncoderType.MLP, new int[] {d}, options);
            TrainingNetwork network = new TrainingNetwork(new NclNetwork(encoder, 2, 2), 4, 4);
            network.initialize(m, DataType.FLOAT32, Inference.batchShape(2, new int[] {d}));
            TrainingContext ctx = new TrainingContext(
                    options,
                    m,
                    m.getDevice(),
                    network,
                    rows,
                    new int[] {d},
                    new int[] {0, 1, -1, -1, -1, -1},
                    null,
                    new SplittableRandom(5),
                    TrainingListener.NONE,
                    null,
                    report -> {});
            int fromNeighbour = 0;
            for (int trial = 0; trial < 50; trial++) {
                float[] always = ctx.twoViews(m, batch, true, neighbours, 1.0).toFloatArray();
                float[] never = ctx.twoViews(m, batch, true, neighbours, 0.0).toFloatArray();
                float[] half = ctx.twoViews(m, batch, true, neighbours, 0.5).toFloatArray();
                for (int i = 0; i < batch.length; i++) {
                    assertEquals(batch[i], source(always, i, d), "first view");
                    int second = source(always, batch.length + i, d);
                    assertTrue(contains(neighbours[batch[i]], second), "row " + batch[i] + " got " + second);
                    assertEquals(batch[i], source(never, batch.length + i, d));
                    int maybe = source(half, batch.length + i, d);
                    assertTrue(maybe == batch[i] || contains(neighbours[batch[i]], maybe));
                    fromNeighbour += maybe != batch[i] ? 1 : 0;
                }
            }
            assertTrue(fromNeighbour > 60 && fromNeighbour < 140, "about half of 200 second views: " + fromNeighbour);
        }
    }

    /** The row a view was copied from (rows hold 0, 1, 2, ... so the first value identifies the row). */
    private static int source(float[] views, int index, int d) {
        return (int) views[index * d] / d;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
