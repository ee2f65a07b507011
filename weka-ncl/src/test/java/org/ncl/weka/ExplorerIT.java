// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * NCL in a real Weka Explorer: installs the Linux x86-64 package zip built by {@code mvn package} into a fresh
 * {@code WEKA_HOME} (offline), starts the Explorer under Xvfb on a 300-instance Fashion-MNIST ARFF, chooses
 * NCL in the Cluster tab's chooser (typing its name into the class tree), enters a configuration with the
 * known-label and ground-truth attributes and tiny epochs, presses Start and waits for the result. Screenshots
 * (PNG) of the chooser, the result, the error shown for a known-label attribute that is not in the data, and
 * NCL's property sheet are left in {@code target/explorer-it/} as test artifacts.
 *
 * <p>Fails if NCL is not in the chooser (the Explorer would run another clusterer), if the run logs a problem
 * or the Explorer prints an exception, or if no result appears within two minutes. Skips, saying why, only
 * when no X server can be started (Xvfb, xdotool and imagemagick's import are needed: Debian packages
 * {@code xvfb xdotool imagemagick}).
 *
 * <p>Screen positions are those of Weka 3.8.7's Explorer in a 1200&times;850 window (no window manager).
 */
class ExplorerIT {

    private static final String CONFIGURATION =
            "weka.clusterers.NCL -known-label known -ground-truth class -num-novel 5 "
                    + "-pretrain-epochs 1 -supervised-epochs 1 -discovery-epochs 1 -training-batch-size 64 -device CPU "
                    + "-core-options \"mlpHiddenSizes=[64], embeddingDim=16, projectionDim=16\"";

    private final List<Process> started = new ArrayList<>();

