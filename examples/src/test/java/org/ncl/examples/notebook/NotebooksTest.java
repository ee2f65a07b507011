// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notebooks in {@code examples/notebooks/} run top to bottom without error (JShell, the project's test class
 * path). Each run is written to {@code target/notebooks/}; with {@code -Dnotebooks.update=true} it also replaces
 * the committed notebook, so that it carries the outputs of this run:
 * {@code mvn -pl examples -am test -Dtest=NotebooksTest -Dnotebooks.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class NotebooksTest {

    static final Path DIR = Path.of("notebooks");

    @Test
    void tribuoPipeline() throws Exception {
        String text = run("tribuo-pipeline.ipynb");
        assertTrue(text.contains("training rows: 1500 (784 labeled, 716 unlabeled); test rows: 500"), text);
        assertTrue(text.contains("[novel-0, novel-1, novel-2, novel-3, novel-4]"), text);
        assertTrue(
                text.contains("ONNX Runtime: 500 of 500 labels equal, largest score difference below 1e-5: true"),
                text);
        assertTrue(text.contains("provenance in the ONNX metadata equals the model's: true"), text);
        assertTrue(text.contains("trainer: org.ncl.tribuo.NclTrainer"), text);
    }

    @Test
    void wekaApi() throws Exception {
        String text = run("weka-api.ipynb");
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
    }

    /** Executes a notebook, checks every code cell ran, writes the result; returns all its output text. */
    static String run(String name) throws Exception {
        Path source = DIR.resolve(name);
        Notebook done = NotebookRunner.execute(source, NotebookRunner.currentClassPath());
        done.write(Path.of("target", "notebooks", name));
        if (Boolean.getBoolean("notebooks.update")) {
            done.write(source);
        }
        StringBuilder text = new StringBuilder();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            for (JsonObject o : done.outputs(i)) {
                JsonObject holder = o.has("text") ? o : o.getAsJsonObject("data");
                String key = o.has("text") ? "text" : "text/plain";
                holder.getAsJsonArray(key).forEach(l -> text.append(l.getAsString()));
                text.append('\n');
            }
            if (done.isCode(i)) {
                counts.add(i);
            }
        }
        assertTrue(counts.size() >= 5, "code cells: " + counts);
        assertEquals(
                done.size(), Notebook.read(Path.of("target", "notebooks", name)).size());
        return text.toString();
    }
}
