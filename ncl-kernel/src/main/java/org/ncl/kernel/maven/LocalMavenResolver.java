// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.RepositorySystemSession.SessionBuilder;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates and their runtime dependencies offline, from the local Maven repository (and a build
 * tree, when given), as {@code mvn -o} would. A resolution keeps the versions of what earlier ones put on the class
 * path (they are its dependency management), since a class path cannot drop a jar: the dependencies of later
 * coordinates fit the earlier ones. Only a version asked for by name that differs from one already on the class
 * path cannot be had; it is reported as a conflict.
 *
 * <p>Artifacts that Maven downloaded are accepted from the repositories they were downloaded from: Maven Central,
 * and those added with {@link #addRepository}; nothing is downloaded.
 */
public final class LocalMavenResolver implements AutoCloseable {

    /** Maven Central, as Maven names it (the id under which Maven records what it downloaded from there). */
    public static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    private final Path localRepository;
    private final RepositorySystem system;
    private final CloseableSession session;
    private final List<RemoteRepository> repositories = new ArrayList<>(List.of(CENTRAL));
    /** What is on the class path, by groupId:artifactId:extension:classifier. */
    private final Map<String, Artifact> loaded = new LinkedHashMap<>();

    /** What one resolution added, and what it could not change. */
    public record Resolution(List<Path> added, List<String> conflicts) {
        /** Copies the lists. */
        public Resolution {
            added = List.copyOf(added);
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * @param localRepository the local Maven repository (e.g. {@link #defaultLocalRepository()})
     * @param workspace a build tree that takes precedence over the repository, or null
     */
    public LocalMavenResolver(Path localRepository, WorkspaceReader workspace) {
        this.localRepository = localRepository.toAbsolutePath();
        this.system = new RepositorySystemSupplier().get();
        SessionBuilder builder = new SessionBuilderSupplier(system).get();
        builder.withLocalRepositoryBaseDirectories(this.localRepository)
                .setOffline(true)
                .setSystemProperties(System.getProperties())
                .setWorkspaceReader(workspace);
        this.session = builder.build();
    }

    /**
     * The local repository Maven uses: the system property {@code maven.repo.local}, else
     * {@code ~/.m2/repository}.
     */
    public static Path defaultLocalRepository() {
        String p = System.getProperty("maven.repo.local");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The local repository resolved from. */
    public Path localRepository() {
        return localRepository;
    }

    /** Accepts artifacts that Maven downloaded from the repository with this id (nothing is downloaded). */
    public synchronized void addRepository(String id, String url) {
        repositories.removeIf(r -> r.getId().equals(id));
        repositories.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /**
     * Resolves coordinates {@code groupId:artifactId[:extension[:classifier]]:version} with their compile and
     * runtime dependencies, keeping the versions already on the class path.
     *
     * @return the jars and class directories not yet on the class path, in resolution order, and the conflicts
     * @throws IllegalArgumentException if a coordinate is malformed (the message names it)
     * @throws ResolutionException if something is not in the local repository (or the build tree)
     */
    public synchronized Resolution resolve(List<String> coordinates) throws ResolutionException {
        List<Dependency> asked = new ArrayList<>();
        for (String c : coordinates) {
            asked.add(new Dependency(artifact(c), JavaScopes.COMPILE));
        }
        List<Dependency> managed = new ArrayList<>();
        loaded.values().forEach(a -> managed.add(new Dependency(a, null)));
        CollectRequest collect = new CollectRequest(asked, managed, List.copyOf(repositories));
        DependencyRequest request =
                new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<ArtifactResult> results;
        try {
            results = system.resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new ResolutionException(
                    String.join(" ", coordinates) + ": " + e.getMessage()
                            + " (resolved offline from the local Maven repository " + localRepository
                            + ": install what is missing there first, e.g. with mvn install in its project or"
                            + " mvn dependency:get -Dartifact=GROUP:ARTIFACT:VERSION)",
                    e);
        }
        List<Path> added = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (ArtifactResult r : results) {
            Artifact a = r.getArtifact();
            File file = a.getFile();
            if (file == null || !(file.getName().endsWith(".jar") || file.isDirectory())) {
                continue; // a POM-only artifact, or a packaging the JVM cannot load
            }
            String key = a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getExtension() + ":" + a.getClassifier();
            Artifact had = loaded.get(key);
            if (had == null) {
                loaded.put(key, a.setFile(null));
                added.add(file.toPath());
            } else if (!had.getBaseVersion().equals(a.getBaseVersion())) {
                conflicts.add(a.getGroupId() + ":" + a.getArtifactId() + " " + a.getBaseVersion()
                        + " was asked for, but " + had.getBaseVersion() + " is already on the class path and stays");
            }
        }
        return new Resolution(added, conflicts);
    }

    private static Artifact artifact(String coordinates) {
        try {
            return new DefaultArtifact(coordinates.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + coordinates + "' is not groupId:artifactId[:packaging[:classifier]]:version", e);
        }
    }

    @Override
    public void close() {
        session.close();
        system.shutdown();
    }
}
