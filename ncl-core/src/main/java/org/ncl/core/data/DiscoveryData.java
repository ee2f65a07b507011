// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The input of novel class discovery: a dense sample matrix (vectors or C&times;H&times;W images),
 * a known-class index per row or {@link #UNLABELED}, and optional ground truth that is kept only for
 * evaluation and never reaches training.
 *
 * <p>Immutable: the arrays passed in are copied, accessors return copies or read-only views.
 * Every value is checked on construction; a bad value is reported with its row and feature.
 *
 * <p>Novel class discovery as defined by Zhong et al., "Neighborhood Contrastive Learning for Novel
 * Class Discovery", CVPR 2021: the labeled rows belong to the known classes C_l, the unlabeled rows
 * to C_u novel classes (in the generalised setting some unlabeled rows may also be known).
 */
public final class DiscoveryData {

    /** The known-label value of a row without a label. */
    public static final int UNLABELED = -1;

    private final float[] features;
    private final int[] sampleShape;
    private final int sampleSize;
    private final int[] knownLabels;
    private final List<String> knownClassNames;
    private final List<String> featureNames;
    private final int[] groundTruth;
    private final List<String> groundTruthNames;

    private DiscoveryData(Builder b) {
        this.sampleShape = b.sampleShape.clone();
        int size = 1;
        for (int i = 0; i < sampleShape.length; i++) {
            if (sampleShape[i] <= 0) {
                throw new IllegalArgumentException("sample shape " + Arrays.toString(sampleShape)
                        + " has a non-positive dimension at position " + i);
            }
            try {
                size = Math.multiplyExact(size, sampleShape[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("sample shape " + Arrays.toString(sampleShape) + " has more than "
                        + Integer.MAX_VALUE + " values per row");
            }
        }
        if (sampleShape.length != 1 && sampleShape.length != 3) {
            throw new IllegalArgumentException("sample shape must be [features] or [channels, height, width], got "
                    + Arrays.toString(sampleShape));
        }
        this.sampleSize = size;
        if (b.features.length % size != 0) {
            throw new IllegalArgumentException("feature array of length " + b.features.length
                    + " is not a whole number of samples of shape " + Arrays.toString(sampleShape));
        }
        int rows = b.features.length / size;
        if (rows == 0) {
            throw new IllegalArgumentException("no rows: the data set is empty");
        }
        if (b.knownLabels.length != rows) {
            throw new IllegalArgumentException("known-label array has " + b.knownLabels.length
                    + " entries but the feature matrix has " + rows + " rows");
        }
        if (b.featureNames != null && b.featureNames.size() != size) {
            throw new IllegalArgumentException(b.featureNames.size() + " feature names for " + size + " features");
        }
        for (int i = 0; i < b.features.length; i++) {
            float v = b.features[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(
                        "row " + (i / size) + ", feature " + describeFeature(i % size, b.featureNames) + " is " + v
                                + "; every value must be a finite number");
            }
        }
        this.features = b.features.clone();
        this.knownClassNames = List.copyOf(b.knownClassNames);
        if (new java.util.HashSet<>(knownClassNames).size() != knownClassNames.size()) {
            throw new IllegalArgumentException("known class names are not unique: " + knownClassNames);
        }
        for (int i = 0; i < rows; i++) {
            int l = b.knownLabels[i];
            if (l != UNLABELED && (l < 0 || l >= knownClassNames.size())) {
                throw new IllegalArgumentException("row " + i + " has known label " + l + "; expected "
                        + UNLABELED + " (unlabeled) or 0.." + (knownClassNames.size() - 1)
                        + " (one of " + knownClassNames + ")");
            }
        }
        this.knownLabels = b.knownLabels.clone();
        requireUnique(b.featureNames, "feature names");
        this.featureNames = b.featureNames == null ? defaultFeatureNames(size) : List.copyOf(b.featureNames);
        if (b.groundTruth != null) {
            if (b.groundTruth.length != rows) {
                throw new IllegalArgumentException("ground-truth array has " + b.groundTruth.length
                        + " entries but the feature matrix has " + rows + " rows");
            }
            int names = b.groundTruthNames.size();
            for (int i = 0; i < rows; i++) {
                if (b.groundTruth[i] < 0 || b.groundTruth[i] >= names) {
                    throw new IllegalArgumentException("row " + i + " has ground-truth class " + b.groundTruth[i]
                            + "; expected 0.." + (names - 1));
                }
            }
            requireUnique(b.groundTruthNames, "ground-truth class names");
            this.groundTruth = b.groundTruth.clone();
            this.groundTruthNames = List.copyOf(b.groundTruthNames);
        } else {
            this.groundTruth = null;
            this.groundTruthNames = List.of();
        }
    }

    private static void requireUnique(List<String> names, String what) {
        if (names != null && new java.util.HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(what + " are not unique: " + names);
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= numRows()) {
            throw new IndexOutOfBoundsException("row " + row + " is outside 0.." + (numRows() - 1));
        }
    }

    private static String describeFeature(int index, List<String> names) {
        return names == null ? Integer.toString(index) : index + " (" + names.get(index) + ")";
    }

    private static List<String> defaultFeatureNames(int size) {
        List<String> names = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            names.add("f" + i);
        }
        return Collections.unmodifiableList(names);
    }

    /** Starts a builder for rows of the given shape ({@code [d]} for vectors, {@code [c, h, w]} for images). */
    public static Builder builder(int... sampleShape) {
        return new Builder(sampleShape);
    }

    /** Number of rows. */
    public int numRows() {
        return knownLabels.length;
    }

    /** Number of values per row (the product of the sample shape). */
    public int numFeatures() {
        return sampleSize;
    }

    /** The shape of one row: {@code [d]} or {@code [c, h, w]}. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** True if rows are images ({@code [c, h, w]}). */
    public boolean isImage() {
        return sampleShape.length == 3;
    }

    /** Number of known classes C_l. */
    public int numKnownClasses() {
        return knownClassNames.size();
    }

    /** Names of the known classes, indexed by known label. */
    public List<String> knownClassNames() {
        return knownClassNames;
    }

    /** Names of the features (generated as f0, f1, ... when none were given). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The known label of a row, or {@link #UNLABELED}. */
    public int knownLabel(int row) {
        return knownLabels[row];
    }

    /** A copy of all known labels. */
    public int[] knownLabels() {
        return knownLabels.clone();
    }

    /** True if ground truth (for evaluation only) is present. */
    public boolean hasGroundTruth() {
        return groundTruth != null;
    }

    /** A copy of the ground truth class per row, or null. */
    public int[] groundTruth() {
        return groundTruth == null ? null : groundTruth.clone();
    }

    /** Names of the ground-truth classes (empty without ground truth). */
    public List<String> groundTruthNames() {
        return groundTruthNames;
    }

    /** Copies one row into {@code dest} at {@code offset}. */
    public void copyRow(int row, float[] dest, int offset) {
        checkRow(row);
        System.arraycopy(features, row * sampleSize, dest, offset, sampleSize);
    }

    /** A copy of one row. */
    public float[] row(int row) {
        checkRow(row);
        return Arrays.copyOfRange(features, row * sampleSize, (row + 1) * sampleSize);
    }

    /** A copy of the whole row-major feature matrix. */
    public float[] features() {
        return features.clone();
    }

    /** One value. */
    public float value(int row, int feature) {
        return features[row * sampleSize + feature];
    }

    /** Indices of the labeled rows, ascending. */
    public int[] labeledRows() {
        return rowsWhere(true);
    }

    /** Indices of the unlabeled rows, ascending. */
    public int[] unlabeledRows() {
        return rowsWhere(false);
    }

    private int[] rowsWhere(boolean labeled) {
        return java.util.stream.IntStream.range(0, numRows())
                .filter(i -> (knownLabels[i] != UNLABELED) == labeled)
                .toArray();
    }

    /** A new data set with the given rows, in the given order. */
    public DiscoveryData subset(int[] rows) {
        float[] f = new float[Math.multiplyExact(rows.length, sampleSize)];
        int[] k = new int[rows.length];
        int[] g = groundTruth == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            copyRow(rows[i], f, i * sampleSize);
            k[i] = knownLabels[rows[i]];
            if (g != null) {
                g[i] = groundTruth[rows[i]];
            }
        }
        Builder b =
                builder(sampleShape).features(f).knownLabels(k, knownClassNames).featureNames(featureNames);
        if (g != null) {
            b.groundTruth(g, groundTruthNames);
        }
        return b.build();
    }

    /** The same rows with ground truth removed (what training sees). */
    public DiscoveryData withoutGroundTruth() {
        Builder b = builder(sampleShape)
                .features(features)
                .knownLabels(knownLabels, knownClassNames)
                .featureNames(featureNames);
        return b.build();
    }

    /**
     * SHA-256 over the shape, the features and the known labels (not the ground truth): identifies
     * the training data in a model's provenance.
     */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf =
                    ByteBuffer.allocate(4 * Math.max(sampleShape.length, 1024)).order(ByteOrder.LITTLE_ENDIAN);
            for (int s : sampleShape) {
                buf.putInt(s);
            }
            buf.flip();
            md.update(buf);
            buf.clear();
            for (float v : features) {
                if (!buf.hasRemaining()) {
                    buf.flip();
                    md.update(buf);
                    buf.clear();
                }
                buf.putFloat(v);
            }
            for (int l : knownLabels) {
                if (!buf.hasRemaining()) {
                    buf.flip();
                    md.update(buf);
                    buf.clear();
                }
                buf.putInt(l);
            }
            buf.flip();
            md.update(buf);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "DiscoveryData{rows=" + numRows() + ", shape=" + Arrays.toString(sampleShape)
                + ", labeled=" + labeledRows().length + ", knownClasses=" + knownClassNames
                + (groundTruth != null ? ", groundTruth=" + groundTruthNames : "") + "}";
    }

    /** Builds a {@link DiscoveryData}; all checks happen in {@link #build()}. */
    public static final class Builder {
        private final int[] sampleShape;
        private float[] features;
        private int[] knownLabels;
        private List<String> knownClassNames = List.of();
        private List<String> featureNames;
        private int[] groundTruth;
        private List<String> groundTruthNames;

        private Builder(int[] sampleShape) {
            this.sampleShape =
                    Objects.requireNonNull(sampleShape, "sampleShape").clone();
        }

        /** Row-major values, {@code rows * product(sampleShape)} of them. */
        public Builder features(float[] features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /** Known label per row ({@link #UNLABELED} or an index into {@code classNames}). */
        public Builder knownLabels(int[] labels, List<String> classNames) {
            this.knownLabels = Objects.requireNonNull(labels, "labels");
            this.knownClassNames = Objects.requireNonNull(classNames, "classNames");
            return this;
        }

        /** Names of the features, one per value of a row. */
        public Builder featureNames(List<String> names) {
            this.featureNames = names;
            return this;
        }

        /** Ground truth per row (an index into {@code names}), used only for evaluation. */
        public Builder groundTruth(int[] truth, List<String> names) {
            this.groundTruth = Objects.requireNonNull(truth, "truth");
            this.groundTruthNames = Objects.requireNonNull(names, "names");
            return this;
        }

        /** Checks every value and builds the immutable data set. */
        public DiscoveryData build() {
            if (features == null) {
                throw new IllegalArgumentException("no features were given");
            }
            if (knownLabels == null) {
                throw new IllegalArgumentException(
                        "no known labels were given (use DiscoveryData.UNLABELED for unlabeled rows)");
            }
            return new DiscoveryData(this);
        }
    }
}
