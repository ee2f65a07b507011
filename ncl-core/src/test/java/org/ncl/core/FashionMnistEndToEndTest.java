// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.LABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;
import static org.ncl.core.options.NclOptions.UNLABELED_QUEUE_SIZE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.clustering.KMeans;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingListener;

/**
 * End to end on the embedded Fashion-MNIST test split (classes 0-4 labeled, 5-9 unlabeled and novel):
 * real DJL training with the project's default settings (the same run as the README's main job),
 * compared with k-means on the raw pixels of the same rows.
 */
class FashionMnistEndToEndTest {

    /** The defaults, as the README's main job runs them (seed 1): the test checks the numbers it prints. */
    static NclOptions options() {
        return NclOptions.builder(5).build();
    }

    private static DiscoveryData data;
    private static NclModel model;
    private static List<EpochReport> reports;
    private static int[] unlabeled;
    private static int[] truth;

    @BeforeAll
    static void train() {
        data = FashionMnist.embeddedTest();
        reports = new ArrayList<>();
        model = new NclTrainer(options()).train(data, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
                reports.add(report);
                System.out.println(report);
            }

            @Override
            public void onMessage(String message) {
                System.out.println(message);
            }
        });
        unlabeled = data.unlabeledRows();
        int[] all = data.groundTruth();
        truth = Arrays.stream(unlabeled).map(i -> all[i]).toArray();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void novelClassesAreFoundClearlyBetterThanKMeansOnPixels() {
        DiscoveryData novel = data.subset(unlabeled);
        int[] clusters = model.predict(novel).stream()
                .mapToInt(NclPrediction::novelCluster)
                .toArray();
        ClusteringScores ncl = ClusteringScores.of(truth, clusters);
        int[] km = new KMeans(KMeans.Options.of(5).withRestarts(10).withSeed(1))
                .fit(novel.features(), novel.numFeatures())
                .assignments();
        ClusteringScores kmeans = ClusteringScores.of(truth, km);
        System.out.println("NCL novel: " + ncl + "   k-means on pixels: " + kmeans);
        assertTrue(kmeans.accuracy() > 0.6, "k-means baseline " + kmeans);
        // Above k-means on all three measures: ACC by at least 1.5 points, NMI by 2, ARI by 5.
        assertTrue(
                ncl.accuracy() >= kmeans.accuracy() + 0.015,
                "novel ACC " + ncl.accuracy() + " is not clearly above k-means " + kmeans.accuracy());
        assertTrue(ncl.nmi() >= kmeans.nmi() + 0.02, "NMI " + ncl.nmi() + " vs k-means " + kmeans.nmi());
        assertTrue(ncl.ari() >= kmeans.ari() + 0.05, "ARI " + ncl.ari() + " vs k-means " + kmeans.ari());
    }

    @Test
    void knownClassesArePredictedAccurately() {
        int[] labeled = data.labeledRows();
        List<NclPrediction> p = model.predict(data.subset(labeled));
        int correct = 0;
        for (int i = 0; i < labeled.length; i++) {
            if (p.get(i).knownClass() == data.knownLabel(labeled[i])) {
                correct++;
            }
        }
        double acc = correct / (double) labeled.length;
        assertTrue(acc >= 0.85, "known-class accuracy " + acc);
    }

    @Test
    void theCalibratedJointDecisionIsNoWorseThanThePlainArgmax() {
        List<NclPrediction> p = model.predict(data);
        org.ncl.core.nn.Inference.Outputs raw = model.outputs(data.features());
        int[] plain = raw.jointArgmax();
        int[] calibrated = p.stream().mapToInt(NclPrediction::index).toArray();
        int cl = model.knownClassNames().size();
        double plainBalanced = sideAccuracy(plain, cl);
        double calibratedBalanced = sideAccuracy(calibrated, cl);
        System.out.println("task-agnostic known/novel side, balanced accuracy: plain " + plainBalanced + ", calibrated "
                + calibratedBalanced + " (offset " + model.novelLogitOffset() + ")");
        assertTrue(calibratedBalanced >= plainBalanced - 1e-9, calibratedBalanced + " < " + plainBalanced);
    }

    /** Balanced accuracy of "predicted output is novel iff the row is unlabeled". */
    private static double sideAccuracy(int[] index, int cl) {
        int[] labeled = data.labeledRows();
        int known = 0;
        for (int i : labeled) {
            if (index[i] < cl) {
                known++;
            }
        }
        int novel = 0;
        for (int i : unlabeled) {
            if (index[i] >= cl) {
                novel++;
            }
        }
        return 0.5 * (known / (double) labeled.length + novel / (double) unlabeled.length);
    }

    @Test
    void reportsCoverEveryStageAndProvenanceIsComplete() {
        NclOptions o = options();
        assertEquals(o.get(PRETRAIN_EPOCHS) + o.get(SUPERVISED_EPOCHS) + o.get(DISCOVERY_EPOCHS), reports.size());
        assertEquals(Stage.DISCOVERY, reports.get(reports.size() - 1).stage());
        assertTrue(reports.get(reports.size() - 1).metrics().containsKey("novelAcc"));
        NclProvenance p = model.provenance();
        assertEquals(data.sha256(), p.data().sha256());
        assertEquals(10000, p.data().rows());
        assertEquals(5000, p.data().unlabeledRows());
        assertEquals(o.toMap(), p.options());
        assertEquals("SMALL_CNN", p.encoder());
        assertTrue(p.selectedEpoch() >= 0 && p.selectedEpoch() < o.get(DISCOVERY_EPOCHS));
        assertEquals(reports.size(), p.history().size());
        assertTrue(p.engine().startsWith("PyTorch"));
        assertEquals(
                List.of(
                        "T-shirt/top",
                        "Trouser",
                        "Pullover",
                        "Dress",
                        "Coat",
                        "novel-0",
                        "novel-1",
                        "novel-2",
                        "novel-3",
                        "novel-4"),
                model.outputNames());
    }

    @Test
    void saveAndLoadGiveIdenticalPredictions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fmnist.ncl");
        model.save(file);
        assertTrue(Files.size(file) > 0);
        DiscoveryData sample = data.subset(java.util.stream.IntStream.range(0, 10000)
                .filter(i -> i % 7 == 0)
                .toArray());
        List<NclPrediction> before = model.predict(sample);
        try (NclModel loaded = NclModel.load(file)) {
            List<NclPrediction> after = loaded.predict(sample);
            for (int i = 0; i < before.size(); i++) {
                assertEquals(before.get(i).label(), after.get(i).label());
                assertArrayEquals(before.get(i).probabilities(), after.get(i).probabilities(), 0f);
            }
            assertEquals(model.provenance(), loaded.provenance());
            assertEquals(model.options(), loaded.options());
        }
    }

    @Test
    void theSameSeedGivesTheSameModelOnImages() {
        int[] rows = java.util.stream.IntStream.range(0, 10000)
                .filter(i -> i % 8 == 0)
                .toArray();
        DiscoveryData small = data.subset(rows);
        NclOptions o = NclOptions.builder(5)
                .set(PRETRAIN_EPOCHS, 1)
                .set(SUPERVISED_EPOCHS, 1)
                .set(DISCOVERY_EPOCHS, 1)
                .set(UNLABELED_QUEUE_SIZE, 256)
                .set(LABELED_QUEUE_SIZE, 256)
                .set(HNG_START_EPOCH, 0)
                .set(SEED, 7L)
                .build();
        float[][] first = probabilities(o, small);
        float[][] second = probabilities(o, small);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i], 0f, "row " + i);
        }
        float[][] other = probabilities(o.toBuilder().set(SEED, 8L).build(), small);
        assertTrue(!Arrays.deepEquals(first, other), "a different seed should give a different model");
    }

    private static float[][] probabilities(NclOptions o, DiscoveryData d) {
        try (NclModel m = new NclTrainer(o).train(d)) {
            return m.predict(d).stream().map(NclPrediction::probabilities).toArray(float[][]::new);
        }
    }
}
