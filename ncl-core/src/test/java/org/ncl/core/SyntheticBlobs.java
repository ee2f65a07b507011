// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.ncl.core.options.NclOptions.BATCH_SIZE;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.EMBEDDING_DIM;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.HNG_EASY_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_KEPT;
import static org.ncl.core.options.NclOptions.LABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;
import static org.ncl.core.options.NclOptions.MODEL_SELECTION;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.SELECTION_SAMPLE_SIZE;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;
import static org.ncl.core.options.NclOptions.UNLABELED_QUEUE_SIZE;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.ModelSelection;
import org.ncl.core.options.NclOptions;

/**
 * Test support: a small, well-separated tabular novel class discovery problem and the small, fast
 * options every training test uses.
 *
 * <p>Seven Gaussian blobs in {@value #DIMS} dimensions (unit noise, centres drawn at radius about
 * {@value #SEPARATION}): classes 0..3 are the known classes, every one of their rows labeled;
 * classes 4..6 are the novel classes, every one of their rows unlabeled. Ground truth (0..6) is kept
 * for evaluation. The generator is seeded, so the data (and its SHA-256) is always the same.
 */
final class SyntheticBlobs {

    /** Values per row. */
    static final int DIMS = 12;
    /** Known classes (labeled rows). */
    static final int KNOWN = 4;
    /** Novel classes (unlabeled rows). */
    static final int NOVEL = 3;
    /** Rows per class. */
    static final int PER_CLASS = 40;
    /** Norm of the class centres. */
    static final double SEPARATION = 12.0;

    private SyntheticBlobs() {}

    /** The problem, drawn with {@code seed}. Rows are interleaved by class. */
    static DiscoveryData data(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int classes = KNOWN + NOVEL;
        double[][] centres = new double[classes][DIMS];
        for (int c = 0; c < classes; c++) {
            double norm = 0;
            for (int j = 0; j < DIMS; j++) {
                centres[c][j] = gaussian(random);
                norm += centres[c][j] * centres[c][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < DIMS; j++) {
                // offset 3 per feature so the standardiser has a non-zero mean to remove
                centres[c][j] = centres[c][j] / norm * SEPARATION + 3.0;
            }
        }
        int rows = classes * PER_CLASS;
        float[] features = new float[rows * DIMS];
        int[] known = new int[rows];
        int[] truth = new int[rows];
        for (int r = 0; r < rows; r++) {
            int c = r % classes;
            truth[r] = c;
            known[r] = c < KNOWN ? c : DiscoveryData.UNLABELED;
            for (int j = 0; j < DIMS; j++) {
                features[r * DIMS + j] = (float) (centres[c][j] + gaussian(random));
            }
        }
        List<String> knownNames = new ArrayList<>();
        List<String> truthNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            truthNames.add("class" + c);
            if (c < KNOWN) {
                knownNames.add("class" + c);
            }
        }
        List<String> featureNames = new ArrayList<>();
        for (int j = 0; j < DIMS; j++) {
            featureNames.add("x" + j);
        }
        return DiscoveryData.builder(DIMS)
                .features(features)
                .knownLabels(known, knownNames)
                .featureNames(featureNames)
                .groundTruth(truth, truthNames)
                .build();
    }

    /** Small options for fast CPU training (a few seconds). */
    static NclOptions.Builder options() {
        return NclOptions.builder(NOVEL)
                .set(DEVICE, DeviceChoice.CPU)
                .set(ENCODER, EncoderType.MLP)
                .set(MLP_HIDDEN_SIZES, List.of(64))
                .set(EMBEDDING_DIM, 16)
                .set(BATCH_SIZE, 64)
                .set(PRETRAIN_EPOCHS, 2)
                .set(SUPERVISED_EPOCHS, 2)
                .set(DISCOVERY_EPOCHS, 3)
                .set(UNLABELED_QUEUE_SIZE, 128)
                .set(LABELED_QUEUE_SIZE, 128)
                .set(HNG_EASY_NEGATIVES, 16)
                .set(HNG_KEPT, 32)
                .set(SELECTION_SAMPLE_SIZE, 100)
                .set(MODEL_SELECTION, ModelSelection.LABEL_FREE);
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
