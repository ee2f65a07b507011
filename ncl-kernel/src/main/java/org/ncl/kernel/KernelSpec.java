// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A Jupyter kernel spec ({@code kernel.json}) that starts this kernel with this JVM's {@code java} and class path:
 * what {@code jupyter kernelspec install} registers, and what Jupyter runs for a notebook, with the connection file
 * in place of {@code {connection_file}}. The kernel is interrupted by message (Jupyter's {@code interrupt_request}),
 * not by a signal, which would end the JVM.
 *
 * @param argv the command line
 * @param displayName the name Jupyter shows
 * @param env environment variables for the kernel
 */
public record KernelSpec(List<String> argv, String displayName, Map<String, String> env) {

    /** The environment variable naming build-tree projects for {@code %maven} (paths joined by the path separator). */
    public static final String WORKSPACE_VARIABLE = "NCL_KERNEL_WORKSPACE";

    /** The file name Jupyter looks for in a kernel spec directory. */
    public static final String FILE_NAME = "kernel.json";

    private static final Gson GSON = new GsonBuilder()
            .setFormattingStyle(FormattingStyle.PRETTY.withIndent("  "))
            .disableHtmlEscaping()
            .create();

    /** Copies the lists and map. */
    public KernelSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    /**
     * The spec for this JVM: {@code java} of {@code java.home}, headless, the given JVM options, this JVM's class path
     * ({@link #currentClassPath()}).
     *
     * @param jvmOptions e.g. {@code -Xmx4g} or {@code -Dmaven.repo.local=/path}
     * @param workspace build-tree project directories for {@code %maven}, or none
     */
    public static KernelSpec forThisJvm(String displayName, List<String> jvmOptions, List<Path> workspace) {
        String exe = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "java.exe" : "java";
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", exe).toString());
        argv.add("-Djava.awt.headless=true");
        argv.addAll(jvmOptions);
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, currentClassPath()));
        argv.add(KernelMain.class.getName());
        argv.add("kernel");
        argv.add("{connection_file}");
        Map<String, String> env = new LinkedHashMap<>();
        if (!workspace.isEmpty()) {
            List<String> dirs = new ArrayList<>();
            workspace.forEach(p -> dirs.add(p.toAbsolutePath().normalize().toString()));
            env.put(WORKSPACE_VARIABLE, String.join(File.pathSeparator, dirs));
        }
        return new KernelSpec(argv, displayName, env);
    }

    /** The {@code kernel.json} content. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray a = new JsonArray();
        argv.forEach(a::add);
        o.add("argv", a);
        o.addProperty("display_name", displayName);
        o.addProperty("language", "java");
        o.addProperty("interrupt_mode", "message");
        if (!env.isEmpty()) {
            JsonObject e = new JsonObject();
            new TreeMap<>(env).forEach(e::addProperty);
            o.add("env", e);
        }
        return o;
    }

    /**
     * Writes {@code dir/kernel.json} (the directory is created), through a temporary file, so that a failed write
     * leaves an earlier spec as it was.
     *
     * @return the file written
     */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Path tmp = Files.createTempFile(dir, ".kernel", ".json.tmp");
        try {
            Files.writeString(tmp, GSON.toJson(toJson()) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /**
     * Jupyter's per-user kernels directory: {@code $JUPYTER_DATA_DIR/kernels}, else {@code ~/.local/share/jupyter}
     * (or {@code $XDG_DATA_HOME/jupyter}) on Linux, {@code ~/Library/Jupyter} on macOS,
     * {@code %APPDATA%\jupyter} on Windows, each with {@code /kernels}.
     */
    public static Path userKernelsDirectory() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "kernels");
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Jupyter", "kernels");
        }
        if (os.startsWith("windows")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home, "jupyter", "kernels");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "jupyter", "kernels")
                : Path.of(home, ".local", "share", "jupyter", "kernels");
    }

    /**
     * This JVM's class path, absolute, with the entries of a jar's manifest {@code Class-Path} added after it (the
     * kernel's jar lists its libraries there, as does the jar Maven Surefire starts tests with).
     */
    public static List<String> currentClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            entries.add(p.toString());
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
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
                    throw new UncheckedIOException("cannot read the class path entry " + p, ex);
                }
            }
        }
        return List.copyOf(entries);
    }
}
