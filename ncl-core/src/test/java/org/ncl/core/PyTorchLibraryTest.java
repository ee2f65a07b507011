// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyTorchLibraryTest {

    /** DJL 0.35.1's JNI library as its jar has it on Linux x86-64 and Windows x86-64. */
    private static final PyTorchLibrary.Jni JNI =
            new PyTorchLibrary.Jni("2.7.1", "0.35.1", "linux-x86_64", Set.of("cpu", "cu128")::contains);

    @TempDir
    Path dir;

    private String problem(Map<String, String> settings) {
        return PyTorchLibrary.problem(settings::get, () -> JNI);
    }

    /** A libtorch install: {@code libtorch/lib/libtorch.so} with {@code libtorch/build-version}. */
    private Path libtorch(String buildVersion) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
        Files.writeString(lib.resolve(System.mapLibraryName("torch")), "");
        if (buildVersion != null) {
            Files.writeString(lib.resolveSibling("build-version"), buildVersion + "\n");
        }
        return lib;
    }

    private static Map<String, String> settings(Object path, String version, String flavor) {
        Map<String, String> m = new HashMap<>();
        if (path != null) {
            m.put("PYTORCH_LIBRARY_PATH", path.toString());
        }
        if (version != null) {
            m.put("PYTORCH_VERSION", version);
        }
        if (flavor != null) {
            m.put("PYTORCH_FLAVOR", flavor);
        }
        return m;
    }

    /** Every message says what works: the three settings with the values of this build. */
    private static void assertNamesTheSettings(String message) {
        assertNotNull(message);
        assertTrue(message.contains("PYTORCH_LIBRARY_PATH=<its lib folder>"), message);
        assertTrue(message.contains("PYTORCH_VERSION=2.7.1"), message);
        assertTrue(message.contains("PYTORCH_FLAVOR=cu128"), message);
        assertTrue(message.contains("libtorch 2.7.1 for CUDA 12.8"), message);
    }

    @Test
    void noSettingsMeanTheCpuNativesAndNeedNoJni() {
        assertNull(PyTorchLibrary.problem(Map.<String, String>of()::get, () -> {
            throw new AssertionError("the JNI library is not looked at without settings");
        }));
        assertNull(problem(settings(" ", "", null)), "blank values count as unset, as DJL counts them");
    }

    @Test
    void theGpuRecipeMatches() throws IOException {
        assertNull(problem(settings(libtorch("2.7.1+cu128"), "2.7.1", "cu128")));
        // PyTorch's Python package: torch/lib with torch/version.py
        Path torch = Files.createDirectories(dir.resolve("site-packages/torch/lib"));
        Files.writeString(torch.resolve(System.mapLibraryName("torch")), "");
        Files.writeString(torch.resolveSibling("version.py"), "__version__ = '2.7.1+cu128'\ncuda = '12.8'\n");
        assertNull(problem(settings(torch, "2.7.1", "cu128")));
        // the library file itself, among other path entries, as DJL accepts it
        assertNull(problem(settings(
                dir.resolve("nowhere") + java.io.File.pathSeparator + torch.resolve(System.mapLibraryName("torch")),
                "2.7.1",
                "cu128")));
        // a CPU libtorch of the same version, without a version file
        Path cpu = Files.createDirectories(dir.resolve("cpu/lib"));
        Files.writeString(cpu.resolve(System.mapLibraryName("torch")), "");
        assertNull(problem(settings(cpu, "2.7.1", "cpu")));
    }

    @Test
    void anotherVersionOrFlavourFailsNamingTheSettingsThatWork() throws IOException {
        Path lib = libtorch(null);
        String version = problem(settings(lib, "2.5.1", "cu128"));
        assertNamesTheSettings(version);
        assertTrue(
                version.contains("PYTORCH_VERSION=2.5.1, but DJL 0.35.1's JNI library is built for PyTorch 2.7.1 only"),
                version);

        String flavor = problem(settings(lib, "2.7.1", "cu124"));
        assertNamesTheSettings(flavor);
        assertTrue(
                flavor.contains("PYTORCH_FLAVOR=cu124, but DJL 0.35.1's JNI library for linux-x86_64 exists for cpu "
                        + "and cu128 only"),
                flavor);

        String unset = problem(settings(lib, null, null));
        assertNamesTheSettings(unset);
        assertTrue(unset.contains("PYTORCH_VERSION is not set; PYTORCH_FLAVOR is not set"), unset);
    }

    @Test
    void aLibtorchOfAnotherBuildFails() throws IOException {
        String message = problem(settings(libtorch("2.5.1+cu124"), "2.7.1", "cu128"));
        assertNamesTheSettings(message);
        assertTrue(message.contains("is 2.5.1+cu124 (its version file)"), message);
        // right version, but a CPU build named as cu128
        String cpu = problem(settings(libtorch("2.7.1+cpu"), "2.7.1", "cu128"));
        assertTrue(cpu.contains("is 2.7.1+cpu (its version file)"), cpu);
    }

    @Test
    void aFolderWithoutLibtorchFailsInsteadOfFallingBackToTheCpu() {
        String message = problem(settings(dir, "2.7.1", "cu128"));
        assertNamesTheSettings(message);
        assertTrue(
                message.contains("PYTORCH_LIBRARY_PATH=" + dir + " holds no " + System.mapLibraryName("torch")
                        + ", so DJL would use the CPU natives on the class path"),
                message);
    }

    @Test
    void versionAndFlavourWithoutTheLibraryPathFail() {
        String download = problem(settings(null, "2.5.1", null));
        assertNamesTheSettings(download);
        assertTrue(
                download.contains("PYTORCH_VERSION=2.5.1 is set but PYTORCH_LIBRARY_PATH is not, so DJL would try to "
                        + "download libtorch 2.5.1"),
                download);
        String cpu = problem(settings(null, "2.7.1", "cu128"));
        assertTrue(cpu.contains("so DJL would use the CPU natives on the class path"), cpu);
    }

    @Test
    void onAPlatformWithoutCudaTheMessageSaysSo() {
        PyTorchLibrary.Jni mac = new PyTorchLibrary.Jni("2.7.1", "0.35.1", "osx-aarch64", "cpu"::equals);
        String message = PyTorchLibrary.problem(settings(dir, "2.7.1", "cu128")::get, () -> mac);
        assertTrue(message.contains("JNI library for osx-aarch64 exists for cpu only"), message);
        assertTrue(message.contains("PYTORCH_FLAVOR=cu128 (on a platform DJL builds CUDA for)"), message);
    }

    /** The constants above are what the JNI jar on the class path holds (a DJL upgrade must update them). */
    @Test
    void theJniJarOnTheClassPathHoldsPyTorch271ForCpuAndCu128() {
        PyTorchLibrary.Jni jni = PyTorchLibrary.jni();
        assertEquals("2.7.1", jni.torchVersion());
        assertEquals("0.35.1", jni.djlVersion());
        assertTrue(jni.hasFlavor().test("cpu"), jni.classifier());
        if (Set.of("linux-x86_64", "win-x86_64").contains(jni.classifier())) {
            assertTrue(jni.hasFlavor().test(PyTorchLibrary.CUDA_FLAVOR), jni.classifier());
        }
        assertTrue(!jni.hasFlavor().test("cu124"), "no JNI library for another CUDA version");
    }
}
