// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.options.NclOptions;
import org.ncl.tribuo.OnnxExport;

/**
 * What the tests share, built once per JVM: a local[2] Spark session; a tabular model trained with tiny settings on
 * real rows (the embedded Fashion-MNIST test split, each image pooled 4x4 to 49 features, classes 0-4 known), its ONNX
 * export, and the core's predictions for the first {@value #SCORED} rows.
 */
final class Fixture {

    /** Rows the tests score (and the core predicts). */
    static final int SCORED = 4000;

    /** Rows the model is trained on. */
    static final int TRAINED = 2000;

    /** Features per row: 7 x 7 means of 4 x 4 pixels. */
    static final int FEATURES = 49;

    /** The tiny NCL settings of the test model. */
    static final Map<String, String> SETTINGS = Map.of(
            "encoder", "MLP",
            "pretrainEpochs", "1",
            "supervisedEpochs", "2",
            "discoveryEpochs", "2",
            "mlpHiddenSizes", "64",
            "embeddingDim", "32",
            "projectionDim", "16",
            "batchSize", "128",
            "selectionSampleSize", "200",
            "seed", "7");

    private static Fixture instance;

    final SparkSession spark;
    final DiscoveryData rows;
    final byte[] onnx;
    final NclOnnxModel model;
    final List<NclPrediction> expected;
    final float novelLogitOffset;

    private Fixture() {
        DiscoveryData images = FashionMnist.embeddedTest();
        rows = pooled(images, SCORED);
        NclOptions.Builder b = NclOptions.builder(5);
        SETTINGS.forEach(b::set);
        int[] train = new int[TRAINED];
        for (int i = 0; i < TRAINED; i++) {
            train[i] = i;
        }
        try (NclModel core = new NclTrainer(b.build()).train(rows.subset(train))) {
            onnx = OnnxExport.build(core, "org.ncl.test", 1).toByteArray();
            expected = core.predict(rows.features());
            novelLogitOffset = core.novelLogitOffset();
        }
        model = NclOnnxModel.fromBytes(onnx, "test model");
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("spark-ncl-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                // whole-stage code generation compiles every plan; the tests' small tables do not repay it
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    static synchronized Fixture get() {
        if (instance == null) {
            instance = new Fixture();
        }
        return instance;
    }

    /** The first {@code n} images, each pooled to 7 x 7 means of 4 x 4 pixels, with their labels and truth. */
    static DiscoveryData pooled(DiscoveryData images, int n) {
        float[] f = new float[n * FEATURES];
        float[] pixels = images.features();
        for (int i = 0; i < n; i++) {
            for (int by = 0; by < 7; by++) {
                for (int bx = 0; bx < 7; bx++) {
                    float s = 0;
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 4; x++) {
                            s += pixels[i * 784 + (by * 4 + y) * 28 + bx * 4 + x];
                        }
                    }
                    f[i * FEATURES + by * 7 + bx] = s / 16f;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            names.add("px" + j);
        }
        int[] labels = new int[n];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = images.knownLabel(i);
            truth[i] = images.groundTruth()[i];
        }
        return DiscoveryData.builder(FEATURES)
                .features(f)
                .knownLabels(labels, images.knownClassNames())
                .featureNames(names)
                .groundTruth(truth, images.groundTruthNames())
                .build();
    }
}
