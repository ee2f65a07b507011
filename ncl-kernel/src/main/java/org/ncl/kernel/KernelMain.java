// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.aether.repository.WorkspaceReader;
import org.ncl.kernel.maven.BuildTreeWorkspace;
import org.ncl.kernel.maven.LocalMavenResolver;
import org.slf4j.LoggerFactory;

/**
 * The command line of the kernel's jar:
 *
 * <pre>
 * java -jar ncl-kernel.jar install (--user | --dir DIR) [--name NAME] [--display-name TEXT]
 *                                  [--workspace PROJECT_DIR]... [--jvm-option OPTION]...
 * java -jar ncl-kernel.jar execute (--in-place | --out DIR) [--workspace PROJECT_DIR]... [--jvm-option OPTION]...
 *                                  [--timeout SECONDS] NOTEBOOK...
 * java -jar ncl-kernel.jar kernel CONNECTION_FILE
 * </pre>
 *
 * <p>{@code install} writes a kernel spec for this JVM ({@link KernelSpec}): with {@code --user} into Jupyter's
 * per-user kernels directory as {@code NAME/kernel.json}, where Jupyter finds it at once; with {@code --dir} into
 * {@code DIR/NAME/kernel.json}, to register with {@code jupyter kernelspec install --user DIR/NAME}. The name
 * defaults to {@value #DEFAULT_NAME}. {@code --workspace} makes {@code %maven} take that Maven project's artifacts
 * (and its modules') from its build tree before the local repository ({@link BuildTreeWorkspace}); {@code
 * --jvm-option} adds an option to the kernel's JVM (e.g. {@code -Xmx8g}, or {@code -Dmaven.repo.local=PATH} for
 * another local repository).
 *
 * <p>{@code execute} runs notebooks top to bottom in this kernel through Jupyter's nbclient ({@link
 * NotebookExecutor}) and writes them with their outputs, over themselves or into DIR; it stops at the first notebook
 * with a failing cell (exit code 1), leaving that notebook's file as it was. {@code --timeout} bounds each cell
 * (default {@value #DEFAULT_CELL_TIMEOUT_SECONDS} s).
 *
 * <p>{@code kernel} runs the kernel on the connection file Jupyter wrote; that is what the spec's command line does.
 * Exit codes: 0 done, 1 the kernel could not start, 2 a usage error.
 */
public final class KernelMain {

    /** The kernel spec name {@code install} uses by default. */
    public static final String DEFAULT_NAME = "ncl-java";

    /** The display name {@code install} uses by default. */
    public static final String DEFAULT_DISPLAY_NAME = "Java (ncl-kernel)";

    /** How long a cell may run under {@code execute} unless {@code --timeout} says otherwise. */
    public static final int DEFAULT_CELL_TIMEOUT_SECONDS = 600;

    static final String USAGE = String.join(
            "\n",
            "usage: java -jar ncl-kernel.jar install (--user | --dir DIR) [--name NAME] [--display-name TEXT]",
            "                                 [--workspace PROJECT_DIR]... [--jvm-option OPTION]...",
            "       java -jar ncl-kernel.jar execute (--in-place | --out DIR) [--workspace PROJECT_DIR]...",
            "                                 [--jvm-option OPTION]... [--timeout SECONDS] NOTEBOOK...",
            "       java -jar ncl-kernel.jar kernel CONNECTION_FILE");

    private KernelMain() {}

