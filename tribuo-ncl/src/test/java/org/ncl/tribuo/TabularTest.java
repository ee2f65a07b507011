// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclPrediction;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.nn.Inference;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.impl.ListExample;
import org.tribuo.test.Helpers;

/** Vector data (Gaussian blobs, MLP): bad input, sparse examples, unseen features, ONNX, wrapping core models. */
class TabularTest {

    private static List<Example<Label>> test() {
        return TestData.blobExamples(10, 5L, true);
    }

    @Test
    void datasetWithoutUnknownRowsIsRejected() {
        MutableDataset<Label> all = TestData.blobDataset(TestData.blobExamples(20, 1L, true), "all-labeled");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TestData.blobTrainer().train(all));
        assertTrue(
                e.getMessage().contains("no unlabeled rows") && e.getMessage().contains("UNKNOWN_LABEL"),
                e.getMessage());
    }

    @Test
    void datasetWithOnlyUnknownRowsIsRejected() {
        List<Example<Label>> ex = new ArrayList<>();
        for (Example<Label> e : TestData.blobExamples(20, 1L, true)) {
            ex.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names(e), values(e)));
        }
        MutableDataset<Label> none = TestData.blobDataset(ex, "all-unknown");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TestData.blobTrainer().train(none));
        assertTrue(e.getMessage().contains("no labeled rows"), e.getMessage());
    }

    @Test
    void weightsAndReservedNamesAndWrongImageShapeAreRejected() {
        List<Example<Label>> ex = TestData.blobExamples(20, 1L, false);
        ex.get(3).setWeight(2f);
        IllegalArgumentException w = assertThrows(
                IllegalArgumentException.class,
                () -> DatasetConverter.toDiscoveryData(TestData.blobDataset(ex, "weighted"), null));
        assertTrue(w.getMessage().contains("example 3 has weight 2.0"), w.getMessage());
        List<Example<Label>> named = TestData.blobExamples(20, 1L, false);
        named.set(0, new ArrayExample<>(new Label("novel-0"), names(named.get(0)), values(named.get(0))));
        // the reserved names are the core's check (run by train before any training), in Tribuo's words
        IllegalArgumentException n = assertThrows(
                IllegalArgumentException.class,
                () -> TestData.blobTrainer().train(TestData.blobDataset(named, "reserved")));
        assertTrue(n.getMessage().contains("example 0 has the known label 'novel-0'"), n.getMessage());
        IllegalArgumentException s = assertThrows(
                IllegalArgumentException.class,
                () -> DatasetConverter.toDiscoveryData(
                        TestData.blobDataset(TestData.blobExamples(20, 1L, false), "x"), new int[] {1, 2, 2}));
        assertTrue(s.getMessage().contains("imageShape") && s.getMessage().contains("6"), s.getMessage());
    }

    @Test
    void unknownRowsAreFoundAfterADatasetProtobufRoundTrip() {
        MutableDataset<Label> ds = TestData.blobDataset(TestData.blobExamples(20, 1L, false), "blobs");
        @SuppressWarnings("unchecked")
        MutableDataset<Label> copy = (MutableDataset<Label>) Dataset.deserialize(ds.serialize());
        assertTrue(Helpers.datasetEquals(ds, copy));
        Example<Label> unknown = copy.getExample(2); // class c: unknown
        assertNotSame(LabelFactory.UNKNOWN_LABEL, unknown.getOutput(), "no longer the singleton after the round trip");
        assertEquals(LabelFactory.UNKNOWN_LABEL, unknown.getOutput());
        DatasetConverter.Converted before = DatasetConverter.toDiscoveryData(ds, null);
        DatasetConverter.Converted after = DatasetConverter.toDiscoveryData(copy, null);
        assertEquals(40, after.data().unlabeledRows().length);
        assertEquals(List.of("a", "b"), after.data().knownClassNames());
        assertEquals(before.data().sha256(), after.data().sha256());
        assertArrayEquals(before.data().knownLabels(), after.data().knownLabels());
    }

    @Test
    void sparseExamplesMeanZeros() {
        // training data: a dense and a sparse dataset with the same values (zeros left out) convert identically
        List<Example<Label>> dense = TestData.blobExamples(20, 3L, false);
        List<Example<Label>> denseWithZeros = new ArrayList<>();
        List<Example<Label>> sparse = new ArrayList<>();
        for (int i = 0; i < dense.size(); i++) {
            Example<Label> e = dense.get(i);
            double[] v = values(e);
            v[i % v.length] = 0.0;
            if (i == 0) {
                v[0] = 1.5; // keep every feature observed with a non-zero value somewhere
            }
            denseWithZeros.add(new ArrayExample<>(e.getOutput(), names(e), v));
            ListExample<Label> s = new ListExample<>(e.getOutput());
            for (int j = 0; j < v.length; j++) {
                if (v[j] != 0.0) {
                    s.add(new Feature(names(e)[j], v[j]));
                }
            }
            sparse.add(s);
        }
        DatasetConverter.Converted a =
                DatasetConverter.toDiscoveryData(TestData.blobDataset(denseWithZeros, "dense"), null);
        DatasetConverter.Converted b = DatasetConverter.toDiscoveryData(TestData.blobDataset(sparse, "sparse"), null);
        assertArrayEquals(a.data().features(), b.data().features());
        // prediction: a missing feature is 0
        NclModel model = TestData.blobModel();
        Example<Label> full = test().get(0);
        double[] v = values(full);
        v[2] = 0.0;
        v[4] = 0.0;
        ArrayExample<Label> withZeros = new ArrayExample<>(full.getOutput(), names(full), v);
        ListExample<Label> missing = new ListExample<>(full.getOutput());
        for (int j = 0; j < v.length; j++) {
            if (j != 2 && j != 4) {
                missing.add(new Feature(names(full)[j], v[j]));
            }
        }
        FashionMnistEndToEndTest.assertPredictionsEqual(
                model.predict(List.of(withZeros)), model.predict(List.of(missing)), 0.0);
        assertEquals(4, model.predict(missing).getNumActiveFeatures());
    }

    @Test
    void featuresUnseenInTrainingAreIgnored() {
        NclModel model = TestData.blobModel();
        Example<Label> e = test().get(1);
        ArrayExample<Label> extra = new ArrayExample<>(e.getOutput(), names(e), values(e));
        extra.add(new Feature("never-seen", 1234.5));
        Prediction<Label> p = model.predict(extra);
        FashionMnistEndToEndTest.assertPredictionsEqual(List.of(model.predict(e)), List.of(p), 0.0);
        assertEquals(6, p.getNumActiveFeatures());
        ListExample<Label> onlyUnseen = new ListExample<>(e.getOutput());
        onlyUnseen.add(new Feature("never-seen", 1.0));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> model.predict(onlyUnseen));
        assertTrue(x.getMessage().contains("No features found"), x.getMessage());
        ArrayExample<Label> nan = new ArrayExample<>(e.getOutput(), names(e), values(e));
        nan.set(new Feature("f3", Double.NaN));
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class, () -> model.predict(nan));
        assertTrue(y.getMessage().contains("f3"), y.getMessage());
    }

    @Test
    void evaluationAcceptsLabelsTheModelNeverSaw() {
        NclModel model = TestData.blobModel();
        List<Example<Label>> t = new ArrayList<>(test());
        Example<Label> first = t.get(0);
        t.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names(first), values(first)));
        NclEvaluation eval = new NclEvaluator().evaluate(model, TestData.blobDataset(t, "blobs-test"));
        assertEquals(20, eval.knownRows());
        assertEquals(20, eval.novelRows());
        assertEquals(1, eval.unknownRows());
        assertEquals(List.of("c", "d"), eval.novelClasses());
        assertEquals(41, eval.getPredictions().size());
        assertTrue(eval.knownAccuracy() >= 0 && eval.knownAccuracy() <= 1);
        assertTrue(eval.novelScores().orElseThrow().accuracy() >= 0.5, eval.toString()); // 2 clusters: >= 0.5 always
        assertEquals(
                eval.novelScores().orElseThrow().nmi(),
                eval.asMap().get(NclEvaluation.metric(NclEvaluation.NOVEL_NMI)));
        // task-agnostic is the core's definition: the predicted labels on every row that is not skipped, known and
        // novel rows together (before the core's protocol it was the novel rows only), Hungarian over all outputs
        ClusteringScores agnostic = eval.taskAgnosticScores().orElseThrow();
        assertEquals(40, agnostic.n());
        List<String> names = new ArrayList<>(List.of("a", "b", "c", "d"));
        List<NclPrediction> core = model.predictCore(t);
        int[] truth = new int[40];
        int[] joint = new int[40];
        for (int i = 0; i < 40; i++) {
            truth[i] = names.indexOf(t.get(i).getOutput().getLabel());
            joint[i] = core.get(i).index();
        }
        assertEquals(ClusteringScores.of(truth, joint), agnostic);
        assertEquals(agnostic.accuracy(), eval.asMap().get(NclEvaluation.metric(NclEvaluation.TASK_AGNOSTIC_ACCURACY)));
        Helpers.testProvenanceMarshalling(eval.getProvenance());
        // only known rows: the novel metrics are absent (NaN in the map)
        NclEvaluation knownOnly =
                new NclEvaluator().evaluate(model, TestData.blobDataset(test().subList(0, 2), "known-only"));
        assertTrue(knownOnly.novelScores().isEmpty());
        assertTrue(Double.isNaN(knownOnly.asMap().get(NclEvaluation.metric(NclEvaluation.NOVEL_ACCURACY))));
    }

    @Test
    void replayFromInvocationCountGivesTheSameModel() {
        NclTrainer trainer = TestData.blobTrainer();
        MutableDataset<Label> ds = TestData.blobDataset(TestData.blobExamples(40, 2L, false), "replay");
        try (NclModel first = trainer.train(ds);
                NclModel second = trainer.train(ds);
                NclModel replay = TestData.blobTrainer().train(ds, Map.of(), 1)) {
            long s1 = coreSeed(first);
            long s2 = coreSeed(second);
            assertEquals(NclTrainer.coreSeedFor(7L, 0), s1);
            assertEquals(NclTrainer.coreSeedFor(7L, 1), s2);
            assertEquals(s2, coreSeed(replay));
            assertEquals(2, trainer.getInvocationCount());
            assertEquals(
                    second.getProvenance().getTrainerProvenance(),
                    replay.getProvenance().getTrainerProvenance());
            FashionMnistEndToEndTest.assertPredictionsEqual(second.predict(test()), replay.predict(test()), 0.0);
        }
    }

    private static long coreSeed(NclModel m) {
        return ((LongProvenance)
                        m.getProvenance().getInstanceProvenance().getMap().get(NclTrainer.CORE_SEED))
                .getValue();
    }

    @Test
    void onnxExportOfAnMlpMatches(@TempDir Path dir) throws Exception {
        FashionMnistEndToEndTest.assertOnnxRoundTrip(
                TestData.blobModel(), TestData.blobDataset(test(), "blobs-test"), dir.resolve("mlp.onnx"));
    }

    @Test
    void coreModelsTrainedElsewhereCanBeWrappedAndExported(@TempDir Path dir) throws Exception {
        NclModel model = TestData.blobModel();
        org.ncl.core.NclModel core = model.coreModel();
        try (NclModel wrapped = NclModel.fromCore(core)) {
            FashionMnistEndToEndTest.assertPredictionsEqual(model.predict(test()), wrapped.predict(test()), 0.0);
            Helpers.testProvenanceMarshalling(wrapped.getProvenance());
            assertTrue(wrapped.getProvenance().getInstanceProvenance().getMap().containsKey("ncl-data-sha256"));
        }
        Path file = dir.resolve("core.onnx");
        OnnxExport.write(core, file);
        List<Example<Label>> t = test();
        float[][] rows = new float[t.size()][];
        for (int i = 0; i < t.size(); i++) {
            double[] v = values(t.get(i)); // names f0..f5 are the core's column order
            rows[i] = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                rows[i][j] = (float) v[j];
            }
        }
        float[] flat = new float[t.size() * 6];
        for (int i = 0; i < t.size(); i++) {
            System.arraycopy(rows[i], 0, flat, i * 6, 6);
        }
        List<NclPrediction> expected = core.predict(flat);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, rows);
                OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            float[][] probs = (float[][]) result.get(0).getValue();
            for (int i = 0; i < t.size(); i++) {
                assertArrayEquals(expected.get(i).probabilities(), probs[i], 1e-5f, "row " + i);
                int argmax = 0;
                for (int k = 1; k < probs[i].length; k++) {
                    if (probs[i][k] > probs[i][argmax]) {
                        argmax = k;
                    }
                }
                assertEquals(expected.get(i).index(), argmax, "row " + i);
            }
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals(String.join("\n", core.outputNames()), meta.get(OnnxExport.OUTPUT_NAMES_KEY));
            assertTrue(meta.containsKey("TRIBUO_PROVENANCE"));
            // the heads' logits and the offset give the core's decision through the core's own rule
            float offset = Float.parseFloat(meta.get(OnnxExport.NOVEL_OFFSET_KEY));
            assertEquals(core.novelLogitOffset(), offset);
            float[][] known = (float[][])
                    result.get(OnnxExport.KNOWN_LOGITS).orElseThrow().getValue();
            float[][] novel = (float[][])
                    result.get(OnnxExport.NOVEL_LOGITS).orElseThrow().getValue();
            int cl = core.knownClassNames().size();
            int cu = core.numNovelClasses();
            float[] k = new float[t.size() * cl];
            float[] u = new float[t.size() * cu];
            for (int i = 0; i < t.size(); i++) {
                System.arraycopy(known[i], 0, k, i * cl, cl);
                System.arraycopy(novel[i], 0, u, i * cu, cu);
            }
            List<NclPrediction> decided = NclPrediction.fromOutputs(
                    new Inference.Outputs(t.size(), 0, cl, cu, new float[0], k, u), offset, core.knownClassNames());
            for (int i = 0; i < t.size(); i++) {
                NclPrediction e = expected.get(i);
                NclPrediction d = decided.get(i);
                assertEquals(e.label(), d.label(), "row " + i);
                assertEquals(e.novelCluster(), d.novelCluster(), "row " + i);
                assertArrayEquals(e.probabilities(), d.probabilities(), 1e-5f, "row " + i);
            }
        }
    }

    @Test
    void coreModelWithUnsortedFeatureNamesMapsColumnsByName(@TempDir Path dir) throws Exception {
        // the core's columns are c5, c4, ..., c0: Tribuo's ids (sorted names) run the other way
        List<String> columns = List.of("c5", "c4", "c3", "c2", "c1", "c0");
        List<Example<Label>> train = TestData.blobExamples(40, 8L, false);
        float[] f = new float[train.size() * 6];
        int[] labels = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            double[] v = values(train.get(i));
            for (int j = 0; j < 6; j++) {
                f[i * 6 + j] = (float) v[j];
            }
            Label l = train.get(i).getOutput();
            labels[i] = LabelFactory.UNKNOWN_LABEL.equals(l)
                    ? org.ncl.core.data.DiscoveryData.UNLABELED
                    : (l.getLabel().equals("a") ? 0 : 1);
        }
        org.ncl.core.data.DiscoveryData data = org.ncl.core.data.DiscoveryData.builder(6)
                .features(f)
                .knownLabels(labels, List.of("a", "b"))
                .featureNames(columns)
                .build();
        try (org.ncl.core.NclModel core =
                        new org.ncl.core.NclTrainer(TestData.blobTrainer().coreOptionsResolved()).train(data);
                NclModel wrapped = NclModel.fromCore(core)) {
            assertEquals("c0", wrapped.getFeatureIDMap().get(0).getName());
            List<Example<Label>> test = new ArrayList<>();
            float[] rows = new float[20 * 6];
            List<Example<Label>> source = test();
            for (int i = 0; i < 20; i++) {
                double[] v = values(source.get(i));
                ArrayExample<Label> e = new ArrayExample<>(source.get(i).getOutput());
                for (int j = 0; j < 6; j++) {
                    e.add(new Feature(columns.get(j), v[j]));
                    rows[i * 6 + j] = (float) v[j];
                }
                test.add(e);
            }
            List<NclPrediction> expected = core.predict(rows);
            List<Prediction<Label>> actual = wrapped.predict(test);
            for (int i = 0; i < 20; i++) {
                assertEquals(expected.get(i).label(), actual.get(i).getOutput().getLabel());
                for (int k = 0; k < core.outputNames().size(); k++) {
                    assertEquals(
                            expected.get(i).probabilities()[k],
                            actual.get(i)
                                    .getOutputScores()
                                    .get(core.outputNames().get(k))
                                    .getScore(),
                            0.0);
                }
            }
            FashionMnistEndToEndTest.assertOnnxRoundTrip(
                    wrapped, TestData.blobDataset(test, "unsorted"), dir.resolve("unsorted.onnx"));
        }
    }

    static String[] names(Example<Label> e) {
        List<String> n = new ArrayList<>();
        for (Feature f : e) {
            n.add(f.getName());
        }
        return n.toArray(new String[0]);
    }

    static double[] values(Example<Label> e) {
        List<Double> v = new ArrayList<>();
        for (Feature f : e) {
            v.add(f.getValue());
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
