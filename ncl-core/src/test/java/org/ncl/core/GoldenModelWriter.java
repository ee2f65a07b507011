// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.ncl.core.options.NclOptions.SEED;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.options.NclOptions;

/**
 * Writes the golden model file {@value #MODEL} and its expected predictions {@value #EXPECTED} under
 * {@code src/test/resources/org/ncl/core/golden/}, which {@link NclModelPersistenceTest} loads with
 * every later version of the library. Run once, by hand, and commit the two files:
 *
 * <pre>mvn -o -q -pl ncl-core test -Dtest=GoldenModelWriter -Dncl.writeGolden=true</pre>
 *
 * <p>The model is the small tabular model of {@link SyntheticBlobs} (seed 1, data seed 7). The CSV has
 * one line per input row: the row number, its {@value SyntheticBlobs#DIMS} input values exactly
 * ({@link Float#toString}), then index, knownClass, novelCluster and the C_l + C_u probabilities to 6
 * decimals. Inputs are chosen so that no answer is a near tie (margin &ge; 1e-3).
 *
 * <p>{@code tabular-v1-without-entropyWeight.ncl} and its CSV were written the same way by the library
 * before the option {@code entropyWeight} existed; they are a fixed record of an older format-1 file:
 * never regenerate them.
 */
class GoldenModelWriter {

    static final String MODEL = "tabular-v1.ncl";
    static final String EXPECTED = "tabular-v1-expected.csv";
    /** Rows of {@code SyntheticBlobs.data(7)} used as inputs: one per class, then a few more. */
    static final int[] ROWS = {0, 1, 2, 3, 4, 5, 6, 10, 25, 101, 202, 279};

    @Test
    @EnabledIfSystemProperty(named = "ncl.writeGolden", matches = "true")
    void write() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/org/ncl/core/golden");
        Files.createDirectories(dir);
        DiscoveryData data = SyntheticBlobs.data(7);
        NclOptions options = SyntheticBlobs.options().set(SEED, 1L).build();
        DiscoveryData inputs = data.subset(ROWS);
        float[] extra = new float[SyntheticBlobs.DIMS];
        for (int j = 0; j < extra.length; j++) {
            extra[j] = j % 2 == 0 ? 3.5f : -1.25f; // off the training blobs
        }
        float[] all = new float[inputs.features().length + extra.length];
        System.arraycopy(inputs.features(), 0, all, 0, inputs.features().length);
        System.arraycopy(extra, 0, all, inputs.features().length, extra.length);
        int n = all.length / SyntheticBlobs.DIMS;
        try (NclModel model = new NclTrainer(options).train(data)) {
            model.save(dir.resolve(MODEL));
            List<NclPrediction> p = model.predict(all);
            try (Writer w = Files.newBufferedWriter(dir.resolve(EXPECTED), StandardCharsets.UTF_8)) {
                StringBuilder header = new StringBuilder("row");
                for (String f : model.featureNames()) {
                    header.append(',').append(f);
                }
                header.append(",index,knownClass,novelCluster");
                for (String o : model.outputNames()) {
                    header.append(",p_").append(o);
                }
                w.write(header + "\n");
                for (int i = 0; i < n; i++) {
                    NclPrediction q = p.get(i);
                    checkMargin(q.probabilities(), 0, q.probabilities().length, i, "index");
                    checkMargin(q.probabilities(), 0, model.knownClassNames().size(), i, "knownClass");
                    checkMargin(q.novelProbabilities(), 0, q.novelProbabilities().length, i, "novelCluster");
                    StringBuilder line = new StringBuilder(Integer.toString(i));
                    for (int j = 0; j < SyntheticBlobs.DIMS; j++) {
                        line.append(',').append(all[i * SyntheticBlobs.DIMS + j]);
                    }
                    line.append(',')
                            .append(q.index())
                            .append(',')
                            .append(q.knownClass())
                            .append(',')
                            .append(q.novelCluster());
                    for (float v : q.probabilities()) {
                        line.append(',').append(String.format(Locale.ROOT, "%.6f", v));
                    }
                    w.write(line + "\n");
                }
            }
            System.out.println("golden model written to " + dir + "; data sha256 "
                    + model.provenance().data().sha256() + "; size " + Files.size(dir.resolve(MODEL)) + " bytes");
        }
    }

    /** The best of {@code v[from..to)} must beat the second by 1e-3, or the golden answer would be a coin toss. */
    private static void checkMargin(float[] v, int from, int to, int row, String what) {
        float best = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (v[i] > best) {
                second = best;
                best = v[i];
            } else if (v[i] > second) {
                second = v[i];
            }
        }
        if (best - second < 1e-3f) {
            throw new IllegalStateException("golden row " + row + ": " + what + " is a near tie (" + best + " vs "
                    + second + "); choose other rows");
        }
    }
}
