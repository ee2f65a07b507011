package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ncl.core.loss.contrastive.ContrastiveStrategy;
import org.ncl.core.loss.contrastive.FalseNegativeHandling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ncl.core.NclOptions.DeviceChoice;
import org.ncl.core.NclOptions.EncoderType;
import org.ncl.core.NclOptions.ModelSelection;
import org.ncl.core.NclOptions.NovelHeadInit;
import org.ncl.core.NclOptions.PretrainMethod;
import org.ncl.core.NclOptions.PseudoLabels;

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
        assertEquals(1L, o.seed());
        assertEquals(DeviceChoice.AUTO, o.device());
        assertEquals(EncoderType.AUTO, o.encoder());
        assertArrayEquals(new int[] {512, 512}, o.mlpHiddenSizes());
        assertEquals(128, o.embeddingDim());
        assertEquals(256, o.batchSize());
        assertFalse(o.freezeEarlyLayers());
        // stage 1
        assertEquals(PretrainMethod.CONTRASTIVE, o.pretrainMethod());
        assertEquals(8, o.pretrainEpochs());
        assertEquals(0.1, o.pretrainLearningRate());
        assertEquals(0.5, o.pretrainTemperature());
        assertEquals(128, o.projectionDim());
        // stage 2
        assertEquals(2, o.supervisedEpochs());
        assertEquals(0.1, o.supervisedLearningRate());
        // stage 3: optimiser
        assertEquals(12, o.discoveryEpochs());
        assertEquals(0.1, o.learningRate());
        assertEquals(0.9, o.momentum());
        assertEquals(1e-4, o.weightDecay());
        assertEquals(0.85, o.lrDecayAt());
        assertEquals(0.1, o.lrDecayFactor());
        assertEquals(1, o.warmupEpochs());
        assertEquals(NclOptions.LrSchedule.COSINE, o.lrSchedule());
        // pseudo-labels and BCE
        assertEquals(PseudoLabels.ADAPTIVE, o.pseudoLabels());
        assertEquals(0.95, o.cosineThreshold());
        assertEquals(5, o.rankStatsTopK());
        assertEquals(0.5, o.adaptiveNeighbourFraction());
        assertEquals(1.0, o.bceWeight());
        // balance term (this project's addition; the reference has none)
        assertEquals(1.0, o.entropyWeight());
        // consistency ramp-up (CIFAR-10 reference: c = 5, T = 50)
        assertEquals(5.0, o.rampUpCoefficient());
        assertEquals(50.0, o.rampUpLength());
        // NCL and SCL (reference: K = 2000, tau = 0.05, alpha = 0.2, w_l = 0.1)
        assertEquals(1.0, o.nclWeight());
        assertEquals(2000, o.unlabeledQueueSize());
        assertEquals(0.05, o.nclTemperature());
        assertEquals(0.2, o.nclAlpha());
        assertEquals(0, o.nclTopK());
        assertEquals(0.1, o.sclWeight());
        assertEquals(2000, o.labeledQueueSize());
        // hard negative generation (reference: from epoch 3, 5 rounds, mu in {1/3, 2/3}, N = 400)
        assertTrue(o.hardNegatives());
        assertEquals(3, o.hngStartEpoch());
        assertEquals(0, o.hngEasyNegatives());
        assertEquals(5, o.hngRounds());
        assertArrayEquals(new double[] {1.0 / 3.0, 2.0 / 3.0}, o.hngMixing());
        assertEquals(400, o.hngKept());
        // selection, head init, augmentation
        assertEquals(ModelSelection.LAST, o.modelSelection());
        assertEquals(2000, o.selectionSampleSize());
        assertEquals(NovelHeadInit.KMEANS, o.novelHeadInit());
        assertEquals(4, o.imagePadding());
        assertTrue(o.horizontalFlip());
        assertEquals(0.5, o.cropScaleMin());
        assertEquals(0.1, o.tabularNoise());
        assertEquals(0.3, o.tabularCorruption());
    }

    @Test
    void effectiveNclTopKIsQueueOverTwiceTheNovelClasses() {
        assertEquals(200, NclOptions.builder(5).build().effectiveNclTopK()); // 2000 / (2 * 5)
        assertEquals(333, NclOptions.builder(3).build().effectiveNclTopK()); // 2000 / 6, rounded down
        assertEquals(21, NclOptions.builder(3).unlabeledQueueSize(128).build().effectiveNclTopK());
        assertEquals(7, NclOptions.builder(3).nclTopK(7).build().effectiveNclTopK());
        // never 0, even when the queue is smaller than 2 C_u
        assertEquals(1, NclOptions.builder(10).unlabeledQueueSize(4).build().effectiveNclTopK());
    }

    @Test
    void effectiveHngEasyNegativesIs50UpToFiveNovelClassesElse400() {
        assertEquals(50, NclOptions.builder(1).build().effectiveHngEasyNegatives());
        assertEquals(50, NclOptions.builder(5).build().effectiveHngEasyNegatives());
        assertEquals(400, NclOptions.builder(6).build().effectiveHngEasyNegatives());
        assertEquals(400, NclOptions.builder(100).build().effectiveHngEasyNegatives());
        assertEquals(16, NclOptions.builder(6).hngEasyNegatives(16).build().effectiveHngEasyNegatives());
    }

    @Test
    void referenceBuilderSetsTheAuthorsRecipe() {
        NclOptions r = NclOptions.referenceBuilder(5).build();
        assertEquals(5, r.numNovelClasses());
        assertEquals(PseudoLabels.COSINE, r.pseudoLabels());
        assertEquals(0.95, r.cosineThreshold());
        assertEquals(PretrainMethod.ROTNET, r.pretrainMethod());
        assertEquals(ModelSelection.LAST, r.modelSelection());
        assertEquals(NovelHeadInit.RANDOM, r.novelHeadInit());
        assertEquals(EncoderType.RESNET18, r.encoder());
        assertEquals(200, r.pretrainEpochs());
        assertEquals(100, r.supervisedEpochs());
        assertEquals(200, r.discoveryEpochs());
        assertEquals(0.1, r.learningRate());
        assertEquals(170.0 / 200.0, r.lrDecayAt());
        assertEquals(128, r.batchSize());
        assertEquals(5.0, r.rampUpCoefficient());
        assertEquals(50.0, r.rampUpLength());
        assertTrue(r.freezeEarlyLayers());
        assertEquals(1.0, r.cropScaleMin());
        assertEquals(3, r.hngStartEpoch());
        assertEquals(2000, r.unlabeledQueueSize());
        assertEquals(0.0, r.entropyWeight());
        assertEquals(0, r.warmupEpochs());
        assertEquals(NclOptions.LrSchedule.STEP, r.lrSchedule());
        // and it differs from the robust defaults exactly where documented
        NclOptions d = NclOptions.builder(5).build();
        assertNotEquals(d, r);
        assertEquals(PseudoLabels.ADAPTIVE, d.pseudoLabels());
    }

    @Test
    void numNovelClassesHasNoDefault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NclOptions.builder(0).build());
        assertTrue(e.getMessage().contains("'numNovelClasses'"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                bad("numNovelClasses", b -> b.numNovelClasses(-2)),
                bad("mlpHiddenSizes", b -> b.mlpHiddenSizes()),
                bad("mlpHiddenSizes", b -> b.mlpHiddenSizes(64, 0)),
                bad("embeddingDim", b -> b.embeddingDim(1)),
                bad("batchSize", b -> b.batchSize(3)),
                bad("pretrainEpochs", b -> b.pretrainEpochs(-1)),
                bad("pretrainLearningRate", b -> b.pretrainLearningRate(0)),
                bad("pretrainLearningRate", b -> b.pretrainLearningRate(Double.NaN)),
                bad("pretrainLearningRate", b -> b.pretrainLearningRate(Double.POSITIVE_INFINITY)),
                bad("pretrainTemperature", b -> b.pretrainTemperature(-0.5)),
                bad("projectionDim", b -> b.projectionDim(1)),
                bad("supervisedEpochs", b -> b.supervisedEpochs(-1)),
                bad("supervisedLearningRate", b -> b.supervisedLearningRate(0)),
                bad("discoveryEpochs", b -> b.discoveryEpochs(0)),
                bad("learningRate", b -> b.learningRate(-0.1)),
                bad("learningRate", b -> b.learningRate(Double.NaN)),
                bad("momentum", b -> b.momentum(1.0)),
                bad("momentum", b -> b.momentum(-0.1)),
                bad("weightDecay", b -> b.weightDecay(-1e-4)),
                bad("weightDecay", b -> b.weightDecay(Double.NaN)),
                bad("lrDecayAt", b -> b.lrDecayAt(1.5)),
                bad("lrDecayAt", b -> b.lrDecayAt(Double.NaN)),
                bad("lrDecayFactor", b -> b.lrDecayFactor(0)),
                bad("lrDecayFactor", b -> b.lrDecayFactor(2)),
                bad("cosineThreshold", b -> b.cosineThreshold(1.01)),
                bad("cosineThreshold", b -> b.cosineThreshold(-1.5)),
                bad("cosineThreshold", b -> b.cosineThreshold(Double.NaN)),
                bad("rankStatsTopK", b -> b.rankStatsTopK(0)),
                bad("rankStatsTopK", b -> b.pseudoLabels(PseudoLabels.RANK_STATS).embeddingDim(16).rankStatsTopK(17)),
                bad("adaptiveNeighbourFraction", b -> b.adaptiveNeighbourFraction(0)),
                bad("adaptiveNeighbourFraction", b -> b.adaptiveNeighbourFraction(1.1)),
                bad("bceWeight", b -> b.bceWeight(-1)),
                bad("rampUpCoefficient", b -> b.rampUpCoefficient(-5)),
                bad("entropyWeight", b -> b.entropyWeight(-1)),
                bad("warmupEpochs", b -> b.warmupEpochs(-1)),
                bad("entropyWeight", b -> b.entropyWeight(Double.NaN)),
                bad("rampUpLength", b -> b.rampUpLength(0)),
                bad("nclWeight", b -> b.nclWeight(Double.NaN)),
                bad("unlabeledQueueSize", b -> b.unlabeledQueueSize(0)),
                bad("nclTemperature", b -> b.nclTemperature(0)),
                bad("nclTemperature", b -> b.nclTemperature(Double.POSITIVE_INFINITY)),
                bad("nclAlpha", b -> b.nclAlpha(1.1)),
                bad("nclAlpha", b -> b.nclAlpha(-0.1)),
                bad("nclTopK", b -> b.nclTopK(-1)),
                bad("nclTopK", b -> b.unlabeledQueueSize(100).nclTopK(102)),
                bad("sclWeight", b -> b.sclWeight(-0.1)),
                bad("labeledQueueSize", b -> b.labeledQueueSize(0)),
                bad("hngStartEpoch", b -> b.hngStartEpoch(-1)),
                bad("hngEasyNegatives", b -> b.hngEasyNegatives(-1)),
                bad("hngEasyNegatives", b -> b.unlabeledQueueSize(128).hngEasyNegatives(129)),
                bad("hngRounds", b -> b.hngRounds(0)),
                bad("hngMixing", b -> b.hngMixing()),
                bad("hngMixing", b -> b.hngMixing(0.5, 0)),
                bad("hngMixing", b -> b.hngMixing(1.0)),
                bad("hngMixing", b -> b.hngMixing(Double.NaN)),
                bad("hngKept", b -> b.hngKept(0)),
                bad("selectionSampleSize", b -> b.selectionSampleSize(9)),
                bad("imagePadding", b -> b.imagePadding(-1)),
                bad("cropScaleMin", b -> b.cropScaleMin(0.01)),
                bad("cropScaleMin", b -> b.cropScaleMin(1.5)),
                bad("cropScaleMin", b -> b.cropScaleMin(Double.NaN)),
                bad("tabularNoise", b -> b.tabularNoise(-0.1)),
                bad("tabularNoise", b -> b.tabularNoise(Double.POSITIVE_INFINITY)),
                bad("tabularCorruption", b -> b.tabularCorruption(1.0)),
                bad("tabularCorruption", b -> b.tabularCorruption(-0.1)),
                bad("pretrainObjective", b -> b.pretrainObjective(ContrastiveStrategy.NCL)),
                bad("pretrainObjective", b -> b.pretrainObjective(ContrastiveStrategy.HNG)),
                bad("labeledObjective", b -> b.labeledObjective(ContrastiveStrategy.HNG)),
                bad("unlabeledObjective", b -> b.unlabeledObjective(null)),
                bad("falseNegativeTopK", b -> b.falseNegativeTopK(-1)),
                bad("falseNegativeThreshold", b -> b.falseNegativeThreshold(1.5)),
                bad("debiasTauPlus", b -> b.debiasTauPlus(1.0)),
                bad("debiasTauPlus", b -> b.debiasTauPlus(-0.1)),
                bad("hardnessBeta", b -> b.hardnessBeta(-1)),
                bad("ssclHardest", b -> b.ssclHardest(0)),
                bad("ssclSynthetic", b -> b.ssclSynthetic(0)),
                bad("ssclMixing", b -> b.ssclMixing(0.8, 0.2)),
                bad("ssclMixing", b -> b.ssclMixing(0.5)),
                bad("ssclContrast", b -> b.ssclContrast(Double.NaN)),
                bad("mochiHardest", b -> b.mochiHardest(0)),
                bad("mochiSynthetic", b -> b.mochiSynthetic(0).mochiQueryMixes(0)),
                bad("mochiQueryMixes", b -> b.mochiQueryMixes(-1)),
                bad("neighbourPositives", b -> b.neighbourPositives(-0.1)),
                bad("neighbourPositives", b -> b.neighbourPositives(Double.NaN)),
                bad("neighbourCount", b -> b.neighbourCount(0)));
    }

    private static Arguments bad(String option, UnaryOperator<NclOptions.Builder> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidValues")
    void invalidValueIsRejectedWithTheOptionNamed(String option, UnaryOperator<NclOptions.Builder> change) {
        NclOptions.Builder b = change.apply(NclOptions.builder(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("'" + option + "'"), "message should name '" + option + "': " + e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        NclOptions o = NclOptions.builder(1)
                .embeddingDim(2).batchSize(4).pretrainEpochs(0).supervisedEpochs(0).discoveryEpochs(1)
                .momentum(0).weightDecay(0).lrDecayAt(0).lrDecayFactor(1).cosineThreshold(-1)
                .adaptiveNeighbourFraction(1).bceWeight(0).entropyWeight(0).rampUpCoefficient(0).nclWeight(0).nclAlpha(0)
                .unlabeledQueueSize(1).nclTopK(2).hngEasyNegatives(1).sclWeight(0).hngStartEpoch(0)
                .selectionSampleSize(10).imagePadding(0).cropScaleMin(0.05).tabularNoise(0).tabularCorruption(0)
                .pseudoLabels(PseudoLabels.RANK_STATS).rankStatsTopK(2)
                .build();
        assertEquals(2, o.effectiveNclTopK());
        assertEquals(1, o.effectiveHngEasyNegatives());
        assertEquals(1.0, NclOptions.builder(1).cosineThreshold(1).nclAlpha(1).build().nclAlpha());
    }

    @Test
    void nullChoicesAreRejectedWithTheOptionNamed() {
        for (Map.Entry<String, UnaryOperator<NclOptions.Builder>> c : Map.<String, UnaryOperator<NclOptions.Builder>>of(
                "device", b -> b.device(null),
                "encoder", b -> b.encoder(null),
                "pretrainMethod", b -> b.pretrainMethod(null),
                "pseudoLabels", b -> b.pseudoLabels(null),
                "modelSelection", b -> b.modelSelection(null),
                "novelHeadInit", b -> b.novelHeadInit(null)).entrySet()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> c.getValue().apply(NclOptions.builder(3)).build());
            assertTrue(e instanceof NullPointerException || e instanceof IllegalArgumentException, e.toString());
            assertTrue(String.valueOf(e.getMessage()).contains(c.getKey()), c.getKey() + ": " + e.getMessage());
        }
    }

    /** Every setting changed from its default, so the round trip cannot pass by accident. */
    private static NclOptions allChanged() {
        return NclOptions.builder(7)
                .seed(-1234567890123L).device(DeviceChoice.CPU).encoder(EncoderType.SMALL_CNN)
                .mlpHiddenSizes(100, 50, 25).embeddingDim(33).batchSize(77).freezeEarlyLayers(true)
                .pretrainMethod(PretrainMethod.ROTNET).pretrainEpochs(3).pretrainLearningRate(0.0123456789)
                .pretrainTemperature(0.3).projectionDim(64).neighbourPositives(0.4).neighbourCount(6).supervisedEpochs(4).supervisedLearningRate(0.07)
                .discoveryEpochs(11).learningRate(1.0 / 3.0).momentum(0.5).weightDecay(5e-4).lrDecayAt(0.7).warmupEpochs(3).lrSchedule(NclOptions.LrSchedule.STEP)
                .lrDecayFactor(0.2).pseudoLabels(PseudoLabels.RANK_STATS).cosineThreshold(0.9).rankStatsTopK(6)
                .adaptiveNeighbourFraction(0.25).bceWeight(2.5).entropyWeight(0.75).rampUpCoefficient(10).rampUpLength(80)
                .nclWeight(0.6).unlabeledQueueSize(999).nclTemperature(0.07).nclAlpha(0.3).nclTopK(17)
                .sclWeight(0.25).labeledQueueSize(555).hardNegatives(false).hngStartEpoch(5).hngEasyNegatives(44)
                .hngRounds(2).hngMixing(0.1, 0.2, 0.9).hngKept(123).modelSelection(ModelSelection.LABEL_FREE)
                .selectionSampleSize(321).novelHeadInit(NovelHeadInit.RANDOM).imagePadding(2).horizontalFlip(false)
                .cropScaleMin(0.35).tabularNoise(0.05).tabularCorruption(0.15)
                .pretrainObjective(ContrastiveStrategy.SSCL).unlabeledObjective(ContrastiveStrategy.HNG)
                .labeledObjective(ContrastiveStrategy.HCL).falseNegatives(FalseNegativeHandling.ATTRACT)
                .falseNegativeTopK(5).falseNegativeThreshold(0.55).debiasTauPlus(0.05).hardnessBeta(0.5)
                .ssclHardest(32).ssclSynthetic(16).ssclMixing(0.25, 0.75).ssclContrast(2.5)
                .mochiHardest(256).mochiSynthetic(512).mochiQueryMixes(64)
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
        assertEquals(1.0 / 3.0, back.learningRate());
        assertEquals(0.0123456789, back.pretrainLearningRate());
        assertEquals(-1234567890123L, back.seed());
        assertArrayEquals(new int[] {100, 50, 25}, back.mlpHiddenSizes());
        assertArrayEquals(new double[] {0.1, 0.2, 0.9}, back.hngMixing());
        // the defaults and the reference recipe round-trip too
        NclOptions d = NclOptions.builder(3).build();
        assertEquals(d, NclOptions.fromMap(d.toMap()));
        NclOptions r = NclOptions.referenceBuilder(5).build();
        assertEquals(r, NclOptions.fromMap(r.toMap()));
        // the map is in a stable order starting with the seed
        assertEquals(List.of("seed", "device", "numNovelClasses"), map.keySet().stream().limit(3).toList());
    }

    @Test
    void toBuilderCopiesEverySetting() {
        NclOptions o = allChanged();
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.toMap(), o.toBuilder().build().toMap());
        assertNotEquals(o, o.toBuilder().seed(2).build());
    }

    @Test
    void contrastiveOptionsDefaultToTodaysBehaviourAndOldMapsLoadWithThem() {
        NclOptions d = NclOptions.builder(3).build();
        assertEquals(ContrastiveStrategy.INFONCE, d.pretrainObjective());
        assertEquals(ContrastiveStrategy.NCL, d.unlabeledObjective());
        assertEquals(ContrastiveStrategy.SUPCON, d.labeledObjective());
        assertEquals(FalseNegativeHandling.NONE, d.falseNegatives());
        // a map written before the contrastive options existed loads with the values that reproduce it
        Map<String, String> old = new LinkedHashMap<>(NclOptions.builder(3).build().toMap());
        for (String name : List.of("pretrainObjective", "unlabeledObjective", "labeledObjective", "falseNegatives",
                "falseNegativeTopK", "falseNegativeThreshold", "debiasTauPlus", "hardnessBeta", "ssclHardest",
                "ssclSynthetic", "ssclMixing", "ssclContrast", "mochiHardest", "mochiSynthetic", "mochiQueryMixes")) {
            assertTrue(old.remove(name) != null, name + " is listed by toMap");
        }
        assertEquals(d, NclOptions.fromMap(old));
        // by name, case-insensitive, with the choices named on bad input
        assertEquals(ContrastiveStrategy.SSCL, NclOptions.builder(3).set("pretrainObjective", "sscl").build().pretrainObjective());
        assertArrayEquals(new double[] {0.1, 0.9}, NclOptions.builder(3).set("ssclMixing", "[0.1, 0.9]").build().ssclMixing());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NclOptions.builder(3).set("unlabeledObjective", "simclr"));
        assertTrue(e.getMessage().contains("'unlabeledObjective'") && e.getMessage().contains("INFONCE, SUPCON, NCL, HNG"),
                e.getMessage());
        IllegalArgumentException site = assertThrows(IllegalArgumentException.class,
                () -> NclOptions.builder(3).pretrainObjective(ContrastiveStrategy.HNG).build());
        assertTrue(site.getMessage().contains("only 'unlabeledObjective'") && site.getMessage().contains("SSCL, MOCHI"),
                site.getMessage());
    }

    @Test
    void fromMapNamesAMissingSetting() {
        Map<String, String> map = new LinkedHashMap<>(NclOptions.builder(3).build().toMap());
        map.remove("nclAlpha");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NclOptions.fromMap(map));
        assertTrue(e.getMessage().contains("'nclAlpha'"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void fromMapValidatesValues() {
        Map<String, String> map = new LinkedHashMap<>(NclOptions.builder(3).build().toMap());
        map.put("nclTemperature", "-1.0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NclOptions.fromMap(map));
        assertTrue(e.getMessage().contains("'nclTemperature'"), e.getMessage());
    }

    @Test
    void optionsAreImmutable() {
        int[] hidden = {64, 32};
        double[] mixing = {0.25, 0.5};
        NclOptions.Builder b = NclOptions.builder(3).mlpHiddenSizes(hidden).hngMixing(mixing);
        hidden[0] = 1;
        mixing[0] = 0.9;
        NclOptions o = b.build();
        assertArrayEquals(new int[] {64, 32}, o.mlpHiddenSizes());
        assertArrayEquals(new double[] {0.25, 0.5}, o.hngMixing());
        o.mlpHiddenSizes()[0] = 7;
        o.hngMixing()[0] = 0.7;
        assertArrayEquals(new int[] {64, 32}, o.mlpHiddenSizes());
        assertArrayEquals(new double[] {0.25, 0.5}, o.hngMixing());
        try {
            o.toMap().put("seed", "2");
        } catch (UnsupportedOperationException e) {
            // a read-only map is fine too
        }
        assertEquals("1", o.toMap().get("seed"));
        assertEquals(1L, o.seed());
    }

    @Test
    void setByNameCoversEveryOptionAndNamesBadInput() {
        NclOptions changed = NclOptions.builder(3).seed(9).encoder(NclOptions.EncoderType.MLP).mlpHiddenSizes(32, 16)
                .hngMixing(0.2, 0.4).hardNegatives(false).nclTemperature(0.07).pseudoLabels(NclOptions.PseudoLabels.COSINE)
                .build();
        NclOptions.Builder b = NclOptions.builder(1);
        changed.toMap().forEach(b::set);
        assertEquals(changed, b.build());
        assertEquals(NclOptions.names(), List.copyOf(changed.toMap().keySet()));
        assertEquals(NclOptions.EncoderType.SMALL_CNN, NclOptions.builder(2).set("encoder", "small_cnn").build().encoder());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> NclOptions.builder(2).set("nclTemprature", "0.1"));
        assertTrue(unknown.getMessage().contains("unknown option 'nclTemprature'")
                && unknown.getMessage().contains("nclTemperature"), unknown.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> NclOptions.builder(2).set("batchSize", "big"));
        assertTrue(number.getMessage().contains("'batchSize'") && number.getMessage().contains("expected an integer"),
                number.getMessage());
        IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
                () -> NclOptions.builder(2).set("hardNegatives", "yes"));
        assertTrue(bool.getMessage().contains("expected true or false"), bool.getMessage());
        IllegalArgumentException choice = assertThrows(IllegalArgumentException.class,
                () -> NclOptions.builder(2).set("encoder", "vit"));
        assertTrue(choice.getMessage().contains("AUTO, MLP, SMALL_CNN, RESNET18"), choice.getMessage());
    }
}
