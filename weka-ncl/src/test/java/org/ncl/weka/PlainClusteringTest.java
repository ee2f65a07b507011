// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.metrics.ClusteringScores;
import weka.clusterers.NCL;
import weka.core.Instances;

/**
 * Without a known-label attribute NCL is a plain clusterer (zero known classes in the core): on well separated
 * Gaussian blobs it finds the blobs, its clusters are named novel-0 .. novel-(k-1), and the model (no known head)
 * survives Weka serialisation.
 */
class PlainClusteringTest {

    @Test
    void findsSeparatedBlobsWithoutAnyKnownClass() throws Exception {
        Instances data = Fixtures.blobs(4, 60, 8, 11);
        NCL ncl = Fixtures.tinyNcl(4);
        ncl.setPretrainEpochs(5);
        ncl.setDiscoveryEpochs(10);
        ncl.setCoreOptions(
                "encoder=MLP, mlpHiddenSizes=[64], embeddingDim=16, projectionDim=16, unlabeledQueueSize=64, "
                        + "selectionSampleSize=100");
        ncl.buildClusterer(data);
        assertEquals(List.of("novel-0", "novel-1", "novel-2", "novel-3"), ncl.getClusterNames());
        int[] truth = new int[data.numInstances()];
        int[] clusters = new int[data.numInstances()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i / 60;
            clusters[i] = ncl.clusterInstance(data.instance(i));
        }
        ClusteringScores scores = ClusteringScores.of(truth, clusters);
        System.out.println("NCL as a plain clusterer on 4 blobs: " + scores);
        assertTrue(scores.accuracy() > 0.9, scores.toString());
        String text = ncl.toString();
        assertTrue(text.contains("known-label attribute none"), text);
        assertTrue(
                text.contains("no known-label attribute: every instance is unlabeled; clustering into 4 clusters"),
                text);
        // the core switches hard negatives off without labeled rows and says so (the rule is no longer the adapter's)
        assertTrue(text.contains(org.ncl.core.NclTrainer.HARD_NEGATIVES_OFF), text);
        // the core model without a known head survives Weka serialisation
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        weka.core.SerializationHelper.write(bytes, ncl);
        NCL loaded = (NCL) weka.core.SerializationHelper.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        for (int i = 0; i < data.numInstances(); i += 10) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    ncl.distributionForInstance(data.instance(i)),
                    loaded.distributionForInstance(data.instance(i)),
                    0.0,
                    "instance " + i);
        }
        loaded.closeModel();
        ncl.closeModel();
    }
}
