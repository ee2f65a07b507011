// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ncl.core.NclModel;
import org.ncl.core.data.DiscoveryData;
import org.ncl.weka.InstancesEncoding;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * ARFF input of the command-line tool, read with Weka and converted by weka-ncl's {@link InstancesEncoding}, the
 * same conversion the Weka clusterer {@code weka.clusterers.NCL} uses: numeric attributes as they are, nominal ones
 * one-hot (columns named {@code attribute=value}), missing values imputed (for training: mean or most frequent
 * value; for a trained model: the model's training means), the known
 * labels from a named nominal attribute whose missing values mark unlabeled instances, the ground truth from
 * another.
 */
final class ArffInput {

    private ArffInput() {}

    /**
     * Training rows from an ARFF file.
     *
     * @param labelAttribute the nominal attribute with the known labels
     * @param truthAttribute the nominal attribute with the true classes, or null
     * @throws IOException if the file cannot be read as ARFF
     * @throws IllegalArgumentException if an attribute is missing or has the wrong type (the message names it)
     */
    static DiscoveryData read(Path file, String labelAttribute, String truthAttribute) throws IOException {
        Instances data = load(file);
        InstancesEncoding encoding =
                InstancesEncoding.fit(data, labelAttribute, truthAttribute == null ? "" : truthAttribute);
        return encoding.toDiscoveryData(data);
    }

    /**
     * The instances of an ARFF file as rows for a trained model: its feature columns picked by name (attributes the
     * model does not know, such as a known-label attribute, are ignored), the true classes from
     * {@code truthAttribute} when given. Missing values are imputed with the model's training means
     * ({@link #trainingMeans(NclModel)}), never from this file's other instances.
     *
     * @throws IllegalArgumentException if a feature column of the model is missing or a true class is missing
     */
    static DiscoveryData readForModel(Path file, NclModel model, String truthAttribute) throws IOException {
        Instances data = load(file);
        InstancesEncoding encoding = InstancesEncoding.fit(data, "", truthAttribute == null ? "" : truthAttribute);
        List<String> columns = encoding.columnNames();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            index.put(columns.get(c), c);
        }
        List<String> wanted = model.featureNames();
        List<String> missing = new ArrayList<>();
        int[] pick = new int[wanted.size()];
        for (int j = 0; j < pick.length; j++) {
            Integer c = index.get(wanted.get(j));
            if (c == null) {
                missing.add(wanted.get(j));
            } else {
                pick[j] = c;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ": lacks " + missing.size() + " of the model's " + wanted.size()
                    + " feature columns, e.g. " + FeatureCsv.abbreviate(missing) + "; its columns are "
                    + FeatureCsv.abbreviate(columns));
        }
        float[] all = encoding.featuresWithMissingAsNaN(data);
        float[] fill = trainingMeans(model);
        int n = data.numInstances();
        int d = columns.size();
        float[] f = new float[n * pick.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < pick.length; j++) {
                float v = all[i * d + pick[j]];
                f[i * pick.length + j] = Float.isNaN(v) ? fill[j] : v;
            }
        }
        List<String> truth = null;
        if (truthAttribute != null) {
            int[] t = encoding.groundTruth(data);
            List<String> names = encoding.groundTruthNames();
            truth = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (t[i] < 0) {
                    throw new IllegalArgumentException(
                            file + ": instance " + (i + 1) + " has no value of the truth attribute '" + truthAttribute
                                    + "'; evaluation needs the true class of every instance");
                }
                truth.add(names.get(t[i]));
            }
        }
        return ModelData.of(model, f, truth);
    }

    /**
     * The value that stands in for a missing value of each of the model's feature columns: the column's mean over
     * the training rows as kept by the model's standardiser, so that a missing value standardises to 0. (A model
     * file keeps no per-attribute imputation values of its own; for a numeric attribute the training mean is what
     * the encoding imputed at training time; for a nominal attribute each one-hot column gets the fraction of
     * training rows with that value instead of the training mode's 0/1.) The statistics are the model's, never
     * the prediction file's, so an instance's result does not depend on the other instances.
     */
    private static float[] trainingMeans(NclModel model) {
        float[] mean = model.standardizer().mean();
        int d = model.featureNames().size();
        int per = Math.max(1, d / mean.length);
        float[] fill = new float[d];
        for (int j = 0; j < d; j++) {
            fill[j] = mean[Math.min(mean.length - 1, j / per)];
        }
        return fill;
    }

    /** Reads an ARFF file (Weka's {@link ArffLoader}, which reports a syntax error with its line). */
    static Instances load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            ArffLoader loader = new ArffLoader();
            loader.setFile(file.toFile());
            return loader.getDataSet();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable ARFF file: " + Errors.describe(e), e);
        }
    }
}
