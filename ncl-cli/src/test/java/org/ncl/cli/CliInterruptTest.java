// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclModel;

/**
 * Stopping a training from outside: the tool runs in its own JVM; once the discovery stage has started it gets
 * SIGTERM, which runs the same shutdown hook as Ctrl-C (SIGINT; a process started in the background may have
 * SIGINT ignored, so the test sends SIGTERM) after the first discovery epoch. The training stops at the next step,
 * the tool says so on standard error, the model file of an earlier run in the output directory is untouched
 * (nothing half-written, no temporary files left; the run's lock file stays), and the checkpoint of the finished
 * discovery epoch is kept and loads as a model.
 */
class CliInterruptTest {

    @Test
    void aStopSignalEndsTrainingCleanlyAndKeepsTheEarlierModel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        byte[] earlier = "an earlier model file".getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve("model.ncl"), earlier);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.ncl.cli.NclCommand",
                        "discover",
                        "--rows",
                        "1500",
                        "--epochs",
                        "1,1,200",
                        "--encoder",
                        "mlp",
                        "-o",
                        "batchSize=64",
                        "--no-plots",
                        "--out",
                        out.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        boolean discovering = false;
        StringBuilder stdout = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stdout.append(line).append('\n');
                if (line.startsWith("== DISCOVERY")) {
                    discovering = true;
                }
                if (discovering && line.startsWith("DISCOVERY")) { // the report of the first discovery epoch
                    p.destroy(); // SIGTERM
                    break;
                }
            }
            assertTrue(
                    discovering,
                    "the discovery stage should start: " + stdout + Files.readString(dir.resolve("stderr.txt")));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the tool should stop within 60 s");
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(143, p.exitValue(), err);
        assertTrue(err.contains("interrupted: stopping at the next training step"), err);
        assertTrue(err.contains("cancelled: training cancelled during DISCOVERY"), err);
        assertTrue(err.contains("no new model was written"), err);
        assertTrue(err.contains("the model of discovery epoch 1 is in " + out.resolve("checkpoint.ncl")), err);
        assertArrayEquals(earlier, Files.readAllBytes(out.resolve("model.ncl")), "the earlier model is untouched");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(
                    List.of(out.resolve("checkpoint.ncl"), out.resolve("model.ncl")),
                    files.filter(f -> !f.getFileName().toString().equals(Outputs.OutputDirectory.LOCK))
                            .sorted()
                            .toList(),
                    "no predictions, metrics or temporary files (only the lock file besides)");
        }
        try (NclModel checkpoint = NclModel.load(out.resolve("checkpoint.ncl"))) {
            assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat"), checkpoint.knownClassNames());
            assertEquals(0, checkpoint.provenance().selectedEpoch());
        }
        assertFalse(err.contains("\tat "), err);
    }
}
