// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.ncl.core.NclModel;
import org.ncl.core.data.DiscoveryData;

/**
 * Rows a trained model is asked about, as a {@link DiscoveryData} in the model's terms: its feature names and
 * sample shape, and, when the true class of every row is known, known labels derived from it by name (a row
 * whose true class is one of the model's known classes gets that class's index, every other row is unlabeled
 * and counts as a row of a novel class) with the true classes as ground truth. This is what
 * {@link org.ncl.cli.Evaluation}'s protocol reads: known-class rows are the labeled ones, novel-class rows
 * the unlabeled ones. Test data may name classes the model never saw.
 */
final class ModelData {

    private ModelData() {}

    /**
     * Builds the rows.
     *
     * @param features row-major values of the model's sample shape
     * @param truth the true class name of every row, or null if unknown
     * @throws IllegalArgumentException if the values do not fit the model's sample shape
     */
    static DiscoveryData of(NclModel model, float[] features, List<String> truth) {
        int[] shape = model.sampleShape();
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (features.length == 0 || features.length % size != 0) {
            throw new IllegalArgumentException(
                    features.length + " values are not whole rows of the model's input shape " + Arrays.toString(shape)
                            + " (" + size + " values each)");
        }
        int n = features.length / size;
        List<String> known = model.knownClassNames();
        int[] labels = new int[n];
        Arrays.fill(labels, DiscoveryData.UNLABELED);
        DiscoveryData.Builder b =
                DiscoveryData.builder(shape).features(features).featureNames(model.featureNames());
        if (truth != null) {
            if (truth.size() != n) {
                throw new IllegalArgumentException(truth.size() + " true classes for " + n + " rows");
            }
            List<String> names = new ArrayList<>(known);
            TreeSet<String> others = new TreeSet<>(truth);
            others.removeAll(known);
            names.addAll(others);
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = names.indexOf(truth.get(i));
                if (t[i] < known.size()) {
                    labels[i] = t[i];
                }
            }
            b.groundTruth(t, names);
        }
        return b.knownLabels(labels, known).build();
    }

    /**
     * The same rows as {@code data} (read for another purpose, e.g. with other known classes) in the model's
     * terms: its true classes by name, if it has them.
     */
    static DiscoveryData of(NclModel model, DiscoveryData data) {
        if (!Arrays.equals(model.sampleShape(), data.sampleShape())) {
            throw new IllegalArgumentException("the rows have shape " + Arrays.toString(data.sampleShape())
                    + " but the model was trained on rows of shape " + Arrays.toString(model.sampleShape()));
        }
        List<String> truth = null;
        if (data.hasGroundTruth()) {
            truth = new ArrayList<>(data.numRows());
            for (int g : data.groundTruth()) {
                truth.add(data.groundTruthNames().get(g));
            }
        }
        return of(model, data.features(), truth);
    }
}
