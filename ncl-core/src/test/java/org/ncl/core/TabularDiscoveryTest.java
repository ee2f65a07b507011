// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.ENTROPY_WEIGHT;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.MODEL_SELECTION;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.data.CsvReader;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusterMetrics;
import org.ncl.core.options.ModelSelection;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/**
 * End to end on a small tabular problem ({@link SyntheticBlobs}: 4 known classes labeled, 3 novel
 * classes unlabeled, well separated): NCL (Zhong et al., CVPR 2021) finds the novel classes with the
 * novel head and keeps the known classes with the known head; the listener sees all three stages; the
 * provenance records the data, the options and the history; ground truth never reaches training;
 * and the same problem read from a CSV file trains the same way.
 */
class TabularDiscoveryTest {

    private static DiscoveryData data;
    private static NclOptions options;
    private static Recorder recorder;
    private static NclModel model;

    /** Everything the listener hears. */
    static final class Recorder implements TrainingListener {
        final List<String> stageStarts = new ArrayList<>();
        final List<EpochReport> reports = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        final Map<Stage, int[]> steps = new java.util.EnumMap<>(Stage.class);

        @Override
        public void onStageStart(Stage stage, int epochs, int stepsPerEpoch) {
            stageStarts.add(stage + ":" + epochs + "x" + stepsPerEpoch);
        }

        @Override
        public void onStep(Stage stage, int epoch, int step, int stepsPerEpoch) {
            steps.computeIfAbsent(stage, s -> new int[1])[0]++;
        }

