// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusteringScores;
import weka.clusterers.AbstractClusterer;
import weka.clusterers.NCL;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * The labeled path end to end on 1,000 instances of the embedded Fashion-MNIST split (classes 0-4 known,
 * 5-9 novel): NCL in Weka gives exactly the core's predictions for the same options and rows, finds the
 * novel classes well above chance, leaves its input unchanged, and survives Weka serialisation.
 */
class FashionMnistEndToEndTest {

    private static Instances data;
    private static String before;
    private static NCL ncl;
    private static NclModel core;
    private static DiscoveryData flat;

    @BeforeAll
    static void train() throws Exception {
        DiscoveryData images = Fixtures.fashion();
        int[] rows = FashionMnistArff.stratifiedRows(images, 1000, 3);
        data = FashionMnistArff.toInstances(images, rows, false);
        before = Fixtures.dump(data);
        ncl = Fixtures.smallFashionNcl();
        ncl.buildClusterer(data);
        flat = Fixtures.flat(images, rows);
        core = new NclTrainer(ncl.coreOptions()).train(flat);
    }

    @AfterAll
    static void close() {
        if (core != null) {
            core.close();
        }
        if (ncl != null) {
            ncl.closeModel();
        }
    }

    @Test
    void clustersAreTheKnownClassesThenTheNovelOnes() throws Exception {
        assertEquals(
                List.of(
                        "T-shirt/top",
                        "Trouser",
                        "Pullover",
                        "Dress",
                        "Coat",
                        "novel-0",
                        "novel-1",
                        "novel-2",
                        "novel-3",
                        "novel-4"),
                ncl.getClusterNames());
        assertEquals(10, ncl.numberOfClusters());
    }

    @Test
    void predictionsEqualTheCoresForTheSameOptionsAndRows() throws Exception {
        // same batches (512) as the core's predict: bit-identical
        List<NclPrediction> expected = core.predict(flat);
        double[][] batch = ncl.distributionsForInstances(data);
        for (int i = 0; i < data.numInstances(); i++) {
            float[] q = expected.get(i).probabilities();
            assertEquals(q.length, batch[i].length);
            for (int j = 0; j < q.length; j++) {
                assertEquals(q[j], (float) batch[i][j], 0f, "instance " + i + ", cluster " + j);
            }
        }
        // one instance at a time: a batch of 1 takes other BLAS paths, so equal up to float rounding
        for (int i = 0; i < data.numInstances(); i += 5) {
            double[] p = ncl.distributionForInstance(data.instance(i));
            assertArrayEquals(batch[i], p, 1e-5, "instance " + i);
            assertEquals(argmax(batch[i]), ncl.clusterInstance(data.instance(i)), "instance " + i);
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void novelClustersAreFoundWellAboveChanceAndReportedWithTheCoresScores() throws Exception {
        int[] unlabeled = flat.unlabeledRows();
        int[] truth = Arrays.stream(unlabeled).map(i -> flat.groundTruth()[i]).toArray();
        int[] clusters = core.predict(flat.subset(unlabeled)).stream()
                .mapToInt(NclPrediction::novelCluster)
                .toArray();
        ClusteringScores scores = ClusteringScores.of(truth, clusters);
        System.out.println("NCL in Weka, 1000 Fashion-MNIST instances, novel clusters: " + scores);
        // five balanced classes: a random assignment scores about 0.25 after matching
        assertTrue(scores.accuracy() > 0.5, "novel ACC " + scores);
        String text = ncl.toString();
        System.out.println(text);
        assertTrue(
                text.contains(
                        String.format(java.util.Locale.ROOT, "ACC %.4f   NMI %.4f", scores.accuracy(), scores.nmi())),
                text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "ARI %.4f", scores.ari())), text);
        assertTrue(text.contains("on 500 unlabeled training instances"), text);
        assertTrue(text.contains("Device: requested AUTO; found cpu"), text);
        for (String name : ncl.getClusterNames()) {
            assertTrue(text.contains(name), name);
        }
        assertTrue(text.contains("matched to '"), "novel clusters are named by their matched class");
    }

    @Test
    void clusterSizesInTheOutputAddUpToTheTrainingInstances() throws Exception {
        int[] sizes = new int[ncl.numberOfClusters()];
        for (int i = 0; i < data.numInstances(); i++) {
            sizes[ncl.clusterInstance(data.instance(i))]++;
        }
        String text = ncl.toString();
        List<String> names = ncl.getClusterNames();
        for (int c = 0; c < sizes.length; c++) {
            String line = String.format(java.util.Locale.ROOT, "%2d  %-11s  %6d", c, names.get(c), sizes[c]);
            assertTrue(text.contains(line), "'" + line + "' in\n" + text);
        }
        assertEquals(1000, Arrays.stream(sizes).sum());
    }

    @Test
    void theInputInstancesAreUnchanged() {
        assertEquals(before, Fixtures.dump(data));
    }

    @Test
    void wekaSerialisationRoundTripsToIdenticalPredictions() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, ncl);
        NCL loaded = (NCL) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
        try {
            assertEquals(ncl.getClusterNames(), loaded.getClusterNames());
            assertEquals(ncl.toString(), loaded.toString());
            for (int i = 0; i < data.numInstances(); i += 7) {
                assertArrayEquals(
                        ncl.distributionForInstance(data.instance(i)),
                        loaded.distributionForInstance(data.instance(i)),
                        0.0,
                        "instance " + i);
            }
            // a copy made the way Weka's GUI copies schemes is just as good
            NCL copy = (NCL) AbstractClusterer.makeCopy(ncl);
            assertArrayEquals(
                    ncl.distributionForInstance(data.instance(3)), copy.distributionForInstance(data.instance(3)), 0.0);
            copy.closeModel();
        } finally {
            loaded.closeModel();
        }
    }

    @Test
    void theSameSeedGivesTheSameClustersAndAnotherSeedOthers() throws Exception {
        Instances small = new Instances(data, 0, 300);
        List<Integer> first = clusters(7, small);
        assertEquals(first, clusters(7, small));
        assertNotEquals(first, clusters(8, small));
    }

    private static List<Integer> clusters(int seed, Instances small) throws Exception {
        NCL n = Fixtures.smallFashionNcl();
        n.setSeed(seed);
        n.setPretrainEpochs(1);
        n.setDiscoveryEpochs(1);
        n.buildClusterer(small);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < small.numInstances(); i++) {
            out.add(n.clusterInstance(small.instance(i)));
        }
        n.closeModel();
        return out;
    }
}
