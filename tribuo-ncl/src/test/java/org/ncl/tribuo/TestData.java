// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import static org.ncl.core.options.NclOptions.BATCH_SIZE;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.EMBEDDING_DIM;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.LABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.PROJECTION_DIM;
import static org.ncl.core.options.NclOptions.SELECTION_SAMPLE_SIZE;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;
import static org.ncl.core.options.NclOptions.UNLABELED_QUEUE_SIZE;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.FashionMnist;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Shared test data and (cached) trained models: Fashion-MNIST slices and Gaussian blobs. */
final class TestData {

    static final LabelFactory FACTORY = new LabelFactory();
    static final int TRAIN_ROWS = 1500;
    static final int TEST_ROWS = 400;
    static final long SEED = 42L;
    static final String[] PIXELS = new String[784];
    static final String[] BLOB_FEATURES = {"f0", "f1", "f2", "f3", "f4", "f5"};
    static final String[] BLOB_CLASSES = {"a", "b", "c", "d"};

    static {
        for (int i = 0; i < PIXELS.length; i++) {
            PIXELS[i] = String.format("px%03d", i);
        }
    }

    private static DiscoveryData fashion;
    private static NclModel fashionModel;
    private static NclModel blobModel;

    private TestData() {}

    static synchronized DiscoveryData fashion() {
        if (fashion == null) {
            fashion = FashionMnist.embeddedTest();
        }
        return fashion;
    }

    /** The tiny SMALL_CNN settings of the end-to-end tests. */
    static NclOptions fashionOptions() {
        return NclOptions.builder(5)
                .set(DEVICE, DeviceChoice.CPU)
                .set(ENCODER, EncoderType.SMALL_CNN)
                .set(EMBEDDING_DIM, 32)
                .set(BATCH_SIZE, 128)
                .set(PRETRAIN_EPOCHS, 1)
                .set(SUPERVISED_EPOCHS, 1)
                .set(DISCOVERY_EPOCHS, 1)
                .set(UNLABELED_QUEUE_SIZE, 512)
                .set(LABELED_QUEUE_SIZE, 512)
                .set(SELECTION_SAMPLE_SIZE, 200)
                .build();
    }

    static NclTrainer fashionTrainer() {
        return new NclTrainer(fashionOptions(), "1,28,28", SEED);
    }

    /** Rows [from, to) of the embedded test split as a training dataset: classes 0-4 labeled, 5-9 unknown. */
    static MutableDataset<Label> fashionTrain(int from, int to) {
        return fashionDataset(from, to, false);
    }

    /** Rows [from, to) with their true class names as labels (for evaluation and prediction). */
    static MutableDataset<Label> fashionTruth(int from, int to) {
        return fashionDataset(from, to, true);
    }

    private static MutableDataset<Label> fashionDataset(int from, int to, boolean truth) {
        DiscoveryData data = fashion();
        List<Example<Label>> list = new ArrayList<>();
        for (int r = from; r < to; r++) {
            float[] row = data.row(r);
            double[] values = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                values[j] = row[j];
            }
            int g = data.groundTruth()[r];
            Label label = truth
                    ? new Label(data.groundTruthNames().get(g))
                    : data.knownLabel(r) == DiscoveryData.UNLABELED
                            ? LabelFactory.UNKNOWN_LABEL
                            : new Label(data.groundTruthNames().get(g));
            list.add(new ArrayExample<>(label, PIXELS, values));
        }
        return new MutableDataset<>(new ListDataSource<>(
                list,
                FACTORY,
                new SimpleDataSourceProvenance(
                        "fashion-mnist-t10k[" + from + "," + to + ")" + (truth ? "-truth" : ""), FACTORY)));
    }

    /** The same rows as the core sees them through the adapter: known classes sorted by name, no ground truth. */
    static DiscoveryData fashionCore(int from, int to) {
        DiscoveryData data = fashion();
        List<String> known = new ArrayList<>(new TreeSet<>(data.knownClassNames()));
        int n = to - from;
        float[] f = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            data.copyRow(from + i, f, i * 784);
            int k = data.knownLabel(from + i);
            labels[i] = k == DiscoveryData.UNLABELED
                    ? DiscoveryData.UNLABELED
                    : known.indexOf(data.knownClassNames().get(k));
        }
        return DiscoveryData.builder(1, 28, 28)
                .features(f)
                .knownLabels(labels, known)
                .featureNames(List.of(PIXELS))
                .build();
    }

    /** The Tribuo model trained on the first {@link #TRAIN_ROWS} rows (trained once per JVM). */
    static synchronized NclModel fashionModel() {
        if (fashionModel == null) {
            fashionModel = fashionTrainer().train(fashionTrain(0, TRAIN_ROWS));
        }
        return fashionModel;
    }

    // ---- Gaussian blobs: 4 classes in 6-D, a and b known, c and d novel ---------------------

    static NclTrainer blobTrainer() {
        NclOptions o = NclOptions.builder(2)
                .set(DEVICE, DeviceChoice.CPU)
                .set(ENCODER, EncoderType.MLP)
                .set(MLP_HIDDEN_SIZES, List.of(32))
                .set(EMBEDDING_DIM, 16)
                .set(PROJECTION_DIM, 16)
                .set(BATCH_SIZE, 64)
                .set(PRETRAIN_EPOCHS, 1)
                .set(SUPERVISED_EPOCHS, 2)
                .set(DISCOVERY_EPOCHS, 2)
                .set(UNLABELED_QUEUE_SIZE, 256)
                .set(LABELED_QUEUE_SIZE, 256)
                .set(SELECTION_SAMPLE_SIZE, 100)
                .build();
        return new NclTrainer(o, "", 7L);
    }

    /** Blob rows: per class {@code perClass} rows; known classes labeled, novel ones unknown unless {@code truth}. */
    static List<Example<Label>> blobExamples(int perClass, long seed, boolean truth) {
        Random rnd = new Random(seed);
        List<Example<Label>> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < BLOB_CLASSES.length; c++) {
                double[] v = new double[BLOB_FEATURES.length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = (j == c ? 4.0 : 0.0) + (j == c + 2 ? -3.0 : 0.0) + rnd.nextGaussian();
                }
                Label label = truth || c < 2 ? new Label(BLOB_CLASSES[c]) : LabelFactory.UNKNOWN_LABEL;
                out.add(new ArrayExample<>(label, BLOB_FEATURES, v));
            }
        }
        return out;
    }

    static MutableDataset<Label> blobDataset(List<Example<Label>> examples, String name) {
        return new MutableDataset<>(
                new ListDataSource<>(examples, FACTORY, new SimpleDataSourceProvenance(name, FACTORY)));
    }

    static synchronized NclModel blobModel() {
        if (blobModel == null) {
            blobModel = blobTrainer().train(blobDataset(blobExamples(100, 1L, false), "blobs-train"));
        }
        return blobModel;
    }
}
