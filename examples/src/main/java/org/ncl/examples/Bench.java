// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import static org.ncl.core.options.NclOptions.SEED;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ncl.cli.ConsoleProgress;
import org.ncl.cli.Discover;
import org.ncl.cli.DiscoverResults;
import org.ncl.cli.Evaluation;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclProvenance;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.options.NclOptions;

/**
 * The benchmark of issue 2: NCL (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery",
 * CVPR 2021) with default settings on the full Fashion-MNIST training split (60,000 images; classes 0-4
 * labelled, the 30,000 images of classes 5-9 unlabeled), evaluated with the paper's protocol ({@link Evaluation}).
 *
 * <p>Measures ({@link BenchResults}): the novel head's ACC/NMI/ARI on the 30,000 unlabeled training rows (the
 * headline, transductive protocol); k-means (k = C_u, 10 restarts) on their raw pixels; on the test split,
 * the novel head on the rows of the novel classes (task-aware), the known head on the rows of the known
 * classes, and both heads on all rows (task-agnostic, see {@link Evaluation}); wall time per stage, mean
 * training rows per second per stage, peak JVM heap and process RSS, device and thread count. Prints a
 * markdown report and writes it with a JSON file to {@code bench-results/bench-<timestamp>.{md,json}}.
 *
 * <p>Usage: {@code java -cp examples/target/ncl-examples.jar org.ncl.examples.Bench [DATA_DIR] [key=value ...]
 * [--out DIR]}; {@code DATA_DIR} holds the four IDX files (default {@link FashionMnist#DEFAULT_DIRECTORY},
 * Debian package {@code dataset-fashion-mnist}). Exit code 0 on success, 1 if the data is missing, 2 for bad
 * arguments.
 */
public final class Bench {

    /** Where the reports go unless {@code --out} says otherwise. */
    public static final Path DEFAULT_OUT_DIR = Path.of("bench-results");

    static final String USAGE = "usage: java -cp examples/target/ncl-examples.jar org.ncl.examples.Bench [DATA_DIR] "
            + "[key=value ...] [--out DIR]\n"
            + "  trains NCL on the full Fashion-MNIST training split (classes 0-4 labelled, 5-9 novel) and writes\n"
            + "  DIR/bench-<timestamp>.json and .md (default DIR: " + DEFAULT_OUT_DIR + ");\n"
            + "  DATA_DIR: the four IDX files (default " + FashionMnist.DEFAULT_DIRECTORY + ");\n"
            + "  key=value: any NCL setting, e.g. discoveryEpochs=10 device=CPU (defaults: NclOptions.builder(5))";

