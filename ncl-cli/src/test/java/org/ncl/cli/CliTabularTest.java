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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool on a table: a CSV file of four Gaussian blobs in six dimensions, 50 rows each; classes a and b labeled,
 * c and d unlabeled (blank label cells), the true class in its own column. Discover (C_u counted from the truth
 * column), predict on a file with the columns in another order, an id column and no label column, evaluate with the
 * truth column.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTabularTest {

    static final int D = 6;
    static final String[] CLASSES = {"a", "b", "c", "d"};

    Path dir;
    Path train;
    Path out;
    Cli.Result discover;

    @BeforeAll
    void discover(@TempDir Path tmp) throws IOException {
        dir = tmp;
        Random r = new Random(7);
        StringBuilder csv = new StringBuilder();
        StringBuilder shuffled = new StringBuilder("id,class");
        for (int j = D - 1; j >= 0; j--) {
            shuffled.append(",x").append(j);
        }
        shuffled.append('\n');
        for (int j = 0; j < D; j++) {
            csv.append("x").append(j).append(',');
        }
        csv.append("label,class\n");
        int row = 0;
        for (int i = 0; i < 50; i++) {
            for (int c = 0; c < CLASSES.length; c++) {
                double[] x = new double[D];
                for (int j = 0; j < D; j++) {
                    x[j] = r.nextGaussian() + (j == c ? 5 : 0);
                    csv.append(String.format(Locale.ROOT, "%.5f,", x[j]));
                }
                csv.append(c < 2 ? CLASSES[c] : "")
                        .append(',')
                        .append(CLASSES[c])
                        .append('\n');
                if (row < 20) {
                    shuffled.append("id").append(row).append(',').append(CLASSES[c]);
                    for (int j = D - 1; j >= 0; j--) {
                        shuffled.append(String.format(Locale.ROOT, ",%.5f", x[j]));
                    }
                    shuffled.append('\n');
                }
                row++;
            }
        }
        train = dir.resolve("train.csv");
        Files.writeString(train, csv);
        Files.writeString(dir.resolve("new.csv"), shuffled);
        out = dir.resolve("run");
        discover = Cli.run(
                "discover",
                "--csv",
                train.toString(),
                "--label-column",
                "label",
                "--truth-column",
                "class",
                "--epochs",
                "1,1,2",
                "-o",
                "batchSize=32",
                "-o",
                "selectionSampleSize=50",
                "--no-baseline",
                "--out",
                out.toString());
    }

    @Test
    void discoverCountsTheNovelClassesFromTheTruthColumn() throws IOException {
        discover.ok();
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json")))
                .getAsJsonObject();
        assertEquals(200, m.get("rows").getAsInt());
        assertEquals(100, m.get("labeledRows").getAsInt());
        assertEquals(2, m.get("numNovelClasses").getAsInt());
        assertEquals(100, m.getAsJsonObject("novel").get("n").getAsInt());
        assertTrue(discover.out().contains("C_u = 2"), discover.out());
        assertTrue(!discover.out().contains("k-means on raw pixels"), "--no-baseline drops the k-means row");
        CliEndToEndTest.assertSize(out.resolve("embedding.png"), 2 * 760, 620);
    }

    @Test
    void predictMatchesColumnsByNameAndIgnoresOthers() throws IOException {
        discover.ok();
        Path p = dir.resolve("p.csv");
        Cli.run(
                        "predict",
                        "--model",
                        out.resolve("model.ncl").toString(),
                        "--csv",
                        dir.resolve("new.csv").toString(),
                        "--out",
                        p.toString())
                .ok();
        List<CSVRecord> fresh = PredictionsCsv.parse(Files.readString(p));
        List<CSVRecord> trained = PredictionsCsv.parse(Files.readString(out.resolve("predictions.csv")));
        assertEquals(20, fresh.size());
        assertEquals(
                List.of(
                        "row",
                        "label",
                        "novel",
                        "output",
                        "confidence",
                        "known_class",
                        "novel_cluster",
                        "novel_confidence"),
                fresh.get(0).getParser().getHeaderNames(),
                "no truth column asked for");
        for (int i = 0; i < 20; i++) {
            for (String col : List.of("label", "novel", "output", "known_class", "novel_cluster")) {
                assertEquals(trained.get(i).get(col), fresh.get(i).get(col), "row " + i + " " + col);
            }
            assertEquals(
                    Double.parseDouble(trained.get(i).get("confidence")),
                    Double.parseDouble(fresh.get(i).get("confidence")),
                    1e-3,
                    "row " + i);
        }
    }

    @Test
    void evaluateWithTheTruthColumnGivesDiscoversNumbers() throws IOException {
        discover.ok();
        Path json = dir.resolve("e.json");
        Cli.run(
                        "evaluate",
                        "--model",
                        out.resolve("model.ncl").toString(),
                        "--csv",
                        train.toString(),
                        "--truth-column",
                        "class",
                        "--json",
                        json.toString())
                .ok();
        JsonObject e = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json")))
                .getAsJsonObject();
        Cli.assertSameScores(m.getAsJsonObject("novel"), e.getAsJsonObject("novel"));
        assertEquals(
                m.get("knownAccuracy").getAsDouble(), e.get("knownAccuracy").getAsDouble(), 1e-12);
        assertEquals(100, e.get("knownRows").getAsInt());
    }

    @Test
    void withoutKnownClassesItClusters() throws IOException {
        // every label cell blank: no known classes, plain clustering of all rows into K clusters
        String text = Files.readString(train).replaceAll(",[ab],([abcd])\\n", ",,$1\n");
        Path blank = dir.resolve("blank.csv");
        Files.writeString(blank, text);
        Path run = dir.resolve("blank-run");
        Cli.Result r = Cli.run(
                        "discover",
                        "--csv",
                        blank.toString(),
                        "--label-column",
                        "label",
                        "--truth-column",
                        "class",
                        "-k",
                        "4",
                        "--epochs",
                        "1,1,2",
                        "-o",
                        "batchSize=32",
                        "-o",
                        "selectionSampleSize=50",
                        "--no-baseline",
                        "--out",
                        run.toString())
                .ok();
        CliEndToEndTest.assertSize(run.resolve("confusion.png"), 860, 680);
        assertTrue(r.out().contains("200 rows, 0 labeled (classes []), 200 unlabeled, C_u = 4"), r.out());
        JsonObject m = JsonParser.parseString(Files.readString(run.resolve("metrics.json")))
                .getAsJsonObject();
        assertEquals(200, m.getAsJsonObject("novel").get("n").getAsInt());
        assertTrue(!m.has("knownAccuracy"));
        List<CSVRecord> p = PredictionsCsv.parse(Files.readString(run.resolve("predictions.csv")));
        assertEquals("", p.get(0).get("known_class"));
        assertTrue(p.stream().allMatch(x -> x.get("label").startsWith("novel-")));
    }

    @Test
    void badPredictionInputNamesTheColumn() throws IOException {
        discover.ok();
        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "x0,x1,x2,x4,x5\n1,2,3,4,5\n");
        String model = out.resolve("model.ncl").toString();
        Cli.run("predict", "--model", model, "--csv", missing.toString())
                .fails(1, "the header lacks 1 of the model's 6 feature columns, e.g. [x3]");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x0,x1,x2,x3,x4,x5\n1,2,3,4,5,6\n1,2,3,,5,6\n");
        Cli.run("predict", "--model", model, "--csv", bad.toString())
                .fails(1, "line 3, column \"x3\": '' is not a number");
        Cli.run("evaluate", "--model", model, "--csv", bad.toString()).fails(2, "--csv needs --truth-column NAME here");
    }

    @Test
    void predictRejectsADuplicatedFeatureColumnNamingIt() throws IOException {
        discover.ok();
        Path dup = dir.resolve("dup.csv");
        Files.writeString(dup, "x0,x1,x2,x3,x4,x5,x3\n1,2,3,4,5,6,100\n");
        Cli.run("predict", "--model", out.resolve("model.ncl").toString(), "--csv", dup.toString())
                .fails(1, "duplicate column name \"x3\" (columns 4 and 7)");
    }
}
