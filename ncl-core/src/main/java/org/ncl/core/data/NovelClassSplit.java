// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Turns a fully labelled data set into a novel class discovery problem: the rows of the chosen
 * <em>known</em> classes keep their labels, the rows of every other class become
 * {@link DiscoveryData#UNLABELED}, and the original labels are kept as ground truth for evaluation
 * (the protocol of Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery",
 * CVPR 2021, for example CIFAR-10 classes 0-4 known and 5-9 novel).
 *
 * <p>In the result:
 * <ul>
 *   <li>the known label of a row of known class {@code knownClasses[j]} is {@code j} (the position of
 *       the class in the list given), and {@code knownClassNames} are those classes' names in that order;</li>
 *   <li>the rows of the other classes are unlabeled;</li>
 *   <li>{@code groundTruth} is the original label of every row, with all class names.</li>
 * </ul>
 *
 * <p>Generalised setting: with a labelled fraction below 1, only that fraction of each known class
 * (rounded, at least one row) keeps its label; the rest become unlabeled too, so the unlabeled rows mix
 * known and novel classes. The rows kept are drawn per class with {@link Random} seeded by the given seed:
 * the same inputs and seed always give the same split.
 */
public final class NovelClassSplit {

    private NovelClassSplit() {}

    /**
     * Splits with every known-class row labelled (the standard setting).
     *
     * @param features row-major values, {@code rows * product(sampleShape)} of them
     * @param sampleShape {@code [d]} or {@code [c, h, w]}
     * @param labels the class of every row, 0..K-1
     * @param classNames the names of the K classes
     * @param knownClasses the ids of the known classes, in the order that defines their known labels
     * @throws IllegalArgumentException see {@link #split(float[], int[], int[], List, int[], double, long)}
     */
    public static DiscoveryData split(
            float[] features, int[] sampleShape, int[] labels, List<String> classNames, int[] knownClasses) {
        return split(features, sampleShape, labels, classNames, knownClasses, 1.0, 0L);
    }

    /**
     * Splits with only a fraction of each known class's rows labelled (the generalised setting when the
     * fraction is below 1).
     *
     * @param labelledFraction the fraction of each known class's rows that keep their label, in (0, 1]
     * @param seed seeds the choice of the labelled rows (unused when the fraction is 1)
     * @throws IllegalArgumentException if a label is outside 0..K-1, the class names are not unique, the known
     *     set is empty, has duplicates or ids outside 0..K-1, contains every class (nothing left to discover),
     *     a known class has no rows, the fraction is outside (0, 1], or the arrays do not fit together
     */
    public static DiscoveryData split(
            float[] features,
            int[] sampleShape,
            int[] labels,
            List<String> classNames,
            int[] knownClasses,
            double labelledFraction,
            long seed) {
        return split(features, sampleShape, labels, classNames, null, knownClasses, labelledFraction, seed);
    }

    /**
     * Splits a data set whose ground truth holds the full labels (for example a CSV file read with a
     * ground-truth column): its known labels are replaced, its features, shape, feature names and ground
     * truth are kept.
     *
     * @throws IllegalArgumentException if {@code data} has no ground truth, or as
     *     {@link #split(float[], int[], int[], List, int[], double, long)}
     */
    public static DiscoveryData split(DiscoveryData data, int[] knownClasses, double labelledFraction, long seed) {
        Objects.requireNonNull(data, "data");
        if (!data.hasGroundTruth()) {
            throw new IllegalArgumentException(
                    "the data set has no ground truth: a novel class split needs the " + "full label of every row");
        }
        return split(
                data.features(),
                data.sampleShape(),
                data.groundTruth(),
                data.groundTruthNames(),
                data.featureNames(),
                knownClasses,
                labelledFraction,
                seed);
    }

    private static DiscoveryData split(
            float[] features,
            int[] sampleShape,
            int[] labels,
            List<String> classNames,
            List<String> featureNames,
            int[] knownClasses,
            double labelledFraction,
            long seed) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(sampleShape, "sampleShape");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(classNames, "classNames");
        Objects.requireNonNull(knownClasses, "knownClasses");
        int numClasses = classNames.size();
        if (numClasses == 0) {
            throw new IllegalArgumentException("no class names: expected one name per class id 0..K-1");
        }
        if (new HashSet<>(classNames).size() != numClasses) {
            throw new IllegalArgumentException("class names are not unique: " + classNames);
        }
        if (!(labelledFraction > 0 && labelledFraction <= 1)) {
            throw new IllegalArgumentException("labelled fraction " + labelledFraction
                    + " is outside (0, 1]: it is the fraction of each known class's rows that keep their label");
        }
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < 0 || l >= numClasses) {
                throw new IllegalArgumentException("row " + i + " has label " + l + "; expected 0.." + (numClasses - 1)
                        + " (one of " + classNames + ")");
            }
            counts[l]++;
        }
        if (knownClasses.length == 0) {
            throw new IllegalArgumentException("the known class set is empty: name at least one class id in 0.."
                    + (numClasses - 1) + " whose rows stay labelled");
        }
        int[] knownIndex = new int[numClasses];
        Arrays.fill(knownIndex, -1);
        List<String> knownNames = new ArrayList<>(knownClasses.length);
        for (int j = 0; j < knownClasses.length; j++) {
            int c = knownClasses[j];
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("known class id " + c + " is out of range: expected 0.."
                        + (numClasses - 1) + " (classes " + classNames + ")");
            }
            if (knownIndex[c] >= 0) {
                throw new IllegalArgumentException("known class id " + c + " (" + classNames.get(c)
                        + ") is listed twice in " + Arrays.toString(knownClasses));
            }
            if (counts[c] == 0) {
                throw new IllegalArgumentException("known class " + c + " (" + classNames.get(c)
                        + ") has no rows: a known class needs labelled examples");
            }
            knownIndex[c] = j;
            knownNames.add(classNames.get(c));
        }
        if (knownClasses.length == numClasses) {
            throw new IllegalArgumentException("all " + numClasses + " classes are known "
                    + Arrays.toString(knownClasses) + ": leave at least one class out as novel");
        }

        int[] known = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            known[i] = knownIndex[labels[i]];
        }
        if (labelledFraction < 1) {
            unlabelAllButFraction(labels, knownClasses, counts, known, labelledFraction, seed);
        }
        return DiscoveryData.builder(sampleShape)
                .features(features)
                .knownLabels(known, knownNames)
                .featureNames(featureNames)
                .groundTruth(labels, classNames)
                .build();
    }

    /** Keeps round(fraction * n) (at least 1) seeded-random rows of each known class labelled. */
    private static void unlabelAllButFraction(
            int[] labels, int[] knownClasses, int[] counts, int[] known, double fraction, long seed) {
        Random random = new Random(seed);
        for (int c : knownClasses) {
            int[] rows = new int[counts[c]];
            int n = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    rows[n++] = i;
                }
            }
            int keep = (int) Math.max(1, Math.min(n, Math.round(fraction * n)));
            // partial Fisher-Yates: rows[0..keep) becomes a uniform random sample
            for (int i = 0; i < keep; i++) {
                int j = i + random.nextInt(n - i);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            for (int i = keep; i < n; i++) {
                known[rows[i]] = DiscoveryData.UNLABELED;
            }
        }
    }
}
