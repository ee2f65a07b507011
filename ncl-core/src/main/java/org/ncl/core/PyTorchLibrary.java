// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import ai.djl.util.ClassLoaderUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch library DJL is about to load, checked before the engine starts. DJL uses the CPU natives on the class
 * path unless {@code PYTORCH_LIBRARY_PATH} names an installed libtorch (a CUDA build, to train on a GPU); then
 * {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR} must say which libtorch it is, and a JNI library for that
 * version and flavour must be in DJL's {@code pytorch-jni} jar, which is built for one libtorch version (DJL 0.35.1's
 * holds PyTorch 2.7.1 for the flavours {@code cpu} and {@code cu128}). Where the settings do not match, DJL fails
 * late and obscurely or quietly does something else: it uses the CPU natives when the folder holds no libtorch or
 * when only the version and flavour are set, tries to download a libtorch (impossible offline) when
 * {@code PYTORCH_VERSION} names another version, finds no JNI library for a flavour the jar lacks, and stops at the
 * first tensor when the installed libtorch is of another version. This check fails at once instead, with a message
 * that says what is wrong and names the three settings that work. Each setting is read as DJL reads it: the
 * environment variable, else the system property.
 */
final class PyTorchLibrary {

    static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
    static final String VERSION = "PYTORCH_VERSION";
    static final String FLAVOR = "PYTORCH_FLAVOR";

    /** The CUDA flavour of the JNI libraries in DJL 0.35.1's {@code pytorch-jni} jar: CUDA 12.8. */
    static final String CUDA_FLAVOR = "cu128";

    /** The CUDA version of {@link #CUDA_FLAVOR}, for people. */
    private static final String CUDA_VERSION = "12.8";

