// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclProvenance;
import org.ncl.core.data.DiscoveryData;

/**
 * Fabricated data and predictions with hand-checked scores. Ground-truth classes a, b (known, known labels
 * 0, 1) and c, d (novel); C_l = 2, C_u = 2, so joint outputs 0..3.
 *
 * <pre>
 * row            0  1  2  3  4  5  6  7  8  9
 * ground truth   a  a  b  b  c  c  c  d  d  d
 * known label    0  0  1  1  -  -  -  -  -  -
 * knownClass     0  0  1  0  1  1  0  0  1  1   -&gt; known accuracy on rows 0-3: 3/4
 * novelCluster   0  1  1  0  1  1  0  0  0  0   -&gt; on rows 4-9: c={1,1,0}, d={0,0,0}: ACC 5/6
 * index (joint)  1  1  0  0  3  3  2  2  2  1
 * </pre>
 *
 * Task-agnostic, Hungarian over all outputs: 1-&gt;a (2), 0-&gt;b (2), 3-&gt;c (2), 2-&gt;d (2): ACC 8/10. Strict:
 * no known output is right for its own class (rows 0-3 swap a and b, row 9 is d predicted as b), the novel
 * outputs give 3-&gt;c (rows 4, 5) and 2-&gt;d (rows 7, 8): ACC 4/10. NMI (arithmetic) and ARI were computed
 * independently from the contingency tables with Python's math module (the formulas of scikit-learn's
 * normalized_mutual_info_score and adjusted_rand_score).
 */
final class Fixtures {

    static final double NOVEL_NMI = 0.47870397138567994;
    static final double NOVEL_ARI = 0.32432432432432434;
    static final double AGNOSTIC_NMI = 0.7204508819333746;
    static final double AGNOSTIC_ARI = 0.3918918918918919;

    static final int[] TRUTH = {0, 0, 1, 1, 2, 2, 2, 3, 3, 3};
    static final int[] KNOWN = {0, 0, 1, 1, -1, -1, -1, -1, -1, -1};
    static final int[] KNOWN_CLASS = {0, 0, 1, 0, 1, 1, 0, 0, 1, 1};
    static final int[] NOVEL_CLUSTER = {0, 1, 1, 0, 1, 1, 0, 0, 0, 0};
    static final int[] INDEX = {1, 1, 0, 0, 3, 3, 2, 2, 2, 1};

    private Fixtures() {}

    static DiscoveryData data() {
        float[] f = new float[TRUTH.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = i;
        }
        return DiscoveryData.builder(1)
                .features(f)
                .knownLabels(KNOWN, List.of("a", "b"))
                .groundTruth(TRUTH, List.of("a", "b", "c", "d"))
                .build();
    }

    static List<NclPrediction> predictions() {
        List<NclPrediction> p = new ArrayList<>();
        String[] names = {"a", "b", "novel-0", "novel-1"};
        for (int i = 0; i < TRUTH.length; i++) {
            float[] probs = new float[4];
            probs[INDEX[i]] = 1f;
            float[] novel = new float[2];
            novel[NOVEL_CLUSTER[i]] = 1f;
            p.add(new NclPrediction(
                    INDEX[i], names[INDEX[i]], INDEX[i] >= 2, probs, KNOWN_CLASS[i], NOVEL_CLUSTER[i], novel));
        }
        return p;
    }

    /** A provenance with stage times 1, 2, 3 s, discovery epoch index 2 of 4 kept with score 0.4321. */
    static NclProvenance provenance() {
        return new NclProvenance(
                "0.1.0",
                "0.35.1",
                "PyTorch 2.7.1",
                "cpu()",
                2,
                "17",
                "Linux amd64",
                "2026-01-01T00:00:00Z",
                Map.of("discoveryEpochs", "4", "numNovelClasses", "2"),
                "SMALL_CNN",
                new NclProvenance.DataSummary(10, 1, List.of(1), 4, 6, List.of("a", "b"), 2, "0"),
                List.of(),
                2,
                0.4321,
                Map.of("DISCOVERY", 3.0, "PRETRAIN", 1.0, "SUPERVISED", 2.0),
                Map.of());
    }
}
