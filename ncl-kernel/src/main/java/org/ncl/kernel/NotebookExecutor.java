// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Executes notebooks with Jupyter's own client library, nbclient (Python; Debian's {@code python3-nbclient} with
 * {@code python3-jupyter-client}), against this kernel, and writes them with their outputs: what {@code jupyter
 * execute} does, with the kernel spec of this JVM ({@link KernelSpec#forThisJvm}) registered in a private Jupyter
 * directory for the run only, so that nothing of the user's Jupyter set-up is read or changed.
 *
 * <p>The Python interpreter is the system property {@value #PYTHON_PROPERTY} if set, else the first of
 * {@code /usr/bin/python3} and {@code python3} that can import nbclient.
 */
public final class NotebookExecutor {

    /** The system property that names the Python interpreter. */
    public static final String PYTHON_PROPERTY = "ncl.kernel.python";

    private static final String KERNEL_NAME = "ncl-kernel-run";
    private static final String SCRIPT = "execute_notebook.py";

    private final String python;
    private final KernelSpec spec;
    private final Duration cellTimeout;

    private NotebookExecutor(String python, KernelSpec spec, Duration cellTimeout) {
        this.python = python;
        this.spec = spec;
        this.cellTimeout = cellTimeout;
    }

    /**
     * An executor whose kernel runs with this JVM's class path.
     *
     * @param jvmOptions options for the kernel's JVM
     * @param workspace build-tree projects for {@code %maven} (see {@link KernelSpec#WORKSPACE_VARIABLE})
     * @param cellTimeout the longest a cell may run
     * @throws IOException if no Python with nbclient is found (the message says what to install)
     */
    public static NotebookExecutor forThisJvm(List<String> jvmOptions, List<Path> workspace, Duration cellTimeout)
            throws IOException {
        KernelSpec spec = KernelSpec.forThisJvm("Java (ncl-kernel, notebook run)", jvmOptions, workspace);
        return new NotebookExecutor(findPython(), spec, cellTimeout);
    }

    /** The Python interpreter used. */
    public String python() {
        return python;
    }

    /**
     * Executes a notebook in its directory and writes it with its outputs to {@code output}; when a cell fails,
     * {@code output} is left as it was.
     *
     * @throws NotebookFailureException if a cell fails, times out or the kernel dies (the message has nbclient's
     *     report: the cell's source and the kernel's error)
     * @throws IOException if the notebook cannot be read or the run cannot be started
     */
    public void execute(Path notebook, Path output) throws IOException, NotebookFailureException {
        if (!Files.isRegularFile(notebook)) {
            throw new IOException("no notebook " + notebook);
        }
        Path work = Files.createTempDirectory("ncl-kernel-nbclient");
        try {
            Path data = work.resolve("data");
            spec.writeTo(data.resolve("kernels").resolve(KERNEL_NAME));
            Path script = work.resolve(SCRIPT);
            try (InputStream in = NotebookExecutor.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException(SCRIPT + " is missing from the kernel's jar");
                }
                Files.copy(in, script);
            }
            Path log = work.resolve("nbclient.log");
            Files.createDirectories(output.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(
                    python,
                    script.toString(),
                    KERNEL_NAME,
                    Long.toString(cellTimeout.toSeconds()),
                    notebook.toAbsolutePath().toString(),
                    output.toAbsolutePath().toString());
            Map<String, String> env = pb.environment();
            env.put("JUPYTER_PATH", data.toString());
            env.put("JUPYTER_DATA_DIR", data.toString());
            env.put("JUPYTER_CONFIG_DIR", work.resolve("config").toString());
            env.put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
            env.put("JUPYTER_PLATFORM_DIRS", "1");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process p = pb.start();
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while executing " + notebook, e);
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            String report = Files.readString(log, StandardCharsets.UTF_8);
            if (code != 0) {
                throw new NotebookFailureException(notebook + " failed (nbclient exit code " + code + "):\n" + report);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while executing " + notebook, e);
        } finally {
            deleteTree(work);
        }
    }

    private static String findPython() throws IOException {
        String configured = System.getProperty(PYTHON_PROPERTY);
        List<String> candidates = configured != null && !configured.isBlank()
                ? List.of(configured)
                : List.of("/usr/bin/python3", "python3");
        List<String> tried = new ArrayList<>();
        for (String c : candidates) {
            tried.add(c);
            try {
                Process p = new ProcessBuilder(c, "-c", "import nbclient, nbformat, jupyter_client")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
                p.destroyForcibly();
            } catch (IOException ignored) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking for Python", e);
            }
        }
        throw new IOException("executing notebooks needs Python 3 with nbclient (tried " + String.join(", ", tried)
                + "): on Debian, apt-get install python3-nbclient python3-jupyter-client; or set -D" + PYTHON_PROPERTY
                + "=PATH to an interpreter that has them");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
