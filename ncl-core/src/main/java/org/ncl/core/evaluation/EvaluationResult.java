// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.evaluation;

import java.util.Locale;
import java.util.Optional;
import org.ncl.core.metrics.ClusterMatching;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The scores of {@link DiscoveryEvaluation} for one model's predictions on one set of rows; the definitions
 * are {@link DiscoveryEvaluation}'s. A figure without rows to compute it on is NaN (accuracies) or null
 * (scores, matching; the {@code Optional} accessors say so too). Immutable.
 *
 * @param rows all rows evaluated
 * @param knownRows rows of known classes (rows with a known label)
 * @param knownAccuracy the known head's accuracy on the known-class rows (task-aware); NaN without such rows
 * @param knownJointAccuracy the share of known-class rows whose joint prediction (argmax over both heads) is their
 *     own known class; NaN without such rows
 * @param novel the novel head's ACC (Hungarian), NMI and ARI on the novel-class rows (task-aware); null without
 *     such rows
 * @param novelMatching the Hungarian map behind {@code novel}'s ACC, from novel clusters to ground-truth classes;
 *     null when {@code novel} is
 * @param novelJointShare the share of novel-class rows whose joint prediction is a novel cluster (the known-or-novel
 *     decision on novel rows); NaN without such rows
 * @param taskAgnostic ACC (Hungarian over all outputs and all classes), NMI and ARI of the joint prediction on
 *     every row with a ground truth, known-class and novel-class rows together; null without ground truth
 * @param taskAgnosticStrictAccuracy the strict variant of the task-agnostic accuracy (known outputs count only for
 *     their own class); NaN without ground truth or when a known class is not a ground-truth class
 * @param unscoredRows rows with neither a known label nor a ground truth, which no figure counts
 */
public record EvaluationResult(
        int rows,
        int knownRows,
        double knownAccuracy,
        double knownJointAccuracy,
        ClusteringScores novel,
        ClusterMatching novelMatching,
        double novelJointShare,
        ClusteringScores taskAgnostic,
        double taskAgnosticStrictAccuracy,
        int unscoredRows) {

    /** Compact constructor: the novel scores and their matching come together. */
    public EvaluationResult {
        if ((novel == null) != (novelMatching == null)) {
            throw new IllegalArgumentException(
                    "the novel scores and their matching must both be given or both be absent");
        }
    }

    /** Rows of novel classes (no known label, a ground truth) the novel head was scored on. */
    public int novelRows() {
        return novel == null ? 0 : novel.n();
    }

    /** Rows with a ground truth, on which the task-agnostic figures are computed. */
    public int groundTruthRows() {
        return taskAgnostic == null ? 0 : taskAgnostic.n();
    }

    /** The novel head's scores on the novel-class rows; empty without such rows. */
    public Optional<ClusteringScores> novelScores() {
        return Optional.ofNullable(novel);
    }

    /** The Hungarian map from novel clusters to ground-truth classes; empty without novel-class rows. */
    public Optional<ClusterMatching> novelClusterMatching() {
        return Optional.ofNullable(novelMatching);
    }

    /** The task-agnostic scores on all rows with a ground truth; empty without ground truth. */
    public Optional<ClusteringScores> taskAgnosticScores() {
        return Optional.ofNullable(taskAgnostic);
    }

    /** One line with every figure, e.g. for logs. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "EvaluationResult(%d rows; known classes: %d rows, known head accuracy %.4f, "
                        + "joint prediction accuracy %.4f; novel classes (novel head): %s; task-agnostic (joint prediction, "
                        + "all rows with a ground truth): %s, strict accuracy %.4f; %d rows unscored)",
                rows,
                knownRows,
                knownAccuracy,
                knownJointAccuracy,
                novel == null ? "no rows" : novel.toString(),
                taskAgnostic == null ? "no rows" : taskAgnostic.toString(),
                taskAgnosticStrictAccuracy,
                unscoredRows);
    }
}
