// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ncl.core.InvalidInputException;
import org.ncl.core.data.DiscoveryData;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/**
 * Converts a Tribuo {@link Dataset} of {@link Label}s into the core's {@link DiscoveryData}: one dense row per
 * example over the dataset's feature map in feature-id order (a feature an example lacks is 0, Tribuo's sparse
 * semantics), known labels indexed by the sorted known class names, and rows whose output equals
 * {@link LabelFactory#UNKNOWN_LABEL} (compared with {@code equals}, so datasets that went through a protobuf or
 * Java-serialization round trip work) unlabeled. It checks only what is Tribuo's own (an empty dataset, the feature
 * map, example weights, the image shape); whether the rows make a discovery task is the core's check
 * ({@link org.ncl.core.NclTrainer#validate}), whose message {@link #inTribuoTerms} rewords.
 */
final class DatasetConverter {

    /** The core data and the number of labeled rows per known class (in the sorted class order). */
    record Converted(DiscoveryData data, Map<String, Integer> knownCounts) {}

    private DatasetConverter() {}

    static boolean isUnknown(Label label) {
        return LabelFactory.UNKNOWN_LABEL.equals(label);
    }

    static Converted toDiscoveryData(Dataset<Label> dataset, int[] imageShape) {
        if (dataset == null || dataset.size() == 0) {
            throw new IllegalArgumentException(
                    "the dataset is empty: NCL needs labeled rows of the known classes and unlabeled rows");
        }
        ImmutableFeatureMap featureMap = dataset.getFeatureIDMap();
        int d = featureMap.size();
        if (d == 0) {
            throw new IllegalArgumentException("the dataset has no features");
        }
        int[] shape = imageShape == null ? new int[] {d} : imageShape.clone();
        if (imageShape != null && imageShape[0] * imageShape[1] * imageShape[2] != d) {
            throw new IllegalArgumentException("option 'imageShape' = " + Arrays.toString(imageShape) + " needs "
                    + imageShape[0] * imageShape[1] * imageShape[2]
                    + " features per row, but the dataset's feature map has " + d);
        }
        Map<String, Integer> counts = new TreeMap<>();
        int n = dataset.size();
        int i = 0;
        for (Example<Label> ex : dataset) {
            Label out = ex.getOutput();
            if (!isUnknown(out)) {
                counts.merge(out.getLabel(), 1, Integer::sum);
            }
            if (ex.getWeight() != 1.0f) {
                throw new IllegalArgumentException("example " + i + " has weight " + ex.getWeight()
                        + "; NCL does not support example weights (every weight must be 1)");
            }
            i++;
        }
        List<String> known = new ArrayList<>(counts.keySet());
        Map<String, Integer> index = new TreeMap<>();
        for (int k = 0; k < known.size(); k++) {
            index.put(known.get(k), k);
        }
        float[] rows = new float[Math.multiplyExact(n, d)];
        int[] labels = new int[n];
        int r = 0;
        for (Example<Label> ex : dataset) {
            Label out = ex.getOutput();
            labels[r] = isUnknown(out) ? DiscoveryData.UNLABELED : index.get(out.getLabel());
            for (Feature f : ex) {
                int id = featureMap.getID(f.getName());
                if (id >= 0) {
                    rows[r * d + id] = (float) f.getValue();
                }
            }
            r++;
        }
        List<String> featureNames = new ArrayList<>(d);
        for (int id = 0; id < d; id++) {
            featureNames.add(featureMap.get(id).getName());
        }
        DiscoveryData data = DiscoveryData.builder(shape)
                .features(rows)
                .knownLabels(labels, known)
                .featureNames(featureNames)
                .build();
        return new Converted(data, counts);
    }

    /**
     * The core's rejection of converted data ({@link org.ncl.core.NclTrainer#validate}) in Tribuo's terms: examples,
     * outputs, {@link LabelFactory#UNKNOWN_LABEL}. The core checks; this only rewords.
     *
     * @param e the core's exception
     * @param examples the number of examples in the dataset
     * @return the same problem in Tribuo's words
     */
    static InvalidInputException inTribuoTerms(InvalidInputException e, int examples) {
        return switch (e.problem()) {
            case NO_UNLABELED_ROWS ->
                e.withMessage("no unlabeled rows: none of the " + examples + " examples has the output "
                        + "LabelFactory.UNKNOWN_LABEL ('" + LabelFactory.UNKNOWN_LABEL.getLabel()
                        + "'), so there is nothing to "
                        + "discover; give the rows of the novel classes the unknown label (e.g. a blank label cell read with "
                        + "NclCsv / BlankLabelResponseProcessor)");
            case NO_LABELED_ROWS ->
                e.withMessage("no labeled rows: all " + examples + " examples have the output "
                        + "LabelFactory.UNKNOWN_LABEL; NCL needs labeled rows of at least 2 known classes");
            case RESERVED_CLASS_NAME ->
                e.withMessage("example " + e.row().orElse(-1) + " has the known label '"
                        + e.knownClass().orElse("?")
                        + "', a name reserved for discovered classes (novel-0, novel-1, ...); "
                        + "rename the class");
            default -> e;
        };
    }
}
