// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclPrediction;

/** The spark-submit job, run in the tests' local[2] session. */
class ScoreTableTest {

    private final Fixture f = Fixture.get();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScoreTable.run(
                f.spark,
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Rows of the CSV (the row-by-row match on all of the fixture's rows is the transformer test's). */
    private static final int ROWS = 1000;

    /** A CSV with a header: id, the 49 features, the true class name, for the first {@code rows} rows. */
    private Path csv(int rows) throws IOException {
        StringBuilder s = new StringBuilder("id");
        for (String name : f.rows.featureNames()) {
            s.append(',').append(name);
        }
        s.append(",class\n");
        for (int i = 0; i < rows; i++) {
            s.append(i);
            for (int j = 0; j < Fixture.FEATURES; j++) {
                s.append(',').append(Float.toString(f.rows.value(i, j)));
            }
            s.append(',')
                    .append(f.rows.groundTruthNames().get(f.rows.groundTruth()[i]))
                    .append('\n');
        }
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void scoresACsvTableToParquetAsTheCoreDoes() throws IOException {
        Path model = dir.resolve("model.onnx");
        Files.write(model, f.onnx);
        Path input = csv(ROWS);
        Path output = dir.resolve("scored.parquet");
        Result r = run(
                "--model", model.toString(),
                "--input", input.toString(),
                "--output", output.toString(),
                "--keep", "id,class",
                "--batch-size", "256");
        assertEquals(0, r.code(), r.err());
        long novel = f.expected.subList(0, ROWS).stream()
                .filter(NclPrediction::novel)
                .count();
        assertEquals(
                String.format(
                        Locale.ROOT,
                        "scored %d rows of %s with %s: %d known, %d novel; wrote %s (parquet)%n",
                        ROWS,
                        input,
                        model,
                        ROWS - novel,
                        novel,
                        output),
                r.out());
        List<Row> rows = f.spark.read().parquet(output.toString()).orderBy("id").collectAsList();
        assertEquals(
                List.of("id", "class", "predictedLabel", "novel", "confidence", "novelCluster"),
                List.of(rows.get(0).schema().fieldNames()));
        assertEquals(ROWS, rows.size());
        for (int i = 0; i < ROWS; i++) {
            NclPrediction e = f.expected.get(i);
            Row row = rows.get(i);
            assertEquals(e.label(), row.getAs("predictedLabel"), "row " + i);
            assertEquals(e.novel(), row.<Boolean>getAs("novel"), "row " + i);
            assertEquals(e.confidence(), row.<Double>getAs("confidence"), 1e-5, "row " + i);
            assertEquals(e.novelCluster(), row.<Integer>getAs("novelCluster"), "row " + i);
        }

        // never over good output
        Result again = run("--model", model.toString(), "--input", input.toString(), "--output", output.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().startsWith("error: --output " + output + " exists"), again.err());

        // a saved transformer directory works as the model too
        Path saved = dir.resolve("saved");
        new NclOnnxTransformer(f.model).write().save(saved.toString());
        Path resaved = dir.resolve("scored-csv");
        Result fromSaved = run(
                "--model", saved.toString(),
                "--input", input.toString(),
                "--output", resaved.toString(),
                "--keep", "id",
                "--output-format", "csv");
        assertEquals(0, fromSaved.code(), fromSaved.err());
        assertTrue(fromSaved.out().endsWith(novel + " novel; wrote " + resaved + " (csv)\n"), fromSaved.out());
        List<Row> back = f.spark
                .read()
                .option("header", true)
                .option("inferSchema", true)
                .csv(resaved.toString())
                .orderBy("id")
                .collectAsList();
        assertEquals(ROWS, back.size());
        for (int i = 0; i < ROWS; i++) {
            assertEquals(f.expected.get(i).label(), back.get(i).getAs("predictedLabel"), "row " + i);
        }
    }

    @Test
    void badArgumentsAndInputsAreErrorsThatSayWhat() throws IOException {
        Result usage = run("--model", "m.onnx");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("error: missing --input\nusage: spark-submit"), usage.err());

        Result format = run("--model", "m", "--input", "i", "--output", "o", "--format", "xls");
        assertEquals(2, format.code());
        assertTrue(format.err().startsWith("error: --format must be csv, parquet, orc or json, got 'xls'"));

        Path input = csv(20);
        Result noModel = run(
                "--model", dir.resolve("absent.onnx").toString(),
                "--input", input.toString(),
                "--output", dir.resolve("o1").toString());
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("absent.onnx does not exist"), noModel.err());

        Path model = dir.resolve("model.onnx");
        Files.write(model, f.onnx);
        Result keep = run(
                "--model", model.toString(),
                "--input", input.toString(),
                "--output", dir.resolve("o2").toString(),
                "--keep", "id,label");
        assertEquals(1, keep.code());
        assertTrue(keep.err().startsWith("error: --keep names 'label', which is not a column of"), keep.err());
        assertFalse(Files.exists(dir.resolve("o2")));

        Result cols = run(
                "--model", model.toString(),
                "--input", input.toString(),
                "--output", dir.resolve("o3").toString(),
                "--input-cols", "id,px1");
        assertEquals(1, cols.code());
        assertTrue(cols.err().startsWith("error: the model takes 49 features (px0, px1 .. px48)"), cols.err());
    }
}
