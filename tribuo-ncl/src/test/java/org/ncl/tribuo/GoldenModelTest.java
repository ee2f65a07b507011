// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/** The golden model file written once by {@link GoldenModelWriter} still loads and predicts what it predicted then. */
class GoldenModelTest {

    @Test
    void goldenModelLoadsAndPredictsTheStoredScores() throws Exception {
        Model<?> loaded;
        try (InputStream in = GoldenModelTest.class.getResourceAsStream("golden/" + GoldenModelWriter.MODEL)) {
            loaded = Model.deserializeFromStream(in);
        }
        List<String> lines;
        try (InputStream in = GoldenModelTest.class.getResourceAsStream("golden/" + GoldenModelWriter.PREDICTIONS)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        assertTrue(loaded instanceof NclModel, loaded.getClass().toString());
        try (NclModel model = (NclModel) loaded) {
            assertEquals(List.of("novel-0", "novel-1"), model.novelLabels());
            assertTrue(model.getProvenance().getInstanceProvenance().getMap().containsKey(NclTrainer.CORE_SEED));
            String[] header = lines.get(0).split(",");
            List<Prediction<Label>> preds = model.predict(GoldenModelWriter.goldenExamples());
            assertEquals(lines.size() - 1, preds.size());
            for (int i = 0; i < preds.size(); i++) {
                String[] cells = lines.get(i + 1).split(",");
                assertEquals(cells[1], preds.get(i).getOutput().getLabel(), "row " + i);
                for (int k = 2; k < header.length; k++) {
                    assertEquals(
                            Double.parseDouble(cells[k]),
                            preds.get(i).getOutputScores().get(header[k]).getScore(),
                            1e-6,
                            "row " + i + " " + header[k]);
                }
            }
        }
    }
}
