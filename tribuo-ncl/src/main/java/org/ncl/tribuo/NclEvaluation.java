// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.metrics.ClusteringScores;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.Evaluation;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.provenance.EvaluationProvenance;

/**
 * The result of {@link NclEvaluator}: the core's {@link EvaluationResult} (the protocol of
 * {@link org.ncl.core.evaluation.DiscoveryEvaluation}; Zhong et al., "Neighborhood Contrastive Learning for Novel
 * Class Discovery", CVPR 2021) in Tribuo's terms, with the {@link EvaluationProvenance} of model and data: known-class
 * accuracy (predicted labels, and the known head alone), on the rows of classes the model never saw Hungarian cluster
 * accuracy, NMI (arithmetic-mean normalisation, scikit-learn's default) and ARI of the novel head (task-aware), and the
 * same three scores for the model's predicted labels on all rows, known and novel together (task-agnostic). Immutable.
 *
 * <p>{@link #asMap()} keys are {@link MetricID}s with the macro-average target and the names {@value #KNOWN_ACCURACY},
 * {@value #KNOWN_HEAD_ACCURACY}, {@value #NOVEL_ACCURACY}, {@value #NOVEL_NMI}, {@value #NOVEL_ARI},
 * {@value #TASK_AGNOSTIC_ACCURACY}, {@value #TASK_AGNOSTIC_NMI} and {@value #TASK_AGNOSTIC_ARI}; a metric with no
 * rows to compute it on is NaN.
 */
public final class NclEvaluation implements Evaluation<Label> {

    /** Metric name: accuracy of the predicted labels on rows of known classes. */
    public static final String KNOWN_ACCURACY = "known-accuracy";
    /** Metric name: accuracy of the known head alone (task-aware) on rows of known classes. */
    public static final String KNOWN_HEAD_ACCURACY = "known-head-accuracy";
    /** Metric name: Hungarian accuracy of the novel head on rows of novel classes. */
    public static final String NOVEL_ACCURACY = "novel-accuracy";
    /** Metric name: NMI (arithmetic mean) of the novel head on rows of novel classes. */
    public static final String NOVEL_NMI = "novel-nmi";
    /** Metric name: ARI of the novel head on rows of novel classes. */
    public static final String NOVEL_ARI = "novel-ari";
    /** Prefix of the task-agnostic metrics. */
    public static final String TASK_AGNOSTIC = "task-agnostic-";
    /** Metric name: Hungarian accuracy (all outputs to all true classes) of the predicted labels on all rows. */
    public static final String TASK_AGNOSTIC_ACCURACY = TASK_AGNOSTIC + "accuracy";
    /** Metric name: NMI (arithmetic mean) of the predicted labels on all rows. */
    public static final String TASK_AGNOSTIC_NMI = TASK_AGNOSTIC + "nmi";
    /** Metric name: ARI of the predicted labels on all rows. */
    public static final String TASK_AGNOSTIC_ARI = TASK_AGNOSTIC + "ari";

    private final EvaluationResult result;
    private final int unknownRows;
    private final List<String> novelClasses;
    private final List<Prediction<Label>> predictions;
    private final EvaluationProvenance provenance;

    NclEvaluation(
            EvaluationResult result,
            int unknownRows,
            List<String> novelClasses,
            List<Prediction<Label>> predictions,
            EvaluationProvenance provenance) {
        this.result = result;
        this.unknownRows = unknownRows;
        this.novelClasses = List.copyOf(new TreeSet<>(novelClasses));
        this.predictions = Collections.unmodifiableList(predictions);
        this.provenance = provenance;
    }

    /** The core's evaluation these figures come from. */
    public EvaluationResult coreResult() {
        return result;
    }

    /** Accuracy of the predicted labels on rows whose true label is a known class of the model (NaN if there are none). */
    public double knownAccuracy() {
        return result.knownJointAccuracy();
    }

    /** Accuracy of the known head φ_l alone (task-aware) on rows of known classes (NaN if there are none). */
    public double knownHeadAccuracy() {
        return result.knownAccuracy();
    }

    /** Rows whose true label is a known class. */
    public int knownRows() {
        return result.knownRows();
    }

    /** Task-aware scores of the novel head on rows of classes the model does not know; empty if there are none. */
    public Optional<ClusteringScores> novelScores() {
        return result.novelScores();
    }

    /**
     * Task-agnostic scores: the predicted labels (any of known + novel) on all rows that are not skipped, known and
     * novel classes together, Hungarian-matched over all outputs and true classes; empty if every row was skipped.
     */
    public Optional<ClusteringScores> taskAgnosticScores() {
        return result.taskAgnosticScores();
    }

    /** Rows of classes the model does not know. */
    public int novelRows() {
        return result.novelRows();
    }

    /** Rows skipped because their true label is the unknown label. */
    public int unknownRows() {
        return unknownRows;
    }

    /** The true class names of the novel rows, sorted. */
    public List<String> novelClasses() {
        return novelClasses;
    }

    /** The metric id of a metric name. */
    public static MetricID<Label> metric(String name) {
        MetricTarget<Label> target = MetricTarget.macroAverageTarget();
        return new MetricID<>(target, name);
    }

    @Override
    public Map<MetricID<Label>, Double> asMap() {
        ClusteringScores novel = result.novel();
        ClusteringScores all = result.taskAgnostic();
        Map<MetricID<Label>, Double> m = new LinkedHashMap<>();
        m.put(metric(KNOWN_ACCURACY), knownAccuracy());
        m.put(metric(KNOWN_HEAD_ACCURACY), knownHeadAccuracy());
        m.put(metric(NOVEL_ACCURACY), novel == null ? Double.NaN : novel.accuracy());
        m.put(metric(NOVEL_NMI), novel == null ? Double.NaN : novel.nmi());
        m.put(metric(NOVEL_ARI), novel == null ? Double.NaN : novel.ari());
        m.put(metric(TASK_AGNOSTIC_ACCURACY), all == null ? Double.NaN : all.accuracy());
        m.put(metric(TASK_AGNOSTIC_NMI), all == null ? Double.NaN : all.nmi());
        m.put(metric(TASK_AGNOSTIC_ARI), all == null ? Double.NaN : all.ari());
        return Collections.unmodifiableMap(m);
    }

    @Override
    public List<Prediction<Label>> getPredictions() {
        return predictions;
    }

    @Override
    public EvaluationProvenance getProvenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "NclEvaluation(known accuracy %.4f (known head alone %.4f) on %d rows; novel (task-aware) %s; "
                        + "%d rows of %d novel classes; all rows (task-agnostic) %s; %d unknown rows skipped; NMI normalised by the arithmetic mean)",
                knownAccuracy(),
                knownHeadAccuracy(),
                knownRows(),
                result.novel(),
                novelRows(),
                novelClasses.size(),
                result.taskAgnostic(),
                unknownRows);
    }
}
