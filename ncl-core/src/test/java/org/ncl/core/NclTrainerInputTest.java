// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.NUM_NOVEL_CLASSES;
import static org.ncl.core.options.NclOptions.PRETRAIN_METHOD;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.PretrainMethod;
import org.ncl.core.progress.TrainingListener;

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
        return new NclTrainer(
                SyntheticBlobs.options().set(NUM_NOVEL_CLASSES, novel).build());
    }

    // ---- the data itself -------------------------------------------------------------------

    @Test
    void nanInTheDataNamesRowAndFeature() {
        float[] f = SyntheticBlobs.data(1).features();
        f[5 * SyntheticBlobs.DIMS + 3] = Float.NaN;
        String m = message(() -> DiscoveryData.builder(SyntheticBlobs.DIMS)
                .features(f)
                .knownLabels(
                        SyntheticBlobs.data(1).knownLabels(),
                        SyntheticBlobs.data(1).knownClassNames())
                .featureNames(SyntheticBlobs.data(1).featureNames())
                .build());
        assertContains(m, "row 5", "feature 3 (x3)", "NaN");
    }

    @Test
    void infinityInTheDataNamesRowAndFeature() {
        float[] f = new float[] {0, 1, 2, 3, Float.POSITIVE_INFINITY, 5};
        String m = message(() -> DiscoveryData.builder(2)
                .features(f)
                .knownLabels(new int[] {0, 1, U}, TWO)
                .build());
        assertContains(m, "row 2", "feature 0", "Infinity");
        float[] g = new float[] {0, Float.NEGATIVE_INFINITY, 2, 3};
        String m2 = message(() -> DiscoveryData.builder(2)
                .features(g)
                .knownLabels(new int[] {0, U}, TWO)
                .featureNames(List.of("height", "weight"))
                .build());
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
            NclTrainer t = new NclTrainer(SyntheticBlobs.options()
                    .set(NUM_NOVEL_CLASSES, 2)
                    .set(ENCODER, type)
                    .build());
            assertContains(message(() -> t.train(d)), "'encoder'", type.name(), "[2]");
        }
    }

    @Test
    void rotNetOnVectorData() {
        NclTrainer t = new NclTrainer(SyntheticBlobs.options()
                .set(NUM_NOVEL_CLASSES, 2)
                .set(PRETRAIN_METHOD, PretrainMethod.ROTNET)
                .build());
        assertContains(
                message(() -> t.train(data(new int[] {0, 1, U, U}, TWO))),
                "'pretrainMethod'",
                "ROTNET",
                "square images",
                "[2]");
    }

    @Test
    void rotNetOnNonSquareImages() {
        float[] f = new float[4 * 1 * 8 * 12];
        for (int i = 0; i < f.length; i++) {
            f[i] = (i * 37 % 101) / 101f;
        }
        DiscoveryData d = DiscoveryData.builder(1, 8, 12)
                .features(f)
                .knownLabels(new int[] {0, 1, U, U}, TWO)
                .build();
        NclTrainer t = new NclTrainer(SyntheticBlobs.options()
                .set(NUM_NOVEL_CLASSES, 2)
                .set(ENCODER, EncoderType.AUTO)
                .set(PRETRAIN_METHOD, PretrainMethod.ROTNET)
                .build());
        assertContains(message(() -> t.train(d)), "'pretrainMethod'", "[1, 8, 12]");
    }

    // ---- the typed exception and the rules that depend on the data ---------------------------

    private static InvalidInputException invalid(Executable call) {
        return assertThrows(InvalidInputException.class, call);
    }

    @Test
    void rejectionsSayWhatIsWrongAndWhere() {
        assertEquals(
                InvalidInputException.Problem.NO_LABELED_ROWS,
                invalid(() -> trainer(2).train(data(new int[] {U, U, U, U, U}, TWO)))
                        .problem());
        InvalidInputException none = invalid(() -> trainer(2).train(data(new int[] {0, 1, 0, 1}, TWO)));
        assertEquals(InvalidInputException.Problem.NO_UNLABELED_ROWS, none.problem());
        assertEquals(0, none.unlabeledRows().getAsInt());
        InvalidInputException single = invalid(() -> trainer(2).train(data(new int[] {0, 0, U, U, U}, List.of("cat"))));
        assertEquals(InvalidInputException.Problem.SINGLE_KNOWN_CLASS, single.problem());
        assertEquals("cat", single.knownClass().orElseThrow());
        InvalidInputException empty =
                invalid(() -> trainer(2).train(data(new int[] {0, 2, 0, U, U, U}, List.of("cat", "dog", "emu"))));
        assertEquals(InvalidInputException.Problem.KNOWN_CLASS_WITHOUT_ROWS, empty.problem());
        assertEquals("dog", empty.knownClass().orElseThrow());
        InvalidInputException many = invalid(() -> trainer(4).train(data(new int[] {0, 1, 0, 1, U, U, U}, TWO)));
        assertEquals(InvalidInputException.Problem.TOO_MANY_NOVEL_CLASSES, many.problem());
        assertEquals("numNovelClasses", many.option().orElseThrow());
        assertEquals(3, many.unlabeledRows().getAsInt());
        NclTrainer cnn = new NclTrainer(SyntheticBlobs.options()
                .set(NUM_NOVEL_CLASSES, 2)
                .set(ENCODER, EncoderType.SMALL_CNN)
                .build());
        InvalidInputException encoder = invalid(() -> cnn.train(data(new int[] {0, 1, U, U}, TWO)));
        assertEquals(InvalidInputException.Problem.OPTION_DOES_NOT_FIT_DATA, encoder.problem());
        assertEquals("encoder", encoder.option().orElseThrow());
        InvalidInputException reworded = many.withMessage("in other words");
        assertEquals("in other words", reworded.getMessage());
        assertEquals(many.problem(), reworded.problem());
        assertEquals(many.unlabeledRows(), reworded.unlabeledRows());
    }

    @Test
    void aKnownClassNamedLikeANovelClusterNamesItsFirstRow() {
        InvalidInputException e =
                invalid(() -> trainer(2).train(data(new int[] {0, U, 1, 1, U, 0, U}, List.of("cat", "novel-1"))));
        assertEquals(InvalidInputException.Problem.RESERVED_CLASS_NAME, e.problem());
        assertEquals("novel-1", e.knownClass().orElseThrow());
        assertEquals(2, e.row().getAsInt());
        assertContains(e.getMessage(), "'novel-1'", "row 2", "reserved");
    }

    @Test
    void plainClusteringIsValidUnlessKnownClassesAreRequired() {
        DiscoveryData plain = data(new int[] {U, U, U, U, U}, List.of());
        trainer(2).validate(plain);
        InvalidInputException e =
                invalid(() -> trainer(2).requiringKnownClasses().validate(plain));
        assertEquals(InvalidInputException.Problem.NO_LABELED_ROWS, e.problem());
        assertContains(e.getMessage(), "no labeled rows");
        assertTrue(trainer(2).requiringKnownClasses().knownClassesRequired());
    }

    @Test
    void withoutLabeledRowsHardNegativesAreSwitchedOffAndRecorded() {
        NclOptions asked = SyntheticBlobs.options().set(HARD_NEGATIVES, true).build();
        assertEquals(asked, NclTrainer.effectiveOptions(asked, true));
        assertEquals(false, NclTrainer.effectiveOptions(asked, false).get(HARD_NEGATIVES));
        assertEquals(asked.toBuilder().set(HARD_NEGATIVES, false).build(), NclTrainer.effectiveOptions(asked, false));

        DiscoveryData blobs = SyntheticBlobs.data(11);
        int[] none = new int[blobs.numRows()];
        Arrays.fill(none, U);
        DiscoveryData plain = DiscoveryData.builder(SyntheticBlobs.DIMS)
                .features(blobs.features())
                .knownLabels(none, List.of())
                .build();
        List<String> messages = new java.util.ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
        try (NclModel m = new NclTrainer(asked).train(plain, listener)) {
            assertTrue(messages.contains(NclTrainer.HARD_NEGATIVES_OFF), messages.toString());
            assertEquals(false, m.options().get(HARD_NEGATIVES));
            assertEquals("false", m.provenance().options().get("hardNegatives"));
        }
        assertTrue(model.options().get(HARD_NEGATIVES), "with labeled rows the option is kept");
    }

    @Test
    void gpuWithoutCudaSaysWhatWasFound() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Djl.engine().getGpuCount() == 0, "a GPU is visible");
        NclTrainer t = new NclTrainer(
                SyntheticBlobs.options().set(DEVICE, DeviceChoice.GPU).build());
        assertContains(
                message(() -> t.train(SyntheticBlobs.data(1))),
                "'device'",
                "GPU",
                "no CUDA device",
                "the CPU natives on the class path are loaded",
                "PYTORCH_LIBRARY_PATH=<its lib folder>, PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128");
    }

    // ---- prediction ------------------------------------------------------------------------

    @Test
    void predictRejectsAWrongRowLength() {
        int d = SyntheticBlobs.DIMS;
        assertContains(
                message(() -> model.predict(new float[d + 1])),
                String.valueOf(d + 1),
                "[" + d + "]",
                d + " values each");
        assertContains(message(() -> model.predict(new float[2 * d - 1])), String.valueOf(2 * d - 1));
        assertContains(message(() -> model.predict(new float[0])), "0 values");
        assertContains(message(() -> model.embed(new float[d - 1])), String.valueOf(d - 1));
    }

    @Test
    void predictRejectsAWrongShapeEvenWithTheSameNumberOfValues() {
        int[] labels = {0, U};
        // 12 values per row, but as a 3 x 2 x 2 image
        DiscoveryData image = DiscoveryData.builder(3, 2, 2)
                .features(new float[24])
                .knownLabels(labels, TWO)
                .build();
        assertContains(message(() -> model.predict(image)), "[3, 2, 2]", "[12]");
        DiscoveryData wider = DiscoveryData.builder(13)
                .features(new float[26])
                .knownLabels(labels, TWO)
                .build();
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
