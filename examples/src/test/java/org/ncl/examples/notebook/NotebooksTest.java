// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncl.cli.plots.ModelPlots;
import org.ncl.cli.plots.Plots;
import org.ncl.kernel.NotebookExecutor;

/**
 * The notebooks in {@code examples/notebooks/} run top to bottom in the project's Jupyter kernel (ncl-kernel),
 * executed by Jupyter's own client library (Debian's nbclient): their {@code %maven} lines get the project's modules
 * from this build (their {@code pom.xml} and {@code target/classes}, as Maven's reactor hands them over) and the
 * rest from the local Maven repository, offline. Each executed notebook is written to {@code target/notebooks/};
 * with {@code -Dnotebooks.update=true} it also replaces the committed one, so that it carries the outputs of this
 * run: {@code mvn -pl examples -am test -Dtest=NotebooksTest -Dnotebooks.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class NotebooksTest {

    static final Path DIR = Path.of("notebooks");

    static NotebookExecutor executor;

    @BeforeAll
    static void executor() throws Exception {
        executor = NotebookExecutor.forThisJvm(List.of("-Xmx3g"), List.of(Path.of("..")), Duration.ofMinutes(10));
    }

    @Test
    void tribuoPipeline() throws Exception {
        JsonObject nb = run("tribuo-pipeline.ipynb");
        String text = text(nb);
        assertTrue(text.contains("training rows: 1500 (784 labeled, 716 unlabeled); test rows: 500"), text);
        assertTrue(text.contains("[novel-0, novel-1, novel-2, novel-3, novel-4]"), text);
        assertTrue(
                text.contains("ONNX Runtime: 500 of 500 labels equal, largest score difference below 1e-5: true"),
                text);
        assertTrue(text.contains("provenance in the ONNX metadata equals the model's: true"), text);
        assertTrue(text.contains("trainer: org.ncl.tribuo.NclTrainer"), text);
        List<BufferedImage> images = images(nb);
        assertEquals(2, images.size(), "the embedding map and the confusion matrix");
        assertEquals(ModelPlots.EMBEDDING_WIDTH, images.get(0).getWidth());
        assertEquals(Plots.PANEL_HEIGHT, images.get(0).getHeight());
        assertEquals(Plots.CONFUSION_WIDTH, images.get(1).getWidth());
        assertEquals(Plots.CONFUSION_HEIGHT, images.get(1).getHeight());
        assertEquals(List.of(), streams(nb, "stderr"), "nothing on standard error");
    }

    @Test
    void wekaApi() throws Exception {
        JsonObject nb = run("weka-api.ipynb");
        String text = text(nb);
        assertTrue(
                text.contains(
                        "fashion-train.arff: 1000 instances, 786 attributes; 'known' has the values [T-shirt/top, "
                                + "Trouser, Pullover, Dress, Coat], missing on 509 instances"),
                text);
        assertTrue(
                text.contains(
                        "[T-shirt/top, Trouser, Pullover, Dress, Coat, novel-0, novel-1, novel-2, novel-3, novel-4]"),
                text);
        assertTrue(
                text.contains("Novel clusters against ground truth 'class' on 509 unlabeled training instances"), text);
        assertTrue(text.contains("Clustered Instances"), text);
        assertTrue(text.contains("known classes: "), text);
        assertTrue(text.contains("novel classes (task-agnostic clusters): ACC="), text);
        assertEquals(List.of(), streams(nb, "stderr"), "nothing on standard error");
    }

    /** Executes a notebook into target/notebooks/ (and over the committed one if asked); returns it. */
    static JsonObject run(String name) throws Exception {
        Path source = DIR.resolve(name);
        Path done = Path.of("target", "notebooks", name);
        executor.execute(source, done);
        if (Boolean.getBoolean("notebooks.update")) {
            Files.copy(done, source, StandardCopyOption.REPLACE_EXISTING);
        }
        JsonObject nb = JsonParser.parseString(Files.readString(done)).getAsJsonObject();
        int code = 0;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (cell.get("cell_type").getAsString().equals("code")) {
                code++;
                assertEquals(code, cell.get("execution_count").getAsInt(), "every code cell ran, in order");
            }
        }
        assertTrue(code >= 5, "code cells: " + code);
        return nb;
    }

    private static List<JsonObject> outputs(JsonObject nb) {
        List<JsonObject> all = new ArrayList<>();
        nb.getAsJsonArray("cells").forEach(c -> {
            JsonObject cell = c.getAsJsonObject();
            if (cell.has("outputs")) {
                cell.getAsJsonArray("outputs").forEach(o -> all.add(o.getAsJsonObject()));
            }
        });
        return all;
    }

    /** All the text the notebook shows: streams and text/plain values. */
    static String text(JsonObject nb) {
        StringBuilder b = new StringBuilder();
        for (JsonObject o : outputs(nb)) {
            JsonElement t =
                    o.has("text") ? o.get("text") : o.getAsJsonObject("data").get("text/plain");
            b.append(join(t)).append('\n');
        }
        return b.toString();
    }

    private static List<String> streams(JsonObject nb, String name) {
        return outputs(nb).stream()
                .filter(o -> o.get("output_type").getAsString().equals("stream")
                        && o.get("name").getAsString().equals(name))
                .map(o -> join(o.get("text")))
                .toList();
    }

    /** The image/png outputs, decoded. */
    private static List<BufferedImage> images(JsonObject nb) throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        for (JsonObject o : outputs(nb)) {
            JsonObject data = o.getAsJsonObject("data");
            if (data != null && data.has("image/png")) {
                byte[] png =
                        Base64.getDecoder().decode(join(data.get("image/png")).replaceAll("\\s", ""));
                images.add(ImageIO.read(new ByteArrayInputStream(png)));
            }
        }
        return images;
    }

    private static String join(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(l -> b.append(l.getAsString()));
            return b.toString();
        }
        return e.getAsString();
    }
}
