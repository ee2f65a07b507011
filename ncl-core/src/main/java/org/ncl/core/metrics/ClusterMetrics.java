// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.metrics;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * External clustering metrics that compare predicted clusters with ground-truth classes: cluster
 * accuracy (ACC), normalised mutual information (NMI) and the adjusted Rand index (ARI), the three
 * scores reported for novel class discovery by Zhong et al., "Neighborhood Contrastive Learning for
 * Novel Class Discovery", CVPR 2021.
 *
 * <p>Every method takes the true class and the predicted cluster of each sample as two int arrays of
 * the same, non-zero length; label values are arbitrary (non-contiguous, negative values allowed) and
 * the number of clusters may differ from the number of classes. NMI and ARI follow scikit-learn
 * ({@code normalized_mutual_info_score}, {@code adjusted_rand_score}) including its special cases.
 * Stateless.
 */
public final class ClusterMetrics {

    /** The float64 machine epsilon, used as scikit-learn does to zero negligible MI terms. */
    private static final double EPS = Math.ulp(1.0);

    private ClusterMetrics() {}

    /**
     * How NMI turns the two entropies H(truth) and H(predicted) into its denominator (scikit-learn's
     * {@code average_method}).
     */
    public enum Normalization {
        /** (H(U) + H(V)) / 2: scikit-learn's default since 0.22 (equal to the V-measure). */
        ARITHMETIC,
        /** sqrt(H(U) &middot; H(V)): scikit-learn's default before 0.22 and the one of many older papers. */
        GEOMETRIC,
        /** min(H(U), H(V)). */
        MIN,
        /** max(H(U), H(V)). */
        MAX;

        /**
         * @param hTruth     entropy of the true labels
         * @param hPredicted entropy of the predicted labels
         * @return the generalised mean of the two entropies
         */
        public double average(double hTruth, double hPredicted) {
            switch (this) {
                case ARITHMETIC:
                    return (hTruth + hPredicted) / 2.0;
                case GEOMETRIC:
                    return Math.sqrt(hTruth * hPredicted);
                case MIN:
                    return Math.min(hTruth, hPredicted);
                case MAX:
                    return Math.max(hTruth, hPredicted);
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /**
     * The contingency table of the two labelings (rows: true classes, columns: predicted clusters).
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @return the table
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static Contingency contingency(int[] truth, int[] predicted) {
        return Contingency.of(truth, predicted);
    }

    /**
     * Cluster accuracy: max over one-to-one maps m from clusters to classes of
     * (1/n) &Sigma;<sub>i</sub> 1[truth<sub>i</sub> = m(predicted<sub>i</sub>)]. With more clusters than
     * classes the surplus clusters count as wrong; with more classes than clusters the surplus classes
     * are never predicted. Solved exactly with the Hungarian algorithm, see {@link #matching(int[], int[])}.
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static double accuracy(int[] truth, int[] predicted) {
        return matching(truth, predicted).accuracy();
    }

    /**
     * The one-to-one map from clusters to classes that maximises the number of correctly placed
     * samples, the map behind {@link #accuracy(int[], int[])}.
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @return the matching, with its number of correct samples
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static ClusterMatching matching(int[] truth, int[] predicted) {
        return matching(Contingency.of(truth, predicted));
    }

    /**
     * The best cluster-to-class map of a contingency table.
     *
     * <p>Solved as a minimum-weight perfect matching (Kuhn-Munkres, JGraphT) on the complete bipartite
     * graph clusters &times; classes, padded to a square with zero-weight dummy vertices on the smaller
     * side; an edge (cluster j, class i) weighs max<sub>count</sub> &minus; count(i, j), so minimum weight
     * means maximum agreement. O(s<sup>3</sup>) for s = max(#clusters, #classes).
     *
     * @param table the contingency table of truth against predictions
     * @return the matching, with its number of correct samples
     */
    public static ClusterMatching matching(Contingency table) {
        int classes = table.classCount();
        int clusters = table.clusterCount();
        long[][] counts = table.counts();
        int s = Math.max(classes, clusters);
        long max = 0;
        for (long[] row : counts) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        // Vertices 0..s-1: clusters (column j), s..2s-1: classes (row i). Dummies are j >= clusters or i >= classes.
        Graph<Integer, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        Set<Integer> clusterSide = new HashSet<>();
        Set<Integer> classSide = new HashSet<>();
        for (int v = 0; v < s; v++) {
            graph.addVertex(v);
            clusterSide.add(v);
            graph.addVertex(s + v);
            classSide.add(s + v);
        }
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < s; i++) {
                DefaultWeightedEdge e = graph.addEdge(j, s + i);
                double w = j < clusters && i < classes ? (double) (max - counts[i][j]) : 0.0;
                graph.setEdgeWeight(e, w);
            }
        }
        MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> m =
                new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(graph, clusterSide, classSide).getMatching();
        int[] matchedClass = new int[clusters];
        boolean[] matched = new boolean[clusters];
        long correct = 0;
        for (DefaultWeightedEdge e : m.getEdges()) {
            int a = graph.getEdgeSource(e);
            int b = graph.getEdgeTarget(e);
            int j = Math.min(a, b);
            int i = Math.max(a, b) - s;
            if (j < clusters && i < classes) {
                matched[j] = true;
                matchedClass[j] = table.classValue(i);
                correct += counts[i][j];
            }
        }
        return new ClusterMatching(table.clusters(), matchedClass, matched, correct, table.n());
    }