        @Override
        public void onEpoch(EpochReport report) {
            reports.add(report);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    @BeforeAll
    static void train() {
        data = SyntheticBlobs.data(7);
        options = SyntheticBlobs.options().build();
        recorder = new Recorder();
        model = new NclTrainer(options).train(data, recorder);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static int[] truthOf(DiscoveryData d, int[] rows) {
        int[] g = d.groundTruth();
        return Arrays.stream(rows).map(i -> g[i]).toArray();
    }

    private static double novelAccuracy(NclModel m, DiscoveryData d) {
        int[] rows = d.unlabeledRows();
        int[] predicted = m.predict(d.subset(rows)).stream()
                .mapToInt(NclPrediction::novelCluster)
                .toArray();
        return ClusterMetrics.accuracy(truthOf(d, rows), predicted);
    }

    @Test
    void novelHeadFindsTheNovelClasses() {
        double acc = novelAccuracy(model, data);
        assertTrue(acc >= 0.9, "Hungarian ACC of the novel head on the unlabeled rows: " + acc);
        // all three clusters are used
        int[] predicted = model.predict(data.subset(data.unlabeledRows())).stream()
                .mapToInt(NclPrediction::novelCluster)
                .toArray();
        assertEquals(3, Arrays.stream(predicted).distinct().count());
        // the trainer's own report for the kept epoch agrees with the saved model's predictions
        EpochReport kept = model.provenance().history().stream()
                .filter(r -> r.stage() == Stage.DISCOVERY
                        && r.epoch() == model.provenance().selectedEpoch())
                .findFirst()
                .orElseThrow();
        assertEquals(acc, kept.metrics().get("novelAcc"), 1e-9, "reported novelAcc of the kept epoch");
    }

    @Test
    void knownHeadKeepsTheKnownClasses() {
        int[] rows = data.labeledRows();
        List<NclPrediction> p = model.predict(data.subset(rows));
        int taskAware = 0;
        int taskAgnostic = 0;
        for (int i = 0; i < rows.length; i++) {
            int label = data.knownLabel(rows[i]);
            taskAware += p.get(i).knownClass() == label ? 1 : 0;
            taskAgnostic += p.get(i).index() == label ? 1 : 0;
        }
        assertTrue(taskAware >= 0.9 * rows.length, "known-head accuracy " + taskAware + "/" + rows.length);
        assertTrue(taskAgnostic >= 0.9 * rows.length, "joint-argmax accuracy " + taskAgnostic + "/" + rows.length);
    }

    @Test
    void predictionsAreConsistent() {
        List<NclPrediction> p = model.predict(data);
        assertEquals(data.numRows(), p.size());
        assertEquals(
                List.of("class0", "class1", "class2", "class3", "novel-0", "novel-1", "novel-2"), model.outputNames());
        for (NclPrediction q : p) {
            assertEquals(7, q.probabilities().length);
            assertEquals(3, q.novelProbabilities().length);
            assertEquals(1.0, sum(q.probabilities()), 1e-5);
            assertEquals(1.0, sum(q.novelProbabilities()), 1e-5);
            assertEquals(argmax(q.probabilities()), q.index());
            assertEquals(argmax(q.novelProbabilities()), q.novelCluster());
            assertEquals(argmax(Arrays.copyOf(q.probabilities(), 4)), q.knownClass());
            assertEquals(q.index() >= 4, q.novel());
            assertEquals(model.outputNames().get(q.index()), q.label());
            assertEquals(q.probabilities()[q.index()], q.confidence());
        }
        // predicting row by row gives the same answer as in one batch
        float[] all = data.features();
        for (int r : new int[] {0, 5, 279}) {
            NclPrediction one = model.predict(data.row(r)).get(0);
            assertArrayEquals(p.get(r).probabilities(), one.probabilities(), 1e-6f);
        }
        assertEquals(all.length / SyntheticBlobs.DIMS * 16, model.embed(all).length);
    }

    @Test
    void listenerHearsAllThreeStages() {
        // 280 rows / 64 = 4 steps (pretrain, discovery); 160 labeled / 64 = 2 steps (supervised)
        assertEquals(List.of("PRETRAIN:2x4", "SUPERVISED:2x2", "DISCOVERY:3x4"), recorder.stageStarts);
        assertEquals(8, recorder.steps.get(Stage.PRETRAIN)[0]);
        assertEquals(4, recorder.steps.get(Stage.SUPERVISED)[0]);
        assertEquals(12, recorder.steps.get(Stage.DISCOVERY)[0]);
        List<String> order = recorder.reports.stream()
                .map(r -> r.stage() + "" + r.epoch() + "/" + r.epochs())
                .toList();
        assertEquals(
                List.of(
                        "PRETRAIN0/2",
                        "PRETRAIN1/2",
                        "SUPERVISED0/2",
                        "SUPERVISED1/2",
                        "DISCOVERY0/3",
                        "DISCOVERY1/3",
                        "DISCOVERY2/3"),
                order);
        for (EpochReport r : recorder.reports) {
            assertTrue(r.losses().containsKey("total"), r.toString());
            r.losses().forEach((k, v) -> assertTrue(Double.isFinite(v), k + " in " + r));
            assertTrue(r.samplesPerSecond() > 0 && r.seconds() > 0, r.toString());
        }
        assertTrue(recorder.reports.get(0).losses().containsKey("infoNce"));
        assertTrue(recorder.reports.get(2).losses().containsKey("ce"));
        EpochReport discovery = recorder.reports.get(4);
        for (String term : List.of("ce", "bce", "mse", "ncl", "scl")) {
            assertTrue(discovery.losses().containsKey(term), term + " missing in " + discovery);
        }
        assertEquals(options.get(ENTROPY_WEIGHT) > 0, discovery.losses().containsKey("balance"), discovery.toString());
        for (String metric : List.of("novelAcc", "novelNmi", "novelAri", "knownTrainAcc")) {
            assertTrue(discovery.metrics().containsKey(metric), metric + " missing in " + discovery);
        }
        assertTrue(Double.isNaN(recorder.reports.get(0).selectionScore()));
        assertFalse(Double.isNaN(discovery.selectionScore()));
        assertTrue(recorder.messages.stream().anyMatch(m -> m.startsWith("device: cpu")), recorder.messages.toString());
    }

    @Test
    void provenanceRecordsDataOptionsAndHistory() {
        NclProvenance p = model.provenance();
        assertEquals(data.sha256(), p.data().sha256());
        assertEquals(64, p.data().sha256().length());
        assertEquals(280, p.data().rows());
        assertEquals(12, p.data().features());
        assertEquals(List.of(12), p.data().sampleShape());
        assertEquals(160, p.data().labeledRows());
        assertEquals(120, p.data().unlabeledRows());
        assertEquals(List.of("class0", "class1", "class2", "class3"), p.data().knownClasses());
        assertEquals(3, p.data().numNovelClasses());
        assertEquals(options.toMap(), p.options());
        assertEquals(options, NclOptions.fromMap(p.options()));
        assertEquals(options, model.options());
        assertEquals("MLP", p.encoder());
        assertEquals(recorder.reports, p.history());
        int selected = p.selectedEpoch();
        assertTrue(selected >= 0 && selected < 3, "selected epoch " + selected);
        assertEquals(p.history().get(4 + selected).selectionScore(), p.selectionScore());
        for (int e = 0; e < 3; e++) {
            assertTrue(
                    p.history().get(4 + e).selectionScore() <= p.selectionScore(), "LABEL_FREE keeps the best epoch");
        }
        assertEquals(
                java.util.Set.of("PRETRAIN", "SUPERVISED", "DISCOVERY"),
                p.stageSeconds().keySet());
        assertEquals(NclProvenance.NCL_VERSION, p.nclVersion());
        assertEquals("0.35.1", p.djlVersion());
        assertTrue(p.engine().startsWith("PyTorch"), p.engine());
        assertEquals("cpu()", p.device());
        assertTrue(p.threads() >= 1);
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        java.time.Instant.parse(p.createdAt());
    }

    /**
     * Fails while {@link NclProvenance}'s compact constructor copies the maps with {@code Map.copyOf},
     * whose iteration order is randomised per JVM: the stable order of {@link NclOptions#toMap()} is lost
     * in the provenance and in the saved manifest (two saves of the same model in two JVMs differ).
     */
    @Test
    void provenanceKeepsTheOptionsInTheirStableOrder() {
        assertEquals(
                new ArrayList<>(options.toMap().keySet()),
                new ArrayList<>(model.provenance().options().keySet()));
        assertEquals(
                List.of("PRETRAIN", "SUPERVISED", "DISCOVERY"),
                new ArrayList<>(model.provenance().stageSeconds().keySet()));
    }

    @Test
    void groundTruthNeverReachesTraining() {
        Recorder quiet = new Recorder();
        try (NclModel blind = new NclTrainer(options).train(data.withoutGroundTruth(), quiet)) {
            assertEquals(data.sha256(), blind.provenance().data().sha256());
            List<NclPrediction> a = model.predict(data);
            List<NclPrediction> b = blind.predict(data);
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).probabilities(), b.get(i).probabilities(), "row " + i);
            }
            assertEquals(model.provenance().selectedEpoch(), blind.provenance().selectedEpoch());
            for (EpochReport r : quiet.reports) {
                assertTrue(r.metrics().isEmpty(), "no metrics without ground truth: " + r);
            }
        }
    }

