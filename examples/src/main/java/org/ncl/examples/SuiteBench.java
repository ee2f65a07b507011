// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ncl.cli.Discover;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclProvenance;
import org.ncl.core.NclTrainer;
import org.ncl.core.clustering.KMeans;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.Standardizer;
import org.ncl.core.evaluation.DiscoveryEvaluation;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.CollapseReport;
import org.ncl.core.progress.TrainingListener;

/**
 * NCL (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021) with its default
 * settings over the public discovery suite ({@link SuiteSets}: Pendigits with the TabularNCD protocol, Weka's
 * Segment and Soybean, scikit-learn's Digits, and the main job on the embedded Fashion-MNIST test split), each set
 * with several seeds, against k-means on the same rows.
 *
 * <p>Per set and seed: trains with {@code NclOptions.builder(C_u)} (C_u = the true number of novel classes, the
 * seed set, then any {@code NAME=VALUE} settings), evaluates with
 * {@link DiscoveryEvaluation} on the scored rows (the novel head's ACC/NMI/ARI on the novel-class rows, the known
 * head's accuracy, the task-agnostic figures), runs k-means (k = C_u, {@value Discover#KMEANS_RESTARTS} restarts,
 * the same seed) on the novel-class rows' standardised features (and on the unstandardised ones), and measures
 * wall time and peak memory ({@link PeakMemory}, reset before each training). Prints the tables of
 * {@link SuiteBenchResults} (mean ± std over the seeds) and writes them as {@code suite-<timestamp>.md} and
 * {@code .json}.
 *
 * <p>Usage: see {@link #USAGE}. Exit code 0 on success, 1 if a benchmark file is missing, 2 for bad arguments.
 */
public final class SuiteBench {

    /** Where the reports go unless {@code --out} says otherwise (relative to the working directory). */
    public static final Path DEFAULT_OUT_DIR = Path.of("docs", "benchmarks");

    /** The seeds used unless {@code --seeds} says otherwise. */
    public static final List<Long> DEFAULT_SEEDS = List.of(1L, 2L, 3L);

    static final String USAGE = "usage: java -cp examples/target/ncl-examples.jar org.ncl.examples.SuiteBench "
            + "[--sets NAME,...] [--seeds S,...] [--data DIR] [--out DIR] [NAME=VALUE ...]\n"
            + "  trains NCL (default settings, C_u = the true number of novel classes) on each set of the public\n"
            + "  discovery suite with each seed, scores it and k-means on the same rows, prints the tables and writes\n"
            + "  DIR/suite-<timestamp>.md and .json;\n"
            + "  --sets: any of " + String.join(",", SuiteSets.NAMES) + " (default: all);\n"
            + "  --seeds: comma-separated seeds (default 1,2,3);\n"
            + "  --data: the benchmark directory (default " + SuiteSets.DEFAULT_DIRECTORY
            + "; nothing is downloaded);\n"
            + "  --out: where the reports go (default " + DEFAULT_OUT_DIR + ");\n"
            + "  NAME=VALUE: any NCL setting, applied to every set, e.g. discoveryEpochs=6 (not seed or "
            + "numNovelClasses)";

