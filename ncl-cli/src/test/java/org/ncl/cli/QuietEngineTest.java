// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's start-up chatter does not reach the user's terminal, its warnings and errors do: DJL logs
 * "Extracting ... to cache" at INFO for every native library the first time the tool runs on a machine, and PyTorch
 * prints "AutoNonVariableTypeMode is deprecated" when a parameter's values are set through DJL's {@code set}.
 */
class QuietEngineTest {

    @TempDir
    Path dir;

    @Test
    void theToolsLoggingConfigurationIsTheOneInEffect() throws IOException {
        URL config = Thread.currentThread().getContextClassLoader().getResource("simplelogger.properties");
        assertTrue(
                config != null && config.toString().contains("ncl-cli"),
                "the tool's simplelogger.properties must come first in the class path, not " + config);
        Logger djl = LoggerFactory.getLogger("ai.djl.pytorch.jni.LibUtils");
        assertFalse(djl.isInfoEnabled(), "DJL's INFO lines are left out");
        assertTrue(djl.isWarnEnabled() && djl.isErrorEnabled(), "DJL's warnings and errors are shown");
        Logger any = LoggerFactory.getLogger("ai.djl.engine.Engine");
        assertTrue(any.isWarnEnabled() && !any.isInfoEnabled());
    }

    /** A first run: an empty DJL cache, so DJL extracts the natives (about 430 MB, a few seconds) and logs it. */
    @Test
    void aFirstRunPrintsNoEngineNoiseOnStandardError() throws Exception {
        Path cache = dir.resolve("djl-cache");
        Path csv = dir.resolve("t.csv");
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i % 2)
                    .append(',')
                    .append(i % 3)
                    .append(',')
                    .append(i % 4 == 0 ? "x" : i % 4 == 1 ? "y" : "")
                    .append('\n');
        }
        Files.writeString(csv, rows);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx1g",
                "-DDJL_CACHE_DIR=" + cache,
                "-cp",
                System.getProperty("java.class.path"),
                "org.ncl.cli.NclCommand",
                "discover",
                "--csv",
                csv.toString(),
                "--label-column",
                "label",
                "-k",
                "2",
                "--epochs",
                "1",
                "--no-plots",
                "--no-baseline",
                "-q",
                "--out",
                dir.resolve("out").toString()));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "a tiny training should finish");
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), stderr);
            try (Stream<Path> s = Files.walk(cache)) {
                assertTrue(
                        s.anyMatch(f -> f.getFileName().toString().equals(System.mapLibraryName("torch"))),
                        "DJL extracted the natives into the fresh cache " + cache);
            }
            assertFalse(stderr.contains("Extracting"), stderr);
            assertFalse(stderr.contains(" INFO "), stderr);
            assertFalse(stderr.contains("AutoNonVariableTypeMode"), stderr);
        } finally {
            p.destroyForcibly();
            try (Stream<Path> s = Files.walk(cache)) { // 430 MB: not left for the end of the test run
                for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
