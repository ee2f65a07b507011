// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.kernel.maven.TestRepository;

/**
 * Notebooks run in the kernel by Jupyter's own client (Debian's nbclient and jupyter-client, as the build's CI
 * installs them): the kernel speaks Jupyter's protocol, and outputs, images, magics and failures come out as
 * Jupyter stores them.
 */
class NotebookExecutorTest {

    @TempDir
    static Path dir;

    static NotebookExecutor executor;

    @BeforeAll
    static void setUp() throws Exception {
        TestRepository repo = new TestRepository(dir.resolve("repo"));
        repo.install(
                "demo",
                "greeter",
                "1.0",
                List.of(),
                "package demo; public class Greeter { public static String"
                        + " hello(String n) { return \"hello \" + n; } }");
        executor = NotebookExecutor.forThisJvm(
                List.of("-Dmaven.repo.local=" + repo.root()), List.of(), Duration.ofSeconds(120));
    }

    /** A notebook of these code cells, after a markdown cell. */
    private static Path notebook(String name, String... cells) throws Exception {
        JsonArray a = new JsonArray();
        JsonObject md = new JsonObject();
        md.addProperty("cell_type", "markdown");
        md.add("metadata", new JsonObject());
        md.addProperty("source", "# A test");
        a.add(md);
        for (String c : cells) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.add("metadata", new JsonObject());
            cell.addProperty("source", c);
            cell.add("outputs", new JsonArray());
            cell.add("execution_count", null);
            a.add(cell);
        }
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", "java");
        kernelspec.addProperty("display_name", "Java");
        kernelspec.addProperty("language", "java");
        JsonObject meta = new JsonObject();
        meta.add("kernelspec", kernelspec);
        JsonObject nb = new JsonObject();
        nb.add("cells", a);
        nb.add("metadata", meta);
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        Path p = dir.resolve(name);
        Files.writeString(p, nb.toString());
        return p;
    }

    private static String text(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(l -> b.append(l.getAsString()));
            return b.toString();
        }
        return e.getAsString();
    }

    private static List<JsonObject> outputs(JsonObject nb, int cell) {
        List<JsonObject> list = new ArrayList<>();
        nb.getAsJsonArray("cells")
                .get(cell)
                .getAsJsonObject()
                .getAsJsonArray("outputs")
                .forEach(o -> list.add(o.getAsJsonObject()));
        return list;
    }

    @Test
    void aNotebookRunsAndKeepsItsOutputs() throws Exception {
        Path nb = notebook(
                "ok.ipynb",
                "int x = 2;\nfor (int i = 0; i < 3; i++) {\n    System.out.print(\"x\" + i + \" \");\n}\n"
                        + "System.out.printf(\"%n\");\nSystem.err.println(\"careful\");",
                "x * 21",
                "var img = new java.awt.image.BufferedImage(7, 5, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                        + "img.setRGB(6, 4, 0xff0000);\ndisplay(img);\nimg",
                "%maven demo:greeter:1.0\ndemo.Greeter.hello(new java.io.File(\".\").getCanonicalFile().getName())",
                "void nothing() {}");
        Path out = dir.resolve("out/ok.ipynb");
        executor.execute(nb, out);
        JsonObject done = JsonParser.parseString(Files.readString(out)).getAsJsonObject();

        List<JsonObject> first = outputs(done, 1);
        assertEquals(2, first.size(), "one merged stdout stream, one stderr: " + first);
        assertEquals("stdout", first.get(0).get("name").getAsString());
        assertEquals("x0 x1 x2 \n", text(first.get(0).get("text")));
        assertEquals("careful\n", text(first.get(1).get("text")));

        JsonObject value = outputs(done, 2).get(0);
        assertEquals("execute_result", value.get("output_type").getAsString());
        assertEquals(2, value.get("execution_count").getAsInt());
        assertEquals("42", text(value.getAsJsonObject("data").get("text/plain")));

        List<JsonObject> images = outputs(done, 3);
        assertEquals(
                List.of("display_data", "execute_result"),
                images.stream().map(o -> o.get("output_type").getAsString()).toList());
        for (JsonObject o : images) {
            byte[] png = Base64.getDecoder()
                    .decode(text(o.getAsJsonObject("data").get("image/png")).strip());
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(7, back.getWidth());
            assertEquals(0xff0000, back.getRGB(6, 4) & 0xffffff);
            assertEquals("image, 7 x 5", text(o.getAsJsonObject("data").get("text/plain")));
        }

        assertEquals(
                "hello " + dir.toRealPath().getFileName(),
                text(outputs(done, 4).get(0).getAsJsonObject("data").get("text/plain")),
                "%maven from the local repository, in the notebook's directory");
        assertEquals(List.of(), outputs(done, 5));
        assertEquals(
                "java",
                done.getAsJsonObject("metadata")
                        .getAsJsonObject("kernelspec")
                        .get("name")
                        .getAsString(),
                "the notebook keeps its kernel spec");
        assertEquals(
                "Java",
                done.getAsJsonObject("metadata")
                        .getAsJsonObject("language_info")
                        .get("name")
                        .getAsString());
        assertEquals(
                "cell-2",
                done.getAsJsonArray("cells").get(1).getAsJsonObject().get("id").getAsString());
        assertFalse(Files.readString(out).contains("iopub.execute_input"), "no timing metadata");
    }

    @Test
    void aFailingCellFailsTheRunAndLeavesTheOutputAsItWas() throws Exception {
        Path nb = notebook(
                "failing.ipynb", "int a = 1;", "throw new IllegalStateException(\"boom \" + a);", "int never = 3;");
        Path out = dir.resolve("out/failing.ipynb");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "earlier good output");
        NotebookFailureException e = assertThrows(NotebookFailureException.class, () -> executor.execute(nb, out));
        assertTrue(e.getMessage().contains("a cell failed"), e.getMessage());
        assertTrue(e.getMessage().contains("throw new IllegalStateException(\"boom \" + a);"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: boom 1"), e.getMessage());
        assertEquals("earlier good output", Files.readString(out));
    }

    @Test
    void theInstalledSpecRegistersWithJupyterKernelspecInstall() throws Exception {
        Path specs = dir.resolve("specs");
        assertEquals(
                0,
                KernelMain.run(
                        new String[] {"install", "--dir", specs.toString(), "--name", "ncl-java"},
                        System.out,
                        System.err));
        Path data = dir.resolve("jupyter-data");
        // jupyter kernelspec install --user DIR, as Debian's jupyter-client runs it, into a data directory of its own
        ProcessBuilder install = new ProcessBuilder(
                        executor.python(),
                        "-m",
                        "jupyter_client.kernelspecapp",
                        "install",
                        "--user",
                        specs.resolve("ncl-java").toString())
                .redirectErrorStream(true);
        install.environment().put("JUPYTER_DATA_DIR", data.toString());
        Process p = install.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        JsonObject installed = JsonParser.parseString(Files.readString(data.resolve("kernels/ncl-java/kernel.json")))
                .getAsJsonObject();
        JsonObject written = JsonParser.parseString(Files.readString(specs.resolve("ncl-java/kernel.json")))
                .getAsJsonObject();
        assertEquals(written, installed);
        JsonArray argv = installed.getAsJsonArray("argv");
        assertEquals("{connection_file}", argv.get(argv.size() - 1).getAsString());
    }
}
