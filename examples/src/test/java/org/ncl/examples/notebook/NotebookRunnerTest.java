// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JShell notebook runner on small notebooks: outputs, values, magics and failures. */
class NotebookRunnerTest {

    @TempDir
    Path dir;

    /** A notebook with one markdown cell and the given code cells. */
    private Path notebook(String... cells) throws IOException {
        JsonArray a = new JsonArray();
        JsonObject md = new JsonObject();
        md.addProperty("cell_type", "markdown");
        md.add("metadata", new JsonObject());
        md.add("source", Notebook.lines("# A test\n"));
        a.add(md);
        for (String c : cells) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.add("metadata", new JsonObject());
            cell.add("source", Notebook.lines(c));
            cell.add("outputs", new JsonArray());
            cell.add("execution_count", null);
            a.add(cell);
        }
        JsonObject nb = new JsonObject();
        nb.add("cells", a);
        nb.add("metadata", new JsonObject());
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        Path p = dir.resolve("test.ipynb");
        Files.writeString(p, nb.toString());
        return p;
    }

    @Test
    void runsCellsInOrderAndStoresTheirOutputs() throws Exception {
        Path p = notebook(
                "%maven org.ncl:ncl-core:0.1.0\nimport org.ncl.core.options.NclOptions;\nint x = 2;",
                "System.out.println(\"x = \" + x);\nSystem.err.println(\"careful\");",
                "class Twice { static int of(int v) { return 2 * v; } }\nTwice.of(x) + NclOptions.builder(3).build().numNovelClasses()",
                "String s = \"no value shown for a declaration\";");
        Notebook done = NotebookRunner.execute(p, NotebookRunner.currentClassPath());
        assertEquals(List.of(), done.outputs(0), "markdown");
        assertEquals(List.of(), done.outputs(1), "declarations print nothing");
        List<JsonObject> second = done.outputs(2);
        assertEquals(2, second.size());
        assertEquals("stdout", second.get(0).get("name").getAsString());
        assertEquals("[\"x = 2\\n\"]", second.get(0).get("text").toString());
        assertEquals("[\"careful\\n\"]", second.get(1).get("text").toString());
        JsonObject value = done.outputs(3).get(0);
        assertEquals("execute_result", value.get("output_type").getAsString());
        assertEquals(
                "7",
                value.getAsJsonObject("data")
                        .get("text/plain")
                        .getAsJsonArray()
                        .get(0)
                        .getAsString());
        assertEquals(3, value.get("execution_count").getAsInt());
        assertEquals(List.of(), done.outputs(4));
        String json = done.toJson();
        assertTrue(json.contains("\"name\": \"java\""), "IJava kernelspec");
        assertTrue(json.startsWith("{\n \"cells\": ["), "Jupyter's one-space indentation");
        Notebook again = Notebook.read(write(done));
        assertEquals(done.toJson(), again.toJson(), "round trip");
    }

    private Path write(Notebook nb) throws IOException {
        Path p = dir.resolve("out.ipynb");
        nb.write(p);
        return p;
    }

    @Test
    void failuresNameTheCell() throws Exception {
        assertFailure(
                "test.ipynb, cell 3: java.lang.IllegalStateException: boom in: throw new IllegalStateException(\"boom\");",
                notebook("int a = 1;", "throw new IllegalStateException(\"boom\");"));
        assertFailure("test.ipynb, cell 2: does not compile: cannot find symbol", notebook("undefinedMethod(3);"));
        assertFailure(
                "test.ipynb, cell 2: %maven org.example:nothing:1.0 is not on the project's class path",
                notebook("%maven org.example:nothing:1.0"));
        assertFailure("test.ipynb, cell 2: magic %load is not supported", notebook("%load x.java"));
        assertFailure("test.ipynb, cell 2: %jars ../nowhere/*.jar matches no file", notebook("%jars ../nowhere/*.jar"));
        assertFailure("test.ipynb, cell 2: incomplete code at the end of the cell", notebook("int f() {"));
    }

    private static void assertFailure(String expected, Path notebook) {
        NotebookException e = assertThrows(
                NotebookException.class, () -> NotebookRunner.execute(notebook, NotebookRunner.currentClassPath()));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void theClassPathIncludesTheProjectsModules() {
        List<String> cp = NotebookRunner.currentClassPath();
        assertTrue(cp.stream().anyMatch(e -> e.contains("ncl-core")), cp.toString());
        assertTrue(cp.stream().anyMatch(e -> e.contains("picocli")), cp.toString());
    }
}
