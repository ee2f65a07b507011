// SPDX-License-Identifier: GPL-3.0-or-later
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NCL's Weka packages, one per platform, and a Weka package repository that serves them.
 *
 * <p>The PyTorch CPU natives are published per platform (jars of 42 to 112 MB), so one package that carried them
 * all would be 300 MB, and one that carried only the build machine's would fail on every other platform. Each
 * package here carries the platform-independent part assembled by Maven plus the natives of one platform, and its
 * {@code Description.props} says which platform it is for: Weka installs and loads a package only where
 * {@code os.name} contains its {@code OSName} and {@code os.arch} equals its {@code OSArch}. The packages of the
 * other platforms are listed under {@code Precludes} (they hold the same classes).
 *
 * <p>The repository is Weka's layout (the one its {@code RepositoryIndexGenerator} indexes and its package manager
 * reads): a folder per package with {@code Latest.props} and {@code <version>.props} (the package's
 * {@code Description.props}, whose {@code PackageURL} names the zip) and the zip itself; Weka's own
 * {@code weka.core.RepositoryIndexGenerator} then writes {@code packageList.txt}, {@code packageListWithVersion.txt},
 * {@code numPackages.txt}, {@code versions.txt}, the HTML pages and {@code repo.zip}, the metadata archive that
 * Weka's package manager caches.
 *
 * <p>Run by the build (package phase) as a single-file program with Weka on the class path and the repository
 * folder as the working directory (the index generator reads some files relative to it). Arguments: the
 * platform-independent package folder, the folder of the natives jars, the repository folder, the package version
 * and the PyTorch version; the system property {@code weka.repository.url} is the URL where the repository will be
 * served (empty or unset: the folder's own {@code file://localhost/} URL).
 * The zips are written beside their final names and moved into place, so a failed run leaves no partial zip.
 */
public final class WekaPackages {

    /** One platform: the classifier of DJL's natives jar, its name for people, and Weka's OS name and arch. */
    record Platform(String classifier, String title, String osName, String osArch) {
        String packageName() {
            return "NCL-" + classifier;
        }
    }

    /** The platforms DJL publishes PyTorch CPU natives for (Maven Central, ai.djl.pytorch:pytorch-native-cpu). */
    static final List<Platform> PLATFORMS = List.of(
            new Platform("linux-x86_64", "Linux x86-64", "Linux", "amd64"),
            new Platform("linux-aarch64", "Linux aarch64", "Linux", "aarch64"),
            new Platform("osx-aarch64", "macOS arm64", "Mac", "aarch64"),
            new Platform("win-x86_64", "Windows x86-64", "Windows", "amd64"));

    /** The name of the single package of earlier builds, precluded too. */
    static final String EARLIER_PACKAGE = "NCL";

    private WekaPackages() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: java [-Dweka.repository.url=URL] WekaPackages.java <common folder>"
                            + " <natives folder> <repository folder> <version> <PyTorch version>; got "
                            + List.of(args));
        }
        Path common = Path.of(args[0]).toAbsolutePath();
        Path natives = Path.of(args[1]).toAbsolutePath();
        Path repository = Path.of(args[2]).toAbsolutePath();
        String version = args[3];
        String pytorch = args[4];
        String given = System.getProperty("weka.repository.url", "").trim();
        // file://localhost/...: Weka's package manager asks the proxy selector about every URL, which rejects a file:
        // URL without a host
        String url = given.isEmpty() ? "file://localhost" + repository.toUri().getRawPath() : given;
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!Path.of("").toAbsolutePath().equals(repository)) {
            throw new IllegalStateException("run this in the repository folder " + repository
                    + " (Weka's RepositoryIndexGenerator reads files relative to the working directory), not in "
                    + Path.of("").toAbsolutePath());
        }
        Path template = common.resolve("Description.props");
        if (!Files.isRegularFile(template)) {
            throw new IllegalStateException(template + " is missing: the assembly of the common part did not run");
        }
        String description = Files.readString(template, StandardCharsets.ISO_8859_1);
        List<Path> files = commonFiles(common);

        clean(repository);
        for (Platform platform : PLATFORMS) {
            Path jar = natives.resolve("pytorch-native-cpu-" + pytorch + "-" + platform.classifier() + ".jar");
            checkNatives(jar, platform, pytorch);
            String props = describe(description, platform, url, version);
            Path dir = Files.createDirectories(repository.resolve(platform.packageName()));
            Path zip = dir.resolve(platform.packageName() + "-" + version + ".zip");
            writeZip(zip, props, common, files, jar);
            Files.writeString(dir.resolve("Latest.props"), props, StandardCharsets.ISO_8859_1);
            Files.writeString(dir.resolve(version + ".props"), props, StandardCharsets.ISO_8859_1);
            System.out.printf(
                    "Weka package %s (%s): %s, %.1f MB%n",
                    platform.packageName(), platform.title(), repository.relativize(zip), Files.size(zip) / 1e6);
        }
        index(repository);
    }

    /** The files of the platform-independent part, in a fixed order (Description.props is written per platform). */
    private static List<Path> commonFiles(Path common) throws IOException {
        try (Stream<Path> s = Files.walk(common)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .map(common::relativize)
                    .filter(p -> !p.toString().equals("Description.props"))
                    .sorted(Comparator.comparing(p -> p.toString().replace('\\', '/')))
                    .collect(Collectors.toList());
            for (Path p : files) {
                if (p.getFileName().toString().startsWith("pytorch-native-")) {
                    throw new IllegalStateException(common.resolve(p)
                            + ": the common part must not carry natives (the assembly excludes pytorch-native-cpu)");
                }
            }
            return files;
        }
    }

    /** What Weka's RepositoryIndexGenerator writes at the top of a repository (images.txt is written here). */
    private static final List<String> INDEX_FILES = List.of(
            "packageList.txt",
            "packageListWithVersion.txt",
            "numPackages.txt",
            "repoSize.txt",
            "repo.zip",
            "images.txt",
            "index.html");

    /**
     * Removes what an earlier run wrote (the NCL package folders and the index), so that the repository lists
     * exactly this run's packages; anything else in the folder is left alone (and the index check below fails if
     * it is another package).
     */
    private static void clean(Path repository) throws IOException {
        try (Stream<Path> s = Files.list(repository)) {
            for (Path p : s.collect(Collectors.toList())) {
                String name = p.getFileName().toString();
                boolean ours =
                        Files.isDirectory(p) ? name.startsWith(EARLIER_PACKAGE + "-") : INDEX_FILES.contains(name);
                if (!ours) {
                    continue;
                }
                try (Stream<Path> all = Files.walk(p)) {
                    for (Path q : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                        Files.delete(q);
                    }
                }
            }
        }
    }

    /** Fails unless the jar holds the PyTorch natives of this platform and version (DJL's own properties say so). */
    private static void checkNatives(Path jar, Platform platform, String pytorch) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies ai.djl.pytorch:pytorch-native-cpu:"
                    + pytorch + ":" + platform.classifier() + " there from Maven Central (maven-dependency-plugin)");
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            ZipEntry e = j.getEntry("native/lib/pytorch.properties");
            if (e == null) {
                throw new IllegalStateException(jar + " has no native/lib/pytorch.properties: not DJL's natives jar");
            }
            Properties p = new Properties();
            try (InputStream in = j.getInputStream(e)) {
                p.load(in);
            }
            if (!platform.classifier().equals(p.getProperty("classifier"))
                    || !(p.getProperty("version", "") + "-").startsWith(pytorch + "-")
                    || !"cpu".equals(p.getProperty("flavor"))) {
                throw new IllegalStateException(jar + " holds " + p + ", expected classifier=" + platform.classifier()
                        + ", version=" + pytorch + ", flavor=cpu");
            }
        }
    }

    /** The platform's Description.props: the template with the platform's values. */
    static String describe(String template, Platform platform, String url, String version) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("packageName", platform.packageName());
        values.put("title", platform.title());
        values.put("osName", platform.osName());
        values.put("osArch", platform.osArch());
        List<String> others = new ArrayList<>();
        others.add(EARLIER_PACKAGE);
        List<String> all = new ArrayList<>();
        for (Platform p : PLATFORMS) {
            all.add(p.packageName());
            if (!p.equals(platform)) {
                others.add(p.packageName());
            }
        }
        values.put("precludes", String.join(",", others));
        values.put("all", String.join(", ", all));
        values.put(
                "packageURL",
                url + "/" + platform.packageName() + "/" + platform.packageName() + "-" + version + ".zip");
        String text = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${ncl.platform." + v.getKey() + "}", v.getValue());
        }
        int left = text.indexOf("${");
        if (left >= 0) {
            int end = text.indexOf('\n', left);
            throw new IllegalStateException("Description.props has a value nobody filled in: "
                    + text.substring(left, end < 0 ? text.length() : end));
        }
        for (char c : text.toCharArray()) {
            if (c > 127) {
                throw new IllegalStateException(
                        "Description.props must be ASCII (Weka reads it as ISO-8859-1): '" + c + "' in\n" + text);
            }
        }
        return text;
    }

    /** Writes the zip beside its final name and moves it into place. Jars and gzip files are stored as they are. */
    private static void writeZip(Path zip, String props, Path common, List<Path> files, Path natives)
            throws IOException {
        Path tmp = zip.resolveSibling(zip.getFileName() + ".part");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            List<String> dirs = new ArrayList<>();
            ZipEntry d = new ZipEntry("Description.props");
            out.putNextEntry(d);
            out.write(props.getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
            List<Map.Entry<String, Path>> entries = new ArrayList<>();
            for (Path p : files) {
                entries.add(Map.entry(p.toString().replace('\\', '/'), common.resolve(p)));
            }
            entries.add(Map.entry("lib/" + natives.getFileName(), natives));
            entries.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, Path> e : entries) {
                String name = e.getKey();
                int slash = name.lastIndexOf('/');
                if (slash > 0 && !dirs.contains(name.substring(0, slash + 1))) {
                    String dir = name.substring(0, slash + 1);
                    dirs.add(dir);
                    out.putNextEntry(new ZipEntry(dir));
                    out.closeEntry();
                }
                add(out, name, e.getValue());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void add(ZipOutputStream out, String name, Path file) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(Files.getLastModifiedTime(file).toMillis());
        boolean compressed = name.endsWith(".jar") || name.endsWith(".gz") || name.endsWith(".zip");
        if (compressed) {
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                }
            }
            long size = Files.size(file);
            e.setMethod(ZipEntry.STORED);
            e.setSize(size);
            e.setCompressedSize(size);
            e.setCrc(crc.getValue());
        }
        out.putNextEntry(e);
        Files.copy(file, out);
        out.closeEntry();
    }

    /**
     * Weka's RepositoryIndexGenerator writes the index files; it reports its problems only as stack traces, so what
     * it must have written is checked here.
     */
    private static void index(Path repository) throws IOException {
        // the generator packs the images named in images.txt into repo.zip; there are none
        Files.writeString(repository.resolve("images.txt"), "");
        weka.core.RepositoryIndexGenerator.main(new String[] {repository.toString()});
        List<String> expected =
                PLATFORMS.stream().map(Platform::packageName).sorted().collect(Collectors.toList());
        Path list = repository.resolve("packageList.txt");
        List<String> listed = Files.isRegularFile(list) ? Files.readAllLines(list) : List.of();
        if (!listed.equals(expected)) {
            throw new IllegalStateException(repository + "/packageList.txt lists " + listed + ", expected " + expected
                    + " (is another package's folder in the repository folder? see also the RepositoryIndexGenerator's"
                    + " messages above)");
        }
        if (!Files.isRegularFile(repository.resolve("repo.zip"))
                || !Files.isRegularFile(repository.resolve("packageListWithVersion.txt"))) {
            throw new IllegalStateException("Weka's RepositoryIndexGenerator did not write packageListWithVersion.txt"
                    + " and repo.zip in " + repository + " (see its messages above)");
        }
        try (java.util.zip.ZipFile repo =
                new java.util.zip.ZipFile(repository.resolve("repo.zip").toFile())) {
            for (String name : expected) {
                if (repo.getEntry(name + "/Latest.props") == null) {
                    throw new IllegalStateException(repository.resolve("repo.zip") + " lacks " + name
                            + "/Latest.props (see the RepositoryIndexGenerator's messages above)");
                }
            }
        }
    }
}
