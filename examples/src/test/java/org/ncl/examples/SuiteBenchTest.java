// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.clustering.KMeans;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.options.NclOptions;

/**
 * {@link SuiteBench}: its arguments, the suite's sets as read from the benchmark directory, and one small run
 * (Segment, one seed, tiny settings) whose figures must be sane and whose JSON must read back unchanged. The
 * tests that read the suite are skipped where the benchmark directory is absent.
 */
class SuiteBenchTest {

    /** The suite next to the checkout, as the benchmark's default (tests run in the module directory). */
    private static final Path DATA = locateSuite();

    private static Path locateSuite() {
        String property = System.getProperty("ncl.benchmarks");
        if (property != null) {
            return Path.of(property);
        }
        for (Path p : List.of(Path.of("..", "..", "shared", "benchmarks"), Path.of("..", "shared", "benchmarks"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return Path.of("..", "..", "shared", "benchmarks");
    }

    private static void assumeSuite() {
        Assumptions.assumeTrue(
                Files.isRegularFile(DATA.resolve("weka/segment-challenge.arff")),
                "benchmark directory not found at " + DATA.toAbsolutePath().normalize());
    }

    @Test
    void argumentsParse() {
        SuiteBench.Arguments a = SuiteBench.Arguments.parse(new String[] {
            "--sets", "segment,digits", "--seeds=4,5", "--data", "/d", "--out=/o", "discoveryEpochs=3", "encoder=MLP"
        });
        assertEquals(List.of("segment", "digits"), a.sets());
        assertEquals(List.of(4L, 5L), a.seeds());
        assertEquals(Path.of("/d"), a.data());
        assertEquals(Path.of("/o"), a.out());
        assertEquals(Map.of("discoveryEpochs", "3", "encoder", "MLP"), a.settings());
        NclOptions o = a.options(4, 5L);
        assertEquals(4, o.numNovelClasses());
        assertEquals(5L, o.get(NclOptions.SEED));
        assertEquals(3, o.get(NclOptions.DISCOVERY_EPOCHS));

        SuiteBench.Arguments d = SuiteBench.Arguments.parse(new String[0]);
        assertEquals(SuiteSets.NAMES, d.sets());
        assertEquals(List.of(1L, 2L, 3L), d.seeds());
        assertEquals(SuiteSets.DEFAULT_DIRECTORY, d.data());
        assertEquals(SuiteBench.DEFAULT_OUT_DIR, d.out());
        assertTrue(d.settings().isEmpty());
        assertEquals(
                NclOptions.builder(5).set(NclOptions.SEED, 2L).build().toMap(),
                d.options(5, 2L).toMap());

        assertThrows(IllegalArgumentException.class, () -> SuiteBench.Arguments.parse(new String[] {"--sets", "iris"}));
        assertThrows(IllegalArgumentException.class, () -> SuiteBench.Arguments.parse(new String[] {"--seeds", "x"}));
        assertThrows(IllegalArgumentException.class, () -> SuiteBench.Arguments.parse(new String[] {"--seeds"}));
        assertThrows(IllegalArgumentException.class, () -> SuiteBench.Arguments.parse(new String[] {"seed=3"}));
        assertThrows(IllegalArgumentException.class, () -> SuiteBench.Arguments.parse(new String[] {"--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> SuiteBench.Arguments.parse(new String[] {"a=1", "a=2"}));
    }

    @Test
    void badSettingIsAUsageError() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SuiteBench.run(
                new String[] {"noSuchOption=1"}, new PrintStream(new ByteArrayOutputStream()), utf8(err));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("noSuchOption"), err::toString);
    }

    @Test
    void missingFileIsAnErrorNamingIt(@TempDir Path empty) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SuiteBench.run(
                new String[] {"--data", empty.toString(), "--sets", "digits", "--out", empty.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                utf8(err));
        assertEquals(1, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(empty.resolve("digits/digits.csv.gz").toString()), message);
        try (Stream<Path> files = Files.list(empty)) {
            assertEquals(0, files.count(), "nothing is written when a file is missing");
        }
    }

    @Test
    void everySetIsReadWithItsSplit() throws IOException {
        assumeSuite();
        SuiteSets.DataSet pen = SuiteSets.load("pendigits", DATA);
        assertEquals(7494, pen.train().numRows());
        assertEquals(16, pen.train().numFeatures());
        assertEquals(3498, pen.scored().numRows());
        assertEquals(List.of("1", "2", "4", "8", "9"), pen.knownClasses());
        assertEquals(List.of("0", "3", "5", "6", "7"), pen.novelClasses());
        assertUnlabeledAreExactlyNovel(pen.train(), pen);
        assertUnlabeledAreExactlyNovel(pen.scored(), pen);

        SuiteSets.DataSet seg = SuiteSets.load("segment", DATA);
        assertEquals(1500, seg.train().numRows());
        assertEquals(19, seg.train().numFeatures());
        assertEquals(List.of("sky", "path", "grass"), seg.knownClasses());
        assertEquals(List.of("brickface", "foliage", "cement", "window"), seg.novelClasses());
        assertUnlabeledAreExactlyNovel(seg.train(), seg);

        SuiteSets.DataSet soy = SuiteSets.load("soybean", DATA);
        assertEquals(683, soy.train().numRows());
        assertEquals(10, soy.knownClasses().size());
        assertEquals(9, soy.numNovelClasses());
        assertEquals("diaporthe-stem-canker", soy.knownClasses().get(0));
        assertTrue(soy.train().numFeatures() > 35, "nominal attributes are one-hot");
        assertUnlabeledAreExactlyNovel(soy.train(), soy);

        SuiteSets.DataSet dig = SuiteSets.load("digits", DATA);
        assertEquals(1797, dig.train().numRows());
        assertEquals(64, dig.train().numFeatures());
        assertEquals(List.of("5", "6", "7", "8", "9"), dig.novelClasses());
        assertUnlabeledAreExactlyNovel(dig.train(), dig);
    }

    private static void assertUnlabeledAreExactlyNovel(DiscoveryData d, SuiteSets.DataSet set) {
        List<String> names = d.groundTruthNames();
        int[] truth = d.groundTruth();
        for (int r = 0; r < d.numRows(); r++) {
            boolean novel = set.novelClasses().contains(names.get(truth[r]));
            assertEquals(novel, d.knownLabel(r) == DiscoveryData.UNLABELED, set.name() + " row " + r);
            if (!novel) {
                assertEquals(names.get(truth[r]), d.knownClassNames().get(d.knownLabel(r)));
            }
        }
    }

    @Test
    void smallRunIsSaneAndItsJsonReadsBack(@TempDir Path out) throws IOException {
        assumeSuite();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SuiteBench.run(
                new String[] {
                    "--data",
                    DATA.toString(),
                    "--sets",
                    "segment",
                    "--seeds",
                    "1",
                    "--out",
                    out.toString(),
                    "pretrainEpochs=1",
                    "supervisedEpochs=1",
                    "discoveryEpochs=1",
                    "mlpHiddenSizes=32",
                    "embeddingDim=16",
                    "projectionDim=16"
                },
                utf8(console),
                utf8(err));
        assertEquals(0, code, err::toString);
        List<Path> written;
        try (Stream<Path> files = Files.list(out)) {
            written = files.sorted().toList();
        }
        assertEquals(2, written.size(), written::toString);
        Path json = written.get(0);
        assertTrue(json.getFileName().toString().matches("suite-\\d{8}-\\d{6}\\.json"), json::toString);
        assertTrue(written.get(1).getFileName().toString().endsWith(".md"));

        String text = Files.readString(json, StandardCharsets.UTF_8);
        SuiteBenchResults results = SuiteBenchResults.fromJson(text);
        assertEquals(text.strip(), results.toJson().strip(), "the JSON reads back unchanged");
        assertEquals(results, SuiteBenchResults.fromJson(results.toJson()));

        assertEquals(1, results.sets().size());
        SuiteBenchResults.SetResult seg = results.sets().get(0);
        assertEquals("segment", seg.name());
        assertEquals(1, seg.runs().size());
        SuiteBenchResults.Run run = seg.runs().get(0);
        assertEquals(1L, run.seed());
        int novelRows = seg.novelRows();
        assertTrue(novelRows > 0 && novelRows < seg.scoredRows());
        for (ClusteringScores s : List.of(run.novel(), run.kmeans(), run.kmeansRaw(), run.taskAgnostic())) {
            assertTrue(s.accuracy() >= 0 && s.accuracy() <= 1, s::toString);
            assertTrue(s.nmi() >= 0 && s.nmi() <= 1, s::toString);
            assertTrue(s.ari() >= -1 && s.ari() <= 1, s::toString);
        }
        assertEquals(novelRows, run.novel().n());
        assertEquals(novelRows, run.kmeans().n());
        assertEquals(seg.scoredRows(), run.taskAgnostic().n());
        assertTrue(run.knownAccuracy() >= 0 && run.knownAccuracy() <= 1);
        assertTrue(run.trainSeconds() > 0);
        assertTrue(run.peakHeapBytes() > 0);

        // k-means against a recomputation: the suite's standardisation redone here in double precision, the
        // accuracy by trying every map from the 4 clusters to the 4 classes
        SuiteSets.DataSet set = SuiteSets.load("segment", DATA);
        DiscoveryData novel = set.scored().subset(set.scored().unlabeledRows());
        float[] x = standardise(set.train(), novel);
        int[] assignments = new KMeans(4, 10, 1L).fit(x, novel.numFeatures()).assignments();
        double accuracy = bruteForceAccuracy(
                novel.groundTruth(), assignments, set.train().groundTruthNames().size());
        assertEquals(accuracy, run.kmeans().accuracy(), 0.02);
        assertTrue(run.kmeans().accuracy() > largestShare(novel.groundTruth()) + 0.1, "k-means beats chance");

        String md = Files.readString(written.get(1), StandardCharsets.UTF_8);
        assertTrue(md.contains("| segment | 3 / 4 | " + novelRows + " |"), md);
        assertFalse(console.toString(StandardCharsets.UTF_8).isEmpty());
    }

    /** (x − mean) / std per feature with the training rows' statistics (population std; 1 for a constant). */
    private static float[] standardise(DiscoveryData train, DiscoveryData rows) {
        int d = train.numFeatures();
        double[] mean = new double[d];
        double[] var = new double[d];
        for (int r = 0; r < train.numRows(); r++) {
            for (int j = 0; j < d; j++) {
                mean[j] += train.value(r, j) / (double) train.numRows();
            }
        }
        for (int r = 0; r < train.numRows(); r++) {
            for (int j = 0; j < d; j++) {
                double v = train.value(r, j) - mean[j];
                var[j] += v * v / train.numRows();
            }
        }
        float[] out = new float[rows.numRows() * d];
        for (int r = 0; r < rows.numRows(); r++) {
            for (int j = 0; j < d; j++) {
                double std = var[j] > 1e-12 ? Math.sqrt(var[j]) : 1;
                out[r * d + j] = (float) ((rows.value(r, j) - mean[j]) / std);
            }
        }
        return out;
    }

    /** The best share of rows over every one-to-one map from clusters to classes. */
    private static double bruteForceAccuracy(int[] truth, int[] clusters, int numClasses) {
        int k = 0;
        for (int c : clusters) {
            k = Math.max(k, c + 1);
        }
        long[][] count = new long[k][numClasses];
        for (int i = 0; i < truth.length; i++) {
            count[clusters[i]][truth[i]]++;
        }
        List<Integer> classes = new ArrayList<>();
        for (int t : truth) {
            if (!classes.contains(t)) {
                classes.add(t);
            }
        }
        return best(count, 0, classes, new boolean[numClasses]) / (double) truth.length;
    }

    private static long best(long[][] count, int cluster, List<Integer> classes, boolean[] used) {
        if (cluster == count.length) {
            return 0;
        }
        long best = best(count, cluster + 1, classes, used); // cluster left unmatched
        for (int c : classes) {
            if (!used[c]) {
                used[c] = true;
                best = Math.max(best, count[cluster][c] + best(count, cluster + 1, classes, used));
                used[c] = false;
            }
        }
        return best;
    }

    private static double largestShare(int[] truth) {
        Map<Integer, Long> counts = new java.util.HashMap<>();
        for (int t : truth) {
            counts.merge(t, 1L, Long::sum);
        }
        return counts.values().stream().mapToLong(Long::longValue).max().orElse(0) / (double) truth.length;
    }

    private static PrintStream utf8(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
