// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclProvenance;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.progress.Stage;

/**
 * The results of one discovery run on one data set, as {@code ncl discover} ({@link Discover}) prints them: the
 * core's evaluation protocol ({@link org.ncl.core.evaluation.DiscoveryEvaluation}: novel head on the unlabeled rows, k-means on the same rows, known head on the labeled
 * rows, both heads on all rows), wall times and the discovery epoch that model selection kept.
 *
 * @param novel the novel head's clusters on the unlabeled rows (task-aware)
 * @param kmeans k-means on the raw features of the same rows (unused when {@code kmeansRestarts} is 0)
 * @param kmeansRestarts the number of k-means runs; 0 when the baseline was skipped (no k-means row in the table)
 * @param knownAccuracy the known head's accuracy on the labeled rows
 * @param knownRows the number of labeled rows
 * @param taskAgnostic the joint output index on all rows, Hungarian over all outputs
 * @param taskAgnosticStrict the strict task-agnostic accuracy (known outputs fixed to their class)
 * @param numKnown C_l, the number of known classes
 * @param numNovel C_u, the number of novel clusters
 * @param trainSeconds wall time of {@code NclTrainer.train}
 * @param stageSeconds wall time per stage
 * @param kmeansSeconds wall time of the k-means baseline
 * @param selectedEpoch the discovery epoch kept (0-based)
 * @param discoveryEpochs the number of discovery epochs
 * @param selectionScore the label-free score of the kept epoch (NaN if none)
 */
public record DiscoverResults(
        ClusteringScores novel,
        ClusteringScores kmeans,
        int kmeansRestarts,
        double knownAccuracy,
        int knownRows,
        ClusteringScores taskAgnostic,
        double taskAgnosticStrict,
        int numKnown,
        int numNovel,
        double trainSeconds,
        Map<String, Double> stageSeconds,
        double kmeansSeconds,
        int selectedEpoch,
        int discoveryEpochs,
        double selectionScore) {

    /** Compact constructor: checks for nulls and copies the map, keeping its order. */
    public DiscoverResults {
        Objects.requireNonNull(novel, "novel");
        Objects.requireNonNull(kmeans, "kmeans");
        Objects.requireNonNull(taskAgnostic, "taskAgnostic");
        stageSeconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
    }

    /**
     * Evaluates a model's predictions on the data it was trained on (transductive, the paper's headline
     * protocol).
     *
     * @param data the rows, with ground truth; labeled rows are the known-class rows
     * @param predictions one prediction per row, in order
     * @param kmeans the k-means baseline on the unlabeled rows ({@link Evaluation#kmeans})
     * @param kmeansRestarts its number of runs
     * @param kmeansSeconds its wall time
     * @param provenance the trained model's provenance (stage times, selected epoch, settings)
     * @param trainSeconds the wall time of training
     * @throws IllegalArgumentException as {@link Evaluation#evaluate} and {@link Evaluation#novelHead(EvaluationResult)}
     */
    public static DiscoverResults of(
            DiscoveryData data,
            List<NclPrediction> predictions,
            ClusteringScores kmeans,
            int kmeansRestarts,
            double kmeansSeconds,
            NclProvenance provenance,
            double trainSeconds) {
        String epochs = provenance.options().get("discoveryEpochs");
        String cu = provenance.options().get("numNovelClasses");
        EvaluationResult scores = Evaluation.evaluate(data, predictions);
        return new DiscoverResults(
                Evaluation.novelHead(scores),
                kmeans,
                kmeansRestarts,
                scores.knownAccuracy(),
                scores.knownRows(),
                scores.taskAgnostic(),
                scores.taskAgnosticStrictAccuracy(),
                data.numKnownClasses(),
                cu == null ? provenance.data().numNovelClasses() : Integer.parseInt(cu),
                trainSeconds,
                inStageOrder(provenance.stageSeconds()),
                kmeansSeconds,
                provenance.selectedEpoch(),
                epochs == null ? -1 : Integer.parseInt(epochs),
                provenance.selectionScore());
    }

    /** The metrics as a table: method, rows, ACC, NMI, ARI. */
    public ResultsTable table() {
        ResultsTable t = ResultsTable.withHeader("result", "rows", "ACC", "NMI", "ARI")
                .withRow(
                        "NCL novel head, unlabeled rows (task-aware)",
                        Integer.toString(novel.n()),
                        f4(novel.accuracy()),
                        f4(novel.nmi()),
                        f4(novel.ari()));
        if (kmeansRestarts > 0) {
            t = t.withRow(
                    String.format(
                            Locale.ROOT,
                            "k-means on raw pixels (k=%d, %d restarts), same rows",
                            numNovel,
                            kmeansRestarts),
                    Integer.toString(kmeans.n()),
                    f4(kmeans.accuracy()),
                    f4(kmeans.nmi()),
                    f4(kmeans.ari()));
        }
        if (knownRows > 0) {
            t = t.withRow(
                    "NCL known head, labeled rows (accuracy)",
                    Integer.toString(knownRows),
                    f4(knownAccuracy),
                    "-",
                    "-");
        }
        return t.withRow(
                        String.format(
                                Locale.ROOT,
                                "NCL both heads, all rows (task-agnostic, Hungarian over %d outputs)",
                                numKnown + numNovel),
                        Integer.toString(taskAgnostic.n()),
                        f4(taskAgnostic.accuracy()),
                        f4(taskAgnostic.nmi()),
                        f4(taskAgnostic.ari()))
                .withRow(
                        "NCL both heads, all rows (task-agnostic, known outputs fixed)",
                        Integer.toString(taskAgnostic.n()),
                        f4(taskAgnosticStrict),
                        "-",
                        "-");
    }

    /** The table followed by the timing and model-selection lines. */
    public String text() {
        StringBuilder sb = new StringBuilder(table().text());
        List<String> stages = new ArrayList<>();
        stageSeconds.forEach((stage, s) -> stages.add(String.format(Locale.ROOT, "%s %.1f s", stage, s)));
        sb.append(String.format(
                Locale.ROOT,
                "training wall time: %.1f s (%s)%s%n",
                trainSeconds,
                String.join(", ", stages),
                kmeansRestarts > 0 ? String.format(Locale.ROOT, "; k-means %.1f s", kmeansSeconds) : ""));
        sb.append(String.format(
                Locale.ROOT,
                "selected discovery epoch: %d of %d (label-free score %s)%n",
                selectedEpoch + 1,
                discoveryEpochs,
                Double.isNaN(selectionScore) ? "n/a" : String.format(Locale.ROOT, "%.4f", selectionScore)));
        sb.append(String.format(
                Locale.ROOT,
                "NMI: arithmetic normalisation (scikit-learn >= 0.22); ACC: Hungarian "
                        + "matching of clusters to classes%n"));
        return sb.toString();
    }

    /** The stage times in {@link Stage} order (a provenance's map has no order), other keys after them. */
    public static Map<String, Double> inStageOrder(Map<String, Double> stageSeconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            Double v = stageSeconds.get(s.name());
            if (v != null) {
                m.put(s.name(), v);
            }
        }
        new TreeMap<>(stageSeconds).forEach(m::putIfAbsent);
        return m;
    }

    /** {@code v} with four decimals, or {@code n/a} for NaN: the numbers of the results tables. */
    public static String f4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
