// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import java.util.ArrayList;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import weka.clusterers.NCL;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/** Shared test data and small settings. */
final class Fixtures {

    private static DiscoveryData fashion;

    private Fixtures() {}

    /** The embedded Fashion-MNIST test split (classes 0-4 known), loaded once. */
    static synchronized DiscoveryData fashion() {
        if (fashion == null) {
            fashion = FashionMnist.embeddedTest();
        }
        return fashion;
    }

    /** The same rows as a flat [784] DiscoveryData, as the core sees vectors. */
    static DiscoveryData flat(DiscoveryData images, int[] rows) {
        DiscoveryData sub = images.subset(rows);
        return DiscoveryData.builder(sub.numFeatures())
                .features(sub.features())
                .knownLabels(sub.knownLabels(), sub.knownClassNames())
                .groundTruth(sub.groundTruth(), sub.groundTruthNames())
                .build();
    }

    /** NCL with small, fast settings on Fashion-MNIST vectors: known labels in 'known', truth in 'class'. */
    static NCL smallFashionNcl() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute(FashionMnistArff.KNOWN);
        ncl.setGroundTruthAttribute(FashionMnistArff.CLASS);
        ncl.setNumNovelClasses(5);
        ncl.setPretrainEpochs(2);
        ncl.setSupervisedEpochs(1);
        ncl.setDiscoveryEpochs(3);
        ncl.setTrainingBatchSize(128);
        ncl.setCoreOptions(
                "encoder=MLP, mlpHiddenSizes=[128], embeddingDim=32, projectionDim=32, unlabeledQueueSize=256, "
                        + "labeledQueueSize=256, hngEasyNegatives=32, hngKept=64, selectionSampleSize=200");
        return ncl;
    }

    /** Gaussian blobs: {@code perClass} rows for each of {@code classes} centres in {@code dims} numeric attributes. */
    static Instances blobs(int classes, int perClass, int dims, long seed) {
        java.util.Random r = new java.util.Random(seed);
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int d = 0; d < dims; d++) {
            atts.add(new Attribute("x" + d));
        }
        Instances data = new Instances("blobs", atts, classes * perClass);
        for (int c = 0; c < classes; c++) {
            double[] centre = new double[dims];
            for (int d = 0; d < dims; d++) {
                centre[d] = r.nextGaussian() * 5;
            }
            for (int i = 0; i < perClass; i++) {
                double[] v = new double[dims];
                for (int d = 0; d < dims; d++) {
                    v[d] = centre[d] + r.nextGaussian();
                }
                data.add(new DenseInstance(1.0, v));
            }
        }
        return data;
    }

    /** Tiny settings for small synthetic data. */
    static NCL tinyNcl(int novel) {
        NCL ncl = new NCL();
        ncl.setNumNovelClasses(novel);
        ncl.setPretrainEpochs(1);
        ncl.setSupervisedEpochs(1);
        ncl.setDiscoveryEpochs(1);
        ncl.setTrainingBatchSize(32);
        ncl.setCoreOptions("encoder=MLP, mlpHiddenSizes=[16], embeddingDim=8, projectionDim=8, unlabeledQueueSize=32, "
                + "labeledQueueSize=32, selectionSampleSize=20, hngEasyNegatives=8, hngKept=8");
        return ncl;
    }

    /** Every value of every instance, for comparing data before and after training. */
    static String dump(Instances data) {
        StringBuilder s = new StringBuilder(data.toString());
        for (int i = 0; i < data.numInstances(); i++) {
            s.append(java.util.Arrays.toString(data.instance(i).toDoubleArray()))
                    .append(data.instance(i).weight());
        }
        return s.toString();
    }
}
