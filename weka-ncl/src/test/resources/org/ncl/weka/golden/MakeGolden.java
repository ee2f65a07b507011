// SPDX-License-Identifier: GPL-3.0-or-later
import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import weka.clusterers.NCL;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.converters.ArffSaver;

/** Trains the old weka.clusterers.NCL (commit 4ea68b9) on a tiny data set and writes the golden files. */
public class MakeGolden {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        dir.mkdirs();
        // 4 Gaussian blobs in 4 numeric attributes (values rounded to 3 decimals, so the ARFF text is exact),
        // a nominal feature with some missing values, 'known' labels blobs 0 and 1 on 12 of 16 rows each, 'truth'
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            atts.add(new Attribute("x" + d));
        }
        atts.add(new Attribute("colour", List.of("red", "green", "blue")));
        atts.add(new Attribute("known", List.of("a", "b")));
        atts.add(new Attribute("truth", List.of("a", "b", "c", "d")));
        Instances data = new Instances("ncl-golden", atts, 64);
        Random r = new Random(20240611L);
        for (int c = 0; c < 4; c++) {
            double[] centre = new double[4];
            for (int d = 0; d < 4; d++) {
                centre[d] = r.nextGaussian() * 4;
            }
            for (int i = 0; i < 16; i++) {
                double[] v = new double[7];
                for (int d = 0; d < 4; d++) {
                    v[d] = Math.round((centre[d] + r.nextGaussian()) * 1000) / 1000.0;
                }
                v[4] = r.nextInt(10) == 0 ? Utils.missingValue() : (c + r.nextInt(2)) % 3;
                v[5] = c < 2 && i < 12 ? c : Utils.missingValue();
                v[6] = c;
                data.add(new DenseInstance(1.0, v));
            }
        }
        NCL ncl = new NCL();
        ncl.setOptions(new String[] {"-known-label", "known", "-ground-truth", "truth", "-num-novel", "2",
            "-pretrain-epochs", "1", "-supervised-epochs", "1", "-discovery-epochs", "1", "-encoder", "MLP",
            "-training-batch-size", "32", "-learning-rate", "0.05", "-device", "CPU", "-bce-weight", "0.5", "-S", "7",
            "-batch-size", "20",
            "-core-options", "mlpHiddenSizes=[16], embeddingDim=8, projectionDim=8, batchSize=16, unlabeledQueueSize=32, "
                + "labeledQueueSize=32, selectionSampleSize=20, hngEasyNegatives=8, hngKept=8"});
        ncl.buildClusterer(data);

        SerializationHelper.write(new File(dir, "ncl-v0.1-weka.model").getPath(), ncl);
        ArffSaver saver = new ArffSaver();
        saver.setInstances(data);
        saver.setFile(new File(dir, "ncl-v0.1-data.arff"));
        saver.writeBatch();
        try (PrintWriter out = new PrintWriter(new File(dir, "ncl-v0.1-predictions.csv"), StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("instance,cluster");
            for (int c = 0; c < ncl.numberOfClusters(); c++) {
                header.append(",p_").append(ncl.getClusterNames().get(c));
            }
            out.print(header + "\n");
            for (int i = 0; i < data.numInstances(); i++) {
                StringBuilder line = new StringBuilder().append(i).append(',').append(ncl.clusterInstance(data.instance(i)));
                for (double p : ncl.distributionForInstance(data.instance(i))) {
                    line.append(',').append(Double.toString(p));
                }
                out.print(line + "\n");
            }
        }
        try (PrintWriter out = new PrintWriter(new File(dir, "ncl-v0.1-options.txt"), StandardCharsets.UTF_8)) {
            out.print(Utils.joinOptions(ncl.getOptions()) + "\n");
        }
        try (PrintWriter out = new PrintWriter(new File(dir, "ncl-v0.1-toString.txt"), StandardCharsets.UTF_8)) {
            out.print(ncl.toString());
        }
        System.out.println(ncl);
        ncl.closeModel();
    }
}
