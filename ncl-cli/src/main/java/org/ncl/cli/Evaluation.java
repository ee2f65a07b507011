package org.ncl.cli;

import java.util.List;
import java.util.Objects;
import org.ncl.core.NclPrediction;
import org.ncl.core.clustering.KMeans;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusterMetrics;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The evaluation protocol of novel class discovery (Zhong et al., "Neighborhood Contrastive Learning for
 * Novel Class Discovery", CVPR 2021, as in its experiments) applied to a model's predictions on a data set
 * with ground truth. Which rows count is read from the data: rows with a known label are the known-class
 * rows, unlabeled rows are the novel-class rows.
 *
 * <ul>
 *   <li>{@link #novelHead}: task-aware, the novel head φ_u's argmax ({@link NclPrediction#novelCluster()})
 *       on the unlabeled rows against their ground truth: ACC (Hungarian), NMI (arithmetic normalisation,
 *       scikit-learn's default since 0.22) and ARI.</li>
 *   <li>{@link #knownAccuracy}: the known head φ_l's argmax ({@link NclPrediction#knownClass()}) on the
 *       labeled rows against their known label (plain accuracy, no matching).</li>
 *   <li>{@link #taskAgnostic}: argmax over both heads ({@link NclPrediction#index()}, C_l + C_u outputs) on
 *       all rows against the ground truth, with the Hungarian map over all outputs (so a known output may
 *       in principle be matched to another class). ACC of this is what the tables call "task-agnostic".</li>
 *   <li>{@link #taskAgnosticStrict}: the stricter variant: known output j counts only for its own known
 *       class, and the Hungarian map matches the novel outputs to the novel classes only.</li>
 *   <li>{@link #kmeans}: the k-means baseline on the raw features of the unlabeled rows.</li>
 * </ul>
 *
 * Stateless.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Task-aware novel-class scores: the novel head's clusters on the unlabeled rows of {@code data}.
     *
     * @param data rows with ground truth
     * @param predictions one prediction per row of {@code data}, in order
     * @return ACC, NMI and ARI over the unlabeled rows
     * @throws IllegalArgumentException if the data has no ground truth or no unlabeled row, or the counts differ
     */
    public static ClusteringScores novelHead(DiscoveryData data, List<NclPrediction> predictions) {
        check(data, predictions);
        int[] rows = data.unlabeledRows();
        if (rows.length == 0) {
            throw new IllegalArgumentException("the data has no unlabeled row: novel-class scores need unlabeled rows");
        }
        int[] truth = data.groundTruth();
        int[] t = new int[rows.length];
        int[] p = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = truth[rows[i]];
            p[i] = predictions.get(rows[i]).novelCluster();
        }
        return ClusteringScores.of(t, p);
    }

    /**
     * Known-class accuracy: the fraction of labeled rows whose known-head class equals their known label.
     *
     * @param data rows with known labels
     * @param predictions one prediction per row of {@code data}, in order
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if the data has no labeled row or the counts differ
     */
    public static double knownAccuracy(DiscoveryData data, List<NclPrediction> predictions) {
        checkCount(data, predictions);
        int[] rows = data.labeledRows();
        if (rows.length == 0) {
            throw new IllegalArgumentException("the data has no labeled row: known-class accuracy needs labeled rows");
        }
        int correct = 0;
        for (int r : rows) {
            if (predictions.get(r).knownClass() == data.knownLabel(r)) {
                correct++;
            }
        }
        return (double) correct / rows.length;
    }

    /**
     * Task-agnostic scores: the joint output index (argmax over both heads) on every row against the ground
     * truth, ACC with the Hungarian map over all C_l + C_u outputs, NMI and ARI.
     *
     * @param data rows with ground truth
     * @param predictions one prediction per row of {@code data}, in order
     * @return ACC, NMI and ARI over all rows
     * @throws IllegalArgumentException if the data has no ground truth or the counts differ
     */
    public static ClusteringScores taskAgnostic(DiscoveryData data, List<NclPrediction> predictions) {
        check(data, predictions);
        int[] p = new int[predictions.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = predictions.get(i).index();
        }
        return ClusteringScores.of(data.groundTruth(), p);
    }

    /**
     * Strict task-agnostic accuracy: a row predicted as known output j is correct iff its ground-truth class
     * is known class j (matched by name); the novel outputs are mapped one-to-one to the other (novel)
     * ground-truth classes by the Hungarian algorithm on the rows that are predicted novel and are novel.
     *
     * @param data rows with ground truth whose known class names are ground-truth class names
     * @param predictions one prediction per row of {@code data}, in order
     * @return the accuracy in [0, 1] over all rows
     * @throws IllegalArgumentException if the data has no ground truth, a known class name is not a ground-truth
     *     class name, or the counts differ
     */
    public static double taskAgnosticStrict(DiscoveryData data, List<NclPrediction> predictions) {
        check(data, predictions);
        List<String> known = data.knownClassNames();
        List<String> truthNames = data.groundTruthNames();
        int[] classOfKnown = new int[known.size()];
        boolean[] isKnownClass = new boolean[truthNames.size()];
        for (int j = 0; j < known.size(); j++) {
            classOfKnown[j] = truthNames.indexOf(known.get(j));
            if (classOfKnown[j] < 0) {
                throw new IllegalArgumentException("known class '" + known.get(j) + "' is not among the ground-truth classes "
                        + truthNames + "; the strict task-agnostic accuracy needs the known classes by name");
            }
            isKnownClass[classOfKnown[j]] = true;
        }
        int[] truth = data.groundTruth();
        int cl = known.size();
        long correct = 0;
        int novelRows = 0;
        for (int i = 0; i < truth.length; i++) {
            int idx = predictions.get(i).index();
            if (idx < cl) {
                if (classOfKnown[idx] == truth[i]) {
                    correct++;
                }
            } else if (!isKnownClass[truth[i]]) {
                novelRows++;
            }
        }
        if (novelRows > 0) {
            int[] t = new int[novelRows];
            int[] p = new int[novelRows];
            int n = 0;
            for (int i = 0; i < truth.length; i++) {
                int idx = predictions.get(i).index();
                if (idx >= cl && !isKnownClass[truth[i]]) {
                    t[n] = truth[i];
                    p[n] = idx;
                    n++;
                }
            }
            correct += ClusterMetrics.matching(t, p).correct();
        }
        return (double) correct / truth.length;
    }

    /**
     * The k-means baseline: k-means ({@code restarts} seeded k-means++ runs, the best kept) on the raw features
     * of the unlabeled rows, scored against their ground truth.
     *
     * @param data rows with ground truth
     * @param k number of clusters
     * @param restarts number of runs
     * @param seed seed of the runs
     * @return ACC, NMI and ARI over the unlabeled rows
     * @throws IllegalArgumentException if the data has no ground truth or no unlabeled row, or k is invalid
     */
    public static ClusteringScores kmeans(DiscoveryData data, int k, int restarts, long seed) {
        Objects.requireNonNull(data, "data");
        if (!data.hasGroundTruth()) {
            throw new IllegalArgumentException("the data has no ground truth: the k-means baseline is scored against it");
        }
        int[] rows = data.unlabeledRows();
        if (rows.length == 0) {
            throw new IllegalArgumentException("the data has no unlabeled row: the k-means baseline clusters unlabeled rows");
        }
        DiscoveryData novel = data.subset(rows);
        int[] assignments = new KMeans(k, restarts, seed).fit(novel.features(), novel.numFeatures()).assignments();
        return ClusteringScores.of(novel.groundTruth(), assignments);
    }

    private static void check(DiscoveryData data, List<NclPrediction> predictions) {
        checkCount(data, predictions);
        if (!data.hasGroundTruth()) {
            throw new IllegalArgumentException("the data has no ground truth: evaluation compares predictions with it");
        }
    }

    private static void checkCount(DiscoveryData data, List<NclPrediction> predictions) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(predictions, "predictions");
        if (predictions.size() != data.numRows()) {
            throw new IllegalArgumentException(predictions.size() + " predictions for " + data.numRows()
                    + " rows; expected one prediction per row");
        }
    }
}
