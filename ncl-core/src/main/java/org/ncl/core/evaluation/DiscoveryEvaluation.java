// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusterMatching;
import org.ncl.core.metrics.ClusterMetrics;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The evaluation protocol of novel class discovery (Zhong et al., "Neighborhood Contrastive Learning for Novel
 * Class Discovery", CVPR 2021, section 4; Fini et al., "A Unified Objective for Novel Class Discovery", ICCV
 * 2021), defined once for every front end. It scores one {@link NclPrediction} per row against two facts about
 * the row, either of which may be missing: its <em>known label</em> (the index of its known class, the output of
 * the known head it should get) and its <em>ground truth</em> (its true class among the known and the novel
 * classes together). A row with a known label is a <em>known-class row</em>; a row without one but with a ground
 * truth is a <em>novel-class row</em>.
 *
 * <ul>
 *   <li><b>Known-class accuracy</b> ({@link EvaluationResult#knownAccuracy()}, task-aware): the share of
 *       known-class rows whose known head φ_l alone ({@link NclPrediction#knownClass()}) gives their known label.
 *       Plain accuracy: the known outputs are named, nothing is matched.</li>
 *   <li><b>Novel-class scores</b> ({@link EvaluationResult#novel()}, task-aware, the paper's headline numbers): the
 *       novel head φ_u alone ({@link NclPrediction#novelCluster()}) on the novel-class rows against their ground
 *       truth: cluster accuracy ACC with the best one-to-one map from clusters to classes (Hungarian algorithm),
 *       NMI (arithmetic-mean normalisation, scikit-learn's default) and ARI, from {@link ClusteringScores}.</li>
 *   <li><b>Task-agnostic scores</b> ({@link EvaluationResult#taskAgnostic()}): the model is not told whether a row
 *       belongs to a known or a novel class. Its joint prediction, the argmax over the C_l + C_u outputs of both
 *       heads ({@link NclPrediction#index()}, the decision the model itself makes), on <em>every</em> row with a
 *       ground truth, known-class and novel-class rows together, against the ground truth over the union of the
 *       known and the novel classes: ACC with one Hungarian map from all C_l + C_u outputs to all classes (so a
 *       known output is in principle free to be matched to another class), NMI and ARI.</li>
 * </ul>
 *
 * Three further figures come with these: {@link EvaluationResult#knownJointAccuracy()}, the share of known-class
 * rows whose joint prediction is their own known class (what a user of the model sees on the known classes);
 * {@link EvaluationResult#novelJointShare()}, the share of novel-class rows whose joint prediction is a novel
 * cluster (the known-or-novel decision on the novel rows); and {@link EvaluationResult#taskAgnosticStrictAccuracy()}, a stricter task-agnostic accuracy over the same rows
 * in which known output j is right only for known class j's rows (the known outputs are not matched) and the
 * Hungarian map pairs the novel outputs with the classes that are not known classes, on the rows predicted novel.
 *
 * <p>Stateless.
 */
public final class DiscoveryEvaluation {

    private DiscoveryEvaluation() {}

    /**
     * Evaluates predictions on data in the core's terms: the labeled rows are the known-class rows with their known
     * labels; the data's ground truth, when it has one, gives every row's true class, and the known classes are
     * ground-truth classes by name. Data without ground truth has only the known-class figures.
     *
     * @param data the rows the predictions were made for
     * @param predictions one prediction per row of {@code data}, in order
     * @return the scores
     * @throws IllegalArgumentException if the counts differ, or the data has ground truth and a known class name
     *     is not one of its class names
     */
    public static EvaluationResult evaluate(DiscoveryData data, List<NclPrediction> predictions) {
        Objects.requireNonNull(data, "data");
        checkCount(data.numRows(), predictions);
        int[] truth = data.hasGroundTruth() ? data.groundTruth() : null;
        return evaluate(predictions, data.knownLabels(), truth, knownClassTruth(data));
    }

    /**
     * For each known class of {@code data}, its index among the ground-truth class names; the check that
     * {@link #evaluate(DiscoveryData, List)} makes of the data, for callers that want it before the predictions
     * exist (before a long training).
     *
     * @return the indices, or null if the data has no ground truth
     * @throws IllegalArgumentException if the data has ground truth and a known class name is not one of its class
     *     names
     */
    public static int[] knownClassTruth(DiscoveryData data) {
        Objects.requireNonNull(data, "data");
        if (!data.hasGroundTruth()) {
            return null;
        }
        List<String> known = data.knownClassNames();
        List<String> truthNames = data.groundTruthNames();
        int[] knownClassTruth = new int[known.size()];
        for (int j = 0; j < known.size(); j++) {
            knownClassTruth[j] = truthNames.indexOf(known.get(j));
            if (knownClassTruth[j] < 0) {
                throw new IllegalArgumentException("known class '" + known.get(j) + "' is not among the ground-truth "
                        + "classes " + truthNames + "; the task-agnostic scores need the known classes by name");
            }
        }
        return knownClassTruth;
    }

    /**
     * Evaluates predictions on rows described by plain arrays (for front ends that hold rows in their own types).
     *
     * @param predictions one prediction per row
     * @param knownLabels per row, the known class (0..C_l-1, the known head's output) of a known-class row, or a
     *     negative value ({@link DiscoveryData#UNLABELED}) for any other row
     * @param groundTruth per row, the true class (any value &ge; 0; known and novel classes together), or a negative
     *     value where it is not known; null when no row has one
     * @param knownClassTruth for each known class j, its value in {@code groundTruth}, or a negative value if it is not
     *     a ground-truth class (the strict task-agnostic accuracy is then NaN); may be null (the same)
     * @return the scores
     * @throws IllegalArgumentException if the lengths differ, or a prediction names a known output that
     *     {@code knownClassTruth} lacks
     */
    public static EvaluationResult evaluate(
            List<NclPrediction> predictions, int[] knownLabels, int[] groundTruth, int[] knownClassTruth) {
        Objects.requireNonNull(knownLabels, "knownLabels");
        int n = knownLabels.length;
        checkCount(n, predictions);
        if (groundTruth != null && groundTruth.length != n) {
            throw new IllegalArgumentException(groundTruth.length + " ground-truth classes for " + n + " rows");
        }
        int knownRows = 0;
        int knownHeadCorrect = 0;
        int knownJointCorrect = 0;
        int truthRows = 0;
        int novelRows = 0;
        int novelJoint = 0;
        int unscored = 0;
        for (int r = 0; r < n; r++) {
            NclPrediction p = Objects.requireNonNull(predictions.get(r), "prediction");
            int k = knownLabels[r];
            boolean hasTruth = groundTruth != null && groundTruth[r] >= 0;
            if (k >= 0) {
                knownRows++;
                if (p.knownClass() == k) {
                    knownHeadCorrect++;
                }
                if (!p.novel() && p.index() == k) {
                    knownJointCorrect++;
                }
            } else if (hasTruth) {
                novelRows++;
                if (p.novel()) {
                    novelJoint++;
                }
            } else {
                unscored++;
            }
            if (hasTruth) {
                truthRows++;
            }
        }
        ClusteringScores novel = null;
        ClusterMatching novelMatching = null;
        if (novelRows > 0) {
            int[] t = new int[novelRows];
            int[] c = new int[novelRows];
            int i = 0;
            for (int r = 0; r < n; r++) {
                if (knownLabels[r] < 0 && groundTruth[r] >= 0) {
                    t[i] = groundTruth[r];
                    c[i] = predictions.get(r).novelCluster();
                    i++;
                }
            }
            novel = ClusteringScores.of(t, c);
            novelMatching = ClusterMetrics.matching(t, c);
        }
        ClusteringScores taskAgnostic = null;
        double strict = Double.NaN;
        if (truthRows > 0) {
            int[] t = new int[truthRows];
            int[] joint = new int[truthRows];
            int i = 0;
            for (int r = 0; r < n; r++) {
                if (groundTruth[r] >= 0) {
                    t[i] = groundTruth[r];
                    joint[i] = predictions.get(r).index();
                    i++;
                }
            }
            taskAgnostic = ClusteringScores.of(t, joint);
            strict = strictAccuracy(predictions, groundTruth, knownClassTruth, truthRows);
        }
        return new EvaluationResult(
                n,
                knownRows,
                knownRows == 0 ? Double.NaN : (double) knownHeadCorrect / knownRows,
                knownRows == 0 ? Double.NaN : (double) knownJointCorrect / knownRows,
                novel,
                novelMatching,
                novelRows == 0 ? Double.NaN : (double) novelJoint / novelRows,
                taskAgnostic,
                strict,
                unscored);
    }

    /**
     * The strict task-agnostic accuracy over the rows with a ground truth: a row predicted as known output j is right
     * iff its true class is known class j's; the novel outputs are mapped one-to-one to the classes that are not known
     * classes by the Hungarian algorithm on the rows that are predicted novel and are of such a class.
     */
    private static double strictAccuracy(
            List<NclPrediction> predictions, int[] groundTruth, int[] knownClassTruth, int truthRows) {
        if (knownClassTruth == null) {
            return Double.NaN;
        }
        Set<Integer> knownTruth = new HashSet<>();
        for (int v : knownClassTruth) {
            if (v < 0) {
                return Double.NaN;
            }
            knownTruth.add(v);
        }
        long correct = 0;
        int novelPredicted = 0;
        for (int r = 0; r < groundTruth.length; r++) {
            if (groundTruth[r] < 0) {
                continue;
            }
            NclPrediction p = predictions.get(r);
            if (!p.novel()) {
                if (p.index() >= knownClassTruth.length) {
                    throw new IllegalArgumentException("row " + r + " is predicted as known output " + p.index()
                            + ", but " + knownClassTruth.length + " known classes were given");
                }
                if (knownClassTruth[p.index()] == groundTruth[r]) {
                    correct++;
                }
            } else if (!knownTruth.contains(groundTruth[r])) {
                novelPredicted++;
            }
        }
        if (novelPredicted > 0) {
            int[] t = new int[novelPredicted];
            int[] c = new int[novelPredicted];
            int i = 0;
            for (int r = 0; r < groundTruth.length; r++) {
                if (groundTruth[r] >= 0 && predictions.get(r).novel() && !knownTruth.contains(groundTruth[r])) {
                    t[i] = groundTruth[r];
                    c[i] = predictions.get(r).index();
                    i++;
                }
            }
            correct += ClusterMetrics.matching(t, c).correct();
        }
        return (double) correct / truthRows;
    }

    private static void checkCount(int rows, List<NclPrediction> predictions) {
        Objects.requireNonNull(predictions, "predictions");
        if (predictions.size() != rows) {
            throw new IllegalArgumentException(
                    predictions.size() + " predictions for " + rows + " rows; expected one prediction per row");
        }
    }
}