    /** Runs the command line; see the class comment. */
    public static void main(String[] args) {
        // exits also when a cell left threads running
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "install" -> install(List.of(args).subList(1, args.length), out);
                case "execute" -> execute(List.of(args).subList(1, args.length), out);
                case "kernel" -> {
                    if (args.length != 2) {
                        throw new UsageException("kernel needs one argument, the connection file");
                    }
                    yield kernel(Path.of(args[1]));
                }
                case "--help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command " + args[0]);
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException | NotebookFailureException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int execute(List<String> args, PrintStream out)
            throws UsageException, IOException, NotebookFailureException {
        boolean inPlace = false;
        Path outDir = null;
        List<Path> workspace = new ArrayList<>();
        List<String> jvmOptions = new ArrayList<>();
        int timeout = DEFAULT_CELL_TIMEOUT_SECONDS;
        List<Path> notebooks = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--in-place" -> inPlace = true;
                case "--out" -> outDir = Path.of(value(args, ++i, a));
                case "--workspace" -> workspace.add(Path.of(value(args, ++i, a)));
                case "--jvm-option" -> jvmOptions.add(value(args, ++i, a));
                case "--timeout" -> timeout = positive(value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    notebooks.add(Path.of(a));
                }
            }
        }
        if (inPlace == (outDir != null)) {
            throw new UsageException("execute needs one of --in-place and --out DIR");
        }
        if (notebooks.isEmpty()) {
            throw new UsageException("execute needs at least one notebook");
        }
        for (Path nb : notebooks) {
            if (!Files.isRegularFile(nb)) {
                throw new UsageException("no notebook " + nb);
            }
        }
        requireProjects(workspace);
        NotebookExecutor executor = NotebookExecutor.forThisJvm(jvmOptions, workspace, Duration.ofSeconds(timeout));
        for (Path nb : notebooks) {
            Path target = inPlace ? nb : outDir.resolve(nb.getFileName());
            executor.execute(nb, target);
            out.println("executed " + nb + " -> " + target);
        }
        return 0;
    }

    private static int positive(String text, String option) throws UsageException {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " " + text + ": not a positive whole number");
    }

    private static void requireProjects(List<Path> workspace) throws UsageException {
        for (Path w : workspace) {
            if (!Files.isRegularFile(w.resolve("pom.xml"))) {
                throw new UsageException("--workspace " + w + ": no pom.xml there");
            }
        }
    }

    private static int install(List<String> args, PrintStream out) throws UsageException, IOException {
        Path dir = null;
        boolean user = false;
        String name = DEFAULT_NAME;
        String displayName = DEFAULT_DISPLAY_NAME;
        List<Path> workspace = new ArrayList<>();
        List<String> jvmOptions = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--user" -> user = true;
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--name" -> name = value(args, ++i, a);
                case "--display-name" -> displayName = value(args, ++i, a);
                case "--workspace" -> workspace.add(Path.of(value(args, ++i, a)));
                case "--jvm-option" -> jvmOptions.add(value(args, ++i, a));
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (user == (dir != null)) {
            throw new UsageException("install needs one of --user and --dir DIR");
        }
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new UsageException("--name " + name + ": a kernel name has only letters, digits, '.', '_', '-'");
        }
        requireProjects(workspace);
        Path specDir = (user ? KernelSpec.userKernelsDirectory() : dir).resolve(name);
        Path file = KernelSpec.forThisJvm(displayName, jvmOptions, workspace).writeTo(specDir);
        out.println("wrote " + file);
        if (!user) {
            out.println("register it with: jupyter kernelspec install --user " + specDir.toAbsolutePath());
        }
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int kernel(Path connectionFile) throws IOException {
        if (!Files.isRegularFile(connectionFile)) {
            throw new IOException("the connection file " + connectionFile + " does not exist");
        }
        KernelConnectionProperties props =
                KernelConnectionProperties.parse(Files.readString(connectionFile, StandardCharsets.UTF_8));
        quietBaseLibrary();
        // SLF4J reports its set-up (e.g. two providers on the class path) on System.err when first used: here, on
        // the kernel's own standard error, rather than in the first cell that resolves with %maven
        LoggerFactory.getILoggerFactory();
        JShellKernel kernel;
        try {
            kernel = new JShellKernel(
                    Path.of("").toAbsolutePath(),
                    LocalMavenResolver.defaultLocalRepository(),
                    workspaceFromEnvironment(),
                    RuntimeClasses.copyToTemporaryDirectory());
        } catch (CellException e) {
            throw new IOException("the JShell session does not start: " + String.join("\n", e.report()), e);
        }
        JupyterConnection connection;
        try {
            connection = new JupyterConnection(props);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot sign messages as " + connectionFile + " asks: " + e.getMessage(), e);
        }
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        return 0;
    }

    /**
     * Keeps the base library's info messages (each of its loops starting and stopping) off the kernel's standard
     * error; its warnings, and what cells log, still reach it.
     */
    private static void quietBaseLibrary() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFilter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                    || r.getSourceClassName() == null
                    || !r.getSourceClassName().startsWith("io.github.spencerpark.jupyter."));
        }
    }

    /** The build tree named by {@value KernelSpec#WORKSPACE_VARIABLE}, or null. */
    static WorkspaceReader workspaceFromEnvironment() throws IOException {
        String dirs = System.getenv(KernelSpec.WORKSPACE_VARIABLE);
        if (dirs == null || dirs.isBlank()) {
            return null;
        }
        List<Path> projects = new ArrayList<>();
        for (String d : dirs.split(File.pathSeparator)) {
            if (!d.isBlank()) {
                projects.add(Path.of(d));
            }
        }
        try {
            return BuildTreeWorkspace.of(projects);
        } catch (IOException e) {
            throw new IOException(KernelSpec.WORKSPACE_VARIABLE + ": " + e.getMessage(), e);
        }
    }

    /** A command line that cannot be run. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