    @Test
    void hardNegativesRunAndChangeTheNclTerm() {
        // the small options stop before hngStartEpoch 3: start HNG at epoch 1 to exercise it
        NclOptions withHng = options.toBuilder()
                .set(HNG_START_EPOCH, 1)
                .set(MODEL_SELECTION, ModelSelection.LAST)
                .build();
        NclOptions without = withHng.toBuilder().set(HARD_NEGATIVES, false).build();
        try (NclModel a = new NclTrainer(withHng).train(data);
                NclModel b = new NclTrainer(without).train(data)) {
            List<EpochReport> ha = a.provenance().history();
            List<EpochReport> hb = b.provenance().history();
            // identical until HNG starts, different after
            assertEquals(ha.get(4).losses(), hb.get(4).losses());
            for (int e = 5; e < 7; e++) {
                assertTrue(Double.isFinite(ha.get(e).losses().get("ncl")));
                assertNotEquals(
                        ha.get(e).losses().get("ncl"), hb.get(e).losses().get("ncl"), "epoch " + e);
            }
            assertEquals(2, a.provenance().selectedEpoch());
        }
    }

    @Test
    void csvFileWithBlankLabelsTrains(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("blobs.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(String.join(",", data.featureNames()) + ",label,truth\n");
            for (int r = 0; r < data.numRows(); r++) {
                StringBuilder line = new StringBuilder();
                for (float v : data.row(r)) {
                    line.append(v).append(',');
                }
                int known = data.knownLabel(r);
                line.append(
                                known == DiscoveryData.UNLABELED
                                        ? ""
                                        : data.knownClassNames().get(known))
                        .append(',');
                line.append(data.groundTruthNames().get(data.groundTruth()[r])).append('\n');
                w.write(line.toString());
            }
        }
        DiscoveryData read = CsvReader.read(
                csv,
                CsvReader.options()
                        .labelColumn("label")
                        .groundTruthColumn("truth")
                        .build());
        assertEquals(data.numRows(), read.numRows());
        assertEquals(120, read.unlabeledRows().length);
        assertEquals(data.featureNames(), read.featureNames());
        assertEquals(data.knownClassNames(), read.knownClassNames());
        assertEquals(data.sha256(), read.sha256(), "the CSV holds exactly the same rows and labels");
        try (NclModel fromCsv = new NclTrainer(options).train(read)) {
            double acc = novelAccuracy(fromCsv, read);
            assertTrue(acc >= 0.9, "novel ACC from CSV: " + acc);
            assertEquals(read.featureNames(), fromCsv.featureNames());
            assertEquals(read.sha256(), fromCsv.provenance().data().sha256());
            // same data, same options: the same model as the in-memory path
            assertArrayEquals(
                    model.predict(data).get(0).probabilities(),
                    fromCsv.predict(read).get(0).probabilities());
        }
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
