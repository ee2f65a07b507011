package org.ncl.weka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.ncl.core.metrics.ClusterMetrics;
import org.ncl.core.metrics.ClusterMatching;
import org.ncl.core.metrics.ClusteringScores;

/**
 * Quality of the novel clusters against a ground-truth attribute, the evaluation protocol of novel class
 * discovery (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021,
 * section 4): the novel head's cluster (task-aware) of every unlabeled training instance that has a
 * ground-truth value, scored with Hungarian-matched accuracy, NMI (arithmetic-mean normalisation, as
 * scikit-learn) and ARI, and the class each novel cluster is matched to. This replaces Weka's
 * "classes to clusters" evaluation, whose search over mappings is exponential in the number of clusters.
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
     * Scores novel clusters.
     *
     * @param truth ground-truth class per instance (-1 = missing: left out)
     * @param novelCluster the novel head's cluster (0..numNovel-1) per instance
     * @param unlabeled whether each instance was unlabeled in training (only those are scored)
     * @param truthNames the ground-truth class names
     * @param numNovel number of novel clusters
     * @param attribute the ground-truth attribute's name
     * @return the report, or null if no unlabeled instance has a ground-truth value
     */
    public static NovelClusterReport of(int[] truth, int[] novelCluster, boolean[] unlabeled, List<String> truthNames,
                                        int numNovel, String attribute) {
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (unlabeled[i] && truth[i] >= 0) {
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        int[] t = new int[n];
        int[] p = new int[n];
        int k = 0;
        for (int i = 0; i < truth.length; i++) {
            if (unlabeled[i] && truth[i] >= 0) {
                t[k] = truth[i];
                p[k] = novelCluster[i];
                k++;
            }
        }
        ClusteringScores scores = ClusteringScores.of(t, p);
        ClusterMatching matching = ClusterMetrics.matching(t, p);
        List<String> matched = new ArrayList<>();
        for (int c = 0; c < numNovel; c++) {
            OptionalInt cls = matching.classOf(c);
            matched.add(cls.isPresent() ? truthNames.get(cls.getAsInt()) : null);
        }
        return new NovelClusterReport(scores, matched, attribute);
    }

    /** A few lines for the clusterer's output. */
    public String describe() {
        return String.format(Locale.ROOT, "Novel clusters against ground truth '%s' on %d unlabeled training instances"
                + " (novel head, Hungarian-matched):%n  ACC %.4f   NMI %.4f (arithmetic-mean normalisation)   ARI %.4f%n",
                groundTruthAttribute, scores.n(), scores.accuracy(), scores.nmi(), scores.ari());
    }
}
