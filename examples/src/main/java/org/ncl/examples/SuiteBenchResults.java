// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.ncl.cli.ResultsTable;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.examples.ContrastiveBenchResults.Stat;

/**
 * The measurements of one {@link SuiteBench} run (NCL with default settings over the public discovery suite,
 * {@link SuiteSets}), rendered as JSON ({@link #toJson()}, read back by {@link #fromJson(String)}) and markdown
 * ({@link #markdown()}); every figure per seed, and as mean ± sample standard deviation over the seeds.
 *
 * @param timestamp ISO-8601 instant the run finished
 * @param command the command-line arguments
 * @param dataDirectory the benchmark directory
 * @param seeds the seeds, each one training per set
 * @param overrides the NCL settings given on the command line (applied to every set; empty = the defaults)
 * @param kmeansRestarts k-means runs per baseline (the best kept)
 * @param sets one entry per set, in the order run
 * @param threads the engine's intra-op threads
 * @param availableProcessors the JVM's available processors
 * @param device the device trained on
 * @param engine engine name and version
 * @param djlVersion DJL version
 * @param javaVersion Java version
 * @param os operating system and architecture
 * @param totalSeconds the whole run, data loading included
 */
public record SuiteBenchResults(
        String timestamp,
        List<String> command,
        String dataDirectory,
        List<Long> seeds,
        Map<String, String> overrides,
        int kmeansRestarts,
        List<SetResult> sets,
        int threads,
        int availableProcessors,
        String device,
        String engine,
        String djlVersion,
        String javaVersion,
        String os,
        double totalSeconds) {

    private static final double MIB = 1024.0 * 1024.0;

    /** Copies the collections (the map keeps its order). */
    public SuiteBenchResults {
        command = List.copyOf(command);
        seeds = List.copyOf(seeds);
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        sets = List.copyOf(sets);
    }

    /**
     * One set of the suite.
     *
     * @param name the set's name
     * @param source where it was read
     * @param scoredOn which rows the novel head and k-means are scored on
     * @param trainRows training rows
     * @param labeledTrainRows of which labelled (the known-class rows)
     * @param features values per row after encoding
     * @param scoredRows rows evaluated (all rows of the scored data: known-class and novel-class rows)
     * @param novelRows of which novel-class rows, on which the novel head and k-means are scored
     * @param knownClasses names of the known classes
     * @param novelClasses names of the novel classes (C_u = their number)
     * @param runs one per seed
     */
    public record SetResult(
            String name,
            String source,
            String scoredOn,
            int trainRows,
            int labeledTrainRows,
            int features,
            int scoredRows,
            int novelRows,
            List<String> knownClasses,
            List<String> novelClasses,
            List<Run> runs) {

        /** Copies the lists. */
        public SetResult {
            knownClasses = List.copyOf(knownClasses);
            novelClasses = List.copyOf(novelClasses);
            runs = List.copyOf(runs);
        }

        /** Mean and standard deviation of a figure over the runs. */
        public Stat stat(ToDoubleFunction<Run> figure) {
            List<Double> values = new ArrayList<>();
            for (Run r : runs) {
                values.add(figure.applyAsDouble(r));
            }
            return Stat.of(values);
        }
    }

    /**
     * One training (one set, one seed) with its evaluation ({@link org.ncl.core.evaluation.DiscoveryEvaluation} on
     * the scored rows) and the k-means baselines on the same novel-class rows.
     *
     * @param seed the seed of the training and of k-means
     * @param novel the novel head's ACC (Hungarian) / NMI / ARI on the novel-class rows (task-aware)
     * @param knownAccuracy the known head's accuracy on the known-class rows of the scored data
     * @param taskAgnostic the joint prediction (argmax over both heads) on all scored rows, Hungarian over all outputs
     * @param taskAgnosticStrictAccuracy the strict task-agnostic accuracy (known outputs count only for their class)
     * @param knownJointAccuracy share of the scored known-class rows whose joint prediction is their own class
     * @param novelJointShare share of the scored novel-class rows whose joint prediction is a novel cluster
     * @param choices what the trainer chose by itself (its provenance's choices)
     * @param kmeans k-means (k = C_u) on the novel-class rows' features as the network sees them: encoded, then
     *     standardised with the statistics of the training rows (as the trainer does)
     * @param kmeansRaw k-means on the same rows' encoded features before standardisation
     * @param selectedEpoch the discovery epoch model selection kept (0-based)
     * @param collapseWarnings discovery epochs flagged by the trainer's collapse check
     * @param trainSeconds wall time of the training
     * @param evaluateSeconds wall time of prediction and scoring
     * @param kmeansSeconds wall time of both k-means baselines
     * @param peakRssBytes peak resident set size (native memory included) during this run, -1 if unknown
     * @param peakHeapBytes peak JVM heap during this run (sum of the heap pools' peaks)
     * @param rssPeakOfRun whether the RSS peak was reset before the run (else it covers the process so far)
     */
    public record Run(
            long seed,
            ClusteringScores novel,
            double knownAccuracy,
            ClusteringScores taskAgnostic,
            double taskAgnosticStrictAccuracy,
            double knownJointAccuracy,
            double novelJointShare,
            java.util.Map<String, String> choices,
            ClusteringScores kmeans,
            ClusteringScores kmeansRaw,
            int selectedEpoch,
            int collapseWarnings,
            double trainSeconds,
            double evaluateSeconds,
            double kmeansSeconds,
            long peakRssBytes,
            long peakHeapBytes,
            boolean rssPeakOfRun) {

        /** Checks for nulls. */
        public Run {
            Objects.requireNonNull(novel, "novel");
            Objects.requireNonNull(taskAgnostic, "taskAgnostic");
            Objects.requireNonNull(kmeans, "kmeans");
            Objects.requireNonNull(kmeansRaw, "kmeansRaw");
        }
    }

    /** The headline table: the novel head against k-means, ACC / NMI / ARI side by side, mean ± std. */
    public ResultsTable discoveryTable() {
        ResultsTable t = ResultsTable.withHeader(
                "set",
                "C_l / C_u",
                "novel rows",
                "NCL ACC",
                "k-means ACC",
                "NCL NMI",
                "k-means NMI",
                "NCL ARI",
                "k-means ARI");
        for (SetResult s : sets) {
            t = t.withRow(
                    s.name(),
                    s.knownClasses().size() + " / " + s.novelClasses().size(),
                    Integer.toString(s.novelRows()),
                    s.stat(r -> r.novel().accuracy()).format(),
                    s.stat(r -> r.kmeans().accuracy()).format(),
                    s.stat(r -> r.novel().nmi()).format(),
                    s.stat(r -> r.kmeans().nmi()).format(),
                    s.stat(r -> r.novel().ari()).format(),
                    s.stat(r -> r.kmeans().ari()).format());
        }
        return t;
    }

    /** The other figures: known head, task-agnostic, k-means on unstandardised features, time, memory. */
    public ResultsTable otherTable() {
        ResultsTable t = ResultsTable.withHeader(
                "set",
                "known acc",
                "task-agnostic ACC",
                "task-agnostic NMI",
                "task-agnostic ARI",
                "strict task-agnostic acc",
                "novel rows to novel clusters",
                "known rows kept (÷ known acc)",
                "k-means ACC (unstandardised)",
                "train time (s)",
                "peak RSS (MiB)",
                "collapse flags");
        for (SetResult s : sets) {
            t = t.withRow(
                    s.name(),
                    s.stat(Run::knownAccuracy).format(),
                    s.stat(r -> r.taskAgnostic().accuracy()).format(),
                    s.stat(r -> r.taskAgnostic().nmi()).format(),
                    s.stat(r -> r.taskAgnostic().ari()).format(),
                    s.stat(Run::taskAgnosticStrictAccuracy).format(),
                    s.stat(Run::novelJointShare).format(),
                    s.stat(r -> r.knownJointAccuracy() / r.knownAccuracy()).format(),
                    s.stat(r -> r.kmeansRaw().accuracy()).format(),
                    f1(s.stat(Run::trainSeconds).mean()),
                    maxRssMiB(s),
                    Integer.toString(
                            s.runs().stream().mapToInt(Run::collapseWarnings).sum()));
        }
        return t;
    }

    /** Every run on its own. */
    public ResultsTable runsTable() {
        ResultsTable t = ResultsTable.withHeader(
                "set",
                "seed",
                "NCL ACC / NMI / ARI",
                "k-means ACC / NMI / ARI",
                "known acc",
                "task-agnostic ACC",
                "selected epoch",
                "train (s)",
                "peak RSS (MiB)",
                "discovery targets");
        for (SetResult s : sets) {
            for (Run r : s.runs()) {
                t = t.withRow(
                        s.name(),
                        Long.toString(r.seed()),
                        scores(r.novel()),
                        scores(r.kmeans()),
                        f4(r.knownAccuracy()),
                        f4(r.taskAgnostic().accuracy()),
                        Integer.toString(r.selectedEpoch() + 1),
                        f1(r.trainSeconds()),
                        r.peakRssBytes() < 0 ? "n/a" : f0(r.peakRssBytes() / MIB),
                        r.choices().getOrDefault("discoveryTargets.method", "none"));
            }
        }
        return t;
    }

    /** The report: what was run, the three tables, and how the figures are defined. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# NCL on the public discovery suite\n\n");
        sb.append("Command: `java -cp examples/target/ncl-examples.jar org.ncl.examples.SuiteBench");
        for (String a : command) {
            sb.append(' ').append(a);
        }
        sb.append("`\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "%s; data from `%s`; seeds %s; settings: %s; %s, %d engine threads, %d available processors; "
                        + "%s, DJL %s, Java %s, %s; whole run %.0f s (%.1f min).%n%n",
                timestamp,
                dataDirectory,
                seeds,
                overrides.isEmpty() ? "the defaults" : "the defaults with " + overrides,
                device,
                threads,
                availableProcessors,
                engine,
                djlVersion,
                javaVersion,
                os,
                totalSeconds,
                totalSeconds / 60));
        sb.append("## Novel classes: NCL's novel head against k-means\n\n");
        sb.append(discoveryTable().markdown()).append('\n');
        sb.append("## Known head, task-agnostic, time and memory\n\n");
        sb.append(otherTable().markdown()).append('\n');
        sb.append("## Every run\n\n");
        sb.append(runsTable().markdown()).append('\n');
        sb.append("## Sets and definitions\n\n");
        for (SetResult s : sets) {
            sb.append(String.format(
                    Locale.ROOT,
                    "- **%s** (`%s`): %d training rows (%d labelled) × %d features; known %s, novel %s; "
                            + "scored on the %s (%d rows; %d rows for the known and task-agnostic figures)%n",
                    s.name(),
                    s.source(),
                    s.trainRows(),
                    s.labeledTrainRows(),
                    s.features(),
                    s.knownClasses(),
                    s.novelClasses(),
                    s.scoredOn(),
                    s.novelRows(),
                    s.scoredRows()));
        }
        sb.append(String.format(
                Locale.ROOT,
                "%n- NCL: default settings (`NclOptions.builder(C_u)`, C_u = the true number of novel classes) with "
                        + "the seed set; the novel head (task-aware) on the novel-class rows: ACC with Hungarian "
                        + "matching, NMI (arithmetic normalisation), ARI.%n"
                        + "- k-means: k = C_u, %d k-means++ restarts (the best kept), seeded with the run's seed, on "
                        + "the same novel-class rows: features encoded (one-hot, imputed) and standardised with the "
                        + "training rows' statistics, as the network sees them; \"unstandardised\": the encoded "
                        + "features as read.%n"
                        + "- known acc: the known head on the known-class rows of the scored data (for the "
                        + "transductive sets these are training rows); task-agnostic: the argmax over both heads on "
                        + "all scored rows, Hungarian over all outputs; strict: known outputs count only for their "
                        + "own class; novel rows to novel clusters: the share of novel-class rows whose joint "
                        + "prediction is a novel cluster; known rows kept: the share of known-class rows whose joint "
                        + "prediction is their own class, divided by the known head's accuracy on them.%n"
                        + "- discovery targets: the clustering the trainer chose by simulated discovery on the "
                        + "labeled rows (provenance choices), whose clusters the heads were fitted to.%n"
                        + "- mean ± sample standard deviation over the seeds; peak RSS: the largest over the seeds, "
                        + "each measured from a reset of the process's peak (VmHWM) before its training; the reset sets "
                        + "the peak to the RSS of the moment, so memory the JVM and PyTorch kept from earlier runs "
                        + "counts.%n",
                kmeansRestarts));
        return sb.toString();
    }

    /** Every measurement as pretty-printed JSON. */
    public String toJson() {
        return BenchMain.GSON.toJson(this);
    }

    /**
     * Reads back what {@link #toJson()} wrote.
     *
     * @throws com.google.gson.JsonParseException if the text is not such a JSON document
     */
    public static SuiteBenchResults fromJson(String json) {
        return BenchMain.GSON.fromJson(json, SuiteBenchResults.class);
    }

    private static String maxRssMiB(SetResult s) {
        long max = s.runs().stream().mapToLong(Run::peakRssBytes).max().orElse(-1);
        return max < 0 ? "n/a" : f0(max / MIB);
    }

    private static String scores(ClusteringScores s) {
        return f4(s.accuracy()) + " / " + f4(s.nmi()) + " / " + f4(s.ari());
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