    /**
     * Shannon entropy of a labeling in nats (natural log), as scikit-learn's
     * {@code sklearn.metrics.cluster.entropy}: &minus;&Sigma; p log p over the label frequencies; 0 for a
     * single label.
     *
     * @param labels one label per sample
     * @return the entropy, &ge; 0
     * @throws IllegalArgumentException if the array is null or empty
     */
    public static double entropy(int[] labels) {
        Contingency.validate(labels, labels);
        return classEntropy(Contingency.of(labels, labels));
    }

    /**
     * Mutual information of the two labelings in nats (natural log), as scikit-learn's
     * {@code mutual_info_score}: &Sigma;<sub>ij</sub> (n<sub>ij</sub>/n) log(n &middot; n<sub>ij</sub> /
     * (a<sub>i</sub> b<sub>j</sub>)), with terms below the float64 epsilon set to 0 and the sum clipped at 0.
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @return the mutual information, &ge; 0
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static double mutualInformation(int[] truth, int[] predicted) {
        return mutualInformation(Contingency.of(truth, predicted));
    }

    /**
     * Mutual information (nats) of a contingency table; see {@link #mutualInformation(int[], int[])}.
     *
     * @param t the contingency table
     * @return the mutual information, &ge; 0
     */
    public static double mutualInformation(Contingency t) {
        if (t.classCount() == 1 || t.clusterCount() == 1) {
            return 0.0; // MI <= min(H(U), H(V)) and a single label has zero entropy
        }
        long[] a = t.classTotals();
        long[] b = t.clusterTotals();
        double n = t.n();
        double logN = Math.log(n);
        double mi = 0.0;
        for (int c = 0; c < t.nonZeroCells(); c++) {
            double nij = t.cellCount(c);
            double p = nij / n;
            double outer = (double) (a[t.cellRow(c)] * b[t.cellColumn(c)]);
            double term = p * (Math.log(nij) - logN) + p * (-Math.log(outer) + logN + logN);
            if (Math.abs(term) >= EPS) {
                mi += term;
            }
        }
        return Math.max(mi, 0.0);
    }

    /**
     * Normalised mutual information with scikit-learn's default normalisation,
     * {@link Normalization#ARITHMETIC}: NMI = MI(U, V) / ((H(U) + H(V)) / 2), natural logarithm
     * (the ratio does not depend on the base). Note that the NCL paper's baselines and older code used
     * the geometric mean (scikit-learn's default before 0.22); see {@link #nmi(int[], int[], Normalization)}.
     *
     * <p>Special cases as scikit-learn: both labelings constant (a single class and a single cluster)
     * gives 1.0; otherwise a mutual information of 0 gives 0.0 whatever the normalisation.
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @return NMI in [0, 1]
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static double nmi(int[] truth, int[] predicted) {
        return nmi(truth, predicted, Normalization.ARITHMETIC);
    }

    /**
     * Normalised mutual information MI(U, V) / avg(H(U), H(V)), where avg is chosen by {@code norm}
     * (ARITHMETIC: (H(U)+H(V))/2, GEOMETRIC: sqrt(H(U)H(V)), MIN, MAX); entropies and MI in nats.
     * Same special cases as {@link #nmi(int[], int[])}.
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @param norm      how the two entropies are averaged
     * @return NMI in [0, 1]
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, or norm is null
     */
    public static double nmi(int[] truth, int[] predicted, Normalization norm) {
        if (norm == null) {
            throw new IllegalArgumentException(
                    "normalization is null; expected one of ARITHMETIC, GEOMETRIC, MIN, MAX");
        }
        return nmi(Contingency.of(truth, predicted), norm);
    }

