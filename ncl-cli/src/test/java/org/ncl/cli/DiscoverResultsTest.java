// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.metrics.ClusteringScores;

class DiscoverResultsTest {

    private static DiscoverResults results() {
        return DiscoverResults.of(
                Fixtures.data(),
                Fixtures.predictions(),
                new ClusteringScores(0.715, 0.512, 0.446, 6),
                10,
                1.5,
                Fixtures.provenance(),
                12.34);
    }

    @Test
    void collectsTheProtocolsNumbers() {
        DiscoverResults r = results();
        assertEquals(5.0 / 6.0, r.novel().accuracy(), 1e-12);
        assertEquals(0.75, r.knownAccuracy(), 1e-12);
        assertEquals(4, r.knownRows());
        assertEquals(0.8, r.taskAgnostic().accuracy(), 1e-12);
        assertEquals(0.4, r.taskAgnosticStrict(), 1e-12);
        assertEquals(2, r.numKnown());
        assertEquals(2, r.numNovel());
        assertEquals(2, r.selectedEpoch());
        assertEquals(4, r.discoveryEpochs());
        assertEquals(
                List.of("PRETRAIN", "SUPERVISED", "DISCOVERY"),
                List.copyOf(r.stageSeconds().keySet()));
    }

    @Test
    void tableHasOneRowPerResultWithFormattedNumbers() {
        ResultsTable t = results().table();
        assertEquals(List.of("result", "rows", "ACC", "NMI", "ARI"), t.header());
        assertEquals(5, t.rows().size());
        assertEquals(
                List.of("NCL novel head, unlabeled rows (task-aware)", "6", "0.8333", "0.4787", "0.3243"),
                t.rows().get(0));
        assertEquals(
                List.of("k-means on raw pixels (k=2, 10 restarts), same rows", "6", "0.7150", "0.5120", "0.4460"),
                t.rows().get(1));
        assertEquals(
                List.of("NCL known head, labeled rows (accuracy)", "4", "0.7500", "-", "-"),
                t.rows().get(2));
        assertEquals(
                List.of(
                        "NCL both heads, all rows (task-agnostic, Hungarian over 4 outputs)",
                        "10",
                        "0.8000",
                        "0.7205",
                        "0.3919"),
                t.rows().get(3));
        assertEquals(
                List.of("NCL both heads, all rows (task-agnostic, known outputs fixed)", "10", "0.4000", "-", "-"),
                t.rows().get(4));
    }

    @Test
    void textEndsWithTimesAndTheSelectedEpoch() {
        String text = results().text();
        assertTrue(
                text.contains(
                        "training wall time: 12.3 s (PRETRAIN 1.0 s, SUPERVISED 2.0 s, DISCOVERY 3.0 s); k-means 1.5 s"),
                text);
        assertTrue(text.contains("selected discovery epoch: 3 of 4 (label-free score 0.4321)"), text);
        String[] lines = text.split("\n");
        assertTrue(lines[2].startsWith("NCL novel head, unlabeled rows (task-aware)"), lines[2]);
        assertTrue(lines[2].endsWith("6  0.8333  0.4787  0.3243"), lines[2]);
    }
}
