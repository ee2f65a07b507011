// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Every setting of an NCL run, each declared once below as a {@link Setting} with its type, default, range,
 * description, source paper and version; the three stages follow Zhong, Fini, Roy, Luo, Ricci, Sebe,
 * "Neighborhood Contrastive Learning for Novel Class Discovery" (CVPR 2021), with the authors' reference values
 * where they transfer ({@link #referenceBuilder}) and robust defaults (adaptive pseudo-labels, contrastive
 * pretraining, a balance term, warm-up and cosine decay) where the reference recipe does not.
 *
 * <p>Immutable; built with {@link #builder(int)}, read with {@link #get(Setting)}. {@link Builder#build()}
 * validates every value and names the setting that is wrong. {@link #toMap()} lists every setting in text form
 * for model files and provenance; {@link #fromMap} reads it back, filling in settings added after a file was
 * written with the value that reproduces it.
 */
public final class NclOptions {

    private static final String NCL = "Zhong et al., CVPR 2021";
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    private static <T> Setting<T> declare(Setting<T> s) {
        s.register(DECLARED.size());
        DECLARED.add(s);
        return s;
    }

    // ---- the run --------------------------------------------------------------------------------

    /** Seed of every random choice (initialisation, batches, augmentation). */
    public static final Setting<Long> SEED = declare(Setting.longInteger("seed", 1L)
            .describe("Seed of every random choice (initialisation, batches, augmentation)."));
    /** Where tensors live. */
    public static final Setting<DeviceChoice> DEVICE = declare(Setting.choice("device", DeviceChoice.AUTO)
            .describe("Where to train: AUTO (CUDA when DJL finds CUDA natives, else the CPU), CPU or GPU."));
    /** Number of novel classes C_u (the novel head's width); no default. */
    public static final Setting<Integer> NUM_NOVEL_CLASSES = declare(Setting.integer("numNovelClasses", null)
            .atLeast(1)
            .describe("Number of novel classes C_u to discover (the width of the novel head).")
            .paper(NCL));
    /** The encoder. */
    public static final Setting<EncoderType> ENCODER = declare(Setting.choice("encoder", EncoderType.AUTO)
            .reference(EncoderType.RESNET18)
            .describe("Encoder: AUTO (MLP for vectors, SMALL_CNN for images), MLP, SMALL_CNN or RESNET18 (the paper's "
                    + "CIFAR ResNet-18)."));
    /** Hidden layer widths of the MLP encoder. */
    public static final Setting<List<Integer>> MLP_HIDDEN_SIZES = declare(Setting.integers("mlpHiddenSizes", 512, 512)
            .notEmpty()
            .atLeast(1)
            .describe("Hidden layer widths of the MLP encoder."));
    /** Width D of the feature f (MLP and small CNN; ResNet-18 has 512). */
    public static final Setting<Integer> EMBEDDING_DIM = declare(Setting.integer("embeddingDim", 128)
            .atLeast(2)
            .describe("Width D of the feature f (MLP and SMALL_CNN; RESNET18 has 512)."));
    /** Rows per batch (labeled and unlabeled mixed). */
    public static final Setting<Integer> BATCH_SIZE = declare(Setting.integer("batchSize", 256)
            .atLeast(4)
            .reference(128)
            .describe("Rows per batch (labeled and unlabeled mixed).")
            .paper(NCL));
    /** Freeze all but the last encoder block during discovery. */
    public static final Setting<Boolean> FREEZE_EARLY_LAYERS = declare(Setting.flag("freezeEarlyLayers", false)
            .reference(true)
            .describe("Freeze all but the last encoder block during discovery, as the reference code does.")
            .paper(NCL));

    // ---- stage 1: self-supervised pretraining ---------------------------------------------------

    /** Stage-1 method. */
    public static final Setting<PretrainMethod> PRETRAIN_METHOD = declare(Setting.choice(
                    "pretrainMethod", PretrainMethod.CONTRASTIVE)
            .reference(PretrainMethod.ROTNET)
            .describe("Stage-1 self-supervised method: CONTRASTIVE (two-view InfoNCE), ROTNET (the paper's) or NONE.")
            .paper("Chen et al., ICML 2020 (SimCLR); Gidaris et al., ICLR 2018 (RotNet)"));
    /** Stage-1 epochs. */
    public static final Setting<Integer> PRETRAIN_EPOCHS = declare(Setting.integer("pretrainEpochs", 8)
            .atLeast(0)
            .reference(200)
            .describe("Stage-1 (self-supervised pretraining) epochs; 0 = none."));
    /** Stage-1 learning rate (SGD with momentum, cosine decay). */
    public static final Setting<Double> PRETRAIN_LEARNING_RATE = declare(Setting.real("pretrainLearningRate", 0.1)
            .positive()
            .describe("Stage-1 learning rate (SGD with momentum, cosine decay)."));
    /** Stage-1 InfoNCE temperature. */
    public static final Setting<Double> PRETRAIN_TEMPERATURE = declare(Setting.real("pretrainTemperature", 0.5)
            .positive()
            .describe("Stage-1 InfoNCE temperature.")
            .paper("Chen et al., ICML 2020 (SimCLR)"));
    /** Width of the projection head used only in contrastive pretraining. */
    public static final Setting<Integer> PROJECTION_DIM = declare(Setting.integer("projectionDim", 128)
            .atLeast(2)
            .describe("Width of the projection head used only in contrastive pretraining."));
    /** Probability of a nearest-neighbour second view in contrastive pretraining. */
    public static final Setting<Double> NEIGHBOUR_POSITIVES = declare(Setting.real("neighbourPositives", 0.5)
            .within(0, true, 1, true)
            .addedLater("0.1.0", 0.0)
            .reference(0.0)
            .describe("Probability that the second view of a row in contrastive pretraining is a view of one of its "
                    + "neighbourCount nearest neighbours in the input space (mined once by cosine of the standardised "
                    + "rows: unlabeled among unlabeled, labeled within their known class) instead of the row itself; "
                    + "0 = SimCLR's two views of the same row.")
            .paper("Dwibedi et al., ICCV 2021 (NNCLR); Van Gansbeke et al., ECCV 2020 (SCAN)"));
    /** Neighbours mined per row for neighbour positives. */
    public static final Setting<Integer> NEIGHBOUR_COUNT = declare(Setting.integer("neighbourCount", 10)
            .atLeast(1)
            .addedLater("0.1.0", 10)
            .describe("Neighbours mined per row for neighbourPositives."));

    // ---- stage 2: supervised ------------------------------------------------------------------

    /** Stage-2 epochs. */
    public static final Setting<Integer> SUPERVISED_EPOCHS = declare(Setting.integer("supervisedEpochs", 2)
            .atLeast(0)
            .reference(100)
            .describe("Stage-2 epochs (cross-entropy of the known head on the labeled rows)."));
    /** Stage-2 learning rate. */
    public static final Setting<Double> SUPERVISED_LEARNING_RATE = declare(Setting.real("supervisedLearningRate", 0.1)
            .positive()
            .describe("Stage-2 learning rate.")
            .paper(NCL));

    // ---- stage 3: discovery, optimiser --------------------------------------------------------

    /** Stage-3 epochs. */
    public static final Setting<Integer> DISCOVERY_EPOCHS = declare(Setting.integer("discoveryEpochs", 12)
            .atLeast(1)
            .reference(200)
            .describe("Stage-3 (discovery) epochs.")
            .paper(NCL));
    /** Stage-3 learning rate. */
    public static final Setting<Double> LEARNING_RATE = declare(Setting.real("learningRate", 0.1)
            .positive()
            .describe("Stage-3 (discovery) learning rate (SGD).")
            .paper(NCL));
    /** SGD momentum (all stages). */
    public static final Setting<Double> MOMENTUM = declare(Setting.real("momentum", 0.9)
            .within(0, true, 1, false)
            .describe("SGD momentum (all stages).")
            .paper(NCL));
    /** Weight decay (all stages). */
    public static final Setting<Double> WEIGHT_DECAY = declare(Setting.real("weightDecay", 1e-4)
            .nonNegative()
            .describe("Weight decay (all stages).")
            .paper(NCL));
    /** STEP schedule: fraction of the discovery epochs after which the learning rate is multiplied by lrDecayFactor. */
    public static final Setting<Double> LR_DECAY_AT = declare(Setting.real("lrDecayAt", 0.85)
            .within(0, true, 1, true)
            .reference(170.0 / 200.0)
            .describe("STEP schedule: fraction of the discovery epochs after which the learning rate is multiplied by "
                    + "lrDecayFactor (the reference: 170 of 200).")
            .paper(NCL));
    /** Discovery warm-up epochs. */
    public static final Setting<Integer> WARMUP_EPOCHS = declare(Setting.integer("warmupEpochs", 1)
            .atLeast(0)
            .addedLater("0.1.0", 0)
            .reference(0)
            .describe("Discovery epochs over which the learning rate rises linearly from 0 (0 = none, the reference): "
                    + "the new loss terms and the randomly initialised queues otherwise jolt the pretrained network."));
    /** The discovery learning-rate schedule. */
    public static final Setting<LrSchedule> LR_SCHEDULE = declare(Setting.choice("lrSchedule", LrSchedule.COSINE)
            .addedLater("0.1.0", LrSchedule.STEP)
            .reference(LrSchedule.STEP)
            .describe(
                    "Discovery learning-rate schedule after the warm-up: COSINE decay to 0, or STEP (the reference)."));
    /** Learning-rate factor of the STEP schedule. */
    public static final Setting<Double> LR_DECAY_FACTOR = declare(Setting.real("lrDecayFactor", 0.1)
            .within(0, false, 1, true)
            .describe("Learning-rate factor of the STEP schedule.")
            .paper(NCL));

    // ---- pairwise pseudo-labels and L_bce -----------------------------------------------------

    /** Pseudo-label rule of L_bce. */
    public static final Setting<PseudoLabels> PSEUDO_LABELS = declare(Setting.choice(
                    "pseudoLabels", PseudoLabels.ADAPTIVE)
            .reference(PseudoLabels.COSINE)
            .describe("Pairwise pseudo-labels of L_bce: ADAPTIVE (mutual nearest neighbours), COSINE (the paper's "
                    + "threshold) or RANK_STATS (AutoNovel's).")
            .paper(NCL));
    /** λ of the cosine rule. */
    public static final Setting<Double> COSINE_THRESHOLD = declare(Setting.real("cosineThreshold", 0.95)
            .within(-1, true, 1, true)
            .describe("Threshold lambda of the COSINE pseudo-label rule.")
            .paper(NCL));
    /** Top-k of the rank-statistics rule. */
    public static final Setting<Integer> RANK_STATS_TOP_K = declare(Setting.integer("rankStatsTopK", 5)
            .atLeast(1)
            .describe("Top-k of the RANK_STATS pseudo-label rule.")
            .paper("Han et al., ICLR 2020 (AutoNovel)"));
    /** ρ of the adaptive rule. */
    public static final Setting<Double> ADAPTIVE_NEIGHBOUR_FRACTION =
            declare(Setting.real("adaptiveNeighbourFraction", 0.5)
                    .within(0, false, 1, true)
                    .describe("rho of the ADAPTIVE rule: a pair is positive when each is among the other's nearest "
                            + "rho * (unlabeled rows in the batch) / C_u unlabeled batch rows."));
    /** Weight of L_bce. */
    public static final Setting<Double> BCE_WEIGHT = declare(Setting.real("bceWeight", 1.0)
            .nonNegative()
            .describe("Weight of L_bce.")
            .paper(NCL));
    /** Weight of the balance term. */
    public static final Setting<Double> ENTROPY_WEIGHT = declare(Setting.real("entropyWeight", 1.0)
            .nonNegative()
            .addedLater("0.1.0", 0.0)
            .reference(0.0)
            .describe("Weight of the balance term -H(mean softmax of the novel head over the batch's unlabeled rows), "
                    + "which keeps novel clusters from merging; 0 = off (the reference).")
            .paper("Van Gansbeke et al., ECCV 2020 (SCAN)"));
    /** c of the consistency ramp-up. */
    public static final Setting<Double> RAMP_UP_COEFFICIENT = declare(Setting.real("rampUpCoefficient", 5.0)
            .nonNegative()
            .describe("Coefficient c of the consistency ramp-up c*exp(-5(1 - min(t,T)/T)^2).")
            .paper(NCL));
    /** T of the ramp-up, in epochs. */
    public static final Setting<Double> RAMP_UP_LENGTH = declare(Setting.real("rampUpLength", 50.0)
            .positive()
            .describe("Length T of the consistency ramp-up, in epochs.")
            .paper(NCL));

    // ---- L_ncl and L_scl ------------------------------------------------------------------------

    /** w_u, weight of L_ncl. */
    public static final Setting<Double> NCL_WEIGHT = declare(Setting.real("nclWeight", 1.0)
            .nonNegative()
            .describe("Weight w_u of L_ncl.")
            .paper(NCL));
    /** K of the unlabeled memory queue M_u. */
    public static final Setting<Integer> UNLABELED_QUEUE_SIZE = declare(Setting.integer("unlabeledQueueSize", 2000)
            .atLeast(1)
            .describe("Size K of the unlabeled memory queue M_u.")
            .paper(NCL));
    /** τ of L_ncl and L_scl. */
    public static final Setting<Double> NCL_TEMPERATURE = declare(Setting.real("nclTemperature", 0.05)
            .positive()
            .describe("Temperature tau of L_ncl and L_scl.")
            .paper(NCL));
    /** α of L_ncl. */
    public static final Setting<Double> NCL_ALPHA = declare(Setting.real("nclAlpha", 0.2)
            .within(0, true, 1, true)
            .describe("Weight alpha of the view's own positive in L_ncl.")
            .paper(NCL));
    /** Top-k pseudo-positives of L_ncl; 0 = K / (2·C_u). */
    public static final Setting<Integer> NCL_TOP_K = declare(Setting.integer("nclTopK", 0)
            .atLeast(0)
            .describe("Top-k pseudo-positives of L_ncl; 0 = K / (2 C_u).")
            .paper(NCL));
    /** w_l, weight of L_scl. */
    public static final Setting<Double> SCL_WEIGHT = declare(Setting.real("sclWeight", 0.1)
            .nonNegative()
            .describe("Weight w_l of L_scl.")
            .paper(NCL));
    /** K of the labeled memory queue M_l. */
    public static final Setting<Integer> LABELED_QUEUE_SIZE = declare(Setting.integer("labeledQueueSize", 2000)
            .atLeast(1)
            .describe("Size of the labeled memory queue M_l.")
            .paper(NCL));

    // ---- hard negative generation -------------------------------------------------------------

    /** Hard negative generation on or off. */
    public static final Setting<Boolean> HARD_NEGATIVES = declare(Setting.flag("hardNegatives", true)
            .describe("Hard negative generation on or off (always off without labeled rows: it mixes labeled "
                    + "features in).")
            .paper(NCL));
    /** First discovery epoch (0-based) with hard negatives. */
    public static final Setting<Integer> HNG_START_EPOCH = declare(Setting.integer("hngStartEpoch", 3)
            .atLeast(0)
            .describe("First discovery epoch (0-based) with hard negatives.")
            .paper(NCL));
    /** Easy negatives n taken per query; 0 = 50 when C_u ≤ 5, else 400. */
    public static final Setting<Integer> HNG_EASY_NEGATIVES = declare(Setting.integer("hngEasyNegatives", 0)
            .atLeast(0)
            .describe("Easy negatives taken per query; 0 = 50 when C_u <= 5, else 400.")
            .paper(NCL));
    /** Mixing rounds of HNG. */
    public static final Setting<Integer> HNG_ROUNDS = declare(Setting.integer("hngRounds", 5)
            .atLeast(1)
            .describe("Mixing rounds of hard negative generation.")
            .paper(NCL));
    /** Mixing factors μ of HNG. */
    public static final Setting<List<Double>> HNG_MIXING = declare(Setting.reals("hngMixing", 1.0 / 3.0, 2.0 / 3.0)
            .notEmpty()
            .within(0, false, 1, false)
            .describe("Mixing factors mu of hard negative generation.")
            .paper(NCL));
    /** Number N of generated negatives kept (the hardest). */
    public static final Setting<Integer> HNG_KEPT = declare(Setting.integer("hngKept", 400)
            .atLeast(1)
            .describe("Generated negatives kept (the hardest).")
            .paper(NCL));

    // ---- model selection, head initialisation, augmentation -----------------------------------

    /** Which discovery epoch's weights the model keeps. */
    public static final Setting<ModelSelection> MODEL_SELECTION =
            declare(Setting.choice("modelSelection", ModelSelection.LAST)
                    .describe("Which discovery epoch is kept: LAST (the reference) or LABEL_FREE (best "
                            + "cosine silhouette of the novel head's clusters; uses no hidden labels)."));
    /** Unlabeled rows scored by the label-free selection. */
    public static final Setting<Integer> SELECTION_SAMPLE_SIZE = declare(Setting.integer("selectionSampleSize", 2000)
            .atLeast(10)
            .describe("Unlabeled rows scored by the LABEL_FREE model selection."));
    /** How the novel head starts the discovery stage. */
    public static final Setting<NovelHeadInit> NOVEL_HEAD_INIT =
            declare(Setting.choice("novelHeadInit", NovelHeadInit.KMEANS)
                    .reference(NovelHeadInit.RANDOM)
                    .describe("Initialisation of the novel head: RANDOM (the reference) or KMEANS (unit-norm k-means "
                            + "centroids of the unlabeled rows' features).")
                    .paper("Han et al., ICCV 2019 (DTC)"));
    /** Whether discovery also fits the heads to a clustering chosen by simulated discovery. */
    public static final Setting<DiscoveryTargets> DISCOVERY_TARGETS =
            declare(Setting.choice("discoveryTargets", DiscoveryTargets.AUTO)
                    .addedLater("0.2.0", DiscoveryTargets.NONE)
                    .reference(DiscoveryTargets.NONE)
                    .describe("Cluster targets for discovery: CLUSTERED (cluster the unlabeled rows in the input "
                            + "space with the method, scaling and neighbour count that best recover the known classes "
                            + "from the labeled rows, then train both heads on one softmax over known classes and "
                            + "clusters), NONE (NCL's terms only, the reference) or AUTO (CLUSTERED for tables, NONE "
                            + "for images).")
                    .paper("Ng, Jordan and Weiss, NIPS 2001 (spectral clustering); Fini et al., ICCV 2021 (UNO)"));
    /** Weight of the cluster-target cross-entropy. */
    public static final Setting<Double> TARGET_WEIGHT = declare(Setting.real("targetWeight", 1.0)
            .nonNegative()
            .addedLater("0.2.0", 1.0)
            .describe("Weight of the cross-entropy over both heads' joint softmax against the known labels and the "
                    + "cluster targets (discoveryTargets)."));
    /** Image augmentation: maximum translation in pixels. */
    public static final Setting<Integer> IMAGE_PADDING = declare(Setting.integer("imagePadding", 4)
            .atLeast(0)
            .describe("Image augmentation: maximum translation in pixels (reflect padding).")
            .paper(NCL));
    /** Image augmentation: random horizontal flip. */
    public static final Setting<Boolean> HORIZONTAL_FLIP = declare(Setting.flag("horizontalFlip", true)
            .describe("Image augmentation: random horizontal flip.")
            .paper(NCL));
    /** Pretraining image augmentation: smallest area fraction of a random resized crop. */
    public static final Setting<Double> CROP_SCALE_MIN = declare(Setting.real("cropScaleMin", 0.5)
            .within(0.05, true, 1, true)
            .reference(1.0)
            .describe("Pretraining image augmentation: smallest area fraction of a random resized crop (1 = none)."));
    /** Tabular augmentation: Gaussian noise. */
    public static final Setting<Double> TABULAR_NOISE = declare(Setting.real("tabularNoise", 0.1)
            .nonNegative()
            .describe("Tabular augmentation: standard deviation of Gaussian noise (standardised units)."));
    /** Tabular augmentation: corruption rate. */
    public static final Setting<Double> TABULAR_CORRUPTION = declare(Setting.real("tabularCorruption", 0.3)
            .within(0, true, 1, false)
            .describe("Tabular augmentation: probability that a value is replaced by the same feature of a random row.")
            .paper("Bahri et al., ICLR 2022 (SCARF)"));

    // ---- the contrastive family -----------------------------------------------------------------

    /** Contrastive objective of the pretraining stage. */
    public static final Setting<ContrastiveStrategy> PRETRAIN_OBJECTIVE =
            declare(Setting.choice("pretrainObjective", ContrastiveStrategy.INFONCE)
                    .addedLater("0.1.0", ContrastiveStrategy.INFONCE)
                    .rule(s -> s.supports(ContrastiveSite.PRETRAIN), notAt(ContrastiveSite.PRETRAIN))
                    .describe(
                            "Contrastive objective of pretraining: INFONCE, SUPCON (with the labeled rows' labels), DCL, HCL, "
                                    + "SSCL or MOCHI."));
    /** Contrastive objective of L_ncl. */
    public static final Setting<ContrastiveStrategy> UNLABELED_OBJECTIVE = declare(Setting.choice(
                    "unlabeledObjective", ContrastiveStrategy.NCL)
            .addedLater("0.1.0", ContrastiveStrategy.NCL)
            .describe("Contrastive objective of L_ncl: NCL (NCL's targets, hard negatives per hardNegatives), HNG "
                    + "(hard negatives always on), INFONCE, SUPCON, DCL, HCL, SSCL or MOCHI.")
            .paper(NCL));
    /** Contrastive objective of L_scl. */
    public static final Setting<ContrastiveStrategy> LABELED_OBJECTIVE =
            declare(Setting.choice("labeledObjective", ContrastiveStrategy.SUPCON)
                    .addedLater("0.1.0", ContrastiveStrategy.SUPCON)
                    .rule(s -> s.supports(ContrastiveSite.LABELED), notAt(ContrastiveSite.LABELED))
                    .describe("Contrastive objective of L_scl: SUPCON (NCL's L_scl), INFONCE, DCL, HCL, SSCL or MOCHI.")
                    .paper("Khosla et al., NeurIPS 2020 (SupCon)"));
    /** False-negative handling in pretraining and L_ncl. */
    public static final Setting<FalseNegativeHandling> FALSE_NEGATIVES =
            declare(Setting.choice("falseNegatives", FalseNegativeHandling.NONE)
                    .addedLater("0.1.0", FalseNegativeHandling.NONE)
                    .describe("False-negative handling in pretraining and L_ncl: NONE, ELIMINATE or ATTRACT.")
                    .paper("Huynh et al., WACV 2022 (FNC)"));
    /** False-negative candidates: rank limit. */
    public static final Setting<Integer> FALSE_NEGATIVE_TOP_K = declare(Setting.integer("falseNegativeTopK", 10)
            .atLeast(0)
            .addedLater("0.1.0", 10)
            .describe("False-negative candidates: rank limit among the anchor's negatives (0 = none).")
            .paper("Huynh et al., WACV 2022 (FNC)"));
    /** False-negative candidates: similarity limit. */
    public static final Setting<Double> FALSE_NEGATIVE_THRESHOLD = declare(Setting.real("falseNegativeThreshold", 0.7)
            .within(-1, true, 1, true)
            .addedLater("0.1.0", 0.7)
            .describe("False-negative candidates: similarity above this (-1 = none)."));
    /** τ⁺, the class prior of DCL's debiasing. */
    public static final Setting<Double> DEBIAS_TAU_PLUS = declare(Setting.real("debiasTauPlus", 0.1)
            .within(0, true, 1, false)
            .addedLater("0.1.0", 0.1)
            .describe("tau+, the class prior of the debiased estimator (DCL, HCL, SSCL).")
            .paper("Chuang et al., NeurIPS 2020 (DCL)"));
    /** β, HCL's hardness concentration. */
    public static final Setting<Double> HARDNESS_BETA = declare(Setting.real("hardnessBeta", 1.0)
            .nonNegative()
            .addedLater("0.1.0", 1.0)
            .describe("beta, the hardness concentration of HCL and SSCL.")
            .paper("Robinson et al., ICLR 2021 (HCL)"));
    /** SSCL: the s hardest negatives that are mixed. */
    public static final Setting<Integer> SSCL_HARDEST = declare(Setting.integer("ssclHardest", 64)
            .atLeast(1)
            .addedLater("0.1.0", 64)
            .describe("SSCL: the s hardest negatives that are mixed."));
    /** SSCL: the k synthetic negatives added per anchor. */
    public static final Setting<Integer> SSCL_SYNTHETIC = declare(Setting.integer("ssclSynthetic", 32)
            .atLeast(1)
            .addedLater("0.1.0", 32)
            .describe("SSCL: the k synthetic negatives added per anchor."));
    /** SSCL: the range [low, high] of the uniform mixing coefficient. */
    public static final Setting<List<Double>> SSCL_MIXING = declare(Setting.reals("ssclMixing", 0.0, 1.0)
            .addedLater("0.1.0", List.of(0.0, 1.0))
            .form("two numbers low, high such as [0, 1]")
            .rule(
                    v -> v.size() == 2 && v.get(0) >= 0 && v.get(0) <= v.get(1) && v.get(1) <= 1,
                    "be two numbers 0 <= low <= high <= 1")
            .describe("SSCL: the range [low, high] of the uniform mixing coefficient."));
    /** SSCL: contrast control c. */
    public static final Setting<Double> SSCL_CONTRAST = declare(
            Setting.real("ssclContrast", 1.0)
                    .nonNegative()
                    .addedLater("0.1.0", 1.0)
                    .describe(
                            "SSCL: contrast control c (synthetic negatives drawn in proportion to exp(c q.h/t); 0 = uniform)."));
    /** MoCHi: the N hardest negatives that are mixed. */
    public static final Setting<Integer> MOCHI_HARDEST = declare(Setting.integer("mochiHardest", 1024)
            .atLeast(1)
            .addedLater("0.1.0", 1024)
            .describe("MoCHi: the N hardest negatives that are mixed.")
            .paper("Kalantidis et al., NeurIPS 2020 (MoCHi)"));
    /** MoCHi: s, pairwise mixtures per anchor. */
    public static final Setting<Integer> MOCHI_SYNTHETIC = declare(Setting.integer("mochiSynthetic", 1024)
            .atLeast(0)
            .addedLater("0.1.0", 1024)
            .describe("MoCHi: s, pairwise mixtures per anchor.")
            .paper("Kalantidis et al., NeurIPS 2020 (MoCHi)"));
    /** MoCHi: s', mixtures with the query per anchor. */
    public static final Setting<Integer> MOCHI_QUERY_MIXES = declare(Setting.integer("mochiQueryMixes", 128)
            .atLeast(0)
            .addedLater("0.1.0", 128)
            .describe("MoCHi: s', mixtures with the query per anchor (0 = none).")
            .paper("Kalantidis et al., NeurIPS 2020 (MoCHi)"));

    private static final List<Setting<?>> SETTINGS = Collections.unmodifiableList(new ArrayList<>(DECLARED));
    private static final Map<String, Setting<?>> BY_NAME =
            SETTINGS.stream().collect(Collectors.toMap(Setting::name, s -> s, (a, b) -> a, LinkedHashMap::new));
    private static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private static String notAt(ContrastiveSite site) {
        return "be one of "
                + Arrays.stream(ContrastiveStrategy.values())
                        .filter(v -> v.supports(site))
                        .map(Enum::name)
                        .collect(Collectors.joining(", "))
                + " (NCL and HNG need NCL's unlabeled and labeled "
                + "queues, so they serve only 'unlabeledObjective')";
    }

    private final Object[] values;

    private NclOptions(Object[] values) {
        this.values = values;
    }

    /** Every declared setting, in the order of {@link #toMap()}. */
    public static List<Setting<?>> settings() {
        return SETTINGS;
    }

    /** The name of every setting, in the order of {@link #toMap()}; each one is accepted by {@link Builder#set}. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The setting of this name.
     *
     * @throws IllegalArgumentException naming the unknown setting and listing the known ones
     */
    public static Setting<?> setting(String name) {
        Setting<?> s = BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException(
                    "unknown option '" + name + "'; known options: " + String.join(", ", NAMES));
        }
        return s;
    }

    /** A builder with every default set, for {@code numNovelClasses} novel classes. */
    public static Builder builder(int numNovelClasses) {
        return new Builder().set(NUM_NOVEL_CLASSES, numNovelClasses);
    }

    /**
     * The reference recipe of the authors' code (CIFAR-10 settings): RotNet pretraining, fixed cosine threshold
     * 0.95, last-epoch model, 200 discovery epochs with SGD 0.1 decayed at epoch 170, batch 128, ramp-up c = 5,
     * T = 50, HNG from epoch 3, early layers frozen: every setting's {@link Setting#referenceValue()}.
     */
    public static Builder referenceBuilder(int numNovelClasses) {
        Builder b = builder(numNovelClasses);
        for (Setting<?> s : SETTINGS) {
            if (s.hasReference()) {
                b.values[s.index()] = s.referenceValue();
            }
        }
        return b;
    }

    /** A builder holding this object's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        System.arraycopy(values, 0, b.values, 0, values.length);
        return b;
    }

    /** The value of a setting. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values[setting.index()];
    }

    /** Number of novel classes C_u. */
    public int numNovelClasses() {
        return get(NUM_NOVEL_CLASSES);
    }

    /** The top-k of L_ncl actually used: {@code nclTopK}, or K / (2·C_u) (at least 1) when it is 0. */
    public int effectiveNclTopK() {
        int k = get(NCL_TOP_K);
        return k > 0 ? k : Math.max(1, get(UNLABELED_QUEUE_SIZE) / (2 * numNovelClasses()));
    }

    /** The easy negatives of HNG actually used: {@code hngEasyNegatives}, or 50 when C_u ≤ 5 else 400 when it is 0. */
    public int effectiveHngEasyNegatives() {
        int n = get(HNG_EASY_NEGATIVES);
        return n > 0 ? n : (numNovelClasses() <= 5 ? 50 : 400);
    }

    /** Every setting by name in text form, in a stable order, for model files, provenance and display. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Setting<?> s : SETTINGS) {
            m.put(s.name(), text(s));
        }
        return Collections.unmodifiableMap(m);
    }

    private <T> String text(Setting<T> s) {
        return s.format(get(s));
    }

    /**
     * Rebuilds options from {@link #toMap()} output (used when loading a saved model). Settings added after the
     * file was written take the value that reproduces it ({@link Setting#whenAbsent()}); any other missing
     * setting is an error.
     *
     * @throws IllegalArgumentException naming the setting that is missing, unknown or invalid
     */
    public static NclOptions fromMap(Map<String, String> saved) {
        Builder b = new Builder();
        for (Map.Entry<String, String> e : saved.entrySet()) {
            b.set(e.getKey(), e.getValue());
        }
        for (Setting<?> s : SETTINGS) {
            if (!saved.containsKey(s.name())) {
                if (!s.addedLater()) {
                    throw new IllegalArgumentException("option '" + s.name() + "' is missing");
                }
                b.values[s.index()] = s.whenAbsent();
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NclOptions other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NclOptions" + toMap();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final Object[] values = new Object[SETTINGS.size()];

        private Builder() {
            for (Setting<?> s : SETTINGS) {
                values[s.index()] = s.defaultValue();
            }
        }

        /** Sets one setting (checked in {@link #build()}). */
        public <T> Builder set(Setting<T> setting, T value) {
            values[Objects.requireNonNull(setting, "setting").index()] = setting.copy(value);
            return this;
        }

        /** The value set so far. */
        @SuppressWarnings("unchecked")
        public <T> T get(Setting<T> setting) {
            return (T) values[setting.index()];
        }

        /**
         * Sets one setting by its name from its text form (numbers, enum constant names, {@code true/false}, lists
         * as {@code [a, b]} or {@code a,b}); this is how the adapters and the command line pass settings through.
         *
         * @throws IllegalArgumentException naming the setting and the expected form if the name is unknown or the
         *                                  value does not parse
         */
        public Builder set(String name, String text) {
            Objects.requireNonNull(name, "name");
            Setting<?> s = setting(name);
            values[s.index()] = s.parse(text);
            return this;
        }

        /** Validates every value, then the rules between settings, and builds. */
        public NclOptions build() {
            Object[] checked = new Object[values.length];
            for (Setting<?> s : SETTINGS) {
                checked[s.index()] = check(s);
            }
            NclOptions o = new NclOptions(checked);
            crossCheck(o);
            return o;
        }

        @SuppressWarnings("unchecked")
        private <T> T check(Setting<T> s) {
            if (values[s.index()] == null) {
                throw new IllegalArgumentException(
                        "option '" + s.name() + "' " + (s.required() ? "must be given" : "must not be null"));
            }
            return s.check((T) values[s.index()]);
        }

        private static void crossCheck(NclOptions o) {
            if (o.get(PSEUDO_LABELS) == PseudoLabels.RANK_STATS && o.get(RANK_STATS_TOP_K) > o.get(EMBEDDING_DIM)) {
                throw new IllegalArgumentException("option 'rankStatsTopK' (" + o.get(RANK_STATS_TOP_K)
                        + ") must not exceed 'embeddingDim' (" + o.get(EMBEDDING_DIM) + ")");
            }
            int queue = o.get(UNLABELED_QUEUE_SIZE);
            if (o.get(NCL_TOP_K) > queue + 1) {
                throw new IllegalArgumentException("option 'nclTopK' (" + o.get(NCL_TOP_K)
                        + ") must not exceed 'unlabeledQueueSize' + 1 (" + (queue + 1) + ")");
            }
            if (o.get(HNG_EASY_NEGATIVES) > queue) {
                throw new IllegalArgumentException("option 'hngEasyNegatives' (" + o.get(HNG_EASY_NEGATIVES)
                        + ") must not exceed 'unlabeledQueueSize' (" + queue + ")");
            }
            if (o.get(MOCHI_SYNTHETIC) + o.get(MOCHI_QUERY_MIXES) == 0) {
                throw new IllegalArgumentException("options 'mochiSynthetic' and 'mochiQueryMixes' are both 0: MoCHi "
                        + "needs at least one synthetic negative");
            }
        }
    }
}
