// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packages of ncl-cli and of the two adapters it uses (tribuo-ncl, weka-ncl) depend on each other without
 * cycles, read from their compiled classes with jdeps; ncl-core checks its own packages the same way. Modules
 * cannot form cycles (Maven refuses them), so each module is checked on its own.
 */
class PackageCyclesTest {

    @ParameterizedTest
    @ValueSource(classes = {NclCommand.class, org.ncl.tribuo.NclTrainer.class, weka.clusterers.NCL.class})
    void theModuleHasNoPackageCycle(Class<?> member) {
        Path classes = PackageGraph.location(member);
        PackageGraph graph = PackageGraph.read(classes, name -> false);
        assertTrue(graph.packages().contains(member.getPackageName()), classes + ": " + graph.packages());
        List<SortedSet<String>> cycles = graph.cycles();
        assertTrue(
                cycles.isEmpty(),
                classes + ":\n" + cycles.stream().map(graph::describe).collect(Collectors.joining("\n")));
    }
}
