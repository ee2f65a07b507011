// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import weka.core.WekaPackageManager;
import weka.core.packageManagement.DefaultPackage;
import weka.core.packageManagement.Package;

/**
 * The Weka packages written by {@code mvn package} (one per platform) and the package repository that serves them,
 * checked with Weka's own package manager: every zip carries the same classes and the PyTorch CPU natives of its
 * platform only; its {@code Description.props} makes Weka accept it on its platform alone and preclude the others;
 * Weka's package manager lists and installs the packages from the repository by name and refuses the one for
 * another platform; and the Linux x86-64 zip installs offline and clusters data with {@code weka.Run}.
 */
class WekaPackagesIT {

    /** A platform: DJL's classifier, a Java os.name and os.arch of it, and the file name of its libtorch. */
    record Platform(String classifier, String osName, String osArch, String libtorch) {
        String packageName() {
            return "NCL-" + classifier;
        }
    }

    static final List<Platform> PLATFORMS = List.of(
            new Platform("linux-x86_64", "Linux", "amd64", "libtorch.so"),
            new Platform("linux-aarch64", "Linux", "aarch64", "libtorch.so"),
            new Platform("osx-aarch64", "Mac OS X", "aarch64", "libtorch.dylib"),
            new Platform("win-x86_64", "Windows 11", "amd64", "torch.dll"));

    private final Path repository = Path.of(required("ncl.weka.repository"));
    private final String version = required("ncl.weka.version");
    private final Path work = Path.of(required("ncl.weka.workDir")).resolveSibling("weka-packages-it");

    private Path zip(Platform p) {
        return repository.resolve(p.packageName()).resolve(p.packageName() + "-" + version + ".zip");
    }

