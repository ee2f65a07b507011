// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ncl.kernel.runtime.Session;

/**
 * The class files of {@link org.ncl.kernel.runtime}, copied into a directory of their own, so that JShell's compiler
 * can see that package and nothing else of the kernel's jar or class directory.
 */
final class RuntimeClasses {

    private RuntimeClasses() {}

    /**
     * Copies the package's class files into {@code dir} (as {@code dir/org/ncl/kernel/runtime/*.class}).
     *
     * @return {@code dir}
     * @throws IOException if the kernel's classes cannot be read or the copies written
     */
    static Path copyTo(Path dir) throws IOException {
        String folder = Session.class.getPackageName().replace('.', '/') + "/";
        Path source;
        try {
            source = Path.of(Session.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IOException("cannot locate the kernel's classes: " + e, e);
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(folder))) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".class"))
                        .forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String n = entries.nextElement().getName();
                    if (n.startsWith(folder) && n.endsWith(".class") && n.indexOf('/', folder.length()) < 0) {
                        names.add(n.substring(folder.length()));
                    }
                }
            }
        }
        if (names.isEmpty()) {
            throw new IOException("no classes of " + Session.class.getPackageName() + " in " + source);
        }
        Path target = Files.createDirectories(dir.resolve(folder));
        for (String n : names) {
            try (InputStream in = Session.class.getClassLoader().getResourceAsStream(folder + n)) {
                if (in == null) {
                    throw new IOException("cannot read " + folder + n);
                }
                Files.copy(in, target.resolve(n), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** Copies them into a new temporary directory, removed when the JVM exits. */
    static Path copyToTemporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("ncl-kernel-runtime");
            copyTo(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
