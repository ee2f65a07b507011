// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.kernel.maven.TestRepository;

/** The kernel's evaluation without Jupyter: values, errors, the session's class path and its magics. */
class JShellKernelTest {

    @TempDir
    static Path dir;

    static TestRepository repo;
    static JShellKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        repo = new TestRepository(dir.resolve("repo"));
        repo.install(
                "demo",
                "words",
                "1.0",
                List.of(),
                "package demo; public class Words { public static final String" + " HELLO = \"hello\"; }");
        repo.install(
                "demo",
                "greeter",
                "1.0",
                List.of("demo:words:1.0"),
                "package demo; public class Greeter { public String hello() { return Words.HELLO + \"!\"; } }");
        kernel = new JShellKernel(dir, repo.root(), null, RuntimeClasses.copyTo(dir.resolve("runtime")));
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    private static String text(String cell) throws Exception {
        DisplayData d = kernel.eval(cell);
        assertNotNull(d, "a value for: " + cell);
        return (String) d.getData(MIMEType.TEXT_PLAIN);
    }

    private static CellException failure(String cell) {
        return assertThrows(CellException.class, () -> kernel.eval(cell));
    }

    @Test
    void theLastExpressionIsTheValue() throws Exception {
        assertEquals("3", text("1 + 2"));
        assertNull(kernel.eval("int x = 5;"), "a declaration has no value");
        assertEquals("5", text("x"));
        assertNull(kernel.eval("void f() {}"));
        assertNull(kernel.eval("f();"), "a void call has none");
        assertEquals("14", text("int y = x + 2;\nint twice(int v) { return 2 * v; }\ntwice(y)"));
        assertNull(kernel.eval("Object nothing = null;\nnothing"), "null is not shown");
        assertNull(kernel.eval(""));
    }

    @Test
    void ijavasImportsAndPrintfAreThere() throws Exception {
        assertEquals("[a]", text("new ArrayList<String>(List.of(\"a\"))"));
        assertEquals("true", text("Pattern.matches(\"a+\", \"aa\")"));
        assertEquals("java.math.BigInteger", text("BigInteger.ONE.getClass().getName()"));
        assertNull(kernel.eval("printf(\"%d%n\", 5);"));
    }

