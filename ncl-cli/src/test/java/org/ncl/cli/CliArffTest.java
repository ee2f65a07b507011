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
        Cli.Result d = Cli.run(
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
        assertTrue(d.out().contains("160 rows, 80 labeled (classes [a, b]), 80 unlabeled, C_u = 2"), d.out());
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
}
