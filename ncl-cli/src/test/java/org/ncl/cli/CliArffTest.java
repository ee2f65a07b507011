// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclModel;

/**
 * The tool on ARFF files (read with Weka, converted by weka-ncl): Gaussian blobs of four classes with a nominal
 * feature (one-hot), the known labels in a nominal attribute whose missing values mark the unlabeled instances and
 * the true class in another. Discover, predict on a file whose attributes come in another order without the label
 * attribute, evaluate, and the errors of a missing attribute and of a file that is not ARFF.
 */
class CliArffTest {

    static final String[] CLASSES = {"a", "b", "c", "d"};

    @Test
    void discoverPredictEvaluate(@TempDir Path dir) throws IOException {
        Cli.Result d = discover(dir);
        Path arff = dir.resolve("train.arff");
        Path newArff = dir.resolve("new.arff");
        Path out = dir.resolve("run");
        assertTrue(d.out().contains("160 rows, 80 labeled (classes [a, b]), 80 unlabeled, C_u = 2"), d.out());
        rest(dir, arff, newArff, out);
    }

    /** Writes train.arff and new.arff (the same instances, attributes reordered) and discovers into run/. */
    private static Cli.Result discover(Path dir) throws IOException {
        Random r = new Random(3);
        StringBuilder train = new StringBuilder("@relation blobs\n");
        for (int j = 0; j < 4; j++) {
            train.append("@attribute x").append(j).append(" numeric\n");
        }
        train.append("@attribute colour {red,blue}\n@attribute known {a,b}\n@attribute class {a,b,c,d}\n@data\n");
        StringBuilder other =
                new StringBuilder("@relation blobs-new\n@attribute class {a,b,c,d}\n@attribute colour {red,blue}\n");
        for (int j = 3; j >= 0; j--) {
            other.append("@attribute x").append(j).append(" numeric\n");
        }
        other.append("@data\n");
        for (int i = 0; i < 40; i++) {
            for (int c = 0; c < 4; c++) {
                double[] x = new double[4];
                for (int j = 0; j < 4; j++) {
                    x[j] = r.nextGaussian() + (j == c ? 5 : 0);
                    train.append(String.format(Locale.ROOT, "%.5f,", x[j]));
                }
                String colour = c % 2 == 0 ? "red" : "blue";
                train.append(colour)
                        .append(',')
                        .append(c < 2 ? CLASSES[c] : "?")
                        .append(',')
                        .append(CLASSES[c])
                        .append('\n');
                other.append(CLASSES[c]).append(',').append(colour);
                for (int j = 3; j >= 0; j--) {
                    other.append(String.format(Locale.ROOT, ",%.5f", x[j]));
                }
                other.append('\n');
            }
        }
        Path arff = dir.resolve("train.arff");
        Path newArff = dir.resolve("new.arff");
        Files.writeString(arff, train);
        Files.writeString(newArff, other);
        Path out = dir.resolve("run");
        return Cli.run(
                        "discover",
                        "--arff",
                        arff.toString(),
                        "--label-attribute",
                        "known",
                        "--truth-attribute",
                        "class",
                        "--epochs",
                        "1,1,2",
                        "-o",
                        "batchSize=32",
                        "-o",
                        "selectionSampleSize=50",
                        "--no-plots",
                        "--out",
                        out.toString())
                .ok();
    }

    private static void rest(Path dir, Path arff, Path newArff, Path out) throws IOException {
        try (NclModel m = NclModel.load(out.resolve("model.ncl"))) {
            assertEquals(List.of("x0", "x1", "x2", "x3", "colour=red", "colour=blue"), m.featureNames());
        }

        Path p = dir.resolve("p.csv");
        Cli.run(
                        "predict",
                        "--model",
                        out.resolve("model.ncl").toString(),
                        "--arff",
                        newArff.toString(),
                        "--out",
                        p.toString())
                .ok();
        List<CSVRecord> fresh = PredictionsCsv.parse(Files.readString(p));
        List<CSVRecord> trained = PredictionsCsv.parse(Files.readString(out.resolve("predictions.csv")));
        assertEquals(160, fresh.size());
        for (int i = 0; i < 160; i++) {
            assertEquals(trained.get(i).get("label"), fresh.get(i).get("label"), "row " + i);
        }

        Path json = dir.resolve("e.json");
        Cli.run(
                        "evaluate",
                        "--model",
                        out.resolve("model.ncl").toString(),
                        "--arff",
                        newArff.toString(),
                        "--truth-attribute",
                        "class",
                        "--json",
                        json.toString())
                .ok();
        JsonObject e = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json")))
                .getAsJsonObject();
        Cli.assertSameScores(m.getAsJsonObject("novel"), e.getAsJsonObject("novel"));
        assertEquals(80, e.get("knownRows").getAsInt());

        Cli.run("discover", "--arff", arff.toString(), "--label-attribute", "labels", "-k", "2")
                .fails(1, "labels");
        Path notArff = dir.resolve("bad.arff");
        Files.writeString(notArff, "@relation x\n@attribute a numeric\n@data\nhello\n");
        Cli.run("discover", "--arff", notArff.toString(), "--label-attribute", "a", "-k", "2")
                .fails(1, notArff + ": not a readable ARFF file");
        Cli.run("discover", "--arff", arff.toString()).fails(2, "--arff needs --label-attribute NAME");
    }

    /**
     * A missing value at predict time is imputed from what the model was trained on, never from the other
     * instances of the prediction file: an instance gets the same columns (and prediction) alone and together
     * with instances that have very different values of the missing attribute.
     */
    @Test
    void aMissingValueAtPredictTimeDoesNotDependOnTheOtherInstances(@TempDir Path dir) throws IOException {
        discover(dir);
        Path model = dir.resolve("run").resolve("model.ncl");
        String header = "@relation q\n@attribute x0 numeric\n@attribute x1 numeric\n@attribute x2 numeric\n"
                + "@attribute x3 numeric\n@attribute colour {red,blue}\n@data\n";
        String row = "0.1,?,0.3,5.2,?\n";
        Path alone = dir.resolve("alone.arff");
        Path together = dir.resolve("together.arff");
        Files.writeString(alone, header + row);
        Files.writeString(together, header + row + "0,90,0,0,blue\n0,70,0,0,blue\n1,80,1,1,blue\n");
        try (NclModel m = NclModel.load(model)) {
            float[] a = ArffInput.readForModel(alone, m, null).features();
            float[] t = ArffInput.readForModel(together, m, null).features();
            float[] first = java.util.Arrays.copyOf(t, a.length);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a, first);
            float[] mean = m.standardizer().mean();
            assertEquals(mean[1], a[1], "x1 imputed with its training mean");
            assertEquals(mean[4], a[4], "colour=red imputed with its training mean");
            assertEquals(m.predict(a).get(0).index(), m.predict(first).get(0).index());
        }
    }
}
