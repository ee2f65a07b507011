// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.SEED;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusteringScores;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.test.Helpers;

/**
 * End to end on 1,500 rows of the embedded Fashion-MNIST test split (classes 0-4 labeled, 5-9 unknown) with a
 * SMALL_CNN and one epoch per stage: the Tribuo API gives exactly the core's numbers, survives serialization and
 * ONNX export.
 */
class FashionMnistEndToEndTest {

    private static final int FROM = TestData.TRAIN_ROWS;
    private static final int TO = TestData.TRAIN_ROWS + TestData.TEST_ROWS;

    @Test
    void sameNumbersAsTheCoreTrainedDirectly() {
        NclModel model = TestData.fashionModel();
        ModelProvenance prov = model.getProvenance();
        long coreSeed = ((LongProvenance) prov.getInstanceProvenance().getMap().get(NclTrainer.CORE_SEED)).getValue();
        assertEquals(NclTrainer.coreSeedFor(TestData.SEED, 0), coreSeed);
        try (org.ncl.core.NclModel direct = new org.ncl.core.NclTrainer(TestData.fashionOptions().toBuilder()
                        .set(SEED, coreSeed)
                        .build())
                .train(TestData.fashionCore(0, TestData.TRAIN_ROWS))) {
            assertEquals(
                    direct.provenance().data().sha256(),
                    model.coreModel().provenance().data().sha256(),
                    "same training data");
            assertEquals(
                    direct.provenance().history().toString().replaceAll("\\d+ rows/s\\s+[0-9.]+s", ""),
                    model.coreModel().provenance().history().toString().replaceAll("\\d+ rows/s\\s+[0-9.]+s", ""),
                    "same losses per epoch");
            DiscoveryData test = TestData.fashionCore(FROM, TO);
            List<NclPrediction> expected = direct.predict(test);
            List<Prediction<Label>> actual = model.predict(TestData.fashionTruth(FROM, TO));
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                NclPrediction e = expected.get(i);
                Prediction<Label> a = actual.get(i);
                assertEquals(e.label(), a.getOutput().getLabel(), "row " + i);
                List<String> names = direct.outputNames();
                for (int k = 0; k < names.size(); k++) {
                    assertEquals(
                            e.probabilities()[k],
                            a.getOutputScores().get(names.get(k)).getScore(),
                            0.0,
                            "row " + i + " " + names.get(k));
                }
            }
            // evaluation through Tribuo = the core's metrics on the same rows
            NclEvaluation eval = new NclEvaluator().evaluate(model, TestData.fashionTruth(FROM, TO));
            DiscoveryData truth = TestData.fashion();
            int[] novelTruth = java.util.stream.IntStream.range(FROM, TO)
                    .filter(r -> truth.groundTruth()[r] >= 5)
                    .map(r -> truth.groundTruth()[r])
                    .toArray();
            int[] novelPred = java.util.stream.IntStream.range(0, expected.size())
                    .filter(i -> truth.groundTruth()[FROM + i] >= 5)
                    .map(i -> expected.get(i).novelCluster())
                    .toArray();
            ClusteringScores scores = ClusteringScores.of(novelTruth, novelPred);
            assertEquals(scores.accuracy(), eval.novelScores().orElseThrow().accuracy(), 1e-12);
            assertEquals(scores.nmi(), eval.novelScores().orElseThrow().nmi(), 1e-12);
            assertEquals(scores.ari(), eval.novelScores().orElseThrow().ari(), 1e-12);
            assertEquals(novelTruth.length, eval.novelRows());
            assertEquals(TestData.TEST_ROWS - novelTruth.length, eval.knownRows());
            long knownCorrect = java.util.stream.IntStream.range(0, expected.size())
                    .filter(i -> truth.groundTruth()[FROM + i] < 5)
                    .filter(i -> expected.get(i)
                            .label()
                            .equals(truth.groundTruthNames().get(truth.groundTruth()[FROM + i])))
                    .count();
            assertEquals((double) knownCorrect / eval.knownRows(), eval.knownAccuracy(), 1e-12);
            assertEquals(5, eval.novelClasses().size());
            long knownHeadCorrect = java.util.stream.IntStream.range(0, expected.size())
                    .filter(i -> truth.groundTruth()[FROM + i] < 5)
                    .filter(i -> direct.knownClassNames()
                            .get(expected.get(i).knownClass())
                            .equals(truth.groundTruthNames().get(truth.groundTruth()[FROM + i])))
                    .count();
            assertEquals((double) knownHeadCorrect / eval.knownRows(), eval.knownHeadAccuracy(), 1e-12);
            assertEquals(
                    eval.knownHeadAccuracy(),
                    eval.asMap().get(NclEvaluation.metric(NclEvaluation.KNOWN_HEAD_ACCURACY)));
            assertTrue(eval.knownHeadAccuracy() > 0.5, "known classes are learned: " + eval);
            assertTrue(
                    eval.novelScores().orElseThrow().accuracy() > 0.3,
                    "better than chance on the novel classes: " + eval);
            assertEquals(model.getProvenance(), eval.getProvenance().getModelProvenance());
        }
    }

    @Test
    void domainProvenanceAndScores() {
        NclModel model = TestData.fashionModel();
        assertEquals(10, model.getOutputIDInfo().size());
        assertEquals(java.util.Set.of("Coat", "Dress", "Pullover", "T-shirt/top", "Trouser"), model.knownLabels());
        assertEquals(List.of("novel-0", "novel-1", "novel-2", "novel-3", "novel-4"), model.novelLabels());
        assertTrue(model.isNovel(new Label("novel-3")));
        assertFalse(model.isNovel(new Label("Coat")));
        assertFalse(model.isNovel(new Label("Sandal")));
        assertTrue(model.generatesProbabilities());
        assertTrue(model.getTopFeatures(5).isEmpty());
        Example<Label> ex = TestData.fashionTruth(FROM, FROM + 1).getExample(0);
        assertEquals(Optional.empty(), model.getExcuse(ex));
        Prediction<Label> p = model.predict(ex);
        assertEquals(10, p.getOutputScores().size());
        double sum = p.getOutputScores().values().stream()
                .mapToDouble(Label::getScore)
                .sum();
        assertEquals(1.0, sum, 1e-5);
        assertEquals(784, p.getNumActiveFeatures());
        ModelProvenance prov = model.getProvenance();
        assertEquals(NclTrainer.class.getName(), prov.getTrainerProvenance().getClassName());
        assertTrue(prov.getTrainerProvenance().getConfiguredParameters().containsKey("batchSize"));
        assertTrue(prov.getDatasetProvenance().toString().contains("fashion-mnist-t10k[0,1500)"));
        assertTrue(
                prov.getInstanceProvenance().getMap().containsKey("ncl-final-loss-total")
                        || prov.getInstanceProvenance().getMap().keySet().stream()
                                .anyMatch(k -> k.startsWith("ncl-final-loss-")),
                prov.getInstanceProvenance().getMap().keySet().toString());
        Helpers.testProvenanceMarshalling(prov);
    }

    @Test
    void serializationKeepsPredictions(@TempDir Path dir) throws Exception {
        NclModel model = TestData.fashionModel();
        MutableDataset<Label> test = TestData.fashionTruth(FROM, FROM + 100);
        List<Prediction<Label>> before = model.predict(test);
        Model<Label> proto = Helpers.testModelProtoSerialization(model, Label.class, test, 0.0);
        Helpers.testModelSerialization(model, Label.class);
        Path file = dir.resolve("model.tribuo");
        model.serializeToFile(file);
        try (NclModel loaded = (NclModel) Model.deserializeFromFile(file)) {
            assertPredictionsEqual(before, loaded.predict(test), 0.0);
            assertEquals(model.getProvenance(), loaded.getProvenance());
        }
        try (NclModel p = (NclModel) proto) {
            assertPredictionsEqual(before, p.predict(test), 0.0);
        }
        // closing releases the native model; the next prediction reloads it
        NclModel copy = (NclModel) Model.deserializeFromFile(file);
        copy.close();
        assertPredictionsEqual(before, copy.predict(test), 0.0);
        copy.close();
    }

    @Test
    void onnxExportMatches(@TempDir Path dir) throws Exception {
        NclModel model = TestData.fashionModel();
        assertOnnxRoundTrip(model, TestData.fashionTruth(FROM, TO), dir.resolve("fashion.onnx"));
    }

    static void assertOnnxRoundTrip(NclModel model, MutableDataset<Label> test, Path file)
            throws OrtException, java.io.IOException {
        model.saveONNXModel("org.ncl.test", 1, file);
        assertTrue(Files.size(file) > 0);
        List<Prediction<Label>> expected = model.predict(test);
        {
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions(); // closed by onnx.close()
            ONNXExternalModel<Label> onnx = ONNXExternalModel.createOnnxModel(
                    TestData.FACTORY,
                    model.onnxFeatureMapping(),
                    model.onnxOutputMapping(),
                    new DenseTransformer(),
                    new LabelTransformer(),
                    opts,
                    file,
                    "input");
            try {
                List<Prediction<Label>> actual = onnx.predict(test);
                assertPredictionsEqual(expected, actual, 1e-5);
                assertEquals(model.getProvenance(), onnx.getTribuoProvenance().orElseThrow());
            } finally {
                onnx.close();
            }
        }
    }

    static void assertPredictionsEqual(
            List<Prediction<Label>> expected, List<Prediction<Label>> actual, double tolerance) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Prediction<Label> e = expected.get(i);
            Prediction<Label> a = actual.get(i);
            assertEquals(e.getOutput().getLabel(), a.getOutput().getLabel(), "label of row " + i);
            assertEquals(e.getOutputScores().keySet(), a.getOutputScores().keySet(), "labels scored in row " + i);
            for (String name : e.getOutputScores().keySet()) {
                assertEquals(
                        e.getOutputScores().get(name).getScore(),
                        a.getOutputScores().get(name).getScore(),
                        tolerance,
                        "score of " + name + " in row " + i);
            }
        }
        assertArrayEquals(
                expected.stream().map(p -> p.getOutput().getLabel()).toArray(),
                actual.stream().map(p -> p.getOutput().getLabel()).toArray());
    }
}
