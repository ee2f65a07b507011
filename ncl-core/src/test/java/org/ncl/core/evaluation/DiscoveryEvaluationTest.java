// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusterMatching;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The evaluation protocol on hand-made predictions. C_l = 2 known classes a, b (ground truth 0, 1), C_u = 3 novel
 * clusters; ground-truth classes c, d, e (2, 3, 4) are novel; joint outputs 0..4.
 *
 * <pre>
 * row            0  1  2  3  4  5  6  7  8  9 10 11 12
 * known label    0  0  1  1  -  -  -  -  -  -  -  -  0
 * ground truth   0  0  1  1  2  2  2  3  3  4  4  -  -
 * knownClass     0  1  1  1  0  1  0  1  0  1  0  0  0   -&gt; known head on rows 0-3, 12: 4/5
 * novelCluster   2  0  1  2  0  0  1  1  1  2  2  0  1   -&gt; on rows 4-10: 0-&gt;c, 1-&gt;d, 2-&gt;e: ACC 6/7
 * index (joint)  1  1  0  1  2  2  0  3  3  4  3  2  0   -&gt; joint on rows 0-3, 12: rows 3, 12 right: 2/5;
 *                                                           rows 4-10 predicted novel (index &ge; 2): 6/7
 * </pre>
 *
 * Row 11 has neither a known label nor a ground truth (unscored); row 12 is a known-class row without ground truth.
 * Task-agnostic on rows 0-10 (Hungarian over all outputs: 1-&gt;a, 0-&gt;b, 2-&gt;c, 3-&gt;d, 4-&gt;e): ACC 8/11. Strict: of
 * the rows predicted known only row 3 (b as b) is right, the novel outputs on rows 4, 5, 7-10 give 2-&gt;c, 3-&gt;d,
 * 4-&gt;e, 5 right: 6/11. The ACCs and their maps were checked with scipy's linear_sum_assignment, NMI and ARI
 * computed by scikit-learn 1.9.1 ({@code normalized_mutual_info_score}, {@code adjusted_rand_score}).
 */
class DiscoveryEvaluationTest {

    private static final double NOVEL_JOINT_SHARE = 6.0 / 7.0;
    private static final double NOVEL_NMI = 0.7471790950662618;
    private static final double NOVEL_ARI = 0.475;
    private static final double AGNOSTIC_NMI = 0.7138071490266048;
    private static final double AGNOSTIC_ARI = 0.30575035063113604;

    private static final int[] KNOWN = {0, 0, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1, 0};
    private static final int[] TRUTH = {0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, -1, -1};
    private static final int[] KNOWN_CLASS = {0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0};
    private static final int[] NOVEL_CLUSTER = {2, 0, 1, 2, 0, 0, 1, 1, 1, 2, 2, 0, 1};
    private static final int[] INDEX = {1, 1, 0, 1, 2, 2, 0, 3, 3, 4, 3, 2, 0};
    private static final int[] KNOWN_CLASS_TRUTH = {0, 1};