    private Bench() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        BenchMain.main(Bench::run, args);
    }

    /**
     * Runs the benchmark.
     *
     * @return the exit code: 0 on success, 1 if the data set is missing, 2 for bad arguments
     * @throws IOException if the data cannot be read or the reports cannot be written
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Arguments cli;
        NclOptions options;
        try {
            cli = Arguments.parse(args);
            if (cli.help()) {
                out.println(USAGE);
                return 0;
            }
            options = cli.options();
        } catch (IllegalArgumentException e) {
            return BenchMain.usageError(e, USAGE, err);
        }
        Path dataDir = cli.dataDir().orElse(FashionMnist.DEFAULT_DIRECTORY);
        Path outDir = cli.out().orElse(DEFAULT_OUT_DIR);

        long t0 = System.nanoTime();
        DiscoveryData train;
        DiscoveryData test;
        try {
            train = FashionMnist.load(dataDir, true, FashionMnist.defaultKnownClasses());
            test = FashionMnist.load(dataDir, false, FashionMnist.defaultKnownClasses());
        } catch (NoSuchFileException e) {
            err.println("error: Fashion-MNIST not found: " + e.getFile()
                    + (e.getReason() == null ? "" : ": " + e.getReason()));
            return 1;
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> knownNames = train.knownClassNames();
        List<String> novelNames = new ArrayList<>(train.groundTruthNames());
        novelNames.removeAll(knownNames);
        out.printf(
                Locale.ROOT,
                "NCL benchmark on Fashion-MNIST from %s: %d training rows (%d labelled, %d unlabeled), "
                        + "%d test rows; known %s, novel %s; C_u = %d, seed %d%n",
                dataDir,
                train.numRows(),
                train.labeledRows().length,
                train.unlabeledRows().length,
                test.numRows(),
                knownNames,
                novelNames,
                options.numNovelClasses(),
                options.get(NclOptions.SEED));
        out.println("settings changed from the defaults: " + (cli.settings().isEmpty() ? "none" : cli.settings()));

        long t1 = System.nanoTime();
        try (NclModel model = new NclTrainer(options).train(train, new ConsoleProgress(out))) {
            double trainSeconds = (System.nanoTime() - t1) / 1e9;
            NclProvenance p = model.provenance();

            long t2 = System.nanoTime();
            DiscoveryData unlabeled = train.subset(train.unlabeledRows());
            ClusteringScores novelTrain = Evaluation.novelHead(unlabeled, model.predict(unlabeled));
            List<NclPrediction> testPredictions = model.predict(test);
            EvaluationResult testScores = Evaluation.evaluate(test, testPredictions);
            ClusteringScores novelTest = Evaluation.novelHead(testScores);
            double knownTest = testScores.knownAccuracy();
            ClusteringScores agnostic = testScores.taskAgnostic();
            double agnosticStrict = testScores.taskAgnosticStrictAccuracy();
            double evaluateSeconds = (System.nanoTime() - t2) / 1e9;

            out.printf(
                    Locale.ROOT,
                    "k-means baseline: k = %d, %d restarts, raw pixels of the %d unlabeled training rows ...%n",
                    options.numNovelClasses(),
                    Discover.KMEANS_RESTARTS,
                    unlabeled.numRows());
            long t3 = System.nanoTime();
            ClusteringScores kmeans = Evaluation.kmeans(
                    unlabeled, options.numNovelClasses(), Discover.KMEANS_RESTARTS, options.get(SEED));
            double kmeansSeconds = (System.nanoTime() - t3) / 1e9;
            double totalSeconds = (System.nanoTime() - t0) / 1e9;

            Instant now = Instant.now();
            BenchResults results = new BenchResults(
                    now.toString(),
                    dataDir.toAbsolutePath().toString(),
                    train.numRows(),
                    test.numRows(),
                    knownNames,
                    novelNames,
                    novelTrain,
                    kmeans,
                    Discover.KMEANS_RESTARTS,
                    novelTest,
                    knownTest,
                    test.labeledRows().length,
                    agnostic,
                    agnosticStrict,
                    knownNames.size() + options.numNovelClasses(),
                    DiscoverResults.inStageOrder(p.stageSeconds()),
                    BenchResults.epochsPerStage(p.history()),
                    BenchResults.meanSamplesPerSecond(p.history()),
                    loadSeconds,
                    trainSeconds,
                    evaluateSeconds,
                    kmeansSeconds,
                    totalSeconds,
                    p.selectedEpoch(),
                    p.selectionScore(),
                    PeakMemory.measure(),
                    p.device(),
                    p.threads(),
                    Runtime.getRuntime().availableProcessors(),
                    p.engine(),
                    p.djlVersion(),
                    p.javaVersion(),
                    p.os(),
                    p.options(),
                    cli.settings(),
                    p.history());

            BenchMain.writeReports(outDir, "bench", now, results.toJson(), results.markdown(), out);
        }
        return 0;
    }

    /**
     * The arguments of {@link Bench}: an optional data directory, NCL settings as {@code key=value} pairs (any
     * name of {@link NclOptions#names()}, e.g. {@code discoveryEpochs=10 device=CPU}), {@code --out DIR} and
     * {@code --help}. The settings are passed by name to {@link NclOptions.Builder#set(String, String)} on top of
     * {@link NclOptions#builder(int)}'s defaults (C_u = 5), so every option parses and validates as in the library.
     *
     * @param dataDir the plain argument, if given
     * @param out the value of {@code --out}, if given
     * @param settings the {@code key=value} settings, in the order given
     * @param help whether {@code --help} or {@code -h} was given
     */
    record Arguments(Optional<Path> dataDir, Optional<Path> out, Map<String, String> settings, boolean help) {

        /** Compact constructor: copies the settings. */
        Arguments {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /**
         * Parses arguments.
         *
         * @throws IllegalArgumentException for an unknown flag, {@code --out} without a value, an empty key, a key
         *     given twice, or a second plain argument; the message names the argument
         */
        static Arguments parse(String[] args) {
            Map<String, String> settings = new LinkedHashMap<>();
            Path dataDir = null;
            Path out = null;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    help = true;
                } else if (a.equals("--out")) {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        throw new IllegalArgumentException("argument '--out' needs a path after it");
                    }
                    out = Path.of(args[++i]);
                } else if (a.startsWith("--out=")) {
                    String v = a.substring("--out=".length());
                    if (v.isBlank()) {
                        throw new IllegalArgumentException("argument '--out=' needs a path after '='");
                    }
                    out = Path.of(v);
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException(
                            "unknown argument '" + a + "'; expected key=value settings, " + "--out PATH or --help");
                } else if (a.contains("=")) {
                    int eq = a.indexOf('=');
                    String key = a.substring(0, eq).trim();
                    String value = a.substring(eq + 1).trim();
                    if (key.isEmpty()) {
                        throw new IllegalArgumentException(
                                "argument '" + a + "' has no key before '='; expected key=value");
                    }
                    if (settings.containsKey(key)) {
                        throw new IllegalArgumentException("setting '" + key + "' is given twice ('" + settings.get(key)
                                + "' and '" + value + "')");
                    }
                    settings.put(key, value);
                } else if (dataDir == null) {
                    dataDir = Path.of(a);
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + a + "': expected key=value settings "
                            + "after at most one data directory");
                }
            }
            return new Arguments(Optional.ofNullable(dataDir), Optional.ofNullable(out), settings, help);
        }

        /**
         * The validated options: the defaults for C_u = 5 with the settings applied.
         *
         * @throws IllegalArgumentException naming the option if a name is unknown, a value does not parse or the
         *     result fails {@link NclOptions} validation
         */
        NclOptions options() {
            NclOptions.Builder b = NclOptions.builder(5);
            settings.forEach(b::set);
            return b.build();
        }
    }
}
