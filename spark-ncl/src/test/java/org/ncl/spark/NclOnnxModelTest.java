// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.NclPrediction;
import org.ncl.core.io.OnnxNames;

/** Reading the export and scoring with one ONNX Runtime session, without Spark. */
class NclOnnxModelTest {

    private final Fixture f = Fixture.get();

    @Test
    void metadataDescribesTheModel() {
        assertEquals(f.rows.featureNames(), f.model.featureNames());
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat"), f.model.knownClassNames());
        assertEquals(5, f.model.numNovelClasses());
        assertEquals(f.novelLogitOffset, f.model.novelLogitOffset()); // exact: Float.toString reads back
    }

    @Test
    void oneSessionGivesTheCorePredictions() {
        try (OnnxScorer scorer = f.model.openScorer(1)) {
            List<NclPrediction> got = scorer.predict(f.rows.features());
            assertEquals(f.expected.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                NclPrediction e = f.expected.get(i);
                NclPrediction g = got.get(i);
                assertEquals(e.index(), g.index(), "row " + i);
                assertEquals(e.label(), g.label(), "row " + i);
                assertEquals(e.novel(), g.novel(), "row " + i);
                assertEquals(e.knownClass(), g.knownClass(), "row " + i);
                assertEquals(e.novelCluster(), g.novelCluster(), "row " + i);
                assertArrayEquals(e.probabilities(), g.probabilities(), 1e-5f, "row " + i);
                assertArrayEquals(e.novelProbabilities(), g.novelProbabilities(), 1e-5f, "row " + i);
            }
            float[] bad = f.rows.row(3);
            bad[2] = Float.POSITIVE_INFINITY;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.predict(bad));
            assertEquals("row 0, feature px2 is Infinity; every value must be a finite number", e.getMessage());
        }
    }

    @Test
    void exportsWithoutTheHeadsOrNotOnnxAreRefusedByName() throws Exception {
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(f.onnx);
        OnnxMl.ModelProto.Builder old = proto.toBuilder().clearMetadataProps();
        proto.getMetadataPropsList().stream()
                .filter(e -> !e.getKey().equals(OnnxNames.NOVEL_OFFSET_KEY))
                .forEach(old::addMetadataProps);
        IllegalArgumentException noOffset = assertThrows(
                IllegalArgumentException.class,
                () -> NclOnnxModel.fromBytes(old.build().toByteArray(), "old.onnx"));
        assertTrue(
                noOffset.getMessage().startsWith("old.onnx has no metadata 'ncl.novelLogitOffset'"),
                noOffset.getMessage());

        OnnxMl.ModelProto.Builder noHeads = proto.toBuilder();
        OnnxMl.GraphProto.Builder graph = noHeads.getGraphBuilder();
        for (int i = graph.getOutputCount() - 1; i >= 0; i--) {
            if (graph.getOutput(i).getName().equals(OnnxNames.KNOWN_LOGITS)) {
                graph.removeOutput(i);
            }
        }
        IllegalArgumentException heads = assertThrows(
                IllegalArgumentException.class,
                () -> NclOnnxModel.fromBytes(noHeads.build().toByteArray(), "heads.onnx"));
        assertTrue(heads.getMessage().startsWith("heads.onnx has no graph value 'known_logits'"), heads.getMessage());

        IllegalArgumentException garbage = assertThrows(
                IllegalArgumentException.class,
                () -> NclOnnxModel.fromBytes("not onnx".getBytes(StandardCharsets.UTF_8), "junk.onnx"));
        assertTrue(
                garbage.getMessage().startsWith("junk.onnx is not an ONNX model ONNX Runtime can load"),
                garbage.getMessage());
    }
}
