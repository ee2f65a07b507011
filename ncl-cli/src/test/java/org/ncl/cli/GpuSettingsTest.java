// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU instructions' three settings, checked before DJL loads anything: a libtorch of another build fails the
 * run at once with one line that names the settings that work (DJL would load it and stop at the first tensor).
 */
class GpuSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aLibtorchOfAnotherBuildFailsWithTheSettingsThatWork() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
        // not a library: loading it would end the JVM with an UnsatisfiedLinkError, not the message below
        Files.writeString(lib.resolve(System.mapLibraryName("torch")), "not a library");
        Files.writeString(lib.resolveSibling("build-version"), "2.5.1+cu124\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.ncl.cli.NclCommand",
                        "--rows",
                        "50",
                        "--epochs",
                        "1",
                        "--no-plots",
                        "--no-baseline",
                        "-q",
                        "--out",
                        dir.resolve("out").toString()))
                .redirectError(dir.resolve("stderr.txt").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PYTORCH_LIBRARY_PATH", lib.toString());
        pb.environment().put("PYTORCH_VERSION", "2.7.1");
        pb.environment().put("PYTORCH_FLAVOR", "cu128");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the check comes before any training");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(
                err.startsWith("error: the PyTorch library settings do not match this build: the libtorch in " + lib
                        + " is 2.5.1+cu124 (its version file)"),
                err);
        assertTrue(
                err.contains("PYTORCH_LIBRARY_PATH=<its lib folder>, PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128"),
                err);
        assertTrue(!Files.exists(dir.resolve("out/model.ncl")), "nothing was trained");
    }
}
