// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.cli.plots.ModelPlots;
import org.ncl.cli.plots.Plots;
import org.ncl.core.NclModel;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.io.ModelFile;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The command-line tool end to end on the first 600 rows of the embedded Fashion-MNIST test split (325 labeled
 * rows of classes 0-4, 275 unlabeled rows of classes 5-9) with one tiny training (MLP, one epoch per stage):
 * discover, then predict, evaluate, info and plot on its model. The numbers the tool prints and writes are checked
 * against numbers recomputed here from its predictions file, and the later commands against discover's output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEndToEndTest {

    static final String[] TINY = {
        "--rows", "600", "--epochs", "1", "--encoder", "mlp", "-o", "batchSize=64", "-o", "selectionSampleSize=100"
    };

    Path dir;

    Path out;
    Path model;
    Cli.Result discover;
    JsonObject metrics;
    List<CSVRecord> predictions;

    @BeforeAll
    void discover(@TempDir Path tmp) throws IOException {
        dir = tmp;
        out = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("discover", "--out", out.toString()));
        args.addAll(List.of(TINY));
        discover = Cli.run(args.toArray(new String[0]));
        model = out.resolve(DiscoverCommand.MODEL);
        if (discover.code() == 0) {
            metrics = JsonParser.parseString(Files.readString(out.resolve(DiscoverCommand.METRICS)))
                    .getAsJsonObject();
            predictions = PredictionsCsv.parse(Files.readString(out.resolve(DiscoverCommand.PREDICTIONS)));
        }
    }

    @Test
    void discoverWritesModelPredictionsMetricsAndPictures() throws IOException {
        discover.ok();
        for (String f : List.of(
                "model.ncl",
                "predictions.csv",
                "metrics.json",
                "embedding.png",
                "confusion.png",
                "training-curves.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(600, metrics.get("rows").getAsInt());
        assertEquals(325, metrics.get("labeledRows").getAsInt());
        assertEquals(275, metrics.get("unlabeledRows").getAsInt());
        assertEquals(5, metrics.get("numNovelClasses").getAsInt(), "C_u from the ground truth: classes 5-9");
        assertEquals(600, predictions.size());
        assertEquals(
                List.of(
                        "row",
                        "label",
                        "novel",
                        "output",
                        "confidence",
                        "known_class",
                        "novel_cluster",
                        "novel_confidence",
                        "true_class"),
                predictions.get(0).getParser().getHeaderNames());
        try (NclModel m = NclModel.load(model)) {
            assertEquals("MLP", m.provenance().options().get("encoder"));
            assertEquals(3, m.provenance().history().size(), "one epoch per stage");
            assertEquals(FashionMnist.CLASS_NAMES.subList(0, 5), m.knownClassNames());
        }
    }

    @Test
    void printedAndWrittenNumbersMatchThePredictionsFile() {
        discover.ok();
        List<String> known = FashionMnist.CLASS_NAMES.subList(0, 5);
        List<String> truthNames = FashionMnist.CLASS_NAMES;
        List<Integer> t = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        int knownRows = 0;
        int knownRight = 0;
        Map<String, Integer> perLabel = new HashMap<>();
        for (CSVRecord r : predictions) {
            String truth = r.get("true_class");
            perLabel.merge(r.get("label"), 1, Integer::sum);
            if (known.contains(truth)) {
                knownRows++;
                if (r.get("known_class").equals(truth)) {
                    knownRight++;
                }
            } else {
                t.add(truthNames.indexOf(truth));
                c.add(Integer.parseInt(r.get("novel_cluster")));
            }
        }
        ClusteringScores novel = ClusteringScores.of(
                t.stream().mapToInt(Integer::intValue).toArray(),
                c.stream().mapToInt(Integer::intValue).toArray());
        JsonObject n = metrics.getAsJsonObject("novel");
        assertEquals(275, n.get("n").getAsInt());
        assertEquals(novel.accuracy(), n.get("accuracy").getAsDouble(), 1e-12);
        assertEquals(novel.nmi(), n.get("nmi").getAsDouble(), 1e-12);
        assertEquals(novel.ari(), n.get("ari").getAsDouble(), 1e-12);
        assertEquals(325, knownRows);
        assertEquals(
                (double) knownRight / knownRows, metrics.get("knownAccuracy").getAsDouble(), 1e-12);
        JsonObject counts = metrics.getAsJsonObject("rowsPerOutput");
        for (String label : counts.keySet()) {
            assertEquals(counts.get(label).getAsInt(), perLabel.getOrDefault(label, 0), label);
        }
        String row = String.format(Locale.ROOT, "275  %.4f  %.4f  %.4f", novel.accuracy(), novel.nmi(), novel.ari());
        assertTrue(
                discover.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("NCL novel head, unlabeled rows (task-aware)") && l.endsWith(row)),
                discover.out());
        assertTrue(discover.out().contains("k-means on raw pixels (k=5, 10 restarts), same rows"), discover.out());
        assertTrue(
                discover.out()
                        .contains("settings changed from the defaults: {encoder=MLP, batchSize=64, "
                                + "pretrainEpochs=1, supervisedEpochs=1, discoveryEpochs=1, selectionSampleSize=100}"),
                discover.out());
    }

    @Test
    void picturesAreValidPngsOfTheExpectedSize() throws IOException {
        discover.ok();
        assertSize(out.resolve(ModelPlots.EMBEDDING), ModelPlots.EMBEDDING_WIDTH, Plots.PANEL_HEIGHT);
        assertSize(out.resolve(ModelPlots.CONFUSION), Plots.CONFUSION_WIDTH, Plots.CONFUSION_HEIGHT);
        assertSize(out.resolve(ModelPlots.CURVES), ModelPlots.CURVES_WIDTH, Plots.CURVE_HEIGHT);
    }

    @Test
    void predictWithTheSavedModelReproducesTheTrainingPredictions() throws IOException {
        Path file = dir.resolve("predict.csv");
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--rows", "600", "--out", file.toString())
                .ok();
        assertEquals(Files.readString(out.resolve(DiscoverCommand.PREDICTIONS)), Files.readString(file));
        long novel =
                predictions.stream().filter(p -> p.get("novel").equals("true")).count();
        assertTrue(
                r.out()
                        .startsWith("600 rows of the embedded Fashion-MNIST test split (first 600 rows): "
                                + (600 - novel) + " predicted as a known class, " + novel + " as a novel cluster"),
                r.out());
        Cli.Result toStdout = Cli.run("predict", "--model", model.toString(), "--rows", "3");
        assertEquals(0, toStdout.code());
        assertEquals(4, toStdout.out().lines().count(), "header and three rows on standard output");
    }

    @Test
    void evaluateGivesTheNumbersOfDiscover() throws IOException {
        Path json = dir.resolve("eval.json");
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--rows", "600", "--json", json.toString())
                .ok();
        JsonObject e = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        Cli.assertSameScores(metrics.getAsJsonObject("novel"), e.getAsJsonObject("novel"));
        assertEquals(
                metrics.get("knownAccuracy").getAsDouble(),
                e.get("knownAccuracy").getAsDouble(),
                1e-12);
        Cli.assertSameScores(metrics.getAsJsonObject("taskAgnostic"), e.getAsJsonObject("taskAgnostic"));
        assertEquals(
                metrics.get("taskAgnosticStrictAccuracy").getAsDouble(),
                e.get("taskAgnosticStrictAccuracy").getAsDouble(),
                1e-12);
        String known = String.format(
                Locale.ROOT,
                "325  %.4f       -       -",
                metrics.get("knownAccuracy").getAsDouble());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("known classes: known head (accuracy)") && l.endsWith(known)),
                r.out());
    }

    @Test
    void infoShowsProvenanceAndChangedSettings() {
        Cli.Result r = Cli.run("info", "--model", model.toString()).ok();
        assertTrue(r.out().contains("encoder:          MLP, input shape [1, 28, 28] (784 features)"), r.out());
        assertTrue(r.out().contains("known classes:    5 [T-shirt/top, Trouser, Pullover, Dress, Coat]"), r.out());
        assertTrue(r.out().contains("training data:    600 rows (325 labeled, 275 unlabeled)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  \\* encoder +MLP")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("    seed +1")), r.out());
        assertEquals(
                3,
                r.out()
                        .lines()
                        .filter(l -> l.matches("  (PRETRAIN|SUPERVISED|DISCOVERY) +epoch .*"))
                        .count(),
                r.out());
        JsonObject p = JsonParser.parseString(Cli.run("info", "--json", "--model", model.toString())
                        .ok()
                        .out())
                .getAsJsonObject();
        assertEquals("64", p.getAsJsonObject("options").get("batchSize").getAsString());
        assertEquals(600, p.getAsJsonObject("data").get("rows").getAsInt());
    }

    /** Text from a model file reaches the terminal with its control characters escaped. */
    @Test
    void infoEscapesControlCharactersFromTheModelFile() throws IOException {
        ModelFile.Contents c = ModelFile.read(model);
        JsonObject m = JsonParser.parseString(c.manifestJson()).getAsJsonObject();
        JsonObject provenance = m.getAsJsonObject("provenance");
        provenance.addProperty("os", "Linux\u001b]0;pwned\u0007\u009b2J");
        provenance.addProperty("engine", "PyTorch\r\nfake line");
        provenance.getAsJsonObject("options").addProperty("seed", "1\u001b[31m");
        Path crafted = dir.resolve("crafted.ncl");
        ModelFile.write(crafted, m.toString(), c.parameters());
        Cli.Result r = Cli.run("info", "--model", crafted.toString()).ok();
        assertTrue(r.out().chars().noneMatch(ch -> ch == 0x1b || ch == 0x07 || ch == 0x9b || ch == '\r'), r.out());
        assertTrue(r.out().contains("Linux\\u001b]0;pwned\\u0007\\u009b2J"), r.out());
        assertTrue(r.out().contains("PyTorch\\r\\nfake line"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  \\* seed +1\\\\u001b\\[31m")), r.out());
    }

    @Test
    void plotDrawsThePicturesForOtherRows() throws IOException {
        Path pictures = dir.resolve("pictures");
        Cli.run("plot", "--model", model.toString(), "--rows", "300", "--out", pictures.toString())
                .ok();
        assertSize(pictures.resolve(ModelPlots.EMBEDDING), ModelPlots.EMBEDDING_WIDTH, Plots.PANEL_HEIGHT);
        assertSize(pictures.resolve(ModelPlots.CONFUSION), Plots.CONFUSION_WIDTH, Plots.CONFUSION_HEIGHT);
        assertSize(pictures.resolve(ModelPlots.CURVES), ModelPlots.CURVES_WIDTH, Plots.CURVE_HEIGHT);
    }

    @Test
    void exportOnnxGivesThePredictionsOfTheModelUnderOnnxRuntime() throws Exception {
        Path onnx = dir.resolve("onnx").resolve("model.onnx");
        Cli.Result r = Cli.run("export-onnx", "--model", model.toString(), "--out", onnx.toString())
                .ok();
        assertTrue(
                r.out()
                        .contains("output 'output': [batch, 10] probabilities of [T-shirt/top, Trouser, Pullover, "
                                + "Dress, Coat, novel-0, novel-1, novel-2, novel-3, novel-4]"),
                r.out());
        int n = 100;
        float[] rows = new float[n * 784];
        System.arraycopy(FashionMnist.embeddedTest().features(), 0, rows, 0, rows.length);
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (NclModel m = NclModel.load(model);
                ai.onnxruntime.OrtSession session =
                        env.createSession(onnx.toString(), new ai.onnxruntime.OrtSession.SessionOptions());
                ai.onnxruntime.OnnxTensor input = ai.onnxruntime.OnnxTensor.createTensor(
                        env, java.nio.FloatBuffer.wrap(rows), new long[] {n, 784});
                ai.onnxruntime.OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] p = (float[][]) result.get(0).getValue();
            List<org.ncl.core.NclPrediction> expected = m.predict(rows);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 10; j++) {
                    assertEquals(expected.get(i).probabilities()[j], p[i][j], 1e-4, "row " + i + " output " + j);
                }
                assertEquals(predictions.get(i).get("output"), Integer.toString(argmax(p[i])), "row " + i);
            }
            assertEquals(
                    String.join("\n", m.outputNames()),
                    session.getMetadata().getCustomMetadata().get("ncl.outputNames"));
        }
        Cli.run("export-onnx", "--model", model.toString(), "--out", dir.toString())
                .fails(2, "--out must be a file");
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    static void assertSize(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, png + " is not a readable image");
        assertEquals(width, image.getWidth(), png + " width");
        assertEquals(height, image.getHeight(), png + " height");
    }
}
