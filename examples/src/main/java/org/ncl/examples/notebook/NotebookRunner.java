// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples.notebook;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs Jupyter notebooks written for the IJava kernel (plain Java cells) with JShell, without Jupyter or Python:
 * the code cells in order, in one JShell session per notebook that runs in this JVM and has the project's class
 * path, and returns the notebook with each cell's outputs (standard output and error as stream outputs, the value
 * of a cell that ends with an expression as an execute_result, as IJava shows them). Any failure stops the run with
 * a {@link NotebookException} naming the cell.
 *
 * <p>IJava's magics are honoured against that class path: {@code %maven group:artifact:version ...} must name an
 * artifact that is on it (a jar {@code artifact-version*.jar}, or a reactor module's {@code artifact/target/classes});
 * {@code %jars} and {@code %classpath} add the files their glob patterns match, relative to the notebook's
 * directory (a pattern that matches nothing is an error); {@code %mavenRepo} is accepted and ignored. Any other
 * magic is an error.
 *
 * <p>Command line: {@code NotebookRunner [--in-place | --out DIR] NOTEBOOK.ipynb ...} executes the notebooks with
 * this JVM's class path and writes them back with their outputs (or into DIR); how the committed notebooks in
 * {@code examples/notebooks/} get their outputs.
 */
public final class NotebookRunner implements AutoCloseable {

    private final JShell shell;
    private final List<String> classPath;
    private final Path directory;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private NotebookRunner(List<String> classPath, Path directory) {
        this.classPath = List.copyOf(classPath);
        this.directory = directory;
        this.shell = JShell.builder().executionEngine("local").build();
        shell.addToClasspath(String.join(File.pathSeparator, classPath));
    }

    /**
     * Executes a notebook.
     *
     * @param notebook the notebook file (magics' relative paths are resolved against its directory)
     * @param classPath the class path of the session (e.g. {@link #currentClassPath()})
     * @return the notebook with fresh outputs
     * @throws NotebookException if a cell fails
     * @throws IOException if the notebook cannot be read
     */
    public static Notebook execute(Path notebook, List<String> classPath) throws NotebookException, IOException {
        Notebook nb = Notebook.read(notebook);
        Path dir = notebook.toAbsolutePath().getParent();
        try (NotebookRunner runner = new NotebookRunner(classPath, dir)) {
            List<List<JsonObject>> outputs = new ArrayList<>();
            for (int i = 0; i < nb.size(); i++) {
                outputs.add(
                        nb.isCode(i)
                                ? runner.runCell(notebook.getFileName() + ", cell " + (i + 1), nb.source(i))
                                : List.of());
            }
            return nb.withOutputs(outputs);
        }
    }

    /**
     * This JVM's class path, with the entries of manifest-only jars expanded (Maven Surefire starts tests with a
     * jar whose manifest lists the test class path).
     */
    public static List<String> currentClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            entries.add(e);
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String item : cp.trim().split("\\s+")) {
                            URI uri = p.toUri().resolve(item);
                            entries.add(Path.of(uri).toString());
                        }
                    }
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException("cannot read the class path entry " + e, ex);
                }
            }
        }
        return List.copyOf(entries);
    }

    /** Runs one cell: its magics, then its snippets in order. */
    List<JsonObject> runCell(String where, String source) throws NotebookException {
        StringBuilder code = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("%%")) {
                throw new NotebookException(where + ": cell magic " + t.split("\\s+")[0] + " is not supported");
            } else if (t.startsWith("%")) {
                magic(where, t);
                code.append('\n');
            } else {
                code.append(line).append('\n');
            }
        }
        List<JsonObject> outputs = new ArrayList<>();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        captured.reset();
        String lastValue = null;
        try (PrintStream o = new PrintStream(captured, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            String remaining = code.toString();
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (!info.completeness().isComplete()) {
                    throw new NotebookException(
                            where + ": incomplete code at the end of the cell: " + abbreviate(remaining.strip()));
                }
                String snippet = info.source();
                remaining = info.remaining();
                lastValue = eval(where, snippet);
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        String errText = err.toString(StandardCharsets.UTF_8);
        if (!out.isEmpty()) {
            outputs.add(Notebook.stream("stdout", out));
        }
        if (!errText.isEmpty()) {
            outputs.add(Notebook.stream("stderr", errText));
        }
        if (lastValue != null) {
            outputs.add(Notebook.result(lastValue));
        }
        return outputs;
    }

    /** Evaluates one snippet; returns the value to show if it is an expression, else null. */
    private String eval(String where, String snippet) throws NotebookException {
        List<SnippetEvent> events = shell.eval(snippet);
        String value = null;
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue; // an update of a dependent snippet
            }
            Snippet s = ev.snippet();
            if (ev.status() == Snippet.Status.REJECTED) {
                String diags = shell.diagnostics(s).map(d -> message(d)).collect(Collectors.joining("; "));
                throw new NotebookException(
                        where + ": does not compile: " + diags + " in: " + abbreviate(snippet.strip()));
            }
            if (ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s)
                        .collect(Collectors.joining(", "));
                throw new NotebookException(where + ": unresolved " + missing + " in: " + abbreviate(snippet.strip()));
            }
            if (ev.exception() != null) {
                throw new NotebookException(
                        where + ": " + describe(ev.exception()) + " in: " + abbreviate(snippet.strip()));
            }
            boolean expression = s.kind() == Snippet.Kind.EXPRESSION
                    || s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            value = expression ? ev.value() : null;
        }
        return value;
    }

    /** Honours one line magic. */
    private void magic(String where, String line) throws NotebookException {
        String[] parts = line.substring(1).trim().split("\\s+");
        String name = parts[0].toLowerCase(Locale.ROOT);
        List<String> args = List.of(parts).subList(1, parts.length);
        switch (name) {
            case "maven" -> {
                for (String coordinates : args) {
                    requireOnClassPath(where, coordinates);
                }
            }
            case "jars", "classpath" -> {
                for (String pattern : args) {
                    List<Path> files = glob(pattern);
                    if (files.isEmpty()) {
                        throw new NotebookException(where + ": %" + name + " " + pattern
                                + " matches no file (relative to " + directory + ")");
                    }
                    files.forEach(f -> shell.addToClasspath(f.toString()));
                }
            }
            case "mavenrepo" -> {
                // repositories do not matter: %maven is checked against the project's class path
            }
            default ->
                throw new NotebookException(where + ": magic %" + parts[0] + " is not supported (supported: %maven, "
                        + "%jars, %classpath, %mavenRepo)");
        }
    }

    private void requireOnClassPath(String where, String coordinates) throws NotebookException {
        String[] g = coordinates.split(":");
        if (g.length < 3) {
            throw new NotebookException(where + ": %maven " + coordinates + " is not group:artifact:version");
        }
        String artifact = g[1];
        String version = g[g.length - 1];
        String sep = File.separator;
        for (String e : classPath) {
            String file = Path.of(e).getFileName() == null
                    ? ""
                    : Path.of(e).getFileName().toString();
            if (file.startsWith(artifact + "-" + version) && file.endsWith(".jar")
                    || e.endsWith(sep + artifact + sep + "target" + sep + "classes")) {
                return;
            }
        }
        throw new NotebookException(where + ": %maven " + coordinates + " is not on the project's class path; add "
                + g[0] + ":" + artifact + " to the module's dependencies");
    }

    private List<Path> glob(String pattern) throws NotebookException {
        Path p = directory.resolve(pattern).normalize();
        if (!pattern.contains("*") && !pattern.contains("?")) {
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Path base = p.getParent();
        if (base == null || !Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(f -> m.matches(f.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new NotebookException("cannot list " + base + ": " + e.getMessage());
        }
    }

    private static String message(Diag d) {
        return d.getMessage(Locale.ROOT).replaceAll("\\s*\\R\\s*", " ");
    }

    private static String describe(Throwable t) {
        if (t instanceof EvalException e) {
            return e.getExceptionClassName() + ": " + e.getMessage();
        }
        if (t instanceof UnresolvedReferenceException u) {
            return "unresolved reference in " + u.getSnippet().source();
        }
        return t.toString();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s*\\R\\s*", " ");
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Executes notebooks and writes them with their outputs; see the class comment. */
    public static void main(String[] args) throws IOException {
        boolean inPlace = false;
        Path outDir = null;
        List<Path> notebooks = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--in-place")) {
                inPlace = true;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                outDir = Path.of(args[++i]);
            } else if (args[i].startsWith("-")) {
                System.err.println("error: unknown argument " + args[i]
                        + "; usage: NotebookRunner [--in-place | --out DIR] " + "NOTEBOOK.ipynb ...");
                System.exit(2);
            } else {
                notebooks.add(Path.of(args[i]));
            }
        }
        if (notebooks.isEmpty() || inPlace == (outDir != null)) {
            System.err.println("usage: NotebookRunner [--in-place | --out DIR] NOTEBOOK.ipynb ...");
            System.exit(2);
        }
        List<String> cp = currentClassPath();
        for (Path nb : notebooks) {
            try {
                Notebook done = execute(nb, cp);
                Path target = inPlace ? nb : outDir.resolve(nb.getFileName());
                done.write(target);
                System.out.println("executed " + nb + " -> " + target);
            } catch (NotebookException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(1);
            }
        }
        System.exit(0);
    }
}