    @Test
    void everyZipCarriesTheSameClassesAndTheNativesOfItsPlatformOnly() throws IOException {
        Map<String, Long> common = null;
        for (Platform p : PLATFORMS) {
            Path zip = zip(p);
            assertTrue(Files.isRegularFile(zip), zip + " is missing: run mvn verify (package comes first)");
            Map<String, Long> crcs = new TreeMap<>();
            List<String> natives = new ArrayList<>();
            try (ZipFile z = new ZipFile(zip.toFile())) {
                for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (name.startsWith("lib/pytorch-native-")) {
                        natives.add(name);
                    } else if (!entry.isDirectory() && !name.equals("Description.props")) {
                        crcs.put(name, entry.getCrc());
                    }
                }
                assertEquals(
                        List.of("lib/pytorch-native-cpu-2.7.1-" + p.classifier() + ".jar"),
                        natives,
                        zip + " must carry the CPU natives of " + p.classifier() + " and no others");
                checkNatives(z, natives.get(0), p);
                for (String required : List.of(
                        "weka-ncl.jar",
                        "LICENSE",
                        "NOTICE",
                        "data/fashion-mnist-2000.arff.gz",
                        "lib/ncl-core-" + version + ".jar",
                        "lib/pytorch-engine-0.35.1.jar",
                        "lib/pytorch-jni-2.7.1-0.35.1.jar")) {
                    assertTrue(crcs.containsKey(required), zip + " lacks " + required);
                }
                assertTrue(
                        read(z, "LICENSE").contains("GNU GENERAL PUBLIC LICENSE")
                                && read(z, "LICENSE").contains("Version 3"),
                        "the package's LICENSE is the GPL 3");
                try (java.util.jar.JarInputStream adapter =
                        new java.util.jar.JarInputStream(z.getInputStream(z.getEntry("weka-ncl.jar")))) {
                    boolean gpl = false;
                    for (ZipEntry e; (e = adapter.getNextEntry()) != null; ) {
                        if (e.getName().equals("META-INF/LICENSE")) {
                            gpl = new String(adapter.readAllBytes(), StandardCharsets.UTF_8)
                                    .contains("GNU GENERAL PUBLIC LICENSE");
                        }
                    }
                    assertTrue(gpl, "weka-ncl.jar carries its licence, the GPL 3, as META-INF/LICENSE");
                }
                String notice = read(z, "NOTICE");
                assertTrue(notice.contains("Zalando SE") && notice.contains("MIT"), "NOTICE credits Fashion-MNIST");
                for (String jar : crcs.keySet()) {
                    if (jar.startsWith("lib/")) {
                        String artifact = jar.substring(4).replaceAll("-\\d[\\w.-]*\\.jar$", "");
                        assertTrue(notice.contains(artifact), "the NOTICE does not name the bundled " + jar);
                    }
                }
            }
            assertTrue(!crcs.keySet().stream().anyMatch(n -> n.contains("weka-stable")), "Weka itself is not bundled");
            if (common == null) {
                common = crcs;
            } else {
                assertEquals(common, crcs, zip + " differs from the others in more than its natives");
            }
        }
    }

    /** The natives jar holds libtorch for this platform, as DJL's own properties file in it says. */
    private void checkNatives(ZipFile zip, String name, Platform p) throws IOException {
        // stored in the zip as it is: a copy opens as a jar without inflating its 40 to 110 MB of libraries
        Path copy = Files.createDirectories(work).resolve(p.classifier() + "-natives.jar");
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        try (ZipFile jar = new ZipFile(copy.toFile())) {
            Properties djl = new Properties();
            try (InputStream in = jar.getInputStream(jar.getEntry("native/lib/pytorch.properties"))) {
                djl.load(in);
            }
            List<String> libraries = jar.stream()
                    .filter(e -> e.getName().startsWith("pytorch/") && !e.isDirectory())
                    .map(ZipEntry::getName)
                    .collect(Collectors.toList());
            assertEquals(p.classifier(), djl.getProperty("classifier"), name);
            assertEquals("cpu", djl.getProperty("flavor"), name);
            assertTrue(djl.getProperty("version", "").startsWith("2.7.1"), name + ": " + djl);
            assertTrue(
                    libraries.contains("pytorch/cpu/" + p.classifier() + "/" + p.libtorch()),
                    name + " lacks " + p.libtorch() + " for " + p.classifier() + ": " + libraries);
            assertTrue(
                    libraries.stream().allMatch(l -> l.startsWith("pytorch/cpu/" + p.classifier() + "/")),
                    name + " holds libraries of another platform: " + libraries);
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    void wekaAcceptsEachPackageOnItsOwnPlatformOnlyAndEachPrecludesTheOthers() throws Exception {
        Map<Platform, Package> packages = new HashMap<>();
        for (Platform p : PLATFORMS) {
            Map<Object, Object> description = description(p);
            assertEquals(p.packageName(), description.get("PackageName"));
            assertEquals(version, description.get("Version"));
            assertEquals(
                    description,
                    properties(
                            Files.readString(repository.resolve(p.packageName()).resolve("Latest.props"))),
                    "the repository's Latest.props is the zip's Description.props");
            assertEquals(
                    "file://localhost" + zip(p).toUri().getRawPath(),
                    description.get("PackageURL"),
                    "PackageURL names the zip in the repository");
            packages.put(p, new DefaultPackage(null, WekaPackageManager.getUnderlyingPackageManager(), description));
        }
        String osName = System.getProperty("os.name");
        String osArch = System.getProperty("os.arch");
        try {
            for (Platform machine : PLATFORMS) {
                System.setProperty("os.name", machine.osName());
                System.setProperty("os.arch", machine.osArch());
                List<String> accepted = PLATFORMS.stream()
                        .filter(p -> WekaPackageManager.osAndArchCheck(packages.get(p)))
                        .map(Platform::packageName)
                        .collect(Collectors.toList());
                assertEquals(
                        List.of(machine.packageName()),
                        accepted,
                        "Weka's OS/arch check on " + machine.osName() + " " + machine.osArch());
            }
            System.setProperty("os.name", "Mac OS X");
            System.setProperty("os.arch", "x86_64");
            assertTrue(
                    PLATFORMS.stream().noneMatch(p -> WekaPackageManager.osAndArchCheck(packages.get(p))),
                    "no package for an Intel Mac (DJL publishes no PyTorch 2.7.1 natives for it)");
        } finally {
            System.setProperty("os.name", osName);
            System.setProperty("os.arch", osArch);
        }
        for (Platform p : PLATFORMS) {
            List<String> precluded = packages.get(p).getPrecludedPackages(new ArrayList<>(packages.values())).stream()
                    .map(Package::getName)
                    .sorted()
                    .collect(Collectors.toList());
            List<String> others = PLATFORMS.stream()
                    .filter(o -> !o.equals(p))
                    .map(Platform::packageName)
                    .sorted()
                    .collect(Collectors.toList());
            assertEquals(others, precluded, p.packageName() + " precludes the packages of the other platforms");
        }
    }

    @Test
    void wekasPackageManagerInstallsFromTheRepositoryByNameAndRefusesAnotherPlatform() throws Exception {
        Path wekaHome = fresh("repository-home");
        String url = "-Dweka.core.wekaPackageRepositoryURL=file://localhost"
                + repository.toUri().getRawPath();
        String listing = run(wekaHome, List.of(url, "weka.core.WekaPackageManager", "-list-packages", "all"));
        for (Platform p : PLATFORMS) {
            assertTrue(listing.contains(p.packageName() + ": NCL: novel class discovery"), listing);
        }
        Platform here = PLATFORMS.get(0);
        String install =
                run(wekaHome, List.of(url, "weka.core.WekaPackageManager", "-install-package", here.packageName()));
        assertTrue(
                Files.isRegularFile(
                        wekaHome.resolve("packages").resolve(here.packageName()).resolve("weka-ncl.jar")),
                install);
        String refused =
                run(wekaHome, List.of(url, "weka.core.WekaPackageManager", "-install-package", "NCL-osx-aarch64"));
        assertTrue(
                refused.contains("Skipping package NCL-osx-aarch64 because the OS/arch")
                        && refused.contains("does not meet package OS/arch constraints: Mac aarch64"),
                refused);
        assertFalse(Files.exists(wekaHome.resolve("packages/NCL-osx-aarch64")), refused);
    }

    @Test
    void theLinuxZipInstallsOfflineAndClustersWithWekaRun() throws Exception {
        Path wekaHome = fresh("offline-home");
        Platform linux = PLATFORMS.get(0);
        String install = run(
                wekaHome,
                List.of(
                        "weka.core.WekaPackageManager",
                        "-offline",
                        "-install-package",
                        zip(linux).toString()));
        Path installed = wekaHome.resolve("packages").resolve(linux.packageName());
        assertTrue(Files.isRegularFile(installed.resolve("weka-ncl.jar")), install);
        assertTrue(Files.isRegularFile(installed.resolve("lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar")), install);

        Path arff = wekaHome.resolveSibling("fashion-mnist-300.arff");
        FashionMnistArff.write(FashionMnistArff.sample(300, 1, true), arff.toFile());
        String out = run(
                wekaHome,
                List.of(
                        "-Xmx2g",
                        "-Dweka.packageManager.offline=true",
                        "-Dai.djl.offline=true",
                        "weka.Run",
                        "weka.clusterers.NCL",
                        "-t",
                        arff.toString(),
                        "-known-label",
                        "known",
                        "-ground-truth",
                        "class",
                        "-num-novel",
                        "5",
                        "-pretrain-epochs",
                        "1",
                        "-supervised-epochs",
                        "1",
                        "-discovery-epochs",
                        "2",
                        "-training-batch-size",
                        "64",
                        "-device",
                        "CPU",
                        "-core-options",
                        "mlpHiddenSizes=[64], embeddingDim=16, projectionDim=16"));
        assertTrue(out.contains("Device: requested CPU; found cpu() (PyTorch 2.7.1"), out);
        assertTrue(out.contains("=== Clustering stats for training data ==="), out);
        Matcher acc = Pattern.compile(
                        "All clusters against ground truth 'class' on 300 training instances.*\\n\\s+ACC (\\S+)")
                .matcher(out);
        assertTrue(acc.find(), out);
        // chance is about 0.2 for ten Hungarian-matched clusters of 300 instances; a few epochs give well above 0.35
        assertTrue(Double.parseDouble(acc.group(1)) > 0.35, "task-agnostic accuracy " + acc.group(1) + "\n" + out);
        assertFalse(out.contains("Exception"), out);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Map<Object, Object> description(Platform p) throws IOException {
        try (ZipFile z = new ZipFile(zip(p).toFile())) {
            return properties(read(z, "Description.props"));
        }
    }

    private static Map<Object, Object> properties(String text) throws IOException {
        Properties props = new Properties();
        props.load(new java.io.StringReader(text));
        return new HashMap<>(props);
    }

    private static String read(ZipFile z, String name) throws IOException {
        ZipEntry e = z.getEntry(name);
        assertTrue(e != null, z.getName() + " lacks " + name);
        try (InputStream in = z.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private Path fresh(String name) throws IOException {
        Path dir = work.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** Runs Java with Weka's class path and the given WEKA_HOME; returns its output, failing on a non-zero exit. */
    private String run(Path wekaHome, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(
                Files.readString(Path.of(required("ncl.weka.classpathFile"))).trim());
        command.addAll(args);
        Path log = Files.createTempFile(Files.createDirectories(work), "run", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("WEKA_HOME", wekaHome.toString());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(String.join(" ", args) + " did not finish in 5 minutes:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), String.join(" ", args) + " failed:\n" + out);
        return out.lines()
                .filter(l -> !l.contains("com.github.fommil.netlib") && !l.contains("Failed to load implementation"))
                .collect(Collectors.joining("\n"));
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            fail("system property " + property + " is not set (run through maven-failsafe-plugin: mvn verify)");
        }
        return v;
    }
}
