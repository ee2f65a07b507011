// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ncl.cli.DiscoverResults;
import org.ncl.cli.ResultsTable;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.progress.EpochReport;

/**
 * The measurements of one {@link Bench} run (issue 2's benchmark on full Fashion-MNIST), rendered as JSON
 * ({@link #toJson()}) and markdown ({@link #markdown()}).
 *
 * @param timestamp ISO-8601 instant the run finished
 * @param dataDirectory where the IDX files were read
 * @param trainRows training rows (60,000 for Fashion-MNIST)
 * @param testRows test rows
 * @param knownClasses names of the known (labelled) classes
 * @param novelClasses names of the novel classes
 * @param novelTrain headline: the novel head on the unlabeled training rows (task-aware, transductive)
 * @param kmeansTrain k-means on the raw pixels of the same rows
 * @param kmeansRestarts k-means runs
 * @param novelTest the novel head on the test rows of the novel classes (task-aware)
 * @param knownTestAccuracy the known head's accuracy on the test rows of the known classes
 * @param knownTestRows their number
 * @param agnosticTest both heads on all test rows (task-agnostic, Hungarian over all outputs)
 * @param agnosticStrictTest strict task-agnostic accuracy on all test rows (known outputs fixed)
 * @param numOutputs C_l + C_u
 * @param stageSeconds wall time per training stage
 * @param stageEpochs epochs run per stage
 * @param samplesPerSecond mean training rows per second per stage
 * @param loadSeconds time to read the data
 * @param trainSeconds time of {@code NclTrainer.train}
 * @param evaluateSeconds time to predict and score train and test rows
 * @param kmeansSeconds time of the k-means baseline
 * @param totalSeconds the whole run
 * @param selectedEpoch the discovery epoch kept (0-based)
 * @param selectionScore its label-free score
 * @param memory peak memory at the end of the run
 * @param device the device trained on
 * @param threads the engine's intra-op threads
 * @param availableProcessors the JVM's available processors
 * @param engine engine name and version
 * @param djlVersion DJL version
 * @param javaVersion Java version
 * @param os operating system and architecture
 * @param options every NCL setting
 * @param overrides the settings given on the command line
 * @param history the per-epoch reports of all stages
 */
