// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packages of ncl-core depend on each other without cycles, read from the compiled classes with jdeps: a type
 * that two packages share lives in the lower one (the progress types in {@code org.ncl.core.progress}, tensor
 * helpers in {@code org.ncl.core.tensor}, the memory queues and hard negative generation in
 * {@code org.ncl.core.loss.contrastive}, the settings and their enums in the leaf {@code org.ncl.core.options}).
 * Every dependency counts. (Checked here, in the module that sees every other one, with the one
 * {@link PackageGraph}.)
 */
class CorePackagesTest {

    @Test
    void theCorePackagesHaveNoCycle() {
        PackageGraph graph = PackageGraph.read(PackageGraph.location(org.ncl.core.NclTrainer.class), name -> false);
        // the graph was read: the trainer runs the stages, the stages report progress
        assertTrue(
                graph.dependenciesOf("org.ncl.core").contains("org.ncl.core.train"),
                graph.packages().toString());
        assertTrue(
                graph.dependenciesOf("org.ncl.core.train").contains("org.ncl.core.progress"),
                graph.packages().toString());
        assertEquals(Set.of(), graph.dependenciesOf("org.ncl.core.options"), "the options are a leaf package");
        List<SortedSet<String>> cycles = graph.cycles();
        assertTrue(cycles.isEmpty(), cycles.stream().map(graph::describe).collect(Collectors.joining("\n")));
    }

    @Test
    void findsCyclesInAGraph() {
        PackageGraph g = PackageGraph.of(Map.of(
                "a",
                Set.of("b"),
                "b",
                Set.of("c"),
                "c",
                Set.of("a", "d"),
                "d",
                Set.of("e"),
                "e",
                Set.of("d"),
                "f",
                Set.of("a")));
        assertEquals(List.of(Set.of("a", "b", "c"), Set.of("d", "e")), g.cycles());
        assertTrue(
                g.describe(g.cycles().get(1)).contains("d -> e: d -> e"),
                g.describe(g.cycles().get(1)));
        assertEquals(
                List.of(),
                PackageGraph.of(Map.of("a", Set.of("b"), "b", Set.of("c"))).cycles());
    }
}