    @Test
    void nclIsChosenAndRunInTheExplorerClusterTab() throws Exception {
        Path zip = Path.of(required("ncl.weka.packageZip"));
        Path classpathFile = Path.of(required("ncl.weka.classpathFile"));
        Path work = Path.of(required("ncl.weka.workDir"));
        assertTrue(
                Files.isRegularFile(zip),
                "the package zip " + zip + " is missing: run mvn verify (package comes first)");
        String wekaClasspath = Files.readString(classpathFile).trim();
        for (String tool : List.of("Xvfb", "xdotool", "import")) {
            Assumptions.assumeTrue(
                    onPath(tool),
                    "SKIPPED: '" + tool + "' is not installed, so no X server can be started "
                            + "and driven (install the Debian packages xvfb, xdotool and imagemagick)");
        }
        // a headless JDK (openjdk-17-jdk-headless alone) cannot open windows: a CI set-up error, not a reason to skip
        assertTrue(
                Files.exists(Path.of(System.getProperty("java.home"), "lib", "libawt_xawt.so")),
                "the JDK at " + System.getProperty("java.home")
                        + " is headless (no lib/libawt_xawt.so): install the Debian "
                        + "package openjdk-17-jre (and fonts-dejavu-core) so the Explorer can open its window");
        deleteRecursively(work);
        Path wekaHome = Files.createDirectories(work.resolve("wekahome"));
        Path arff = work.resolve("fashion-mnist-300.arff");
        FashionMnistArff.write(FashionMnistArff.sample(300, 1, true), arff.toFile());

        // 1. install the package offline into the fresh WEKA_HOME
        Path installLog = work.resolve("install.log");
        Process install = start(
                List.of(
                        java(),
                        "-cp",
                        wekaClasspath,
                        "weka.core.WekaPackageManager",
                        "-offline",
                        "-install-package",
                        zip.toString()),
                Map.of("WEKA_HOME", wekaHome.toString()),
                installLog);
        assertTrue(install.waitFor(120, TimeUnit.SECONDS), "package installation did not finish in 2 minutes");
        assertEquals(0, install.exitValue(), "package installation failed:\n" + Files.readString(installLog));
        assertTrue(
                Files.isRegularFile(wekaHome.resolve("packages/NCL-linux-x86_64/weka-ncl.jar")),
                "installed package lacks weka-ncl.jar:\n" + Files.readString(installLog));
        assertTrue(
                Files.isRegularFile(
                        wekaHome.resolve("packages/NCL-linux-x86_64/lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar")),
                "installed package lacks the PyTorch CPU natives");

        try {
            String display = startXvfb(work);
            Map<String, String> env = Map.of("WEKA_HOME", wekaHome.toString(), "DISPLAY", display);
            // 2. the Explorer, with the data set loaded
            Path explorerLog = work.resolve("explorer.log");
            start(
                    List.of(
                            java(),
                            "-Xmx2g",
                            "-Dweka.packageManager.offline=true",
                            "-Dai.djl.offline=true",
                            "-cp",
                            wekaClasspath,
                            "weka.gui.explorer.Explorer",
                            arff.toString()),
                    env,
                    explorerLog);
            String window = waitFor(
                            () -> xdotool(env, "search", "--name", "^Weka Explorer$")
                                    .trim(),
                            s -> !s.isEmpty(),
                            90,
                            "the Explorer window did not appear; its output:\n" + read(explorerLog))
                    .lines()
                    .findFirst()
                    .orElseThrow();
            Path wekaLog = wekaHome.resolve("weka.log");
            waitFor(
                    () -> read(wekaLog),
                    s -> s.contains("Base relation is now fashion-mnist-ncl"),
                    60,
                    "the Explorer did not load the data set; weka.log:\n" + read(wekaLog));
            xdotool(env, "windowmove", window, "0", "0");
            xdotool(env, "windowsize", window, "1200", "850");
            Thread.sleep(1500);

            // 3. Cluster tab, Choose, type "NCL" into the class tree (selects and sets it), close the chooser
            click(env, 215, 11, 1);
            click(env, 55, 53, 1);
            Thread.sleep(1500);
            xdotool(env, "type", "--delay", "120", "NCL");
            Thread.sleep(1000);
            screenshot(env, work.resolve("explorer-chooser.png"));
            xdotool(env, "key", "Escape");
            Thread.sleep(700);

            // 4. right-click the scheme field, "Enter configuration...", type the full configuration
            click(env, 600, 53, 3);
            Thread.sleep(800);
            click(env, 680, 103, 1);
            waitFor(
                    () -> xdotool(env, "search", "--onlyvisible", "--name", "^Input$")
                            .trim(),
                    s -> !s.isEmpty(),
                    20,
                    "the 'Enter configuration' dialog did not open");
            Thread.sleep(500);
            xdotool(env, "type", "--delay", "15", CONFIGURATION);
            xdotool(env, "key", "Return");
            Thread.sleep(1000);

            // 5. Start, wait for the end of the run (or an error dialog)
            click(env, 83, 301, 1);
            waitFor(
                    () -> read(wekaLog) + errorDialog(env),
                    s -> s.contains("Finished weka.clusterers.")
                            || s.contains("ERROR DIALOG")
                            || s.contains("Started weka.clusterers.") && !s.contains("Started weka.clusterers.NCL"),
                    150,
                    "no result within 150 s; weka.log:\n" + read(wekaLog));
            Thread.sleep(2000); // let the output panel paint
            Path result = work.resolve("explorer-ncl-result.png");
            screenshot(env, result);
            String output = read(explorerLog);
            String log = read(wekaLog);
            assertTrue(
                    log.contains("Started weka.clusterers.NCL"),
                    "NCL is not listed in the Cluster tab's chooser (another " + "clusterer ran); weka.log:\n" + log);
            assertTrue(
                    errorDialog(env).isEmpty(),
                    "the run showed an error dialog; weka.log:\n" + log + "\noutput:\n" + output);
            assertTrue(log.contains("Finished weka.clusterers.NCL"), "the run did not finish; weka.log:\n" + log);
            assertTrue(
                    log.contains(
                            "NCL: trained 10 clusters [T-shirt/top, Trouser, Pullover, Dress, Coat, novel-0, novel-1, "
                                    + "novel-2, novel-3, novel-4] on 300 instances"),
                    "weka.log:\n" + log);
            assertTrue(log.contains("NCL: device: cpu()"), "the device found is logged; weka.log:\n" + log);
            List<String> exceptions = output.lines()
                    .filter(l -> l.contains("Exception") || l.contains("Error:"))
                    .collect(Collectors.toList());
            assertTrue(
                    exceptions.isEmpty(),
                    "the Explorer printed exceptions:\n" + String.join("\n", exceptions) + "\nfull output:\n" + output);
            assertTrue(Files.size(result) > 10_000, "screenshot " + result + " is suspiciously small");

            // 6. bad input: a known-label attribute that is not in the data gives a clear message in the log and dialog
            click(env, 600, 53, 3);
            Thread.sleep(800);
            click(env, 680, 103, 1);
            waitFor(
                    () -> xdotool(env, "search", "--onlyvisible", "--name", "^Input$")
                            .trim(),
                    s -> !s.isEmpty(),
                    20,
                    "the 'Enter configuration' dialog did not open");
            Thread.sleep(500);
            xdotool(env, "type", "--delay", "15", CONFIGURATION.replace("-known-label known", "-known-label label"));
            xdotool(env, "key", "Return");
            Thread.sleep(1000);
            click(env, 83, 301, 1);
            waitFor(
                    () -> errorDialog(env),
                    s -> !s.isEmpty(),
                    60,
                    "no error dialog for a missing known-label attribute; " + "weka.log:\n" + read(wekaLog));
            Thread.sleep(1000);
            screenshot(env, work.resolve("explorer-bad-input.png"));
            assertTrue(
                    read(wekaLog)
                            .contains("the known-label attribute (option -known-label) 'label' is not in the data; its "
                                    + "nominal attributes are [known, class] (786 attributes in all"),
                    "weka.log:\n" + read(wekaLog));
            xdotool(env, "key", "Return"); // dismiss the dialog
            Thread.sleep(1000);

            // 7. NCL's property sheet (its options as the object editor shows them)
            click(env, 600, 53, 3);
            Thread.sleep(800);
            click(env, 680, 65, 1);
            Thread.sleep(2000);
            screenshot(env, work.resolve("explorer-ncl-properties.png"));
            System.out.println("Explorer screenshots: " + work.toAbsolutePath() + "/explorer-*.png");
        } finally {
            for (Process p : started) {
                p.destroy();
            }
            for (Process p : started) {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            fail("system property " + property + " is not set (run through maven-failsafe-plugin: mvn verify)");
        }
        return v;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Starts Xvfb on a free display; skips the test (with the reason) if none starts. */
    private String startXvfb(Path work) throws Exception {
        for (int n = 90; n < 110; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Path log = work.resolve("xvfb.log");
            Process xvfb =
                    start(List.of("Xvfb", ":" + n, "-screen", "0", "1280x900x24", "-nolisten", "tcp"), Map.of(), log);
            for (int i = 0; i < 50 && xvfb.isAlive(); i++) {
                if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                    return ":" + n;
                }
                Thread.sleep(100);
            }
            xvfb.destroy();
        }
        Assumptions.abort("SKIPPED: no X server could be started with Xvfb (see " + work.resolve("xvfb.log") + ")");
        return null;
    }

    private static String xdotool(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add("xdotool");
        command.addAll(Arrays.asList(args));
        return run(env, command);
    }

    /** "ERROR DIALOG" while the Explorer shows its "Evaluate clusterer" error dialog, else empty. */
    private static String errorDialog(Map<String, String> env) {
        return xdotool(env, "search", "--onlyvisible", "--name", "^Evaluate clusterer$")
                        .trim()
                        .isEmpty()
                ? ""
                : "ERROR DIALOG";
    }

    private static void click(Map<String, String> env, int x, int y, int button) {
        xdotool(env, "mousemove", Integer.toString(x), Integer.toString(y), "click", Integer.toString(button));
    }

    private static void screenshot(Map<String, String> env, Path png) {
        run(env, List.of("import", "-window", "root", png.toString()));
        assertTrue(Files.isRegularFile(png), "no screenshot " + png);
    }

    private static String run(Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    interface Probe {
        String get() throws Exception;
    }

    private static String waitFor(Probe probe, Predicate<String> done, int seconds, String message) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > end) {
                fail(message);
            }
            Thread.sleep(250);
            value = probe.get();
        }
        return value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