    private SuiteBench() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        BenchMain.main(SuiteBench::run, args);
    }

    /**
     * Runs the benchmark and writes the reports.
     *
     * @return the exit code: 0 on success, 1 if a benchmark file is missing, 2 for bad arguments
     * @throws IOException if a file cannot be read or the reports cannot be written
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Arguments cli;
        try {
            cli = Arguments.parse(args);
            if (cli.help()) {
                out.println(USAGE);
                return 0;
            }
            cli.options(5, 1L); // validates the settings before any data is read
        } catch (IllegalArgumentException e) {
            return BenchMain.usageError(e, USAGE, err);
        }
        SuiteBenchResults results;
        try {
            results = measure(cli, Arrays.asList(args), out);
        } catch (NoSuchFileException e) {
            err.println("error: " + e.getFile() + ": " + (e.getReason() == null ? "file not found" : e.getReason()));
            return 1;
        }
        BenchMain.writeReports(
                cli.out(), "suite", Instant.parse(results.timestamp()), results.toJson(), results.markdown(), out);
        return 0;
    }

    /**
     * Loads every set named (so a missing file is reported before any training), then trains and scores each set
     * with each seed.
     *
     * @throws NoSuchFileException naming a missing benchmark file
     */
    static SuiteBenchResults measure(Arguments cli, List<String> command, PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        List<SuiteSets.DataSet> sets = new ArrayList<>();
        for (String name : cli.sets()) {
            sets.add(SuiteSets.load(name, cli.data()));
        }
        out.printf(
                Locale.ROOT,
                "NCL on the public discovery suite from %s: sets %s, seeds %s, settings %s%n",
                cli.data(),
                cli.sets(),
                cli.seeds(),
                cli.settings().isEmpty() ? "the defaults" : "the defaults with " + cli.settings());
        List<SuiteBenchResults.SetResult> setResults = new ArrayList<>();
        NclProvenance last = null;
        for (SuiteSets.DataSet set : sets) {
            DiscoveryData train = set.train();
            DiscoveryData scored = set.scored();
            DiscoveryData novelRows = scored.subset(scored.unlabeledRows());
            int k = set.numNovelClasses();
            int d = novelRows.numFeatures();
            float[] raw = novelRows.features();
            float[] standardised = Standardizer.fit(train).apply(raw);
            int[] truth = novelRows.groundTruth();
            out.printf(
                    Locale.ROOT,
                    "%s: %d training rows (%d labelled) x %d features, known %s, novel %s (C_u = %d); "
                            + "scored on the %s (%d rows)%n",
                    set.name(),
                    train.numRows(),
                    train.labeledRows().length,
                    train.numFeatures(),
                    set.knownClasses(),
                    set.novelClasses(),
                    k,
                    set.scoredOn(),
                    novelRows.numRows());
            List<SuiteBenchResults.Run> runs = new ArrayList<>();
            for (long seed : cli.seeds()) {
                boolean rssReset = PeakMemory.resetPeaks();
                NclOptions options = cli.options(k, seed);
                int[] collapses = new int[1];
                TrainingListener listener = new TrainingListener() {
                    @Override
                    public void onCollapse(CollapseReport report) {
                        collapses[0]++;
                    }
                };
                long t1 = System.nanoTime();
                try (NclModel model = new NclTrainer(options).train(train, listener)) {
                    double trainSeconds = (System.nanoTime() - t1) / 1e9;
                    last = model.provenance();
                    long t2 = System.nanoTime();
                    List<NclPrediction> predictions = model.predict(scored);
                    EvaluationResult r = DiscoveryEvaluation.evaluate(scored, predictions);
                    double evaluateSeconds = (System.nanoTime() - t2) / 1e9;
                    long t3 = System.nanoTime();
                    ClusteringScores km = kmeans(standardised, d, truth, k, seed);
                    ClusteringScores kmRaw = kmeans(raw, d, truth, k, seed);
                    double kmeansSeconds = (System.nanoTime() - t3) / 1e9;
                    PeakMemory mem = PeakMemory.measure();
                    SuiteBenchResults.Run run = new SuiteBenchResults.Run(
                            seed,
                            r.novelScores()
                                    .orElseThrow(() -> new IllegalStateException(set.name() + ": no novel-class rows")),
                            r.knownAccuracy(),
                            r.taskAgnosticScores()
                                    .orElseThrow(() -> new IllegalStateException(set.name() + ": no ground truth")),
                            r.taskAgnosticStrictAccuracy(),
                            r.knownJointAccuracy(),
                            r.novelJointShare(),
                            last.choices(),
                            km,
                            kmRaw,
                            last.selectedEpoch(),
                            collapses[0],
                            trainSeconds,
                            evaluateSeconds,
                            kmeansSeconds,
                            mem.rssPeakBytes(),
                            mem.heapPeakBytes(),
                            rssReset);
                    runs.add(run);
                    out.printf(
                            Locale.ROOT,
                            "  %s seed %d: NCL novel ACC %.4f NMI %.4f ARI %.4f | k-means ACC %.4f NMI %.4f ARI %.4f "
                                    + "| known %.4f | task-agnostic ACC %.4f, novel to novel %.4f, known kept %.4f "
                                    + "| train %.1f s, peak RSS %s%n",
                            set.name(),
                            seed,
                            run.novel().accuracy(),
                            run.novel().nmi(),
                            run.novel().ari(),
                            km.accuracy(),
                            km.nmi(),
                            km.ari(),
                            run.knownAccuracy(),
                            run.taskAgnostic().accuracy(),
                            run.novelJointShare(),
                            run.knownJointAccuracy(),
                            trainSeconds,
                            PeakMemory.mib(mem.rssPeakBytes()));
                    last.choices().forEach((name, value) -> out.printf("    %s: %s%n", name, value));
                }
            }
            setResults.add(new SuiteBenchResults.SetResult(
                    set.name(),
                    set.source(),
                    set.scoredOn(),
                    train.numRows(),
                    train.labeledRows().length,
                    train.numFeatures(),
                    scored.numRows(),
                    novelRows.numRows(),
                    set.knownClasses(),
                    set.novelClasses(),
                    runs));
        }
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        return new SuiteBenchResults(
                Instant.now().toString(),
                command,
                cli.data().toString(),
                cli.seeds(),
                cli.settings(),
                Discover.KMEANS_RESTARTS,
                setResults,
                last == null ? 0 : last.threads(),
                Runtime.getRuntime().availableProcessors(),
                last == null ? "" : last.device(),
                last == null ? "" : last.engine(),
                last == null ? "" : last.djlVersion(),
                System.getProperty("java.version"),
                last == null ? "" : last.os(),
                totalSeconds);
    }

    /** k-means (k clusters, {@value Discover#KMEANS_RESTARTS} restarts, the seed) scored against the truth. */
    static ClusteringScores kmeans(float[] rows, int dimension, int[] truth, int k, long seed) {
        int[] assignments = new KMeans(k, Discover.KMEANS_RESTARTS, seed)
                .fit(rows, dimension)
                .assignments();
        return ClusteringScores.of(truth, assignments);
    }

    /**
     * The arguments of {@link SuiteBench}.
     *
     * @param sets the sets to run, in order
     * @param seeds the seeds
     * @param data the benchmark directory
     * @param out where the reports go
     * @param settings NCL settings by name, applied to every set
     * @param help whether {@code --help} or {@code -h} was given
     */
    record Arguments(
            List<String> sets, List<Long> seeds, Path data, Path out, Map<String, String> settings, boolean help) {

        /** Copies the collections. */
        Arguments {
            sets = List.copyOf(sets);
            seeds = List.copyOf(seeds);
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /**
         * Parses arguments; {@code --flag VALUE} and {@code --flag=VALUE} both work.
         *
         * @throws IllegalArgumentException for an unknown flag or set, a flag without a value, a bad seed, a setting
         *     given twice, or a setting of {@code seed} or {@code numNovelClasses} (the suite fixes them)
         */
        static Arguments parse(String[] args) {
            List<String> sets = SuiteSets.NAMES;
            List<Long> seeds = DEFAULT_SEEDS;
            Path data = SuiteSets.DEFAULT_DIRECTORY;
            Path out = DEFAULT_OUT_DIR;
            Map<String, String> settings = new LinkedHashMap<>();
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String flag = a;
                String value = null;
                if (a.startsWith("--") && a.contains("=")) {
                    flag = a.substring(0, a.indexOf('='));
                    value = a.substring(a.indexOf('=') + 1);
                }
                switch (flag) {
                    case "--help", "-h" -> help = true;
                    case "--sets", "--seeds", "--data", "--out" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException("argument '" + flag + "' needs a value after it");
                            }
                            value = args[++i];
                        }
                        if (value.isBlank()) {
                            throw new IllegalArgumentException("argument '" + flag + "' needs a non-empty value");
                        }
                        switch (flag) {
                            case "--sets" -> sets = SuiteSets.parseNames(value);
                            case "--seeds" -> seeds = parseSeeds(value);
                            case "--data" -> data = Path.of(value);
                            default -> out = Path.of(value);
                        }
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown argument '" + a
                                    + "'; expected --sets, --seeds, --data, --out, --help or NAME=VALUE settings");
                        }
                        int eq = a.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("unexpected argument '" + a
                                    + "': expected NAME=VALUE (the data directory is --data)");
                        }
                        String key = a.substring(0, eq).trim();
                        String v = a.substring(eq + 1).trim();
                        if (key.equals(NclOptions.SEED.name()) || key.equals("numNovelClasses")) {
                            throw new IllegalArgumentException("setting '" + key + "' is fixed by the suite (seeds: "
                                    + "--seeds; C_u: the true number of novel classes of each set)");
                        }
                        if (settings.containsKey(key)) {
                            throw new IllegalArgumentException("setting '" + key + "' is given twice ('"
                                    + settings.get(key) + "' and '" + v + "')");
                        }
                        settings.put(key, v);
                    }
                }
            }
            return new Arguments(sets, seeds, data, out, settings, help);
        }

        private static List<Long> parseSeeds(String text) {
            List<Long> out = new ArrayList<>();
            for (String s : text.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    long v = Long.parseLong(s.trim());
                    if (out.contains(v)) {
                        throw new IllegalArgumentException("seed " + v + " is given twice");
                    }
                    out.add(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--seeds: '" + s.trim() + "' is not an integer", e);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--seeds needs at least one seed");
            }
            return out;
        }

        /**
         * The options of one training: the defaults for {@code numNovelClasses}, the seed, then the settings.
         *
         * @throws IllegalArgumentException naming the option if a name is unknown or a value is invalid
         */
        NclOptions options(int numNovelClasses, long seed) {
            NclOptions.Builder b = NclOptions.builder(numNovelClasses).set(NclOptions.SEED, seed);
            settings.forEach(b::set);
            return b.build();
        }
    }
}
