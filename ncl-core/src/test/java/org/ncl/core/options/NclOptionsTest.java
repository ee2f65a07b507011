// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.ADAPTIVE_NEIGHBOUR_FRACTION;
import static org.ncl.core.options.NclOptions.BATCH_SIZE;
import static org.ncl.core.options.NclOptions.BCE_WEIGHT;
import static org.ncl.core.options.NclOptions.COSINE_THRESHOLD;
import static org.ncl.core.options.NclOptions.CROP_SCALE_MIN;
import static org.ncl.core.options.NclOptions.DEBIAS_TAU_PLUS;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.EMBEDDING_DIM;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.ENTROPY_WEIGHT;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVES;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVE_THRESHOLD;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVE_TOP_K;
import static org.ncl.core.options.NclOptions.FREEZE_EARLY_LAYERS;
import static org.ncl.core.options.NclOptions.HARDNESS_BETA;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_EASY_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_KEPT;
import static org.ncl.core.options.NclOptions.HNG_MIXING;
import static org.ncl.core.options.NclOptions.HNG_ROUNDS;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.HORIZONTAL_FLIP;
import static org.ncl.core.options.NclOptions.IMAGE_PADDING;
import static org.ncl.core.options.NclOptions.LABELED_OBJECTIVE;
import static org.ncl.core.options.NclOptions.LABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.LEARNING_RATE;
import static org.ncl.core.options.NclOptions.LR_DECAY_AT;
import static org.ncl.core.options.NclOptions.LR_DECAY_FACTOR;
import static org.ncl.core.options.NclOptions.LR_SCHEDULE;
import static org.ncl.core.options.NclOptions.MLP_HIDDEN_SIZES;
import static org.ncl.core.options.NclOptions.MOCHI_HARDEST;
import static org.ncl.core.options.NclOptions.MOCHI_QUERY_MIXES;
import static org.ncl.core.options.NclOptions.MOCHI_SYNTHETIC;
import static org.ncl.core.options.NclOptions.MODEL_SELECTION;
import static org.ncl.core.options.NclOptions.MOMENTUM;
import static org.ncl.core.options.NclOptions.NCL_ALPHA;
import static org.ncl.core.options.NclOptions.NCL_TEMPERATURE;
import static org.ncl.core.options.NclOptions.NCL_TOP_K;
import static org.ncl.core.options.NclOptions.NCL_WEIGHT;
import static org.ncl.core.options.NclOptions.NEIGHBOUR_COUNT;
import static org.ncl.core.options.NclOptions.NEIGHBOUR_POSITIVES;
import static org.ncl.core.options.NclOptions.NOVEL_HEAD_INIT;
import static org.ncl.core.options.NclOptions.NUM_NOVEL_CLASSES;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.PRETRAIN_LEARNING_RATE;
import static org.ncl.core.options.NclOptions.PRETRAIN_METHOD;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;
import static org.ncl.core.options.NclOptions.PRETRAIN_TEMPERATURE;
import static org.ncl.core.options.NclOptions.PROJECTION_DIM;
import static org.ncl.core.options.NclOptions.PSEUDO_LABELS;
import static org.ncl.core.options.NclOptions.RAMP_UP_COEFFICIENT;
import static org.ncl.core.options.NclOptions.RAMP_UP_LENGTH;
import static org.ncl.core.options.NclOptions.RANK_STATS_TOP_K;
import static org.ncl.core.options.NclOptions.SCL_WEIGHT;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.SELECTION_SAMPLE_SIZE;
import static org.ncl.core.options.NclOptions.SSCL_CONTRAST;
import static org.ncl.core.options.NclOptions.SSCL_HARDEST;
import static org.ncl.core.options.NclOptions.SSCL_MIXING;
import static org.ncl.core.options.NclOptions.SSCL_SYNTHETIC;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;
import static org.ncl.core.options.NclOptions.SUPERVISED_LEARNING_RATE;
import static org.ncl.core.options.NclOptions.TABULAR_CORRUPTION;
import static org.ncl.core.options.NclOptions.TABULAR_NOISE;
import static org.ncl.core.options.NclOptions.UNLABELED_OBJECTIVE;
import static org.ncl.core.options.NclOptions.UNLABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.WARMUP_EPOCHS;
import static org.ncl.core.options.NclOptions.WEIGHT_DECAY;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NclOptions}: the documented defaults (the reference values of Zhong et al., "Neighborhood
 * Contrastive Learning for Novel Class Discovery", CVPR 2021, and this project's robust choices), the
 * derived values, validation messages that name the option, the map round trip used by saved models,
 * and the reference recipe.
 */
class NclOptionsTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        NclOptions o = NclOptions.builder(3).build();
        assertEquals(3, o.numNovelClasses());
        assertEquals(1L, o.get(SEED));
        assertEquals(DeviceChoice.AUTO, o.get(DEVICE));
        assertEquals(EncoderType.AUTO, o.get(ENCODER));
        assertEquals(List.of(512, 512), o.get(MLP_HIDDEN_SIZES));
        assertEquals(128, o.get(EMBEDDING_DIM));
        assertEquals(256, o.get(BATCH_SIZE));
        assertFalse(o.get(FREEZE_EARLY_LAYERS));
        // stage 1
        assertEquals(PretrainMethod.CONTRASTIVE, o.get(PRETRAIN_METHOD));
        assertEquals(8, o.get(PRETRAIN_EPOCHS));
        assertEquals(0.1, o.get(PRETRAIN_LEARNING_RATE));
        assertEquals(0.5, o.get(PRETRAIN_TEMPERATURE));
        assertEquals(128, o.get(PROJECTION_DIM));
        // stage 2
        assertEquals(2, o.get(SUPERVISED_EPOCHS));
        assertEquals(0.1, o.get(SUPERVISED_LEARNING_RATE));
        // stage 3: optimiser
        assertEquals(12, o.get(DISCOVERY_EPOCHS));
        assertEquals(0.1, o.get(LEARNING_RATE));
        assertEquals(0.9, o.get(MOMENTUM));
        assertEquals(1e-4, o.get(WEIGHT_DECAY));
        assertEquals(0.85, o.get(LR_DECAY_AT));
        assertEquals(0.1, o.get(LR_DECAY_FACTOR));
        assertEquals(1, o.get(WARMUP_EPOCHS));
        assertEquals(LrSchedule.COSINE, o.get(LR_SCHEDULE));
        // pseudo-labels and BCE
        assertEquals(PseudoLabels.ADAPTIVE, o.get(PSEUDO_LABELS));
        assertEquals(0.95, o.get(COSINE_THRESHOLD));
        assertEquals(5, o.get(RANK_STATS_TOP_K));
        assertEquals(0.5, o.get(ADAPTIVE_NEIGHBOUR_FRACTION));
        assertEquals(1.0, o.get(BCE_WEIGHT));
        // balance term (this project's addition; the reference has none)
        assertEquals(1.0, o.get(ENTROPY_WEIGHT));
        // consistency ramp-up (CIFAR-10 reference: c = 5, T = 50)
        assertEquals(5.0, o.get(RAMP_UP_COEFFICIENT));
        assertEquals(50.0, o.get(RAMP_UP_LENGTH));
        // NCL and SCL (reference: K = 2000, tau = 0.05, alpha = 0.2, w_l = 0.1)
        assertEquals(1.0, o.get(NCL_WEIGHT));
        assertEquals(2000, o.get(UNLABELED_QUEUE_SIZE));
        assertEquals(0.05, o.get(NCL_TEMPERATURE));
        assertEquals(0.2, o.get(NCL_ALPHA));
        assertEquals(0, o.get(NCL_TOP_K));
        assertEquals(0.1, o.get(SCL_WEIGHT));
        assertEquals(2000, o.get(LABELED_QUEUE_SIZE));
        // hard negative generation (reference: from epoch 3, 5 rounds, mu in {1/3, 2/3}, N = 400)
        assertTrue(o.get(HARD_NEGATIVES));
        assertEquals(3, o.get(HNG_START_EPOCH));
        assertEquals(0, o.get(HNG_EASY_NEGATIVES));
        assertEquals(5, o.get(HNG_ROUNDS));
        assertEquals(List.of(1.0 / 3.0, 2.0 / 3.0), o.get(HNG_MIXING));
        assertEquals(400, o.get(HNG_KEPT));
        // selection, head init, augmentation
        assertEquals(ModelSelection.LAST, o.get(MODEL_SELECTION));
        assertEquals(2000, o.get(SELECTION_SAMPLE_SIZE));
        assertEquals(NovelHeadInit.KMEANS, o.get(NOVEL_HEAD_INIT));
        assertEquals(4, o.get(IMAGE_PADDING));
        assertTrue(o.get(HORIZONTAL_FLIP));
        assertEquals(0.5, o.get(CROP_SCALE_MIN));
        assertEquals(0.1, o.get(TABULAR_NOISE));
        assertEquals(0.3, o.get(TABULAR_CORRUPTION));
    }

    @Test
    void effectiveNclTopKIsQueueOverTwiceTheNovelClasses() {
        assertEquals(200, NclOptions.builder(5).build().effectiveNclTopK()); // 2000 / (2 * 5)
        assertEquals(333, NclOptions.builder(3).build().effectiveNclTopK()); // 2000 / 6, rounded down
        assertEquals(
                21, NclOptions.builder(3).set(UNLABELED_QUEUE_SIZE, 128).build().effectiveNclTopK());
        assertEquals(7, NclOptions.builder(3).set(NCL_TOP_K, 7).build().effectiveNclTopK());
        // never 0, even when the queue is smaller than 2 C_u
        assertEquals(
                1, NclOptions.builder(10).set(UNLABELED_QUEUE_SIZE, 4).build().effectiveNclTopK());
    }

    @Test
    void effectiveHngEasyNegativesIs50UpToFiveNovelClassesElse400() {
        assertEquals(50, NclOptions.builder(1).build().effectiveHngEasyNegatives());
        assertEquals(50, NclOptions.builder(5).build().effectiveHngEasyNegatives());
        assertEquals(400, NclOptions.builder(6).build().effectiveHngEasyNegatives());
        assertEquals(400, NclOptions.builder(100).build().effectiveHngEasyNegatives());
        assertEquals(
                16, NclOptions.builder(6).set(HNG_EASY_NEGATIVES, 16).build().effectiveHngEasyNegatives());
    }

    @Test
    void referenceBuilderSetsTheAuthorsRecipe() {
        NclOptions r = NclOptions.referenceBuilder(5).build();
        assertEquals(5, r.numNovelClasses());
        assertEquals(PseudoLabels.COSINE, r.get(PSEUDO_LABELS));
        assertEquals(0.95, r.get(COSINE_THRESHOLD));
        assertEquals(PretrainMethod.ROTNET, r.get(PRETRAIN_METHOD));
        assertEquals(ModelSelection.LAST, r.get(MODEL_SELECTION));
        assertEquals(NovelHeadInit.RANDOM, r.get(NOVEL_HEAD_INIT));
        assertEquals(EncoderType.RESNET18, r.get(ENCODER));
        assertEquals(200, r.get(PRETRAIN_EPOCHS));
        assertEquals(100, r.get(SUPERVISED_EPOCHS));
        assertEquals(200, r.get(DISCOVERY_EPOCHS));
        assertEquals(0.1, r.get(LEARNING_RATE));
        assertEquals(170.0 / 200.0, r.get(LR_DECAY_AT));
        assertEquals(128, r.get(BATCH_SIZE));
        assertEquals(5.0, r.get(RAMP_UP_COEFFICIENT));
        assertEquals(50.0, r.get(RAMP_UP_LENGTH));
        assertTrue(r.get(FREEZE_EARLY_LAYERS));
        assertEquals(1.0, r.get(CROP_SCALE_MIN));
        assertEquals(3, r.get(HNG_START_EPOCH));
        assertEquals(2000, r.get(UNLABELED_QUEUE_SIZE));
        assertEquals(0.0, r.get(ENTROPY_WEIGHT));
        assertEquals(0, r.get(WARMUP_EPOCHS));
        assertEquals(LrSchedule.STEP, r.get(LR_SCHEDULE));
        // and it differs from the robust defaults exactly where documented
        NclOptions d = NclOptions.builder(5).build();
        assertNotEquals(d, r);
        assertEquals(PseudoLabels.ADAPTIVE, d.get(PSEUDO_LABELS));
    }

    @Test
    void numNovelClassesHasNoDefault() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> NclOptions.builder(0).build());
        assertTrue(e.getMessage().contains("'numNovelClasses'"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                bad("numNovelClasses", b -> b.set(NUM_NOVEL_CLASSES, -2)),
                bad("mlpHiddenSizes", b -> b.set(MLP_HIDDEN_SIZES, List.of())),
                bad("mlpHiddenSizes", b -> b.set(MLP_HIDDEN_SIZES, List.of(64, 0))),
                bad("embeddingDim", b -> b.set(EMBEDDING_DIM, 1)),
                bad("batchSize", b -> b.set(BATCH_SIZE, 3)),
                bad("pretrainEpochs", b -> b.set(PRETRAIN_EPOCHS, -1)),
                bad("pretrainLearningRate", b -> b.set(PRETRAIN_LEARNING_RATE, 0.0)),
                bad("pretrainLearningRate", b -> b.set(PRETRAIN_LEARNING_RATE, Double.NaN)),
                bad("pretrainLearningRate", b -> b.set(PRETRAIN_LEARNING_RATE, Double.POSITIVE_INFINITY)),
                bad("pretrainTemperature", b -> b.set(PRETRAIN_TEMPERATURE, -0.5)),
                bad("projectionDim", b -> b.set(PROJECTION_DIM, 1)),
                bad("supervisedEpochs", b -> b.set(SUPERVISED_EPOCHS, -1)),
                bad("supervisedLearningRate", b -> b.set(SUPERVISED_LEARNING_RATE, 0.0)),
                bad("discoveryEpochs", b -> b.set(DISCOVERY_EPOCHS, 0)),
                bad("learningRate", b -> b.set(LEARNING_RATE, -0.1)),
                bad("learningRate", b -> b.set(LEARNING_RATE, Double.NaN)),
                bad("momentum", b -> b.set(MOMENTUM, 1.0)),
                bad("momentum", b -> b.set(MOMENTUM, -0.1)),
                bad("weightDecay", b -> b.set(WEIGHT_DECAY, -1e-4)),
                bad("weightDecay", b -> b.set(WEIGHT_DECAY, Double.NaN)),
                bad("lrDecayAt", b -> b.set(LR_DECAY_AT, 1.5)),
                bad("lrDecayAt", b -> b.set(LR_DECAY_AT, Double.NaN)),
                bad("lrDecayFactor", b -> b.set(LR_DECAY_FACTOR, 0.0)),
                bad("lrDecayFactor", b -> b.set(LR_DECAY_FACTOR, 2.0)),
                bad("cosineThreshold", b -> b.set(COSINE_THRESHOLD, 1.01)),
                bad("cosineThreshold", b -> b.set(COSINE_THRESHOLD, -1.5)),
                bad("cosineThreshold", b -> b.set(COSINE_THRESHOLD, Double.NaN)),
                bad("rankStatsTopK", b -> b.set(RANK_STATS_TOP_K, 0)),
                bad(
                        "rankStatsTopK",
                        b -> b.set(PSEUDO_LABELS, PseudoLabels.RANK_STATS)
                                .set(EMBEDDING_DIM, 16)
                                .set(RANK_STATS_TOP_K, 17)),
                bad("adaptiveNeighbourFraction", b -> b.set(ADAPTIVE_NEIGHBOUR_FRACTION, 0.0)),
                bad("adaptiveNeighbourFraction", b -> b.set(ADAPTIVE_NEIGHBOUR_FRACTION, 1.1)),
                bad("bceWeight", b -> b.set(BCE_WEIGHT, -1.0)),
                bad("rampUpCoefficient", b -> b.set(RAMP_UP_COEFFICIENT, -5.0)),
                bad("entropyWeight", b -> b.set(ENTROPY_WEIGHT, -1.0)),
                bad("warmupEpochs", b -> b.set(WARMUP_EPOCHS, -1)),
                bad("entropyWeight", b -> b.set(ENTROPY_WEIGHT, Double.NaN)),
                bad("rampUpLength", b -> b.set(RAMP_UP_LENGTH, 0.0)),
                bad("nclWeight", b -> b.set(NCL_WEIGHT, Double.NaN)),
                bad("unlabeledQueueSize", b -> b.set(UNLABELED_QUEUE_SIZE, 0)),
                bad("nclTemperature", b -> b.set(NCL_TEMPERATURE, 0.0)),
                bad("nclTemperature", b -> b.set(NCL_TEMPERATURE, Double.POSITIVE_INFINITY)),
                bad("nclAlpha", b -> b.set(NCL_ALPHA, 1.1)),
                bad("nclAlpha", b -> b.set(NCL_ALPHA, -0.1)),
                bad("nclTopK", b -> b.set(NCL_TOP_K, -1)),
                bad("nclTopK", b -> b.set(UNLABELED_QUEUE_SIZE, 100).set(NCL_TOP_K, 102)),
                bad("sclWeight", b -> b.set(SCL_WEIGHT, -0.1)),
                bad("labeledQueueSize", b -> b.set(LABELED_QUEUE_SIZE, 0)),
                bad("hngStartEpoch", b -> b.set(HNG_START_EPOCH, -1)),
                bad("hngEasyNegatives", b -> b.set(HNG_EASY_NEGATIVES, -1)),
                bad("hngEasyNegatives", b -> b.set(UNLABELED_QUEUE_SIZE, 128).set(HNG_EASY_NEGATIVES, 129)),
                bad("hngRounds", b -> b.set(HNG_ROUNDS, 0)),
                bad("hngMixing", b -> b.set(HNG_MIXING, List.of())),
                bad("hngMixing", b -> b.set(HNG_MIXING, List.of(0.5, 0.0))),
                bad("hngMixing", b -> b.set(HNG_MIXING, List.of(1.0))),
                bad("hngMixing", b -> b.set(HNG_MIXING, List.of(Double.NaN))),
                bad("hngKept", b -> b.set(HNG_KEPT, 0)),
                bad("selectionSampleSize", b -> b.set(SELECTION_SAMPLE_SIZE, 9)),
                bad("imagePadding", b -> b.set(IMAGE_PADDING, -1)),
                bad("cropScaleMin", b -> b.set(CROP_SCALE_MIN, 0.01)),
                bad("cropScaleMin", b -> b.set(CROP_SCALE_MIN, 1.5)),
                bad("cropScaleMin", b -> b.set(CROP_SCALE_MIN, Double.NaN)),
                bad("tabularNoise", b -> b.set(TABULAR_NOISE, -0.1)),
                bad("tabularNoise", b -> b.set(TABULAR_NOISE, Double.POSITIVE_INFINITY)),
                bad("tabularCorruption", b -> b.set(TABULAR_CORRUPTION, 1.0)),
                bad("tabularCorruption", b -> b.set(TABULAR_CORRUPTION, -0.1)),
                bad("pretrainObjective", b -> b.set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.NCL)),
                bad("pretrainObjective", b -> b.set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.HNG)),
                bad("labeledObjective", b -> b.set(LABELED_OBJECTIVE, ContrastiveStrategy.HNG)),
                bad("unlabeledObjective", b -> b.set(UNLABELED_OBJECTIVE, null)),
                bad("falseNegativeTopK", b -> b.set(FALSE_NEGATIVE_TOP_K, -1)),
                bad("falseNegativeThreshold", b -> b.set(FALSE_NEGATIVE_THRESHOLD, 1.5)),
                bad("debiasTauPlus", b -> b.set(DEBIAS_TAU_PLUS, 1.0)),
                bad("debiasTauPlus", b -> b.set(DEBIAS_TAU_PLUS, -0.1)),
                bad("hardnessBeta", b -> b.set(HARDNESS_BETA, -1.0)),
                bad("ssclHardest", b -> b.set(SSCL_HARDEST, 0)),
                bad("ssclSynthetic", b -> b.set(SSCL_SYNTHETIC, 0)),
                bad("ssclMixing", b -> b.set(SSCL_MIXING, List.of(0.8, 0.2))),
                bad("ssclMixing", b -> b.set(SSCL_MIXING, List.of(0.5))),
                bad("ssclContrast", b -> b.set(SSCL_CONTRAST, Double.NaN)),
                bad("mochiHardest", b -> b.set(MOCHI_HARDEST, 0)),
                bad("mochiSynthetic", b -> b.set(MOCHI_SYNTHETIC, 0).set(MOCHI_QUERY_MIXES, 0)),
                bad("mochiQueryMixes", b -> b.set(MOCHI_QUERY_MIXES, -1)),
                bad("neighbourPositives", b -> b.set(NEIGHBOUR_POSITIVES, -0.1)),
                bad("neighbourPositives", b -> b.set(NEIGHBOUR_POSITIVES, Double.NaN)),
                bad("neighbourCount", b -> b.set(NEIGHBOUR_COUNT, 0)));
    }

    private static Arguments bad(String option, UnaryOperator<NclOptions.Builder> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidValues")
    void invalidValueIsRejectedWithTheOptionNamed(String option, UnaryOperator<NclOptions.Builder> change) {
        NclOptions.Builder b = change.apply(NclOptions.builder(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(
                e.getMessage().contains("'" + option + "'"), "message should name '" + option + "': " + e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        NclOptions o = NclOptions.builder(1)
                .set(EMBEDDING_DIM, 2)
                .set(BATCH_SIZE, 4)
                .set(PRETRAIN_EPOCHS, 0)
                .set(SUPERVISED_EPOCHS, 0)
                .set(DISCOVERY_EPOCHS, 1)
                .set(MOMENTUM, 0.0)
                .set(WEIGHT_DECAY, 0.0)
                .set(LR_DECAY_AT, 0.0)
                .set(LR_DECAY_FACTOR, 1.0)
                .set(COSINE_THRESHOLD, -1.0)
                .set(ADAPTIVE_NEIGHBOUR_FRACTION, 1.0)
                .set(BCE_WEIGHT, 0.0)
                .set(ENTROPY_WEIGHT, 0.0)
                .set(RAMP_UP_COEFFICIENT, 0.0)
                .set(NCL_WEIGHT, 0.0)
                .set(NCL_ALPHA, 0.0)
                .set(UNLABELED_QUEUE_SIZE, 1)
                .set(NCL_TOP_K, 2)
                .set(HNG_EASY_NEGATIVES, 1)
                .set(SCL_WEIGHT, 0.0)
                .set(HNG_START_EPOCH, 0)
                .set(SELECTION_SAMPLE_SIZE, 10)
                .set(IMAGE_PADDING, 0)
                .set(CROP_SCALE_MIN, 0.05)
                .set(TABULAR_NOISE, 0.0)
                .set(TABULAR_CORRUPTION, 0.0)
                .set(PSEUDO_LABELS, PseudoLabels.RANK_STATS)
                .set(RANK_STATS_TOP_K, 2)
                .build();
        assertEquals(2, o.effectiveNclTopK());
        assertEquals(1, o.effectiveHngEasyNegatives());
        assertEquals(
                1.0,
                NclOptions.builder(1)
                        .set(COSINE_THRESHOLD, 1.0)
                        .set(NCL_ALPHA, 1.0)
                        .build()
                        .get(NCL_ALPHA));
    }

    @Test
    void nullChoicesAreRejectedWithTheOptionNamed() {
        for (Map.Entry<String, UnaryOperator<NclOptions.Builder>> c : Map.<String, UnaryOperator<NclOptions.Builder>>of(
                        "device", b -> b.set(DEVICE, null),
                        "encoder", b -> b.set(ENCODER, null),
                        "pretrainMethod", b -> b.set(PRETRAIN_METHOD, null),
                        "pseudoLabels", b -> b.set(PSEUDO_LABELS, null),
                        "modelSelection", b -> b.set(MODEL_SELECTION, null),
                        "novelHeadInit", b -> b.set(NOVEL_HEAD_INIT, null))
                .entrySet()) {
            RuntimeException e = assertThrows(
                    RuntimeException.class,
                    () -> c.getValue().apply(NclOptions.builder(3)).build());
            assertTrue(e instanceof NullPointerException || e instanceof IllegalArgumentException, e.toString());
            assertTrue(String.valueOf(e.getMessage()).contains(c.getKey()), c.getKey() + ": " + e.getMessage());
        }
    }

    /** Every setting changed from its default, so the round trip cannot pass by accident. */
    private static NclOptions allChanged() {
        return NclOptions.builder(7)
                .set(SEED, -1234567890123L)
                .set(DEVICE, DeviceChoice.CPU)
                .set(ENCODER, EncoderType.SMALL_CNN)
                .set(MLP_HIDDEN_SIZES, List.of(100, 50, 25))
                .set(EMBEDDING_DIM, 33)
                .set(BATCH_SIZE, 77)
                .set(FREEZE_EARLY_LAYERS, true)
                .set(PRETRAIN_METHOD, PretrainMethod.ROTNET)
                .set(PRETRAIN_EPOCHS, 3)
                .set(PRETRAIN_LEARNING_RATE, 0.0123456789)
                .set(PRETRAIN_TEMPERATURE, 0.3)
                .set(PROJECTION_DIM, 64)
                .set(NEIGHBOUR_POSITIVES, 0.4)
                .set(NEIGHBOUR_COUNT, 6)
                .set(SUPERVISED_EPOCHS, 4)
                .set(SUPERVISED_LEARNING_RATE, 0.07)
                .set(DISCOVERY_EPOCHS, 11)
                .set(LEARNING_RATE, 1.0 / 3.0)
                .set(MOMENTUM, 0.5)
                .set(WEIGHT_DECAY, 5e-4)
                .set(LR_DECAY_AT, 0.7)
                .set(WARMUP_EPOCHS, 3)
                .set(LR_SCHEDULE, LrSchedule.STEP)
                .set(LR_DECAY_FACTOR, 0.2)
                .set(PSEUDO_LABELS, PseudoLabels.RANK_STATS)
                .set(COSINE_THRESHOLD, 0.9)
                .set(RANK_STATS_TOP_K, 6)
                .set(ADAPTIVE_NEIGHBOUR_FRACTION, 0.25)
                .set(BCE_WEIGHT, 2.5)
                .set(ENTROPY_WEIGHT, 0.75)
                .set(RAMP_UP_COEFFICIENT, 10.0)
                .set(RAMP_UP_LENGTH, 80.0)
                .set(NCL_WEIGHT, 0.6)
                .set(UNLABELED_QUEUE_SIZE, 999)
                .set(NCL_TEMPERATURE, 0.07)
                .set(NCL_ALPHA, 0.3)
                .set(NCL_TOP_K, 17)
                .set(SCL_WEIGHT, 0.25)
                .set(LABELED_QUEUE_SIZE, 555)
                .set(HARD_NEGATIVES, false)
                .set(HNG_START_EPOCH, 5)
                .set(HNG_EASY_NEGATIVES, 44)
                .set(HNG_ROUNDS, 2)
                .set(HNG_MIXING, List.of(0.1, 0.2, 0.9))
                .set(HNG_KEPT, 123)
                .set(MODEL_SELECTION, ModelSelection.LABEL_FREE)
                .set(SELECTION_SAMPLE_SIZE, 321)
                .set(NOVEL_HEAD_INIT, NovelHeadInit.RANDOM)
                .set(NclOptions.DISCOVERY_TARGETS, org.ncl.core.options.DiscoveryTargets.CLUSTERED)
                .set(NclOptions.TARGET_WEIGHT, 2.5)
                .set(IMAGE_PADDING, 2)
                .set(HORIZONTAL_FLIP, false)
                .set(CROP_SCALE_MIN, 0.35)
                .set(TABULAR_NOISE, 0.05)
                .set(TABULAR_CORRUPTION, 0.15)
                .set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.SSCL)
                .set(UNLABELED_OBJECTIVE, ContrastiveStrategy.HNG)
                .set(LABELED_OBJECTIVE, ContrastiveStrategy.HCL)
                .set(FALSE_NEGATIVES, FalseNegativeHandling.ATTRACT)
                .set(FALSE_NEGATIVE_TOP_K, 5)
                .set(FALSE_NEGATIVE_THRESHOLD, 0.55)
                .set(DEBIAS_TAU_PLUS, 0.05)
                .set(HARDNESS_BETA, 0.5)
                .set(SSCL_HARDEST, 32)
                .set(SSCL_SYNTHETIC, 16)
                .set(SSCL_MIXING, List.of(0.25, 0.75))
                .set(SSCL_CONTRAST, 2.5)
                .set(MOCHI_HARDEST, 256)
                .set(MOCHI_SYNTHETIC, 512)
                .set(MOCHI_QUERY_MIXES, 64)
                .build();
    }

    @Test
    void toMapListsEverySettingAndFromMapRestoresIt() {
        NclOptions o = allChanged();
        Map<String, String> map = o.toMap();
        Map<String, String> defaults = NclOptions.builder(3).build().toMap();
        assertEquals(defaults.keySet(), map.keySet());
        for (String key : map.keySet()) {
            assertNotEquals(defaults.get(key), map.get(key), "setting '" + key + "' was not changed by the test");
        }
        NclOptions back = NclOptions.fromMap(map);
        assertEquals(o, back);
        assertEquals(o.hashCode(), back.hashCode());
        assertEquals(map, back.toMap());
        // exact doubles and arrays survive the text form
        assertEquals(1.0 / 3.0, back.get(LEARNING_RATE));
        assertEquals(0.0123456789, back.get(PRETRAIN_LEARNING_RATE));
        assertEquals(-1234567890123L, back.get(SEED));
        assertEquals(List.of(100, 50, 25), back.get(MLP_HIDDEN_SIZES));
        assertEquals(List.of(0.1, 0.2, 0.9), back.get(HNG_MIXING));
        // the defaults and the reference recipe round-trip too
        NclOptions d = NclOptions.builder(3).build();
        assertEquals(d, NclOptions.fromMap(d.toMap()));
        NclOptions r = NclOptions.referenceBuilder(5).build();
        assertEquals(r, NclOptions.fromMap(r.toMap()));
        // the map is in a stable order starting with the seed
        assertEquals(
                List.of("seed", "device", "numNovelClasses"),
                map.keySet().stream().limit(3).toList());
    }

    @Test
    void toBuilderCopiesEverySetting() {
        NclOptions o = allChanged();
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.toMap(), o.toBuilder().build().toMap());
        assertNotEquals(o, o.toBuilder().set(SEED, 2L).build());
    }

    @Test
    void contrastiveOptionsDefaultToTodaysBehaviourAndOldMapsLoadWithThem() {
        NclOptions d = NclOptions.builder(3).build();
        assertEquals(ContrastiveStrategy.INFONCE, d.get(PRETRAIN_OBJECTIVE));
        assertEquals(ContrastiveStrategy.NCL, d.get(UNLABELED_OBJECTIVE));
        assertEquals(ContrastiveStrategy.SUPCON, d.get(LABELED_OBJECTIVE));
        assertEquals(FalseNegativeHandling.NONE, d.get(FALSE_NEGATIVES));
        // a map written before the contrastive options existed loads with the values that reproduce it
        Map<String, String> old =
                new LinkedHashMap<>(NclOptions.builder(3).build().toMap());
        for (String name : List.of(
                "pretrainObjective",
                "unlabeledObjective",
                "labeledObjective",
                "falseNegatives",
                "falseNegativeTopK",
                "falseNegativeThreshold",
                "debiasTauPlus",
                "hardnessBeta",
                "ssclHardest",
                "ssclSynthetic",
                "ssclMixing",
                "ssclContrast",
                "mochiHardest",
                "mochiSynthetic",
                "mochiQueryMixes")) {
            assertTrue(old.remove(name) != null, name + " is listed by toMap");
        }
        assertEquals(d, NclOptions.fromMap(old));
        // by name, case-insensitive, with the choices named on bad input
        assertEquals(
                ContrastiveStrategy.SSCL,
                NclOptions.builder(3).set("pretrainObjective", "sscl").build().get(PRETRAIN_OBJECTIVE));
        assertEquals(
                List.of(0.1, 0.9),
                NclOptions.builder(3).set("ssclMixing", "[0.1, 0.9]").build().get(SSCL_MIXING));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> NclOptions.builder(3).set("unlabeledObjective", "simclr"));
        assertTrue(
                e.getMessage().contains("'unlabeledObjective'")
                        && e.getMessage().contains("INFONCE, SUPCON, NCL, HNG"),
                e.getMessage());
        IllegalArgumentException site = assertThrows(
                IllegalArgumentException.class,
                () -> NclOptions.builder(3)
                        .set(PRETRAIN_OBJECTIVE, ContrastiveStrategy.HNG)
                        .build());
        assertTrue(
                site.getMessage().contains("only 'unlabeledObjective'")
                        && site.getMessage().contains("SSCL, MOCHI"),
                site.getMessage());
    }

    @Test
    void fromMapNamesAMissingSetting() {
        Map<String, String> map =
                new LinkedHashMap<>(NclOptions.builder(3).build().toMap());
        map.remove("nclAlpha");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NclOptions.fromMap(map));
        assertTrue(e.getMessage().contains("'nclAlpha'"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void fromMapValidatesValues() {
        Map<String, String> map =
                new LinkedHashMap<>(NclOptions.builder(3).build().toMap());
        map.put("nclTemperature", "-1.0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NclOptions.fromMap(map));
        assertTrue(e.getMessage().contains("'nclTemperature'"), e.getMessage());
    }

    @Test
    void optionsAreImmutable() {
        List<Integer> hidden = new java.util.ArrayList<>(List.of(64, 32));
        List<Double> mixing = new java.util.ArrayList<>(List.of(0.25, 0.5));
        NclOptions.Builder b =
                NclOptions.builder(3).set(MLP_HIDDEN_SIZES, hidden).set(HNG_MIXING, mixing);
        hidden.set(0, 1);
        mixing.set(0, 0.9);
        NclOptions o = b.build();
        assertEquals(List.of(64, 32), o.get(MLP_HIDDEN_SIZES));
        assertEquals(List.of(0.25, 0.5), o.get(HNG_MIXING));
        assertThrows(
                UnsupportedOperationException.class,
                () -> o.get(MLP_HIDDEN_SIZES).set(0, 7));
        assertThrows(
                UnsupportedOperationException.class, () -> o.get(HNG_MIXING).set(0, 0.7));
        assertEquals(List.of(64, 32), o.get(MLP_HIDDEN_SIZES));
        try {
            o.toMap().put("seed", "2");
        } catch (UnsupportedOperationException e) {
            // a read-only map is fine too
        }
        assertEquals("1", o.toMap().get("seed"));
        assertEquals(1L, o.get(SEED));
    }

    @Test
    void setByNameCoversEveryOptionAndNamesBadInput() {
        NclOptions changed = NclOptions.builder(3)
                .set(SEED, 9L)
                .set(ENCODER, EncoderType.MLP)
                .set(MLP_HIDDEN_SIZES, List.of(32, 16))
                .set(HNG_MIXING, List.of(0.2, 0.4))
                .set(HARD_NEGATIVES, false)
                .set(NCL_TEMPERATURE, 0.07)
                .set(PSEUDO_LABELS, PseudoLabels.COSINE)
                .build();
        NclOptions.Builder b = NclOptions.builder(1);
        changed.toMap().forEach(b::set);
        assertEquals(changed, b.build());
        assertEquals(NclOptions.names(), List.copyOf(changed.toMap().keySet()));
        assertEquals(
                EncoderType.SMALL_CNN,
                NclOptions.builder(2).set("encoder", "small_cnn").build().get(ENCODER));

        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class, () -> NclOptions.builder(2).set("nclTemprature", "0.1"));
        assertTrue(
                unknown.getMessage().contains("unknown option 'nclTemprature'")
                        && unknown.getMessage().contains("nclTemperature"),
                unknown.getMessage());
        IllegalArgumentException number = assertThrows(
                IllegalArgumentException.class, () -> NclOptions.builder(2).set("batchSize", "big"));
        assertTrue(
                number.getMessage().contains("'batchSize'")
                        && number.getMessage().contains("expected an integer"),
                number.getMessage());
        IllegalArgumentException bool = assertThrows(
                IllegalArgumentException.class, () -> NclOptions.builder(2).set("hardNegatives", "yes"));
        assertTrue(bool.getMessage().contains("expected true or false"), bool.getMessage());
        IllegalArgumentException choice = assertThrows(
                IllegalArgumentException.class, () -> NclOptions.builder(2).set("encoder", "vit"));
        assertTrue(choice.getMessage().contains("AUTO, MLP, SMALL_CNN, RESNET18"), choice.getMessage());
    }
}
