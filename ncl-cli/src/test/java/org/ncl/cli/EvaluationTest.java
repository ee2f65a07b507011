// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusteringScores;

class EvaluationTest {

    @Test
    void novelHeadScoresOnlyTheUnlabeledRows() {
        ClusteringScores s = Evaluation.novelHead(Fixtures.data(), Fixtures.predictions());
        assertEquals(6, s.n());
        assertEquals(5.0 / 6.0, s.accuracy(), 1e-12);
        assertEquals(Fixtures.NOVEL_NMI, s.nmi(), 1e-12);
        assertEquals(Fixtures.NOVEL_ARI, s.ari(), 1e-12);
    }

    @Test
    void knownAccuracyComparesTheKnownHeadWithTheKnownLabels() {
        assertEquals(0.75, Evaluation.knownAccuracy(Fixtures.data(), Fixtures.predictions()), 1e-12);
    }

    @Test
    void taskAgnosticMatchesAllOutputs() {
        ClusteringScores s = Evaluation.taskAgnostic(Fixtures.data(), Fixtures.predictions());
        assertEquals(10, s.n());
        assertEquals(0.8, s.accuracy(), 1e-12);
        assertEquals(Fixtures.AGNOSTIC_NMI, s.nmi(), 1e-12);
        assertEquals(Fixtures.AGNOSTIC_ARI, s.ari(), 1e-12);
    }

    @Test
    void strictTaskAgnosticFixesTheKnownOutputs() {
        assertEquals(0.4, Evaluation.taskAgnosticStrict(Fixtures.data(), Fixtures.predictions()), 1e-12);
    }

    @Test
    void kmeansSeparatesTwoObviousGroupsOfUnlabeledRows() {
        // unlabeled rows 4-6 (class c) near 0, rows 7-9 (class d) near 100: k-means finds them exactly
        float[] f = {0, 0, 0, 0, 0, 1, 2, 100, 101, 102};
        DiscoveryData d = DiscoveryData.builder(1)
                .features(f)
                .knownLabels(Fixtures.KNOWN, List.of("a", "b"))
                .groundTruth(Fixtures.TRUTH, List.of("a", "b", "c", "d"))
                .build();
        ClusteringScores s = Evaluation.kmeans(d, 2, 3, 1L);
        assertEquals(6, s.n());
        assertEquals(1.0, s.accuracy(), 0.0);
        assertEquals(1.0, s.ari(), 0.0);
    }

    @Test
    void wrongNumberOfPredictionsIsAnError() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.novelHead(
                        Fixtures.data(), Fixtures.predictions().subList(0, 3)));
        assertTrue(e.getMessage().contains("3 predictions for 10 rows"), e.getMessage());
    }

    @Test
    void dataWithoutGroundTruthIsAnError() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Evaluation.taskAgnostic(Fixtures.data().withoutGroundTruth(), Fixtures.predictions()));
        assertTrue(e.getMessage().contains("no ground truth"), e.getMessage());
    }

    @Test
    void knownClassMissingFromTheGroundTruthIsAnErrorForTheStrictScore() {
        DiscoveryData d = DiscoveryData.builder(1)
                .features(new float[10])
                .knownLabels(Fixtures.KNOWN, List.of("a", "x"))
                .groundTruth(Fixtures.TRUTH, List.of("a", "b", "c", "d"))
                .build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Evaluation.taskAgnosticStrict(d, Fixtures.predictions()));
        assertTrue(e.getMessage().contains("known class 'x'"), e.getMessage());
    }
}
