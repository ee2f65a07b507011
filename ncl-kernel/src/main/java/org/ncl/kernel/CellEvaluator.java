// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import org.ncl.kernel.exec.SnippetExecutionControl;
import org.ncl.kernel.exec.SnippetExecutionControlProvider;
import org.ncl.kernel.runtime.Session;

/**
 * Runs cells in one JShell session: the magics turned into calls ({@link MagicTransformer}), then the snippets of the
 * cell one after the other, as IJava does, so that classes a magic adds are there for the snippets after it. The
 * value of the cell is that of its last snippet when it is an expression (including a bare variable); declarations
 * and statements have none.
 *
 * <p>Every session starts with IJava's imports ({@code java.util.*}, {@code java.io.*}, {@code java.math.*},
 * {@code java.net.*}, {@code java.util.concurrent.*}, {@code java.util.prefs.*}, {@code java.util.regex.*}), its
 * {@code printf} and the functions of {@link org.ncl.kernel.runtime}.
 */
final class CellEvaluator implements AutoCloseable {

    /** What every session starts with. */
    static final String STARTUP = String.join(
            "\n",
            "import java.util.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.util.concurrent.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import static org.ncl.kernel.runtime.Display.*;",
            "import static org.ncl.kernel.runtime.Magics.*;",
            "public void printf(String format, Object... args) { System.out.printf(format, args); }");

    private final JShell shell;
    private final SnippetExecutionControlProvider engine;
    private final MagicTransformer magics = new MagicTransformer();

    /**
     * @param runtimeClasses a directory or jar holding the classes of {@link org.ncl.kernel.runtime}, for the
     *     compiler (the running cells get them from the kernel)
     */
    CellEvaluator(Path runtimeClasses) throws CellException {
        this.engine = new SnippetExecutionControlProvider(
                CellEvaluator.class.getClassLoader(), Session.class.getPackageName());
        // JShell's compiler starts from the class path in java.class.path (read when the session is built and when
        // it first compiles); for that moment it names the runtime package's classes only, so that cells compile
        // against the JDK, that package and what the magics add, as they run
        String classPath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", runtimeClasses.toString());
        try {
            this.shell = JShell.builder().executionEngine(engine, Map.of()).build();
            eval(STARTUP);
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }

    /** The JShell session. */
    JShell shell() {
        return shell;
    }

    /** Adds a jar or directory to the class path of the compiler and of the running cells. */
    void addToClasspath(Path entry) {
        shell.addToClasspath(entry.toString());
    }

    /**
     * Runs a cell.
     *
     * @return the value of its last snippet if that is an expression, else null
     * @throws CellException if a snippet does not compile, the cell ends in an incomplete statement, or the code
     *     throws
     */
    Object eval(String cell) throws CellException {
        SnippetExecutionControl control = engine.control();
        try {
            String code = magics.transform(cell);
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            Object last = null;
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
            while (info.completeness().isComplete()) {
                last = evalSnippet(info.source(), control);
                info = analysis.analyzeCompletion(info.remaining());
            }
            if (info.completeness() != Completeness.EMPTY) {
                String rest = info.remaining().strip();
                throw new CellException(
                        "incomplete code at the end of the cell: " + abbreviate(rest),
                        List.of("incomplete code at the end of the cell (a missing ';', ')' or '}'?):", rest));
            }
            return last;
        } finally {
            control.clearResults();
        }
    }

    private Object evalSnippet(String source, SnippetExecutionControl control) throws CellException {
        List<SnippetEvent> events = shell.eval(source);
        Object value = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null
                    || e.value() == null
                    || !e.snippet().subKind().isExecutable()) {
                continue;
            }
            Object v = control.takeResult(e.value());
            value = switch (e.snippet().subKind()) {
                case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> v;
                default -> null;
            };
        }
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            if (e.exception() != null) {
                throw failure(e.snippet(), e.exception());
            }
            if (!e.status().isDefined()) {
                throw compileError(e.snippet());
            }
        }
        return value;
    }

    private CellException compileError(Snippet snippet) {
        List<String> report = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        String src = snippet.source();
        shell.diagnostics(snippet).forEach(d -> {
            String msg = message(d);
            messages.add(msg);
            report.add("error: " + msg);
            report.addAll(pointAt(src, d));
        });
        if (snippet instanceof DeclarationSnippet ds) {
            List<String> missing = shell.unresolvedDependencies(ds).toList();
            if (!missing.isEmpty()) {
                messages.add("unresolved: " + String.join(", ", missing));
                report.add("unresolved: " + String.join(", ", missing));
            }
        }
        if (messages.isEmpty()) {
            messages.add("rejected: " + abbreviate(src));
            report.add("rejected: " + src);
        }
        return new CellException("does not compile: " + String.join("; ", messages), report);
    }

    private CellException failure(Snippet snippet, JShellException ex) {
        List<String> report = new ArrayList<>();
        String message;
        if (ex instanceof UnresolvedReferenceException u) {
            List<String> missing = shell.unresolvedDependencies(u.getSnippet()).toList();
            message = "unresolved reference in " + abbreviate(u.getSnippet().source()) + ": " + missing;
            report.add(message);
        } else {
            message = describe(ex);
            Throwable t = ex;
            String prefix = "";
            while (t != null) {
                report.add(prefix + describe(t));
                for (StackTraceElement s : t.getStackTrace()) {
                    if (isKernelFrame(s)) {
                        break;
                    }
                    report.add("\tat " + s);
                }
                t = t.getCause();
                prefix = "Caused by: ";
            }
        }
        report.add("in: " + snippet.source().strip());
        return new CellException(message + " in: " + abbreviate(snippet.source()), report);
    }

    /** A frame of the reflection that runs a snippet, below which nothing is the cell's. */
    private static boolean isKernelFrame(StackTraceElement s) {
        String c = s.getClassName();
        return c.startsWith("jdk.internal.reflect.")
                || c.startsWith("java.lang.reflect.")
                || c.startsWith("org.ncl.kernel.exec.");
    }

    private static String describe(Throwable t) {
        String name = t instanceof EvalException e
                ? e.getExceptionClassName()
                : t.getClass().getName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    private static String message(Diag d) {
        return d.getMessage(Locale.ROOT).replaceAll("\\s*\\R\\s*", " ");
    }

    /** The source line of a diagnostic and a caret under where it starts. */
    private static List<String> pointAt(String src, Diag d) {
        long pos = d.getStartPosition();
        if (pos < 0 || pos > src.length()) {
            return List.of(src);
        }
        int start = src.lastIndexOf('\n', (int) Math.max(0, pos - 1)) + 1;
        if (pos == 0) {
            start = 0;
        }
        int end = src.indexOf('\n', (int) pos);
        String line = src.substring(start, end < 0 ? src.length() : end);
        return List.of(line, " ".repeat((int) pos - start) + "^");
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s*\\R\\s*", " ");
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    /** Interrupts the running cell. */
    void interrupt() {
        engine.control().interrupt();
    }

    @Override
    public void close() {
        shell.close();
    }
}
