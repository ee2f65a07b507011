// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: the kernel spec install writes, and the errors it reports. */
class KernelMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return KernelMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void installWritesAKernelSpecThatStartsThisKernel() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        assertEquals(
                0,
                run(
                        "install",
                        "--dir",
                        dir.resolve("specs").toString(),
                        "--name",
                        "nb-java",
                        "--display-name",
                        "Java for tests",
                        "--workspace",
                        project.toString(),
                        "--jvm-option",
                        "-Xmx1g"),
                err());
        Path file = dir.resolve("specs/nb-java/kernel.json");
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .contains("jupyter kernelspec install --user "
                        + dir.resolve("specs/nb-java").toAbsolutePath()));
        JsonObject spec = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        List<String> argv = new ArrayList<>();
        spec.getAsJsonArray("argv").forEach(e -> argv.add(e.getAsString()));
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), argv.get(0));
        assertEquals(
                List.of("-Djava.awt.headless=true", "-Xmx1g", "-cp"),
                argv.subList(1, 4),
                "JVM options, then the class path");
        List<String> cp = List.of(argv.get(4).split(File.pathSeparator));
        assertTrue(cp.contains(Path.of("target", "classes").toAbsolutePath().toString()), cp.toString());
        assertTrue(cp.stream().anyMatch(e -> e.contains("jupyter-jvm-basekernel")), cp.toString());
        assertEquals(List.of(KernelMain.class.getName(), "kernel", "{connection_file}"), argv.subList(5, 8));
        assertEquals(8, argv.size());
        assertEquals("Java for tests", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals(
                project.toAbsolutePath().toString(),
                spec.getAsJsonObject("env").get(KernelSpec.WORKSPACE_VARIABLE).getAsString());

        assertEquals(0, run("install", "--dir", dir.resolve("specs").toString(), "--name", "nb-java"), "again");
        JsonObject plain = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(KernelMain.DEFAULT_DISPLAY_NAME, plain.get("display_name").getAsString());
        assertTrue(!plain.has("env"), "no build tree, no environment");
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void theDefaultNameAndTheUserDirectory() throws Exception {
        assertEquals(0, run("install", "--dir", dir.toString()), err());
        assertTrue(Files.isRegularFile(dir.resolve(KernelMain.DEFAULT_NAME).resolve(KernelSpec.FILE_NAME)));
        Path user = KernelSpec.userKernelsDirectory();
        assertEquals("kernels", user.getFileName().toString());
        assertTrue(user.isAbsolute(), user.toString());
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertUsage("", run());
        assertUsage("error: install needs one of --user and --dir DIR", run("install"));
        assertUsage("error: install needs one of --user and --dir DIR", run("install", "--user", "--dir", "x"));
        assertUsage("error: --dir needs a value", run("install", "--dir"));
        assertUsage("error: unknown option --nope", run("install", "--nope"));
        assertUsage("error: --name a/b: a kernel name has only letters", run("install", "--user", "--name", "a/b"));
        assertUsage(
                "error: --workspace " + dir + ": no pom.xml there",
                run("install", "--user", "--workspace", dir.toString()));
        assertUsage("error: unknown command serve", run("serve"));
        assertUsage("error: kernel needs one argument", run("kernel"));
        assertUsage("error: execute needs one of --in-place and --out DIR", run("execute", "x.ipynb"));
        assertUsage("error: execute needs at least one notebook", run("execute", "--in-place"));
        assertUsage(
                "error: no notebook " + dir.resolve("x.ipynb"),
                run("execute", "--in-place", dir.resolve("x.ipynb").toString()));
        assertUsage("error: --timeout 0: not a positive whole number", run("execute", "--timeout", "0"));
    }

    private void assertUsage(String expected, int code) {
        assertEquals(2, code, err());
        assertTrue(err().startsWith(expected), err());
        assertTrue(err().contains("usage: java -jar ncl-kernel.jar install"), err());
        err.reset();
    }

    @Test
    void aMissingConnectionFileIsAnError() {
        assertEquals(1, run("kernel", dir.resolve("connection.json").toString()));
        assertEquals("error: the connection file " + dir.resolve("connection.json") + " does not exist\n", err());
    }

    @Test
    void helpPrintsTheUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: "));
    }
}
