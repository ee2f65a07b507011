// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.SEED;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.EpochReport;

/**
 * Same data, options and seed give the same model on CPU, bit for bit (every random choice comes from
 * the seed: parameter initialisation, batch order, augmentation, queue initialisation, k-means, hard
 * negatives); another seed gives another model.
 */
class DeterminismTest {

    private static float[] probabilities(NclModel m, DiscoveryData d) {
        List<NclPrediction> p = m.predict(d);
        int width = p.get(0).probabilities().length;
        float[] all = new float[p.size() * width];
        for (int i = 0; i < p.size(); i++) {
            System.arraycopy(p.get(i).probabilities(), 0, all, i * width, width);
        }
        return all;
    }

    private static List<java.util.Map<String, Double>> losses(NclModel m) {
        return m.provenance().history().stream().map(EpochReport::losses).toList();
    }

    @Test
    void sameSeedGivesIdenticalModelsAndAnotherSeedDoesNot() {
        DiscoveryData data = SyntheticBlobs.data(3);
        // hard negatives from epoch 1 so that their random draws are covered too
        NclOptions options =
                SyntheticBlobs.options().set(SEED, 42L).set(HNG_START_EPOCH, 1).build();
        float[] first;
        float[] firstEmbedding;
        List<java.util.Map<String, Double>> firstLosses;
        int firstSelected;
        try (NclModel a = new NclTrainer(options).train(data)) {
            first = probabilities(a, data);
            firstEmbedding = a.embed(data.features());
            firstLosses = losses(a);
            firstSelected = a.provenance().selectedEpoch();
        }
        try (NclModel b = new NclTrainer(options).train(data)) {
            assertArrayEquals(first, probabilities(b, data), "same seed: identical probabilities");
            assertArrayEquals(firstEmbedding, b.embed(data.features()), "same seed: identical features");
            assertEquals(firstLosses, losses(b), "same seed: identical loss history");
            assertEquals(firstSelected, b.provenance().selectedEpoch());
        }
        try (NclModel c = new NclTrainer(options.toBuilder().set(SEED, 43L).build()).train(data)) {
            float[] other = probabilities(c, data);
            assertFalse(Arrays.equals(first, other), "another seed must give another model");
            // not just a tiny difference somewhere
            double maxDiff = 0;
            for (int i = 0; i < first.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(first[i] - other[i]));
            }
            assertFalse(maxDiff < 1e-3, "largest probability difference between seeds: " + maxDiff);
        }
    }
}
