// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.maven;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** A local Maven repository made for a test: POMs and jars in Maven's layout, as {@code mvn install} leaves them. */
public final class TestRepository {

    private final Path root;

    /** A repository in {@code root} (created). */
    public TestRepository(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    /** The repository's directory. */
    public Path root() {
        return root;
    }

    /** The directory of an artifact version. */
    public Path directory(String group, String artifact, String version) {
        return root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    }

    /**
     * Installs a POM with these dependencies ({@code group:artifact:version[:scope[:optional]]}) and a jar.
     *
     * @param classes Java sources (each one public top-level class) compiled into the jar, against the jars of the
     *     dependencies installed before
     * @return the jar
     */
    public Path install(String group, String artifact, String version, List<String> dependencies, String... classes)
            throws IOException {
        StringBuilder deps = new StringBuilder();
        List<Path> classPath = new ArrayList<>();
        for (String d : dependencies) {
            String[] p = d.split(":");
            classPath.add(directory(p[0], p[1], p[2]).resolve(p[1] + "-" + p[2] + ".jar"));
            deps.append("<dependency><groupId>")
                    .append(p[0])
                    .append("</groupId><artifactId>")
                    .append(p[1])
                    .append("</artifactId><version>")
                    .append(p[2])
                    .append("</version>");
            if (p.length > 3) {
                deps.append("<scope>").append(p[3]).append("</scope>");
            }
            if (p.length > 4) {
                deps.append("<optional>").append(p[4]).append("</optional>");
            }
            deps.append("</dependency>");
        }
        Path dir = Files.createDirectories(directory(group, artifact, version));
        Files.writeString(
                dir.resolve(artifact + "-" + version + ".pom"), pom(group, artifact, version, deps.toString()));
        Path jar = dir.resolve(artifact + "-" + version + ".jar");
        writeJar(jar, classPath, classes);
        return jar;
    }

    /** Records that Maven downloaded the artifact's files from the repository with this id. */
    public void markDownloadedFrom(String group, String artifact, String version, String repositoryId)
            throws IOException {
        Path dir = directory(group, artifact, version);
        String base = artifact + "-" + version;
        Files.writeString(
                dir.resolve("_remote.repositories"),
                "#NOTE: written by a test\n" + base + ".jar>" + repositoryId + "=\n" + base + ".pom>" + repositoryId
                        + "=\n");
    }

    /** A POM. */
    public static String pom(String group, String artifact, String version, String dependencies) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version
                + "</version><dependencies>" + dependencies + "</dependencies></project>";
    }

    /** Writes a jar with a manifest and the classes compiled from {@code sources}. */
    public static void writeJar(Path jar, String... sources) throws IOException {
        writeJar(jar, List.of(), sources);
    }

    /** Writes a jar with a manifest and the classes compiled from {@code sources} against {@code classPath}. */
    public static void writeJar(Path jar, List<Path> classPath, String... sources) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path classes = Files.createTempDirectory("test-classes");
        compile(classes, classPath, sources);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out, m);
                var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
    }

    /** Compiles Java sources (each one public top-level class) into {@code dir}. */
    public static void compile(Path dir, String... sources) throws IOException {
        compile(dir, List.of(), sources);
    }

    /** Compiles Java sources (each one public top-level class) into {@code dir} against {@code classPath}. */
    public static void compile(Path dir, List<Path> classPath, String... sources) throws IOException {
        if (sources.length == 0) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        for (String src : sources) {
            String name = className(src);
            units.add(
                    new SimpleJavaFileObject(
                            URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return src;
                        }
                    });
        }
        Files.createDirectories(dir);
        List<String> options = new ArrayList<>(List.of("-d", dir.toString()));
        List<String> cp =
                classPath.stream().filter(Files::exists).map(Path::toString).toList();
        if (!cp.isEmpty()) {
            options.addAll(List.of("-cp", String.join(File.pathSeparator, cp)));
        }
        boolean ok = javac.getTask(null, null, null, options, null, units).call();
        if (!ok) {
            throw new IOException("the test sources do not compile");
        }
    }

    private static String className(String src) {
        String pkg =
                src.startsWith("package ") ? src.substring(8, src.indexOf(';')).trim() + "." : "";
        int c = src.indexOf("class ") + 6;
        int end = c;
        while (Character.isJavaIdentifierPart(src.charAt(end))) {
            end++;
        }
        return pkg + src.substring(c, end);
    }

    /** Writes a file, creating its directory. */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
