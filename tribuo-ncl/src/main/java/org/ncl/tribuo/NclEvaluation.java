package org.ncl.tribuo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ncl.core.metrics.ClusteringScores;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.Evaluation;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.provenance.EvaluationProvenance;

/**
 * The result of {@link NclEvaluator}: known-class accuracy and, on the rows of classes the model never saw, Hungarian
 * cluster accuracy, NMI (arithmetic-mean normalisation, scikit-learn's default) and ARI (Zhong et al., "Neighborhood
 * Contrastive Learning for Novel Class Discovery", CVPR 2021), task-aware (novel head alone) and task-agnostic (the
 * model's predicted labels), with the {@link EvaluationProvenance} of model and data. Immutable.
 *
 * <p>{@link #asMap()} keys are {@link MetricID}s with the macro-average target and the names {@value #KNOWN_ACCURACY}, {@value #KNOWN_HEAD_ACCURACY},
 * {@value #NOVEL_ACCURACY}, {@value #NOVEL_NMI}, {@value #NOVEL_ARI}, and {@code task-agnostic-} + the novel ones;
 * a metric with no rows to compute it on is NaN.
 */
public final class NclEvaluation implements Evaluation<Label> {

    /** Metric name: accuracy on rows of known classes. */
    public static final String KNOWN_ACCURACY = "known-accuracy";
    /** Metric name: accuracy of the known head alone (task-aware) on rows of known classes. */
    public static final String KNOWN_HEAD_ACCURACY = "known-head-accuracy";
    /** Metric name: Hungarian accuracy of the novel head on rows of novel classes. */
    public static final String NOVEL_ACCURACY = "novel-accuracy";
    /** Metric name: NMI (arithmetic mean) of the novel head on rows of novel classes. */
    public static final String NOVEL_NMI = "novel-nmi";
    /** Metric name: ARI of the novel head on rows of novel classes. */
    public static final String NOVEL_ARI = "novel-ari";
    /** Prefix of the task-agnostic versions of the novel metrics. */
    public static final String TASK_AGNOSTIC = "task-agnostic-";

    private final double knownAccuracy;
    private final double knownHeadAccuracy;
    private final int knownRows;
    private final ClusteringScores novel;
    private final ClusteringScores novelTaskAgnostic;
    private final int novelRows;
    private final int unknownRows;
    private final List<String> novelClasses;
    private final List<Prediction<Label>> predictions;
    private final EvaluationProvenance provenance;

    NclEvaluation(double knownAccuracy, double knownHeadAccuracy, int knownRows, ClusteringScores novel, ClusteringScores novelTaskAgnostic,
                  int novelRows, int unknownRows, List<String> novelClasses, List<Prediction<Label>> predictions,
                  EvaluationProvenance provenance) {
        this.knownAccuracy = knownAccuracy;
        this.knownHeadAccuracy = knownHeadAccuracy;
        this.knownRows = knownRows;
        this.novel = novel;
        this.novelTaskAgnostic = novelTaskAgnostic;
        this.novelRows = novelRows;
        this.unknownRows = unknownRows;
        this.novelClasses = List.copyOf(new TreeSet<>(novelClasses));
        this.predictions = Collections.unmodifiableList(predictions);
        this.provenance = provenance;
    }

    /** Accuracy on rows whose true label is a known class of the model (NaN if there are none). */
    public double knownAccuracy() {
        return knownAccuracy;
    }

    /** Accuracy of the known head φ_l alone (task-aware) on rows of known classes (NaN if there are none). */
    public double knownHeadAccuracy() {
        return knownHeadAccuracy;
    }

    /** Rows whose true label is a known class. */
    public int knownRows() {
        return knownRows;
    }

    /** Task-aware scores of the novel head on rows of classes the model does not know; empty if there are none. */
    public Optional<ClusteringScores> novelScores() {
        return Optional.ofNullable(novel);
    }

    /** Task-agnostic scores (predicted labels over known + novel) on rows of novel classes; empty if there are none. */
    public Optional<ClusteringScores> novelTaskAgnosticScores() {
        return Optional.ofNullable(novelTaskAgnostic);
    }

    /** Rows of classes the model does not know. */
    public int novelRows() {
        return novelRows;
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
        Map<MetricID<Label>, Double> m = new LinkedHashMap<>();
        m.put(metric(KNOWN_ACCURACY), knownAccuracy);
        m.put(metric(KNOWN_HEAD_ACCURACY), knownHeadAccuracy);
        m.put(metric(NOVEL_ACCURACY), novel == null ? Double.NaN : novel.accuracy());
        m.put(metric(NOVEL_NMI), novel == null ? Double.NaN : novel.nmi());
        m.put(metric(NOVEL_ARI), novel == null ? Double.NaN : novel.ari());
        m.put(metric(TASK_AGNOSTIC + NOVEL_ACCURACY), novelTaskAgnostic == null ? Double.NaN : novelTaskAgnostic.accuracy());
        m.put(metric(TASK_AGNOSTIC + NOVEL_NMI), novelTaskAgnostic == null ? Double.NaN : novelTaskAgnostic.nmi());
        m.put(metric(TASK_AGNOSTIC + NOVEL_ARI), novelTaskAgnostic == null ? Double.NaN : novelTaskAgnostic.ari());
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
        return String.format(Locale.ROOT, "NclEvaluation(known accuracy %.4f (known head alone %.4f) on %d rows; novel (task-aware) %s; "
                + "novel (task-agnostic) %s; %d rows of %d novel classes; %d unknown rows skipped; NMI normalised by the arithmetic mean)",
                knownAccuracy, knownHeadAccuracy, knownRows, novel, novelTaskAgnostic, novelRows, novelClasses.size(), unknownRows);
    }
}
