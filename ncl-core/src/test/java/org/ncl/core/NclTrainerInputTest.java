package org.ncl.core;

import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.PretrainMethod;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.NUM_NOVEL_CLASSES;
import static org.ncl.core.options.NclOptions.PRETRAIN_METHOD;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ncl.core.data.DiscoveryData;

/**
 * Bad input to {@link NclTrainer#train} and {@link NclModel#predict}: each is an
 * {@link IllegalArgumentException} whose message says what is wrong, and where (row, feature,
 * option, class). Input checks run before any training, so these tests are fast; one small model is
 * trained once for the prediction checks.
 */
class NclTrainerInputTest {

    private static final List<String> TWO = List.of("cat", "dog");
    private static final int U = DiscoveryData.UNLABELED;
    private static NclModel model;

    @BeforeAll
    static void trainOnce() {
        model = new NclTrainer(SyntheticBlobs.options().build()).train(SyntheticBlobs.data(11));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected \"" + p + "\" in: " + message);
        }
    }

    /** Rows of 2 features, {@code labels.length} of them, all distinct and finite. */
    private static DiscoveryData data(int[] labels, List<String> classes) {
        float[] f = new float[labels.length * 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = i * 0.5f;
        }
        return DiscoveryData.builder(2).features(f).knownLabels(labels, classes).build();
    }

    private static NclTrainer trainer(int novel) {
        return new NclTrainer(SyntheticBlobs.options().set(NUM_NOVEL_CLASSES, novel).build());
    }

    // ---- the data itself -------------------------------------------------------------------

    @Test
    void nanInTheDataNamesRowAndFeature() {
        float[] f = SyntheticBlobs.data(1).features();
        f[5 * SyntheticBlobs.DIMS + 3] = Float.NaN;
        String m = message(() -> DiscoveryData.builder(SyntheticBlobs.DIMS).features(f)
                .knownLabels(SyntheticBlobs.data(1).knownLabels(), SyntheticBlobs.data(1).knownClassNames())
                .featureNames(SyntheticBlobs.data(1).featureNames()).build());
        assertContains(m, "row 5", "feature 3 (x3)", "NaN");
    }

    @Test
    void infinityInTheDataNamesRowAndFeature() {
        float[] f = new float[] {0, 1, 2, 3, Float.POSITIVE_INFINITY, 5};
        String m = message(() -> DiscoveryData.builder(2).features(f).knownLabels(new int[] {0, 1, U}, TWO).build());
        assertContains(m, "row 2", "feature 0", "Infinity");
        float[] g = new float[] {0, Float.NEGATIVE_INFINITY, 2, 3};
        String m2 = message(() -> DiscoveryData.builder(2).features(g).knownLabels(new int[] {0, U}, TWO)
                .featureNames(List.of("height", "weight")).build());
        assertContains(m2, "row 0", "feature 1 (weight)", "-Infinity");
    }

    // ---- the data against the task --------------------------------------------------------

    @Test
    void noLabeledRows() {
        String m = message(() -> trainer(2).train(data(new int[] {U, U, U, U, U}, TWO)));
        assertContains(m, "no labeled rows");
    }

    @Test
    void noUnlabeledRows() {
        String m = message(() -> trainer(2).train(data(new int[] {0, 1, 0, 1}, TWO)));
        assertContains(m, "no unlabeled rows");
    }

    @Test
    void singleKnownClass() {
        String m = message(() -> trainer(2).train(data(new int[] {0, 0, U, U, U}, List.of("cat"))));
        assertContains(m, "single known class", "cat", "at least 2");
    }

    @Test
    void knownClassWithoutLabeledRow() {
        String m = message(() -> trainer(2).train(data(new int[] {0, 2, 0, U, U, U}, List.of("cat", "dog", "emu"))));
        assertContains(m, "'dog'", "no labeled row");
    }

    @Test
    void moreNovelClassesThanUnlabeledRows() {
        String m = message(() -> trainer(4).train(data(new int[] {0, 1, 0, 1, U, U, U}, TWO)));
        assertContains(m, "'numNovelClasses'", "4", "3 unlabeled rows");
    }

    @Test
    void imageEncodersOnVectorData() {
        DiscoveryData d = data(new int[] {0, 1, U, U}, TWO);
        for (EncoderType type : new EncoderType[] {EncoderType.SMALL_CNN, EncoderType.RESNET18}) {
            NclTrainer t = new NclTrainer(SyntheticBlobs.options().set(NUM_NOVEL_CLASSES, 2).set(ENCODER, type).build());
            assertContains(message(() -> t.train(d)), "'encoder'", type.name(), "[2]");
        }
    }

    @Test
    void rotNetOnVectorData() {
        NclTrainer t = new NclTrainer(SyntheticBlobs.options().set(NUM_NOVEL_CLASSES, 2)
                .set(PRETRAIN_METHOD, PretrainMethod.ROTNET).build());
        assertContains(message(() -> t.train(data(new int[] {0, 1, U, U}, TWO))), "'pretrainMethod'", "ROTNET",
                "square images", "[2]");
    }

    @Test
    void rotNetOnNonSquareImages() {
        float[] f = new float[4 * 1 * 8 * 12];
        for (int i = 0; i < f.length; i++) {
            f[i] = (i * 37 % 101) / 101f;
        }
        DiscoveryData d = DiscoveryData.builder(1, 8, 12).features(f).knownLabels(new int[] {0, 1, U, U}, TWO).build();
        NclTrainer t = new NclTrainer(SyntheticBlobs.options().set(NUM_NOVEL_CLASSES, 2).set(ENCODER, EncoderType.AUTO)
                .set(PRETRAIN_METHOD, PretrainMethod.ROTNET).build());
        assertContains(message(() -> t.train(d)), "'pretrainMethod'", "[1, 8, 12]");
    }

    @Test
    void gpuWithoutCudaSaysWhatWasFound() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Djl.engine().getGpuCount() == 0, "a GPU is visible");
        NclTrainer t = new NclTrainer(SyntheticBlobs.options().set(DEVICE, DeviceChoice.GPU).build());
        assertContains(message(() -> t.train(SyntheticBlobs.data(1))), "'device'", "GPU", "no CUDA device");
    }

    // ---- prediction ------------------------------------------------------------------------

    @Test
    void predictRejectsAWrongRowLength() {
        int d = SyntheticBlobs.DIMS;
        assertContains(message(() -> model.predict(new float[d + 1])), String.valueOf(d + 1), "[" + d + "]",
                d + " values each");
        assertContains(message(() -> model.predict(new float[2 * d - 1])), String.valueOf(2 * d - 1));
        assertContains(message(() -> model.predict(new float[0])), "0 values");
        assertContains(message(() -> model.embed(new float[d - 1])), String.valueOf(d - 1));
    }

    @Test
    void predictRejectsAWrongShapeEvenWithTheSameNumberOfValues() {
        int[] labels = {0, U};
        // 12 values per row, but as a 3 x 2 x 2 image
        DiscoveryData image = DiscoveryData.builder(3, 2, 2).features(new float[24]).knownLabels(labels, TWO).build();
        assertContains(message(() -> model.predict(image)), "[3, 2, 2]", "[12]");
        DiscoveryData wider = DiscoveryData.builder(13).features(new float[26]).knownLabels(labels, TWO).build();
        assertContains(message(() -> model.predict(wider)), "[13]", "[12]");
    }

    @Test
    void predictRejectsNonFiniteValuesNamingRowAndFeature() {
        float[] rows = SyntheticBlobs.data(1).subset(new int[] {0, 1, 2}).features();
        rows[SyntheticBlobs.DIMS + 4] = Float.NaN;
        assertContains(message(() -> model.predict(rows)), "row 1", "x4", "NaN");
        rows[SyntheticBlobs.DIMS + 4] = 0;
        rows[2 * SyntheticBlobs.DIMS] = Float.NEGATIVE_INFINITY;
        assertContains(message(() -> model.predict(rows)), "row 2", "x0", "-Infinity");
    }

    @Test
    void predictStillWorksAfterRejectedInput() {
        DiscoveryData d = SyntheticBlobs.data(11);
        assertThrows(IllegalArgumentException.class, () -> model.predict(new float[5]));
        List<NclPrediction> p = model.predict(d.subset(new int[] {0, 1, 2, 3}));
        assertEquals(4, p.size());
        for (NclPrediction q : p) {
            assertEquals(1.0, sum(q.probabilities()), 1e-5);
            assertTrue(Arrays.stream(new int[] {q.index()}).allMatch(i -> i >= 0 && i < 7));
        }
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
