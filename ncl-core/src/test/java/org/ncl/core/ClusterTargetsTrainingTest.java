// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.evaluation.DiscoveryEvaluation;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.options.DiscoveryTargets;
import org.ncl.core.options.NclOptions;

/**
 * Training with cluster targets on a small separable table: the trainer's own choice is recorded in provenance,
 * depends on no hidden label (shuffling the novel rows' ground truth changes neither the choice nor the model), and
 * the known-or-novel decision holds both ways on training rows and on rows held out of training.
 */
class ClusterTargetsTrainingTest {

    /** Blobs split into training rows (the first 200) and held-out rows (the other 80). */
    private static final DiscoveryData ALL = SyntheticBlobs.data(21);

    private static final int[] TRAIN = IntStream.range(0, 200).toArray();
    private static final int[] HELD_OUT = IntStream.range(200, ALL.numRows()).toArray();

    private static NclOptions options() {
        return SyntheticBlobs.options()
                .set(NclOptions.DISCOVERY_TARGETS, DiscoveryTargets.AUTO)
                .build();
    }

    @Test
    void theChoiceIsRecordedAndReadsNoHiddenLabel() {
        DiscoveryData train = ALL.subset(TRAIN);
        int[] shuffled = train.groundTruth().clone();
        int[] unlabeled = train.unlabeledRows();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = unlabeled.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = shuffled[unlabeled[i]];
            shuffled[unlabeled[i]] = shuffled[unlabeled[j]];
            shuffled[unlabeled[j]] = t;
        }
        DiscoveryData scrambled = DiscoveryData.builder(train.sampleShape())
                .features(train.features())
                .knownLabels(train.knownLabels(), train.knownClassNames())
                .featureNames(train.featureNames())
                .groundTruth(shuffled, train.groundTruthNames())
                .build();
        try (NclModel a = new NclTrainer(options()).train(train);
                NclModel b = new NclTrainer(options()).train(scrambled)) {
            assertTrue(
                    a.provenance().choices().containsKey("discoveryTargets.method"),
                    a.provenance().choices().toString());
            assertEquals(a.provenance().choices(), b.provenance().choices());
            DiscoveryData held = ALL.subset(HELD_OUT).withoutGroundTruth();
            assertArrayEquals(indices(a.predict(held)), indices(b.predict(held)), "same model either way");
        }
    }

    @Test
    void knownRowsStayKnownAndNovelRowsGoToNovelClusters() {
        try (NclModel model = new NclTrainer(options()).train(ALL.subset(TRAIN))) {
            for (int[] rows : List.of(TRAIN, HELD_OUT)) {
                DiscoveryData d = ALL.subset(rows);
                EvaluationResult e = DiscoveryEvaluation.evaluate(d, model.predict(d));
                String which = rows == TRAIN ? "training rows" : "held-out rows";
                assertTrue(e.novelJointShare() >= 0.9, which + ": novel rows to novel clusters " + e);
                assertTrue(
                        e.knownJointAccuracy() >= 0.9 * e.knownAccuracy(),
                        which + ": known rows kept " + e.knownJointAccuracy() + " of known head " + e.knownAccuracy());
                assertTrue(e.novelScores().orElseThrow().accuracy() >= 0.9, which + ": " + e);
            }
        }
    }

    private static int[] indices(List<NclPrediction> p) {
        return p.stream().mapToInt(NclPrediction::index).toArray();
    }
}
