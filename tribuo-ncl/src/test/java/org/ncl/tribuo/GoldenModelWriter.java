// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/**
 * Writes the golden model file and its stored predictions, ONCE. The files in
 * {@code src/test/resources/org/ncl/tribuo/golden/} must never be regenerated: {@link GoldenModelTest} checks that
 * later versions still load them and predict the same. A new serialization version gets a new file name.
 *
 * <p>Run (from the module directory): {@code mvn -o -q test -Dtest=GoldenModelWriter -Dncl.writeGolden=true}.
 */
class GoldenModelWriter {

    static final String MODEL = "ncl-model-v0.tribuo";
    static final String PREDICTIONS = "ncl-model-v0-predictions.csv";

    /** The examples whose predictions are stored. */
    static List<Example<Label>> goldenExamples() {
        return TestData.blobExamples(5, 99L, true);
    }

    @Test
    @EnabledIfSystemProperty(named = "ncl.writeGolden", matches = "true")
    void write() throws IOException {
        main(new String[] {"src/test/resources/org/ncl/tribuo/golden"});
    }

    /**
     * Writes the files.
     *
     * @param args the output directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(MODEL))) {
            throw new IllegalStateException(dir.resolve(MODEL) + " exists: golden files are never regenerated");
        }
        NclModel model = TestData.blobModel();
        model.serializeToFile(dir.resolve(MODEL));
        List<String> labels = new ArrayList<>(new TreeSet<>(model.getOutputIDInfo().getDomain().stream()
                .map(Label::getLabel)
                .toList()));
        List<String> lines = new ArrayList<>();
        lines.add("row,label," + String.join(",", labels));
        List<Prediction<Label>> preds = model.predict(goldenExamples());
        for (int i = 0; i < preds.size(); i++) {
            StringBuilder sb = new StringBuilder()
                    .append(i)
                    .append(',')
                    .append(preds.get(i).getOutput().getLabel());
            for (String l : labels) {
                sb.append(',')
                        .append(String.format(
                                Locale.ROOT,
                                "%.9g",
                                preds.get(i).getOutputScores().get(l).getScore()));
            }
            lines.add(sb.toString());
        }
        Files.write(dir.resolve(PREDICTIONS), lines);
    }
}
