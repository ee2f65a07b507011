// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffSaver;

/**
 * Writes a sample of the Fashion-MNIST test split embedded in ncl-core as an ARFF file to try NCL in the
 * Weka Explorer: 784 numeric pixel attributes, a nominal attribute {@code known} with the label of the
 * known classes 0-4 (T-shirt/top .. Coat) and a missing value on the instances of classes 5-9 (the novel
 * classes to discover), and a nominal attribute {@code class} with the true class of every instance
 * (for evaluation only). The standard novel-class split of Zhong et al., "Neighborhood Contrastive
 * Learning for Novel Class Discovery", CVPR 2021, applied to Fashion-MNIST.
 *
 * <p>Usage: {@code java -cp <weka.jar + package jars> org.ncl.weka.FashionMnistArff [out.arff[.gz]] [instances] [seed]}
 * (defaults: {@code fashion-mnist-2000.arff.gz}, 2000, 1). A name ending in {@code .gz} is compressed; Weka reads
 * both. The sample is stratified: the same number of instances from each class.
 */
public final class FashionMnistArff {

    /** Name of the known-label attribute. */
    public static final String KNOWN = "known";
    /** Name of the ground-truth attribute. */
    public static final String CLASS = "class";

    private FashionMnistArff() {}

    /** Writes the file; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0] : "fashion-mnist-2000.arff.gz";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
        Instances data = sample(count, seed, true);
        write(data, new File(out));
        System.out.println("wrote " + data.numInstances() + " instances to " + out);
    }

    /**
     * A stratified sample of the embedded split: {@code count / 10} instances per class, in a seeded random order.
     *
     * @param pixelBytes true: pixels as their byte values 0..255 (compact text); false: the core's values in [0, 1]
     */
    public static Instances sample(int count, long seed, boolean pixelBytes) {
        if (count < 10 || count > 10000) {
            throw new IllegalArgumentException("instances must be in 10..10000, got " + count);
        }
        DiscoveryData data = FashionMnist.embeddedTest();
        return toInstances(data, stratifiedRows(data, count, seed), pixelBytes);
    }

    /** Row ids of a stratified sample of {@code data}: {@code count / classes} rows per ground-truth class, seeded order. */
    public static int[] stratifiedRows(DiscoveryData data, int count, long seed) {
        int[] truth = data.groundTruth();
        int classes = data.groundTruthNames().size();
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = shuffled(data.numRows(), random);
        int perClass = count / classes;
        int[] taken = new int[classes];
        List<Integer> rows = new ArrayList<>();
        for (int r : order) {
            if (taken[truth[r]] < perClass) {
                taken[truth[r]]++;
                rows.add(r);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The given rows of a Fashion-MNIST {@link DiscoveryData} as Instances: pixels, {@code known}, {@code class}.
     *
     * @param pixelBytes true: pixel values 0..255; false: the exact float values of {@code data}
     */
    public static Instances toInstances(DiscoveryData data, int[] rows, boolean pixelBytes) {
        if (!data.hasGroundTruth()) {
            throw new IllegalArgumentException("the data has no ground truth: the class attribute needs it");
        }
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int f = 0; f < data.numFeatures(); f++) {
            atts.add(new Attribute("pixel" + f));
        }
        atts.add(new Attribute(KNOWN, new ArrayList<>(data.knownClassNames())));
        atts.add(new Attribute(CLASS, new ArrayList<>(data.groundTruthNames())));
        Instances out = new Instances("fashion-mnist-ncl", atts, rows.length);
        int d = data.numFeatures();
        int[] truth = data.groundTruth();
        for (int r : rows) {
            double[] v = new double[d + 2];
            float[] row = data.row(r);
            for (int f = 0; f < d; f++) {
                v[f] = pixelBytes ? Math.round(row[f] * 255f) : row[f];
            }
            int known = data.knownLabel(r);
            v[d] = known < 0 ? Utils.missingValue() : known;
            v[d + 1] = truth[r];
            out.add(new DenseInstance(1.0, v));
        }
        return out;
    }

    /** Writes ARFF (gzip-compressed when the name ends in .gz). */
    public static void write(Instances data, File file) throws IOException {
        ArffSaver saver = new ArffSaver();
        saver.setInstances(data);
        saver.setCompressOutput(file.getName().endsWith(".gz"));
        saver.setFile(file);
        saver.writeBatch();
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
