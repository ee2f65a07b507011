// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.util.List;
import java.util.Objects;
import org.ncl.core.NclPrediction;
import org.ncl.core.clustering.KMeans;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.evaluation.DiscoveryEvaluation;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The evaluation protocol of novel class discovery (Zhong et al., "Neighborhood Contrastive Learning for
 * Novel Class Discovery", CVPR 2021, as in its experiments) for the command line and the benchmarks: the core's
 * {@link DiscoveryEvaluation}, which defines every figure, read one figure at a time, plus the k-means
 * baseline. Which rows count is read from the data: rows with a known label are the known-class rows,
 * unlabeled rows are the novel-class rows.
 *
 * <ul>
 *   <li>{@link #evaluate}: every figure at once ({@link EvaluationResult}), for data with ground truth.</li>
 *   <li>{@link #novelHead}: task-aware, the novel head's clusters on the unlabeled rows: ACC (Hungarian), NMI
 *       (arithmetic normalisation) and ARI ({@link EvaluationResult#novel()}).</li>
 *   <li>{@link #knownAccuracy}: the known head on the labeled rows ({@link EvaluationResult#knownAccuracy()}).</li>
 *   <li>{@link #taskAgnostic}: the joint prediction (argmax over both heads) on all rows, Hungarian over all
 *       outputs ({@link EvaluationResult#taskAgnostic()}); ACC of this is what the tables call "task-agnostic".</li>
 *   <li>{@link #taskAgnosticStrict}: the strict variant, known outputs fixed to their own class
 *       ({@link EvaluationResult#taskAgnosticStrictAccuracy()}).</li>
 *   <li>{@link #kmeans}: the k-means baseline on the raw features of the unlabeled rows.</li>
 * </ul>
 *
 * Stateless.
 */
public final class Evaluation {

    private Evaluation() {}

    /**
     * Every figure of the protocol ({@link DiscoveryEvaluation#evaluate(DiscoveryData, List)}) for data with ground
     * truth.
     *
     * @param data rows with ground truth
     * @param predictions one prediction per row of {@code data}, in order
     * @return the scores
     * @throws IllegalArgumentException if the data has no ground truth, a known class is not a ground-truth class, or
     *     the counts differ
     */
    public static EvaluationResult evaluate(DiscoveryData data, List<NclPrediction> predictions) {
        EvaluationResult r = DiscoveryEvaluation.evaluate(data, predictions);
        if (!data.hasGroundTruth()) {
            throw new IllegalArgumentException("the data has no ground truth: evaluation compares predictions with it");
        }
        return r;
    }

    /**
     * The novel head's scores of an evaluation.
     *
     * @param result an evaluation of data with ground truth
     * @return ACC, NMI and ARI over the unlabeled rows
     * @throws IllegalArgumentException if the data had no unlabeled row
     */
    public static ClusteringScores novelHead(EvaluationResult result) {
        return result.novelScores()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the data has no unlabeled row: novel-class scores need unlabeled rows"));
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
        return novelHead(evaluate(data, predictions));
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
        EvaluationResult r = DiscoveryEvaluation.evaluate(data, predictions);
        if (r.knownRows() == 0) {
            throw new IllegalArgumentException("the data has no labeled row: known-class accuracy needs labeled rows");
        }
        return r.knownAccuracy();
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
        return evaluate(data, predictions).taskAgnostic();
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
        return evaluate(data, predictions).taskAgnosticStrictAccuracy();
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
            throw new IllegalArgumentException(
                    "the data has no ground truth: the k-means baseline is scored against it");
        }
        int[] rows = data.unlabeledRows();
        if (rows.length == 0) {
            throw new IllegalArgumentException(
                    "the data has no unlabeled row: the k-means baseline clusters unlabeled rows");
        }
        DiscoveryData novel = data.subset(rows);
        int[] assignments = new KMeans(k, restarts, seed)
                .fit(novel.features(), novel.numFeatures())
                .assignments();
        return ClusteringScores.of(novel.groundTruth(), assignments);
    }
}