    /**
     * Normalised mutual information of a contingency table; see {@link #nmi(int[], int[], Normalization)}.
     *
     * @param t    the contingency table
     * @param norm how the two entropies are averaged
     * @return NMI in [0, 1]
     */
    public static double nmi(Contingency t, Normalization norm) {
        if (norm == null) {
            throw new IllegalArgumentException(
                    "normalization is null; expected one of ARITHMETIC, GEOMETRIC, MIN, MAX");
        }
        if (t.classCount() == 1 && t.clusterCount() == 1) {
            return 1.0; // no split on either side: a perfect match
        }
        double mi = mutualInformation(t);
        if (mi == 0.0) {
            return 0.0;
        }
        return mi / norm.average(classEntropy(t), clusterEntropy(t));
    }

    /**
     * Adjusted Rand index (Hubert and Arabie, 1985), computed as scikit-learn's
     * {@code adjusted_rand_score} from the pair confusion matrix (tn, fp, fn, tp of ordered pairs):
     * ARI = 2 (tp&middot;tn &minus; fn&middot;fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn)).
     * Returns 1.0 when fn = fp = 0 (identical partitions up to relabeling, including both constant and
     * both all-distinct). Exact integer arithmetic up to the final division.
     *
     * @param truth     the true class of every sample
     * @param predicted the predicted cluster of every sample, same length
     * @return ARI in [-0.5, 1]; about 0 for random labelings
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static double ari(int[] truth, int[] predicted) {
        return ari(Contingency.of(truth, predicted));
    }

    /**
     * Adjusted Rand index of a contingency table; see {@link #ari(int[], int[])}.
     *
     * @param t the contingency table
     * @return ARI in [-0.5, 1]
     */
    public static double ari(Contingency t) {
        BigInteger n = BigInteger.valueOf(t.n());
        BigInteger sumSquares = BigInteger.ZERO;
        for (int c = 0; c < t.nonZeroCells(); c++) {
            BigInteger v = BigInteger.valueOf(t.cellCount(c));
            sumSquares = sumSquares.add(v.multiply(v));
        }
        BigInteger rowSquares = sumOfSquares(t.classTotals());
        BigInteger columnSquares = sumOfSquares(t.clusterTotals());
        BigInteger tp = sumSquares.subtract(n);
        BigInteger fp = columnSquares.subtract(sumSquares); // same cluster, different class
        BigInteger fn = rowSquares.subtract(sumSquares); // same class, different cluster
        BigInteger tn = n.multiply(n).subtract(fp).subtract(fn).subtract(sumSquares);
        if (fn.signum() == 0 && fp.signum() == 0) {
            return 1.0;
        }
        BigInteger numerator = tp.multiply(tn).subtract(fn.multiply(fp)).shiftLeft(1);
        BigInteger denominator = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
        return new java.math.BigDecimal(numerator)
                .divide(new java.math.BigDecimal(denominator), java.math.MathContext.DECIMAL128)
                .doubleValue();
    }

    private static BigInteger sumOfSquares(long[] values) {
        BigInteger s = BigInteger.ZERO;
        for (long v : values) {
            BigInteger b = BigInteger.valueOf(v);
            s = s.add(b.multiply(b));
        }
        return s;
    }

    private static double classEntropy(Contingency t) {
        return entropyOf(t.classTotals(), t.n());
    }

    private static double clusterEntropy(Contingency t) {
        return entropyOf(t.clusterTotals(), t.n());
    }

    /** &minus;&Sigma; (c/n)(log c &minus; log n) over non-zero counts, 0 for a single label (scikit-learn's formula). */
    private static double entropyOf(long[] counts, int n) {
        if (counts.length == 1) {
            return 0.0;
        }
        double logN = Math.log(n);
        double h = 0.0;
        for (long c : counts) {
            if (c > 0) {
                h -= ((double) c / n) * (Math.log(c) - logN);
            }
        }
        return h;
    }
}
