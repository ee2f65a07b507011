// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;

class BenchResultsTest {

    private static final List<EpochReport> HISTORY = List.of(
            new EpochReport(Stage.PRETRAIN, 0, 2, Map.of("infoNce", 4.0), Map.of(), Double.NaN, 100, 10),
            new EpochReport(Stage.PRETRAIN, 1, 2, Map.of("infoNce", 3.0), Map.of(), Double.NaN, 300, 10),
            new EpochReport(Stage.DISCOVERY, 0, 1, Map.of("total", 1.0), Map.of("novelAcc", 0.9), 0.5, 50, 20));

    private static BenchResults results(double novelAcc, double totalSeconds) {
        return new BenchResults(
                "2026-01-01T00:00:00Z",
                "/data",
                60000,
                10000,
                List.of("a", "b"),
                List.of("c", "d"),
                new ClusteringScores(novelAcc, 0.85, 0.8, 30000),
                new ClusteringScores(0.715, 0.512, 0.446, 30000),
                10,
                new ClusteringScores(0.88, 0.8, 0.75, 5000),
                0.93,
                5000,
                new ClusteringScores(0.8, 0.7, 0.6, 10000),
                0.79,
                4,
                Map.of("PRETRAIN", 20.0, "DISCOVERY", 20.0),
                BenchResults.epochsPerStage(HISTORY),
                BenchResults.meanSamplesPerSecond(HISTORY),
                1.5,
                40.0,
                3.0,
                9.0,
                totalSeconds,
                0,
                0.5,
                new PeakMemory(512L << 20, 1024L << 20),
                "cpu()",
                2,
                2,
                "PyTorch 2.7.1",
                "0.35.1",
                "17",
                "Linux amd64",
                Map.of("seed", "1"),
                Map.of("discoveryEpochs", "1"),
                HISTORY);
    }

    @Test
    void meansAndCountsPerStage() {
        assertEquals(Map.of("PRETRAIN", 200.0, "DISCOVERY", 50.0), BenchResults.meanSamplesPerSecond(HISTORY));
        assertEquals(Map.of("PRETRAIN", 2, "DISCOVERY", 1), BenchResults.epochsPerStage(HISTORY));
    }

    @Test
    void markdownReportsEveryNumberAndTheTargets() {
        String md = results(0.9123, 100).markdown();
        assertTrue(
                md.contains(
                        "| NCL novel head, unlabeled train rows (headline, task-aware) | 30000 | 0.9123 | 0.8500 | 0.8000 |"),
                md);
        assertTrue(
                md.contains(
                        "| k-means on raw pixels (k=2, 10 restarts), same rows | 30000 | 0.7150 | 0.5120 | 0.4460 |"),
                md);
        assertTrue(
                md.contains("| NCL known head, test rows of the known classes (accuracy) | 5000 | 0.9300 | - | - |"),
                md);
        assertTrue(
                md.contains(
                        "| NCL both heads, all test rows (task-agnostic, known outputs fixed) | 10000 | 0.7900 | - | - |"),
                md);
        assertTrue(md.contains("| PRETRAIN | 2 | 20.0 | 200 |"), md);
        assertTrue(md.contains("| whole run |  | 100.0 |  |"), md);
        assertTrue(md.contains("JVM heap 512.0 MiB"), md);
        assertTrue(md.contains("process RSS 1024.0 MiB"), md);
        assertTrue(
                md.contains(
                        "novel ACC >= 0.90 on the unlabeled train rows: met; whole run <= 1800 s on 2 CPU cores: met"),
                md);
        assertTrue(results(0.85, 2000).markdown().contains(": NOT met; whole run <= 1800 s on 2 CPU cores: NOT met"));
    }

    @Test
    void jsonHoldsTheMeasurements() {
        JsonObject j = JsonParser.parseString(results(0.9123, 100).toJson()).getAsJsonObject();
        assertEquals(
                0.9123, j.getAsJsonObject("novelTrainUnlabeled").get("accuracy").getAsDouble(), 0.0);
        assertEquals(30000, j.getAsJsonObject("novelTrainUnlabeled").get("n").getAsInt());
        assertEquals(
                0.715, j.getAsJsonObject("kmeansTrainUnlabeled").get("accuracy").getAsDouble(), 0.0);
        assertEquals(
                0.79,
                j.getAsJsonObject("testTaskAgnostic").get("strictAccuracy").getAsDouble(),
                0.0);
        assertEquals(
                0.93, j.getAsJsonObject("knownTestAccuracy").get("accuracy").getAsDouble(), 0.0);
        assertEquals(
                200.0,
                j.getAsJsonObject("time")
                        .getAsJsonObject("trainingSamplesPerSecondMean")
                        .get("PRETRAIN")
                        .getAsDouble(),
                0.0);
        assertEquals(
                1024L << 20, j.getAsJsonObject("peakMemory").get("rssPeakBytes").getAsLong());
        assertEquals(2, j.getAsJsonObject("environment").get("threads").getAsInt());
        assertTrue(j.getAsJsonObject("targets").get("novelAccMet").getAsBoolean());
        assertEquals(3, j.getAsJsonArray("history").size());
        assertTrue(Double.isNaN(j.getAsJsonArray("history")
                .get(0)
                .getAsJsonObject()
                .get("selectionScore")
                .getAsDouble()));
        assertFalse(results(0.5, 100).accuracyTargetMet());
    }

    @Test
    void parsesThePeakRssFromProcStatus() {
        assertEquals(
                2048L * 1024,
                PeakMemory.parseVmHwm("Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1000 kB\n"));
        assertEquals(-1, PeakMemory.parseVmHwm("Name:\tjava\n"));
    }
}
