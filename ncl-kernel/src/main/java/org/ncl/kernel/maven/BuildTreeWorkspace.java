// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;

/**
 * The artifacts of Maven projects as their build tree holds them: a project's POM is its {@code pom.xml}, and its
 * main jar is its {@code target/classes} directory once compiled (Maven's reactor hands the same to the modules of a
 * build). Read from project directories and, recursively, their {@code <modules>}; projects whose version is not
 * written out (CI-friendly {@code ${revision}}) are not supported.
 */
public final class BuildTreeWorkspace implements WorkspaceReader {

    private final Map<String, Path> poms = new LinkedHashMap<>();
    private final Map<String, Path> classes = new LinkedHashMap<>();
    private final WorkspaceRepository repository;

    private BuildTreeWorkspace(List<Path> projects) throws IOException {
        for (Path p : projects) {
            add(p.toAbsolutePath().normalize());
        }
        this.repository = new WorkspaceRepository("build-tree", List.copyOf(poms.keySet()));
    }

    /**
     * Reads the projects in these directories and their modules.
     *
     * @throws IOException if a directory has no readable {@code pom.xml} (the message names it)
     */
    public static BuildTreeWorkspace of(List<Path> projectDirectories) throws IOException {
        return new BuildTreeWorkspace(projectDirectories);
    }

    private void add(Path dir) throws IOException {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new IOException("no pom.xml in " + dir + " (a build-tree project is a directory with a pom.xml)");
        }
        Model m;
        try (InputStream in = Files.newInputStream(pom)) {
            m = new MavenXpp3Reader().read(in, false);
        } catch (XmlPullParserException e) {
            throw new IOException(pom + " is not a readable POM: " + e.getMessage(), e);
        }
        String group = m.getGroupId() != null
                ? m.getGroupId()
                : m.getParent() == null ? null : m.getParent().getGroupId();
        String version = m.getVersion() != null
                ? m.getVersion()
                : m.getParent() == null ? null : m.getParent().getVersion();
        if (group == null || version == null || m.getArtifactId() == null || version.contains("${")) {
            throw new IOException(pom + " does not state its groupId, artifactId and version");
        }
        String key = group + ":" + m.getArtifactId() + ":" + version;
        if (poms.containsKey(key)) {
            return;
        }
        poms.put(key, pom);
        if (!"pom".equals(m.getPackaging())) {
            classes.put(key, dir.resolve("target").resolve("classes"));
        }
        for (String module : m.getModules()) {
            add(dir.resolve(module).normalize());
        }
    }

    /** The coordinates ({@code groupId:artifactId:version}) of the projects read. */
    public List<String> projects() {
        return List.copyOf(poms.keySet());
    }

    @Override
    public WorkspaceRepository getRepository() {
        return repository;
    }

    @Override
    public File findArtifact(Artifact artifact) {
        String key = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getBaseVersion();
        if ("pom".equals(artifact.getExtension()) && artifact.getClassifier().isEmpty()) {
            Path pom = poms.get(key);
            return pom == null ? null : pom.toFile();
        }
        if ("jar".equals(artifact.getExtension()) && artifact.getClassifier().isEmpty()) {
            Path dir = classes.get(key);
            return dir != null && Files.isDirectory(dir) ? dir.toFile() : null;
        }
        return null;
    }

    @Override
    public List<String> findVersions(Artifact artifact) {
        List<String> versions = new ArrayList<>();
        String prefix = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":";
        for (String key : poms.keySet()) {
            if (key.startsWith(prefix)) {
                versions.add(key.substring(prefix.length()));
            }
        }
        return versions;
    }
}
