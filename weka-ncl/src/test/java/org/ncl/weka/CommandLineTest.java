// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.clusterers.ClusterEvaluation;
import weka.clusterers.NCL;
import weka.core.Instances;

/** {@code weka.clusterers.NCL -t data.arff <options>} (what NCL's main runs) trains and prints the model and the clustering. */
class CommandLineTest {

    @Test
    void trainsFromAnArffFileWithCommandLineOptions(@TempDir Path dir) throws Exception {
        Instances data = FashionMnistArff.sample(200, 2, true);
        File arff = dir.resolve("fashion-200.arff").toFile();
        FashionMnistArff.write(data, arff);
        String out = ClusterEvaluation.evaluateClusterer(new NCL(), new String[] {
            "-t",
            arff.getPath(),
            "-known-label",
            "known",
            "-ground-truth",
            "class",
            "-num-novel",
            "5",
            "-pretrain-epochs",
            "1",
            "-supervised-epochs",
            "1",
            "-discovery-epochs",
            "1",
            "-training-batch-size",
            "64",
            "-device",
            "CPU",
            "-core-options",
            "encoder=MLP, mlpHiddenSizes=[32], embeddingDim=16, projectionDim=16, unlabeledQueueSize=64, "
                    + "labeledQueueSize=64, hngEasyNegatives=16, hngKept=16, selectionSampleSize=50"
        });
        System.out.println(out);
        assertTrue(out.contains("NCL: novel class discovery with Neighborhood Contrastive Learning"), out);
        assertTrue(out.contains("Device: requested CPU; found cpu()"), out);
        assertTrue(out.contains("novel-4"), out);
        assertTrue(
                out.contains("Novel clusters against ground truth 'class' on 100 unlabeled training instances"), out);
        assertTrue(out.contains("Clustered Instances"), out); // Weka's own evaluation of the training data
    }
}
