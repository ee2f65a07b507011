// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline resolution from a local repository and a build tree, with Maven's rules. */
class LocalMavenResolverTest {

    @TempDir
    Path dir;

    private TestRepository repo;

    @BeforeEach
    void repository() throws Exception {
        repo = new TestRepository(dir.resolve("repo"));
        repo.install("lib", "b", "1.0", List.of());
        repo.install("lib", "b", "2.0", List.of());
        repo.install("lib", "t", "1.0", List.of());
        repo.install("lib", "o", "1.0", List.of());
        repo.install("lib", "a", "1.0", List.of("lib:b:1.0", "lib:t:1.0:test", "lib:o:1.0:compile:true"));
        repo.install("lib", "c", "1.0", List.of("lib:b:2.0"));
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void anArtifactComesWithItsRuntimeDependenciesOnly() throws Exception {
        try (LocalMavenResolver r = new LocalMavenResolver(repo.root(), null)) {
            LocalMavenResolver.Resolution res = r.resolve(List.of("lib:a:1.0"));
            assertEquals(List.of("a-1.0.jar", "b-1.0.jar"), names(res.added()), "no test or optional dependency");
            assertEquals(List.of(), res.conflicts());
            assertTrue(res.added().get(0).startsWith(repo.root()));
        }
    }

    @Test
    void laterResolutionsKeepTheVersionsOnTheClassPath() throws Exception {
        try (LocalMavenResolver r = new LocalMavenResolver(repo.root(), null)) {
            r.resolve(List.of("lib:a:1.0"));
            LocalMavenResolver.Resolution c = r.resolve(List.of("lib:c:1.0"));
            assertEquals(List.of("c-1.0.jar"), names(c.added()), "lib:b stays at 1.0, as dependency management");
            assertEquals(List.of(), c.conflicts());
            LocalMavenResolver.Resolution again = r.resolve(List.of("lib:a:1.0"));
            assertEquals(List.of(), again.added());
            LocalMavenResolver.Resolution b2 = r.resolve(List.of("lib:b:2.0"));
            assertEquals(List.of(), b2.added());
            assertEquals(
                    List.of("lib:b 2.0 was asked for, but 1.0 is already on the class path and stays"), b2.conflicts());
        }
    }

    @Test
    void oneResolutionMediatesAsMavenDoes() throws Exception {
        try (LocalMavenResolver r = new LocalMavenResolver(repo.root(), null)) {
            // lib:b 2.0 is named directly, lib:a's 1.0 is one step further: the nearest wins
            assertEquals(
                    List.of("a-1.0.jar", "b-2.0.jar"),
                    names(r.resolve(List.of("lib:a:1.0", "lib:b:2.0")).added()));
        }
    }

    @Test
    void whatIsMissingIsNamedWithWhereItWasLookedFor() throws Exception {
        try (LocalMavenResolver r = new LocalMavenResolver(repo.root(), null)) {
            ResolutionException e =
                    assertThrows(ResolutionException.class, () -> r.resolve(List.of("lib:nothing:1.0")));
            assertTrue(e.getMessage().startsWith("lib:nothing:1.0: "), e.getMessage());
            assertTrue(
                    e.getMessage().contains("offline from the local Maven repository " + repo.root()), e.getMessage());
            IllegalArgumentException bad =
                    assertThrows(IllegalArgumentException.class, () -> r.resolve(List.of("nope")));
            assertEquals("'nope' is not groupId:artifactId[:packaging[:classifier]]:version", bad.getMessage());
            assertEquals(
                    List.of("a-1.0.jar", "b-1.0.jar"),
                    names(r.resolve(List.of("lib:a:1.0")).added()),
                    "a failed resolution changes nothing");
        }
    }

    @Test
    void downloadedArtifactsCountOnlyFromKnownRepositories() throws Exception {
        repo.install("lib", "central", "1.0", List.of());
        repo.markDownloadedFrom("lib", "central", "1.0", "central");
        repo.install("lib", "elsewhere", "1.0", List.of());
        repo.markDownloadedFrom("lib", "elsewhere", "1.0", "other");
        try (LocalMavenResolver r = new LocalMavenResolver(repo.root(), null)) {
            assertEquals(
                    List.of("central-1.0.jar"),
                    names(r.resolve(List.of("lib:central:1.0")).added()));
            assertThrows(ResolutionException.class, () -> r.resolve(List.of("lib:elsewhere:1.0")));
            r.addRepository("other", "https://example.org/maven2/");
            assertEquals(
                    List.of("elsewhere-1.0.jar"),
                    names(r.resolve(List.of("lib:elsewhere:1.0")).added()));
        }
    }

    @Test
    void aBuildTreeComesBeforeTheRepository() throws Exception {
        Path project = dir.resolve("project");
        TestRepository.write(
                project.resolve("pom.xml"),
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                        + "<modelVersion>4.0.0</modelVersion><groupId>ws</groupId><artifactId>parent</artifactId>"
                        + "<version>3.0</version><packaging>pom</packaging><modules><module>m</module></modules>"
                        + "<dependencyManagement><dependencies><dependency><groupId>lib</groupId><artifactId>b</artifactId>"
                        + "<version>2.0</version></dependency></dependencies></dependencyManagement></project>");
        TestRepository.write(
                project.resolve("m/pom.xml"),
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                        + "<modelVersion>4.0.0</modelVersion><parent><groupId>ws</groupId><artifactId>parent</artifactId>"
                        + "<version>3.0</version></parent><artifactId>m</artifactId><dependencies><dependency>"
                        + "<groupId>lib</groupId><artifactId>b</artifactId></dependency></dependencies></project>");
        Path classes = Files.createDirectories(project.resolve("m/target/classes"));
        repo.install("ws", "m", "3.0", List.of("lib:t:1.0")); // an older install, which the build tree hides
        BuildTreeWorkspace ws = BuildTreeWorkspace.of(List.of(project));
        assertEquals(List.of("ws:parent:3.0", "ws:m:3.0"), ws.projects());
        try (LocalMavenResolver r = new LocalMavenResolver(repo.root(), ws)) {
            List<Path> added = r.resolve(List.of("ws:m:3.0")).added();
            assertEquals(
                    List.of(classes, repo.directory("lib", "b", "2.0").resolve("b-2.0.jar")),
                    added,
                    "the module's classes, and lib:b in the version its parent manages");
        }
    }

    @Test
    void aBuildTreeNeedsPoms() {
        Exception e = assertThrows(Exception.class, () -> BuildTreeWorkspace.of(List.of(dir.resolve("nowhere"))));
        assertTrue(e.getMessage().startsWith("no pom.xml in " + dir.resolve("nowhere")), e.getMessage());
    }
}
