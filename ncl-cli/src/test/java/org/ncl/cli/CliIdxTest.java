// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;

/**
 * The tool on an IDX image pair (the MNIST format, gzipped): 300 Fashion-MNIST images written as IDX files;
 * discover with known classes 0-4 and the Fashion-MNIST class names, then predict on the images file alone and
 * evaluate on the pair.
 */
class CliIdxTest {

    @Test
    void discoverPredictAndEvaluateOnAnIdxPair(@TempDir Path dir) throws IOException {
        DiscoveryData fashion = FashionMnist.embeddedTest();
        int n = 300;
        Path images = dir.resolve("images-idx3-ubyte.gz");
        Path labels = dir.resolve("labels-idx1-ubyte.gz");
        float[] pixels = fashion.features();
        int[] truth = fashion.groundTruth();
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(img)) {
            d.writeInt(0x00000803);
            d.writeInt(n);
            d.writeInt(28);
            d.writeInt(28);
            for (int i = 0; i < n * 784; i++) {
                d.writeByte(Math.round(pixels[i] * 255f));
            }
        }
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(lab)) {
            d.writeInt(0x00000801);
            d.writeInt(n);
            for (int i = 0; i < n; i++) {
                d.writeByte(truth[i]);
            }
        }
        gzip(img.toByteArray(), images);
        gzip(lab.toByteArray(), labels);

        Path out = dir.resolve("run");
        Cli.Result discover = Cli.run(
                        "discover",
                        "--idx",
                        images.toString(),
                        labels.toString(),
                        "--known-classes",
                        "0,1,2,3,4",
                        "--class-names",
                        "fashion-mnist",
                        "--epochs",
                        "1",
                        "--encoder",
                        "mlp",
                        "-o",
                        "batchSize=32",
                        "-o",
                        "selectionSampleSize=50",
                        "--no-baseline",
                        "--no-plots",
                        "--out",
                        out.toString())
                .ok();
        assertTrue(discover.out().contains("(classes [T-shirt/top, Trouser, Pullover, Dress, Coat])"), discover.out());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("metrics.json")))
                .getAsJsonObject();
        assertEquals(n, m.get("rows").getAsInt());
        assertEquals(5, m.get("numNovelClasses").getAsInt());

        String model = out.resolve("model.ncl").toString();
        Cli.Result predict = Cli.run("predict", "--model", model, "--idx", images.toString());
        assertEquals(0, predict.code(), predict.err());
        List<CSVRecord> fresh = PredictionsCsv.parse(predict.out());
        List<CSVRecord> trained = PredictionsCsv.parse(Files.readString(out.resolve("predictions.csv")));
        assertEquals(n, fresh.size());
        for (int i = 0; i < n; i++) {
            assertEquals(trained.get(i).get("label"), fresh.get(i).get("label"), "row " + i);
        }
        Path json = dir.resolve("e.json");
        Cli.run(
                        "evaluate",
                        "--model",
                        model,
                        "--idx",
                        images.toString(),
                        labels.toString(),
                        "--class-names",
                        "fashion-mnist",
                        "--json",
                        json.toString())
                .ok();
        JsonObject e = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        Cli.assertSameScores(m.getAsJsonObject("novel"), e.getAsJsonObject("novel"));
        Cli.run("evaluate", "--model", model, "--idx", images.toString())
                .fails(2, "--idx needs the labels file too here");
        Cli.run(
                        "discover",
                        "--idx",
                        images.toString(),
                        labels.toString(),
                        "--known-classes",
                        "0,1",
                        "--class-names",
                        "a,b,c")
                .fails(2, "--class-names gives 3 names but the labels go up to 9");
    }

    private static void gzip(byte[] bytes, Path file) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(bytes);
        }
    }
}
