// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ncl.kernel.maven.LocalMavenResolver;
import org.ncl.kernel.maven.ResolutionException;

/**
 * The kernel's line magics, with IJava's names, aliases and arguments:
 *
 * <ul>
 *   <li>{@code %maven group:artifact[:packaging[:classifier]]:version ...} (also {@code %addMavenDependency},
 *       {@code %addMavenDependencies}): the artifacts and their compile and runtime dependencies, resolved offline
 *       from the local Maven repository;
 *   <li>{@code %mavenRepo id url} (also {@code %addMavenRepo}): also accept artifacts that Maven downloaded from
 *       that repository (nothing is downloaded);
 *   <li>{@code %jars glob ...}: the jar files the globs match ({@code *} within a path segment, {@code ?} one
 *       character; a glob naming a directory adds the files in it);
 *   <li>{@code %classpath glob ...}: the files and directories the globs match.
 * </ul>
 *
 * <p>Relative globs are resolved against the kernel's working directory, which Jupyter sets to the notebook's. A
 * glob that matches nothing is an error (IJava adds nothing and says nothing). Each magic returns the class path
 * entries it added.
 */
public final class KernelMagics {

    private final Consumer<Path> classPath;
    private final Supplier<LocalMavenResolver> resolver;
    private final Path directory;
    private final Supplier<PrintStream> warnings;

    /**
     * @param classPath adds an entry to the session's class path
     * @param resolver the resolver, made on first use
     * @param directory what relative globs are relative to
     * @param warnings where conflicts between versions are reported (the cell's standard error)
     */
    KernelMagics(
            Consumer<Path> classPath,
            Supplier<LocalMavenResolver> resolver,
            Path directory,
            Supplier<PrintStream> warnings) {
        this.classPath = classPath;
        this.resolver = resolver;
        this.directory = directory.toAbsolutePath();
        this.warnings = warnings;
    }

    /** {@code %maven}: see the class comment. */
    @LineMagic(aliases = {"addMavenDependency", "maven"})
    public List<String> addMavenDependencies(List<String> coordinates) throws ResolutionException {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs coordinates: groupId:artifactId:version ...");
        }
        LocalMavenResolver.Resolution r = resolver.get().resolve(coordinates);
        for (String c : r.conflicts()) {
            warnings.get().println("warning: %maven " + String.join(" ", coordinates) + ": " + c);
        }
        return add(r.added());
    }

    /** {@code %mavenRepo}: see the class comment. */
    @LineMagic(aliases = {"mavenRepo"})
    public void addMavenRepo(List<String> args) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("%mavenRepo needs two arguments, an id and a URL, not " + args);
        }
        resolver.get().addRepository(args.get(0), args.get(1));
    }

    /** {@code %jars}: see the class comment. */
    @LineMagic
    public List<String> jars(List<String> globs) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matched = new ArrayList<>();
            try {
                new GlobFinder(absolute(glob)).computeMatchingFiles().forEach(matched::add);
            } catch (NoSuchFileException e) {
                // a directory of the glob does not exist: nothing matches
            }
            require(matched, "jars", glob);
            found.addAll(matched);
        }
        return add(found);
    }

    /** {@code %classpath}: see the class comment. */
    @LineMagic
    public List<String> classpath(List<String> globs) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matched = new ArrayList<>();
            try {
                new GlobFinder(absolute(glob)).computeMatchingPaths().forEach(matched::add);
            } catch (NoSuchFileException e) {
                // a directory of the glob does not exist: nothing matches
            }
            require(matched, "classpath", glob);
            found.addAll(matched);
        }
        return add(found);
    }

    private void require(List<Path> matched, String magic, String glob) {
        if (matched.isEmpty()) {
            throw new IllegalArgumentException(
                    "%" + magic + " " + glob + " matches no file (relative to " + directory + ")");
        }
    }

    private List<String> add(List<Path> entries) {
        List<String> added = new ArrayList<>();
        for (Path p : entries) {
            Path a = p.toAbsolutePath().normalize();
            classPath.accept(a);
            added.add(a.toString());
        }
        return added;
    }

    /** The glob made absolute (GlobFinder reads relative globs against the JVM's working directory). */
    private String absolute(String glob) {
        if (Path.of(glob.replace("*", "x").replace("?", "x")).isAbsolute()) {
            return glob;
        }
        String base = directory.toString().replace(File.separatorChar, '/');
        base = base.replace("*", "\\*").replace("?", "\\?");
        return base.endsWith("/") ? base + glob : base + "/" + glob;
    }
}
