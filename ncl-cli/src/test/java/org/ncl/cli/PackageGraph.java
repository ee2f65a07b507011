// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

/**
 * The dependencies between the packages of one set of compiled classes (a class directory or a jar), read with the
 * JDK's {@code jdeps -verbose:class} from the class files, and the cycles among them (strongly connected
 * components of more than one package, Tarjan's algorithm). Only dependencies between packages of the same
 * classes count; each package edge keeps the class dependencies behind it for the failure message.
 */
final class PackageGraph {

    /** package → package it depends on → the class dependencies ("A -> B") that make the edge. */
    private final Map<String, Map<String, SortedSet<String>>> edges = new TreeMap<>();

    private PackageGraph() {}

    /** Where the class files of {@code type} were loaded from (a class directory or a jar). */
    static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the package graph of {@code classes}.
     *
     * @param ignoredTarget class names (binary names, e.g. {@code a.B$C}) whose incoming dependencies are left out
     */
    static PackageGraph read(Path classes, Predicate<String> ignoredTarget) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps not found: the tests need a JDK, not a JRE"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(
                new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none", classes.toString());
        if (code != 0) {
            throw new IllegalStateException("jdeps " + classes + " failed with " + code + ": " + err);
        }
        // lines "   a.b.C    -> x.y.Z    location"
        List<String[]> dependencies = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (line.startsWith(" ") && f.length >= 3 && f[1].equals("->")) {
                dependencies.add(new String[] {f[0], f[2]});
            }
        }
        PackageGraph g = new PackageGraph();
        for (String[] d : dependencies) {
            g.edges.putIfAbsent(packageOf(d[0]), new TreeMap<>());
        }
        for (String[] d : dependencies) {
            String from = packageOf(d[0]);
            String to = packageOf(d[1]);
            if (!from.equals(to) && g.edges.containsKey(to) && !ignoredTarget.test(d[1])) {
                g.edges.get(from).computeIfAbsent(to, k -> new TreeSet<>()).add(d[0] + " -> " + d[1]);
            }
        }
        return g;
    }

    /** The graph of explicit edges, for tests of this class. */
    static PackageGraph of(Map<String, Set<String>> dependencies) {
        PackageGraph g = new PackageGraph();
        dependencies.forEach((from, tos) -> {
            g.edges.putIfAbsent(from, new TreeMap<>());
            for (String to : tos) {
                g.edges.putIfAbsent(to, new TreeMap<>());
                g.edges.get(from).computeIfAbsent(to, k -> new TreeSet<>()).add(from + " -> " + to);
            }
        });
        return g;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Every package of the classes. */
    Set<String> packages() {
        return edges.keySet();
    }

    /** The packages {@code pkg} depends on. */
    Set<String> dependenciesOf(String pkg) {
        return edges.getOrDefault(pkg, Map.of()).keySet();
    }

    /** The cycles: sets of two or more packages that all reach each other, sorted. */
    List<SortedSet<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<SortedSet<String>> out = new ArrayList<>();
        for (String p : edges.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, onStack, out);
            }
        }
        out.sort((a, b) -> a.first().compareTo(b.first()));
        return out;
    }

    private void connect(
            String p,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<SortedSet<String>> out) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.push(p);
        onStack.add(p);
        for (String q : edges.get(p).keySet()) {
            if (!index.containsKey(q)) {
                connect(q, index, low, stack, onStack, out);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            SortedSet<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    /** A cycle's package edges, each with up to three of the class dependencies behind it. */
    String describe(Set<String> cycle) {
        StringBuilder sb = new StringBuilder("cycle " + cycle + ":");
        for (String from : cycle) {
            edges.get(from).forEach((to, classes) -> {
                if (cycle.contains(to)) {
                    sb.append("\n  ")
                            .append(from)
                            .append(" -> ")
                            .append(to)
                            .append(": ")
                            .append(classes.stream().limit(3).collect(Collectors.joining(", ")))
                            .append(classes.size() > 3 ? ", ..." : "");
                }
            });
        }
        return sb.toString();
    }
}