public record BenchResults(
        String timestamp,
        String dataDirectory,
        int trainRows,
        int testRows,
        List<String> knownClasses,
        List<String> novelClasses,
        ClusteringScores novelTrain,
        ClusteringScores kmeansTrain,
        int kmeansRestarts,
        ClusteringScores novelTest,
        double knownTestAccuracy,
        int knownTestRows,
        ClusteringScores agnosticTest,
        double agnosticStrictTest,
        int numOutputs,
        Map<String, Double> stageSeconds,
        Map<String, Integer> stageEpochs,
        Map<String, Double> samplesPerSecond,
        double loadSeconds,
        double trainSeconds,
        double evaluateSeconds,
        double kmeansSeconds,
        double totalSeconds,
        int selectedEpoch,
        double selectionScore,
        PeakMemory memory,
        String device,
        int threads,
        int availableProcessors,
        String engine,
        String djlVersion,
        String javaVersion,
        String os,
        Map<String, String> options,
        Map<String, String> overrides,
        List<EpochReport> history) {

    /** Issue 2's target for the headline novel ACC. */
    public static final double TARGET_NOVEL_ACC = 0.90;
    /** Issue 2's target for the whole run on 2 CPU cores, in seconds. */
    public static final double TARGET_SECONDS = 30 * 60;

    /** Compact constructor: checks for nulls and copies the collections (maps keep their order). */
    public BenchResults {
        Objects.requireNonNull(novelTrain, "novelTrain");
        Objects.requireNonNull(kmeansTrain, "kmeansTrain");
        Objects.requireNonNull(novelTest, "novelTest");
        Objects.requireNonNull(agnosticTest, "agnosticTest");
        Objects.requireNonNull(memory, "memory");
        knownClasses = List.copyOf(knownClasses);
        novelClasses = List.copyOf(novelClasses);
        stageSeconds = ordered(stageSeconds);
        stageEpochs = ordered(stageEpochs);
        samplesPerSecond = ordered(samplesPerSecond);
        options = ordered(options);
        overrides = ordered(overrides);
        history = List.copyOf(history);
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** Per stage: the mean of {@link EpochReport#samplesPerSecond()} over its epochs, in stage order. */
    public static Map<String, Double> meanSamplesPerSecond(List<EpochReport> history) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (EpochReport r : history) {
            double[] a = acc.computeIfAbsent(r.stage().name(), k -> new double[2]);
            a[0] += r.samplesPerSecond();
            a[1]++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        acc.forEach((k, a) -> out.put(k, a[0] / a[1]));
        return out;
    }

    /** Per stage: the number of epochs in the history, in stage order. */
    public static Map<String, Integer> epochsPerStage(List<EpochReport> history) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (EpochReport r : history) {
            out.merge(r.stage().name(), 1, Integer::sum);
        }
        return out;
    }

    /** Whether the headline novel ACC reaches {@link #TARGET_NOVEL_ACC}. */
    public boolean accuracyTargetMet() {
        return novelTrain.accuracy() >= TARGET_NOVEL_ACC;
    }

    /** Whether the whole run took at most {@link #TARGET_SECONDS}. */
    public boolean timeTargetMet() {
        return totalSeconds <= TARGET_SECONDS;
    }

    /** The metrics table: result, rows, ACC, NMI, ARI. */
    public ResultsTable metricsTable() {
        return ResultsTable.withHeader("result", "rows", "ACC", "NMI", "ARI")
                .withRow(
                        "NCL novel head, unlabeled train rows (headline, task-aware)",
                        Integer.toString(novelTrain.n()),
                        f4(novelTrain.accuracy()),
                        f4(novelTrain.nmi()),
                        f4(novelTrain.ari()))
                .withRow(
                        String.format(
                                Locale.ROOT,
                                "k-means on raw pixels (k=%d, %d restarts), same rows",
                                numOutputs - knownClasses.size(),
                                kmeansRestarts),
                        Integer.toString(kmeansTrain.n()),
                        f4(kmeansTrain.accuracy()),
                        f4(kmeansTrain.nmi()),
                        f4(kmeansTrain.ari()))
                .withRow(
                        "NCL novel head, test rows of the novel classes (task-aware)",
                        Integer.toString(novelTest.n()),
                        f4(novelTest.accuracy()),
                        f4(novelTest.nmi()),
                        f4(novelTest.ari()))
                .withRow(
                        "NCL known head, test rows of the known classes (accuracy)",
                        Integer.toString(knownTestRows),
                        f4(knownTestAccuracy),
                        "-",
                        "-")
                .withRow(
                        String.format(
                                Locale.ROOT,
                                "NCL both heads, all test rows (task-agnostic, Hungarian over %d outputs)",
                                numOutputs),
                        Integer.toString(agnosticTest.n()),
                        f4(agnosticTest.accuracy()),
                        f4(agnosticTest.nmi()),
                        f4(agnosticTest.ari()))
                .withRow(
                        "NCL both heads, all test rows (task-agnostic, known outputs fixed)",
                        Integer.toString(agnosticTest.n()),
                        f4(agnosticStrictTest),
                        "-",
                        "-");
    }

    /** The timing table: stage, epochs, wall time, mean training rows/s. */
    public ResultsTable timingTable() {
        ResultsTable t = ResultsTable.withHeader("stage", "epochs", "wall time (s)", "training rows/s (mean)");
        for (Map.Entry<String, Double> e : stageSeconds.entrySet()) {
            Double sps = samplesPerSecond.get(e.getKey());
            t = t.withRow(
                    e.getKey(),
                    Integer.toString(stageEpochs.getOrDefault(e.getKey(), 0)),
                    f1(e.getValue()),
                    sps == null ? "-" : String.format(Locale.ROOT, "%.0f", sps));
        }
        return t.withRow("load data", "", f1(loadSeconds), "")
                .withRow("training (all stages)", "", f1(trainSeconds), "")
                .withRow("predict + score train and test rows", "", f1(evaluateSeconds), "")
                .withRow("k-means baseline", "", f1(kmeansSeconds), "")
                .withRow("whole run", "", f1(totalSeconds), "");
    }

    /** A markdown report: the two tables, then model selection, memory, device, settings and the targets. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# NCL benchmark: Fashion-MNIST, known classes ")
                .append(knownClasses)
                .append(", novel classes ")
                .append(novelClasses)
                .append("\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "%s; data from `%s`: %d training rows (%d unlabeled), %d test rows.%n%n",
                timestamp,
                dataDirectory,
                trainRows,
                novelTrain.n(),
                testRows));
        sb.append(metricsTable().markdown()).append('\n');
        sb.append(timingTable().markdown()).append('\n');
        sb.append(String.format(
                Locale.ROOT,
                "- selected discovery epoch: %d of %d (label-free score %s)%n",
                selectedEpoch + 1,
                stageEpochs.getOrDefault("DISCOVERY", 0),
                f4(selectionScore)));
        sb.append(String.format(
                Locale.ROOT,
                "- peak memory: JVM heap %s (sum of the heap pools' peaks), process RSS %s (VmHWM)%n",
                PeakMemory.mib(memory.heapPeakBytes()),
                PeakMemory.mib(memory.rssPeakBytes())));
        sb.append(String.format(
                Locale.ROOT,
                "- device: %s, %d engine threads, %d available processors; %s, DJL %s, Java %s, %s%n",
                device,
                threads,
                availableProcessors,
                engine,
                djlVersion,
                javaVersion,
                os));
        sb.append("- settings: defaults")
                .append(overrides.isEmpty() ? "" : " with " + overrides)
                .append(" (all in the JSON file)\n");
        sb.append(
                "- NMI: arithmetic normalisation (scikit-learn >= 0.22); ACC: Hungarian matching of clusters to classes\n");
        sb.append(String.format(
                Locale.ROOT,
                "- targets (issue 2): novel ACC >= %.2f on the unlabeled train rows: %s; whole run <= %.0f s "
                        + "on 2 CPU cores: %s (%.0f s on this machine)%n",
                TARGET_NOVEL_ACC,
                accuracyTargetMet() ? "met" : "NOT met",
                TARGET_SECONDS,
                timeTargetMet() ? "met" : "NOT met",
                totalSeconds));
        return sb.toString();
    }

    /** Every measurement as pretty-printed JSON. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", "ncl-fashion-mnist");
        m.put("timestamp", timestamp);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("directory", dataDirectory);
        data.put("trainRows", trainRows);
        data.put("unlabeledTrainRows", novelTrain.n());
        data.put("testRows", testRows);
        data.put("knownClasses", knownClasses);
        data.put("novelClasses", novelClasses);
        m.put("data", data);
        m.put("novelTrainUnlabeled", novelTrain);
        Map<String, Object> km = new LinkedHashMap<>(scores(kmeansTrain));
        km.put("restarts", kmeansRestarts);
        km.put("features", "raw pixels");
        m.put("kmeansTrainUnlabeled", km);
        m.put("novelTestTaskAware", novelTest);
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("accuracy", knownTestAccuracy);
        known.put("n", knownTestRows);
        m.put("knownTestAccuracy", known);
        Map<String, Object> agn = new LinkedHashMap<>(scores(agnosticTest));
        agn.put("matching", "Hungarian over all " + numOutputs + " outputs");
        agn.put("strictAccuracy", agnosticStrictTest);
        m.put("testTaskAgnostic", agn);
        m.put("nmiNormalization", "arithmetic");
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("stageSeconds", stageSeconds);
        time.put("stageEpochs", stageEpochs);
        time.put("trainingSamplesPerSecondMean", samplesPerSecond);
        time.put("loadSeconds", loadSeconds);
        time.put("trainSeconds", trainSeconds);
        time.put("evaluateSeconds", evaluateSeconds);
        time.put("kmeansSeconds", kmeansSeconds);
        time.put("totalSeconds", totalSeconds);
        m.put("time", time);
        m.put("selectedEpoch", selectedEpoch);
        m.put("selectionScore", selectionScore);
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("heapPeakBytes", memory.heapPeakBytes());
        mem.put("rssPeakBytes", memory.rssPeakBytes());
        m.put("peakMemory", mem);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("device", device);
        env.put("threads", threads);
        env.put("availableProcessors", availableProcessors);
        env.put("engine", engine);
        env.put("djlVersion", djlVersion);
        env.put("javaVersion", javaVersion);
        env.put("os", os);
        m.put("environment", env);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("novelAcc", TARGET_NOVEL_ACC);
        targets.put("novelAccMet", accuracyTargetMet());
        targets.put("totalSeconds", TARGET_SECONDS);
        targets.put("totalSecondsMet", timeTargetMet());
        m.put("targets", targets);
        m.put("overrides", overrides);
        m.put("options", options);
        List<Object> epochs = new ArrayList<>();
        for (EpochReport r : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("stage", r.stage().name());
            e.put("epoch", r.epoch());
            e.put("losses", new TreeMap<>(r.losses()));
            e.put("metrics", new TreeMap<>(r.metrics()));
            e.put("selectionScore", r.selectionScore());
            e.put("samplesPerSecond", r.samplesPerSecond());
            e.put("seconds", r.seconds());
            epochs.add(e);
        }
        m.put("history", epochs);
        return BenchMain.GSON.toJson(m);
    }

    private static Map<String, Object> scores(ClusteringScores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", s.accuracy());
        m.put("nmi", s.nmi());
        m.put("ari", s.ari());
        m.put("n", s.n());
        return m;
    }

    private static String f4(double v) {
        return DiscoverResults.f4(v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