    private static List<NclPrediction> predictions(int rows) {
        String[] names = {"a", "b", "novel-0", "novel-1", "novel-2"};
        List<NclPrediction> p = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            float[] probs = new float[5];
            probs[INDEX[i]] = 1f;
            float[] novel = new float[3];
            novel[NOVEL_CLUSTER[i]] = 1f;
            p.add(new NclPrediction(
                    INDEX[i], names[INDEX[i]], INDEX[i] >= 2, probs, KNOWN_CLASS[i], NOVEL_CLUSTER[i], novel));
        }
        return p;
    }

    @Test
    void everyFigureOnHandMadePredictions() {
        EvaluationResult r = DiscoveryEvaluation.evaluate(predictions(13), KNOWN, TRUTH, KNOWN_CLASS_TRUTH);
        assertEquals(13, r.rows());
        assertEquals(5, r.knownRows());
        assertEquals(0.8, r.knownAccuracy(), 1e-12);
        assertEquals(0.4, r.knownJointAccuracy(), 1e-12);
        assertEquals(NOVEL_JOINT_SHARE, r.novelJointShare(), 1e-12);

        ClusteringScores novel = r.novelScores().orElseThrow();
        assertEquals(7, r.novelRows());
        assertEquals(7, novel.n());
        assertEquals(6.0 / 7.0, novel.accuracy(), 1e-12);
        assertEquals(NOVEL_NMI, novel.nmi(), 1e-12);
        assertEquals(NOVEL_ARI, novel.ari(), 1e-12);
        ClusterMatching m = r.novelClusterMatching().orElseThrow();
        assertEquals(2, m.classOf(0).getAsInt());
        assertEquals(3, m.classOf(1).getAsInt());
        assertEquals(4, m.classOf(2).getAsInt());

        ClusteringScores agnostic = r.taskAgnosticScores().orElseThrow();
        assertEquals(11, r.groundTruthRows());
        assertEquals(11, agnostic.n());
        assertEquals(8.0 / 11.0, agnostic.accuracy(), 1e-12);
        assertEquals(AGNOSTIC_NMI, agnostic.nmi(), 1e-12);
        assertEquals(AGNOSTIC_ARI, agnostic.ari(), 1e-12);
        assertEquals(6.0 / 11.0, r.taskAgnosticStrictAccuracy(), 1e-12);
        assertEquals(1, r.unscoredRows());
    }

    @Test
    void discoveryDataGivesTheSameFiguresWithKnownClassesMatchedByName() {
        // rows 0-10 (DiscoveryData's ground truth covers every row); truth names list the known classes last
        int n = 11;
        int[] truth = new int[n];
        int[] renamed = {3, 4, 0, 1, 2}; // a, b, c, d, e -> positions in [c, d, e, a, b]
        for (int i = 0; i < n; i++) {
            truth[i] = renamed[TRUTH[i]];
        }
        DiscoveryData d = DiscoveryData.builder(1)
                .features(new float[n])
                .knownLabels(java.util.Arrays.copyOf(KNOWN, n), List.of("a", "b"))
                .groundTruth(truth, List.of("c", "d", "e", "a", "b"))
                .build();
        EvaluationResult byName = DiscoveryEvaluation.evaluate(d, predictions(n));
        EvaluationResult plain = DiscoveryEvaluation.evaluate(
                predictions(n),
                java.util.Arrays.copyOf(KNOWN, n),
                java.util.Arrays.copyOf(TRUTH, n),
                KNOWN_CLASS_TRUTH);
        assertEquals(plain.knownAccuracy(), byName.knownAccuracy(), 0.0);
        assertEquals(plain.knownJointAccuracy(), byName.knownJointAccuracy(), 0.0);
        assertEquals(plain.novel(), byName.novel());
        assertEquals(plain.taskAgnostic(), byName.taskAgnostic());
        assertEquals(plain.taskAgnosticStrictAccuracy(), byName.taskAgnosticStrictAccuracy(), 0.0);
        assertEquals(6.0 / 11.0, byName.taskAgnosticStrictAccuracy(), 1e-12);
        assertEquals(0, byName.unscoredRows());
    }

    @Test
    void withoutGroundTruthOnlyTheKnownFiguresExist() {
        DiscoveryData d = DiscoveryData.builder(1)
                .features(new float[13])
                .knownLabels(KNOWN, List.of("a", "b"))
                .build();
        EvaluationResult r = DiscoveryEvaluation.evaluate(d, predictions(13));
        assertEquals(0.8, r.knownAccuracy(), 1e-12);
        assertEquals(0.4, r.knownJointAccuracy(), 1e-12);
        assertTrue(r.novelScores().isEmpty());
        assertTrue(r.novelClusterMatching().isEmpty());
        assertTrue(r.taskAgnosticScores().isEmpty());
        assertTrue(Double.isNaN(r.taskAgnosticStrictAccuracy()));
        assertEquals(8, r.unscoredRows());
    }

    @Test
    void withoutKnownRowsTheKnownFiguresAreNaN() {
        int[] none = new int[13];
        java.util.Arrays.fill(none, DiscoveryData.UNLABELED);
        EvaluationResult r = DiscoveryEvaluation.evaluate(predictions(13), none, TRUTH, KNOWN_CLASS_TRUTH);
        assertEquals(0, r.knownRows());
        assertTrue(Double.isNaN(r.knownAccuracy()));
        assertTrue(Double.isNaN(r.knownJointAccuracy()));
        assertEquals(11, r.novelRows());
    }

    @Test
    void strictAccuracyNeedsEveryKnownClassAmongTheGroundTruth() {
        EvaluationResult r = DiscoveryEvaluation.evaluate(predictions(13), KNOWN, TRUTH, new int[] {0, -1});
        assertTrue(Double.isNaN(r.taskAgnosticStrictAccuracy()));
        assertEquals(8.0 / 11.0, r.taskAgnostic().accuracy(), 1e-12);
        DiscoveryData d = DiscoveryData.builder(1)
                .features(new float[4])
                .knownLabels(new int[] {0, 1, -1, -1}, List.of("a", "x"))
                .groundTruth(new int[] {0, 1, 2, 2}, List.of("a", "b", "c"))
                .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DiscoveryEvaluation.evaluate(d, predictions(4)));
        assertTrue(
                e.getMessage().contains("known class 'x' is not among the ground-truth classes [a, b, c]"),
                e.getMessage());
    }

    @Test
    void onePredictionPerRow() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DiscoveryEvaluation.evaluate(predictions(3), KNOWN, TRUTH, KNOWN_CLASS_TRUTH));
        assertTrue(e.getMessage().contains("3 predictions for 13 rows"), e.getMessage());
        IllegalArgumentException t = assertThrows(
                IllegalArgumentException.class,
                () -> DiscoveryEvaluation.evaluate(predictions(13), KNOWN, new int[2], KNOWN_CLASS_TRUTH));
        assertTrue(t.getMessage().contains("2 ground-truth classes for 13 rows"), t.getMessage());
    }
}