    private static final Pattern PYTHON_VERSION = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]");

    /**
     * DJL's JNI library: the libtorch version it is built for, DJL's version, this machine's platform (DJL's
     * classifier, e.g. {@code linux-x86_64}) and the flavours it exists in for that platform.
     */
    record Jni(String torchVersion, String djlVersion, String classifier, Predicate<String> hasFlavor) {}

    private PyTorchLibrary() {}

    /**
     * Fails, with what is wrong and the settings that work, where the PyTorch library settings do not match DJL's JNI
     * library; does nothing when none of them is set (the CPU natives on the class path are used).
     *
     * @throws IllegalStateException if the settings do not match
     */
    static void check() {
        String problem = problem(Utils::getEnvOrSystemProperty, PyTorchLibrary::jni);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /**
     * What is wrong with the settings, or null if nothing is.
     *
     * @param settings a setting's value by name, null if it is not set
     * @param jni DJL's JNI library, asked for only when a setting is given
     */
    static String problem(Function<String, String> settings, Supplier<Jni> jni) {
        String path = value(settings, LIBRARY_PATH);
        String version = value(settings, VERSION);
        String flavor = value(settings, FLAVOR);
        if (path == null && version == null && flavor == null) {
            return null;
        }
        Jni j = jni.get();
        List<String> wrong = new ArrayList<>();
        if (path == null) {
            wrong.add((version != null ? VERSION + "=" + version : FLAVOR + "=" + flavor) + " is set but "
                    + LIBRARY_PATH + " is not, so DJL would "
                    + (version != null && !version.equals(j.torchVersion())
                            ? "try to download libtorch " + version
                            : "use the CPU natives on the class path"));
        } else {
            Path libtorch = libtorch(path);
            if (libtorch == null) {
                wrong.add(LIBRARY_PATH + "=" + path + " holds no " + System.mapLibraryName("torch")
                        + ", so DJL would use the CPU natives on the class path");
            } else {
                String found = installedVersion(libtorch.getParent());
                if (found != null && !matches(found, j.torchVersion(), flavor)) {
                    wrong.add("the libtorch in " + libtorch.getParent() + " is " + found + " (its version file)");
                }
            }
        }
        if (version == null) {
            wrong.add(VERSION + " is not set");
        } else if (!version.equals(j.torchVersion())) {
            wrong.add(VERSION + "=" + version + ", but DJL " + j.djlVersion() + "'s JNI library is built for PyTorch "
                    + j.torchVersion() + " only");
        }
        if (flavor == null) {
            wrong.add(FLAVOR + " is not set");
        } else if (!j.hasFlavor().test(flavor)) {
            List<String> known = new ArrayList<>();
            for (String f : List.of("cpu", CUDA_FLAVOR)) {
                if (j.hasFlavor().test(f)) {
                    known.add(f);
                }
            }
            wrong.add(FLAVOR + "=" + flavor + ", but DJL " + j.djlVersion() + "'s JNI library for " + j.classifier()
                    + " exists for " + String.join(" and ", known) + " only");
        }
        if (wrong.isEmpty()) {
            return null;
        }
        return "the PyTorch library settings do not match this build: " + String.join("; ", wrong)
                + ". To train on a GPU, install libtorch " + j.torchVersion() + " for CUDA " + CUDA_VERSION
                + " and set "
                + LIBRARY_PATH + "=<its lib folder>, " + VERSION + "=" + j.torchVersion() + " and " + FLAVOR + "="
                + CUDA_FLAVOR + (j.hasFlavor().test(CUDA_FLAVOR) ? "" : " (on a platform DJL builds CUDA for)")
                + "; to use the CPU natives on the class path, set none of the three";
    }

    /** The recipe for a GPU, for the message of a GPU that was asked for and not found. */
    static String gpuRecipe(String torchVersion) {
        return "install libtorch " + torchVersion + " for CUDA " + CUDA_VERSION + " and set " + LIBRARY_PATH
                + "=<its lib folder>, " + VERSION + "=" + torchVersion + " and " + FLAVOR + "=" + CUDA_FLAVOR;
    }

    private static String value(Function<String, String> settings, String name) {
        String v = settings.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The libtorch file in a path list as DJL searches it (a folder that holds it, or the file itself), or null. */
    private static Path libtorch(String path) {
        String name = System.mapLibraryName("torch");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry.trim());
            if (Files.isRegularFile(p) && p.getFileName().toString().equals(name)) {
                return p.toAbsolutePath();
            }
            if (Files.isRegularFile(p.resolve(name))) {
                return p.resolve(name).toAbsolutePath();
            }
        }
        return null;
    }

    /**
     * The version an installed libtorch states beside its lib folder, e.g. {@code 2.7.1+cu128}: the
     * {@code build-version} file of the libtorch archive, or the {@code version.py} of PyTorch's Python package; null
     * if neither is there.
     */
    private static String installedVersion(Path lib) {
        Path home = lib.getParent();
        if (home == null) {
            return null;
        }
        try {
            Path build = home.resolve("build-version");
            if (Files.isRegularFile(build)) {
                String v = Files.readString(build, StandardCharsets.UTF_8).trim();
                return v.isEmpty() ? null : v;
            }
            Path python = home.resolve("version.py");
            if (Files.isRegularFile(python)) {
                Matcher m = PYTHON_VERSION.matcher(Files.readString(python, StandardCharsets.UTF_8));
                return m.find() ? m.group(1) : null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version of the libtorch in " + lib, e);
        }
        return null;
    }

    /** Whether a stated version such as {@code 2.7.1+cu128} (or {@code 2.7.1}) is this version and flavour. */
    private static boolean matches(String found, String torchVersion, String flavor) {
        int plus = found.indexOf('+');
        String v = plus < 0 ? found : found.substring(0, plus);
        String local = plus < 0 ? "cpu" : found.substring(plus + 1);
        return v.equals(torchVersion) && (flavor == null || local.equals(flavor));
    }

    /** DJL's JNI library as the class path has it. */
    static Jni jni() {
        String classifier = Platform.detectPlatform("pytorch").getClassifier();
        String jniVersion = null;
        try {
            URL url = ClassLoaderUtils.getResource("jnilib/pytorch.properties");
            if (url != null) {
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(in);
                }
                jniVersion = p.getProperty("jni_version");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DJL's jnilib/pytorch.properties", e);
        }
        if (jniVersion == null || jniVersion.indexOf('-') < 0) {
            throw new IllegalStateException("DJL's pytorch-jni jar (jnilib/pytorch.properties) is not on the class "
                    + "path; it is a dependency of ncl-core");
        }
        String library = System.mapLibraryName("djl_torch");
        Predicate<String> hasFlavor = f -> {
            try {
                return ClassLoaderUtils.getResource("jnilib/" + classifier + "/" + f + "/" + library) != null;
            } catch (IOException e) {
                return false;
            }
        };
        int dash = jniVersion.indexOf('-');
        return new Jni(jniVersion.substring(0, dash), jniVersion.substring(dash + 1), classifier, hasFlavor);
    }
}
