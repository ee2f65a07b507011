// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.COSINE_THRESHOLD;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.ENTROPY_WEIGHT;
import static org.ncl.core.options.NclOptions.NOVEL_HEAD_INIT;
import static org.ncl.core.options.NclOptions.PSEUDO_LABELS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.NovelHeadInit;
import org.ncl.core.options.PseudoLabels;
import org.ncl.core.progress.CollapseReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/**
 * Collapse detection in discovery ({@link CollapseReport}, Zhong et al. CVPR 2021 note that HNG "sometimes
 * collapses"): the rule on hand-made assignments and embeddings, a degenerate run that collapses and is reported
 * through {@link TrainingListener#onCollapse}, and a healthy default run that is not.
 */
class CollapseDetectionTest {

    private static float[] rows(int n, int d, boolean sameDirection) {
        float[] f = new float[n * d];
        for (int i = 0; i < n; i++) {
            int axis = sameDirection ? 0 : i % d;
            f[i * d + axis] = 1f;
        }
        return f;
    }

    @Test
    void ruleFlagsOneClusterLowEntropyAndAFallingSpread() {
        int n = 60;
        int d = 3;
        int[] balanced = new int[n];
        int[] skewed = new int[n];
        for (int i = 0; i < n; i++) {
            balanced[i] = i % 3;
            skewed[i] = i < 54 ? 0 : (i < 57 ? 1 : 2); // 0.9 / 0.05 / 0.05: entropy 0.359
        }
        float[] spreadOut = rows(n, d, false);
        double initial = CollapseReport.spread(spreadOut, n, d);
        assertEquals(
                1 - 3 * (1.0 / 9), initial, 1e-12, "three orthogonal directions in equal parts: 1 − ‖mean‖² = 2/3");
        assertNull(CollapseReport.assess(Stage.DISCOVERY, 0, balanced, 3, spreadOut, n, d, initial), "healthy");

        CollapseReport one = CollapseReport.assess(Stage.DISCOVERY, 2, new int[n], 3, spreadOut, n, d, initial);
        assertNotNull(one);
        assertEquals(1, one.clustersUsed());
        assertTrue(one.reason().contains("one cluster"), one.reason());

        CollapseReport low = CollapseReport.assess(Stage.DISCOVERY, 1, skewed, 3, spreadOut, n, d, initial);
        assertNotNull(low);
        assertEquals(0.359, low.clusterEntropy(), 1e-3);
        assertTrue(low.reason().contains("entropy"), low.reason());

        CollapseReport spread = CollapseReport.assess(Stage.DISCOVERY, 4, balanced, 3, rows(n, d, true), n, d, initial);
        assertNotNull(spread);
        assertEquals(0.0, spread.embeddingSpread(), 1e-12);
        assertTrue(spread.reason().contains("spread fell"), spread.reason());
        assertTrue(spread.toString().contains("epoch 5"), spread.toString());
    }

    /** Records collapse reports and messages. */
    private static final class Recorder implements TrainingListener {
        final List<CollapseReport> collapses = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void onCollapse(CollapseReport report) {
            collapses.add(report);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    @Test
    void degenerateRunCollapsesAndIsReported() {
        DiscoveryData data = SyntheticBlobs.data(3);
        // every pair a positive (cosine threshold −1) and no balance term: L_bce pulls all rows into one cluster
        NclOptions options = SyntheticBlobs.options()
                .set(PSEUDO_LABELS, PseudoLabels.COSINE)
                .set(COSINE_THRESHOLD, -1.0)
                .set(ENTROPY_WEIGHT, 0.0)
                .set(NOVEL_HEAD_INIT, NovelHeadInit.RANDOM)
                .set(org.ncl.core.options.NclOptions.DISCOVERY_TARGETS, org.ncl.core.options.DiscoveryTargets.NONE)
                .set(DISCOVERY_EPOCHS, 3)
                .build();
        Recorder r = new Recorder();
        try (NclModel m = new NclTrainer(options).train(data, r)) {
            assertFalse(r.collapses.isEmpty(), "collapse must be reported; messages: " + r.messages);
            CollapseReport last = r.collapses.get(r.collapses.size() - 1);
            assertEquals(Stage.DISCOVERY, last.stage());
            assertTrue(last.clusterEntropy() < CollapseReport.ENTROPY_FLOOR, last.toString());
            assertTrue(r.messages.stream().anyMatch(s -> s.startsWith("warning: collapse")), r.messages.toString());
        }
    }

    @Test
    void healthyDefaultRunIsNotFlagged() {
        DiscoveryData data = SyntheticBlobs.data(3);
        Recorder r = new Recorder();
        try (NclModel m = new NclTrainer(SyntheticBlobs.options().build()).train(data, r)) {
            assertTrue(r.collapses.isEmpty(), "no collapse expected: " + r.collapses);
            assertTrue(TrainingListener.NONE != null); // listeners without onCollapse still compile and run
        }
    }
}