    @Test
    void anImageValueIsACompletePng() throws Exception {
        DisplayData d = kernel.eval("var img = new java.awt.image.BufferedImage(5, 4, "
                + "java.awt.image.BufferedImage.TYPE_INT_ARGB);\nimg.setRGB(4, 3, 0xff00ff00);\nimg");
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        var back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(5, back.getWidth());
        assertEquals(0xff00ff00, back.getRGB(4, 3));
        assertEquals("image, 5 x 4", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void failuresSayWhatAndWhere() {
        CellException compile = failure("int a = 1;\nundefinedMethod(a);");
        assertTrue(compile.getMessage().startsWith("does not compile: cannot find symbol"), compile.getMessage());
        assertTrue(
                compile.report().contains("undefinedMethod(a);"),
                compile.report().toString());
        assertTrue(compile.report().contains("^"), "a caret under the error: " + compile.report());

        CellException thrown = failure("String s = \"x\";\nthrow new IllegalStateException(\"boom \" + s);");
        assertTrue(
                thrown.getMessage().startsWith("java.lang.IllegalStateException: boom x in: throw new"),
                thrown.getMessage());
        assertEquals("java.lang.IllegalStateException: boom x", thrown.report().get(0));
        assertTrue(thrown.report().get(1).matches("\tat .*#\\d+:1\\)"), "the snippet's line: " + thrown.report());
        assertTrue(thrown.report().stream().noneMatch(l -> l.contains("org.ncl.kernel")), "no kernel frames");

        CellException cause = failure("throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"));");
        assertTrue(
                cause.report().contains("Caused by: java.io.IOException: inner"),
                cause.report().toString());

        CellException incomplete = failure("int g() {");
        assertEquals("incomplete code at the end of the cell: int g() {", incomplete.getMessage());
    }

    @Test
    void cellsSeeTheJdkButNotTheKernelsLibraries() throws Exception {
        // Gson is on the kernel's class path (this test's); a cell must not see it until a magic adds it
        CellException hidden = failure("com.google.gson.JsonParser.parseString(\"[1,2]\")");
        assertTrue(hidden.getMessage().contains("does not exist"), hidden.getMessage());
        failure("Class.forName(\"io.github.spencerpark.jupyter.kernel.BaseKernel\")");
        assertEquals("true", text("javax.swing.JButton.class.getName().startsWith(\"javax\")"));
        assertEquals("true", text("jdk.jshell.JShell.class != null"));

        Path gson = Path.of(
                Gson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(
                "[" + gson.toAbsolutePath() + "]",
                text("%jars " + gson + "\nList<String> added = %jars " + gson + "\nadded"));
        assertEquals("2", text("com.google.gson.JsonParser.parseString(\"[1,2]\").getAsJsonArray().size()"));
        assertEquals(
                "jshell-cells",
                text("com.google.gson.Gson.class.getClassLoader().getName()"),
                "the cells' own copy of the jar");
    }

    @Test
    void cellsRunWithTheirClassLoaderAsContextClassLoader() throws Exception {
        assertEquals(
                "true",
                text("class Probe {}\nThread.currentThread().getContextClassLoader() == Probe.class.getClassLoader()"));
    }

    @Test
    void mavenResolvesFromTheLocalRepository() throws Exception {
        assertEquals("hello!", text("%maven demo:greeter:1.0\nnew demo.Greeter().hello()"));
        assertEquals("hello", text("demo.Words.HELLO"), "with its dependencies");
        CellException missing = failure("%maven demo:absent:1.0");
        assertTrue(
                missing.getMessage().startsWith("java.lang.IllegalStateException: %maven: demo:absent:1.0: ")
                        || missing.getMessage().contains("demo:absent:1.0"),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("offline"), missing.getMessage());
    }

    @Test
    void classpathAddsDirectoriesAndGlobsAreRelativeToTheWorkingDirectory() throws Exception {
        TestRepository.compile(
                dir.resolve("classes"),
                "package sample; public class Tool { public static int" + " answer() { return 42; } }");
        assertEquals("1", text("List<String> cp = %classpath classes\ncp.size()"));
        assertEquals("42", text("sample.Tool.answer()"));
        Files.createDirectories(dir.resolve("libs"));
        TestRepository.writeJar(
                dir.resolve("libs/one.jar"),
                "package one; public class One { public static String" + " name() { return \"one\"; } }");
        assertEquals("one", text("%jars libs/*.jar\none.One.name()"));
        CellException none = failure("%jars nowhere/*.jar");
        assertTrue(
                none.getMessage().contains("%jars nowhere/*.jar matches no file (relative to " + dir + ")"),
                none.getMessage());
    }

    @Test
    void unknownMagicsAreErrors() {
        CellException line = failure("%load x.java");
        assertTrue(line.getMessage().contains("%load is not a magic of this kernel"), line.getMessage());
        CellException cell = failure("%%loadFromPOM\n<dependency/>");
        assertTrue(cell.getMessage().contains("%%loadFromPOM is not a magic of this kernel"), cell.getMessage());
        CellException repoArgs = failure("%mavenRepo only-an-id");
        assertTrue(repoArgs.getMessage().contains("needs two arguments"), repoArgs.getMessage());
    }

    @Test
    void aRunningCellCanBeInterrupted() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            AtomicReference<Exception> result = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    kernel.eval("Thread.sleep(60_000);");
                } catch (Exception e) {
                    result.set(e);
                }
            });
            t.start();
            while (result.get() == null && t.isAlive()) {
                Thread.sleep(200);
                kernel.interrupt();
            }
            t.join();
            assertTrue(
                    result.get().getMessage().startsWith("java.lang.InterruptedException"),
                    result.get().getMessage());
        });
    }

    @Test
    void jupyterRequestsAreAnswered() {
        assertEquals("complete", kernel.isComplete("int z = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
        assertTrue(kernel.complete("Strin", 5).getReplacements().contains("String"));
        assertTrue(kernel.getLanguageInfo().getName().equals("Java"));
    }
}
