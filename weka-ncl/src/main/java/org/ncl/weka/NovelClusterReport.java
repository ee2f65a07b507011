// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.metrics.ClusterMatching;
import org.ncl.core.metrics.ClusteringScores;

/**
 * Quality of the novel clusters against a ground-truth attribute, from the core's evaluation protocol
 * ({@link org.ncl.core.evaluation.DiscoveryEvaluation}; Zhong et al., "Neighborhood Contrastive Learning for Novel
 * Class Discovery", CVPR 2021, section 4): the novel head's cluster (task-aware) of every unlabeled training instance
 * that has a ground-truth value, scored with Hungarian-matched accuracy, NMI (arithmetic-mean normalisation, as
 * scikit-learn) and ARI, and the class each novel cluster is matched to, named. This replaces Weka's "classes to
 * clusters" evaluation, whose search over mappings is exponential in the number of clusters.
 *
 * @param scores ACC, NMI and ARI of the novel clusters
 * @param matchedClass for each novel cluster, the ground-truth class it is matched to, or null
 * @param groundTruthAttribute the attribute the truth came from
 */
public record NovelClusterReport(ClusteringScores scores, List<String> matchedClass, String groundTruthAttribute)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Copies the list (null entries kept). */
    public NovelClusterReport {
        matchedClass = java.util.Collections.unmodifiableList(new ArrayList<>(matchedClass));
    }

    /**
     * The novel-cluster part of the core's evaluation, with the classes named.
     *
     * @param result the core's evaluation of the training instances (ground truth: the values' indices of
     *     {@code truthNames})
     * @param truthNames the ground-truth class names
     * @param numNovel number of novel clusters
     * @param attribute the ground-truth attribute's name
     * @return the report, or null if no unlabeled instance has a ground-truth value
     */
    public static NovelClusterReport of(
            EvaluationResult result, List<String> truthNames, int numNovel, String attribute) {
        if (result.novel() == null) {
            return null;
        }
        ClusterMatching matching = result.novelMatching();
        List<String> matched = new ArrayList<>();
        for (int c = 0; c < numNovel; c++) {
            OptionalInt cls = matching.classOf(c);
            matched.add(cls.isPresent() ? truthNames.get(cls.getAsInt()) : null);
        }
        return new NovelClusterReport(result.novel(), matched, attribute);
    }

    /** A few lines for the clusterer's output. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "Novel clusters against ground truth '%s' on %d unlabeled training instances"
                        + " (novel head, Hungarian-matched):%n  ACC %.4f   NMI %.4f (arithmetic-mean normalisation)   ARI %.4f%n",
                groundTruthAttribute,
                scores.n(),
                scores.accuracy(),
                scores.nmi(),
                scores.ari());
    }
}
