package org.ncl.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ncl.core.loss.contrastive.ContrastiveSite;
import org.ncl.core.loss.contrastive.ContrastiveStrategy;
import org.ncl.core.loss.contrastive.FalseNegativeHandling;

/**
 * Every setting of an NCL run: the three stages of Zhong et al., "Neighborhood Contrastive Learning
 * for Novel Class Discovery" (CVPR 2021), with the authors' reference defaults where they transfer,
 * and robust defaults (adaptive pseudo-labels, contrastive pretraining, label-free model selection)
 * where the reference recipe does not (see {@code ncl-spec.md} section 7).
 *
 * <p>Immutable; built with {@link #builder(int)}. {@link Builder#build()} validates every value and
 * names the option that is wrong. {@link #toMap()} lists every setting for provenance.
 */
public final class NclOptions {

    /** Where tensors live. */
    public enum DeviceChoice {
        /** CUDA when DJL finds CUDA natives, otherwise CPU. */
        AUTO,
        /** Always the CPU. */
        CPU,
        /** A GPU; training fails with a clear message when none is found. */
        GPU
    }

    /** The encoder Ω. */
    public enum EncoderType {
        /** MLP for vectors, {@link #SMALL_CNN} for images. */
        AUTO,
        /** Multi-layer perceptron (any input, flattened). */
        MLP,
        /** A small CNN that trains fast on CPU cores (images only). */
        SMALL_CNN,
        /** The paper's CIFAR ResNet-18 variant (images only). */
        RESNET18
    }

    /** Stage 1: self-supervised pretraining on all rows. */
    public enum PretrainMethod {
        /** Two-view InfoNCE (SimCLR's NT-Xent) through a projection head; works for images and tables. */
        CONTRASTIVE,
        /** RotNet's 4-way rotation prediction, the paper's choice (square images only). */
        ROTNET,
        /** No pretraining. */
        NONE
    }

    /** How the pairwise pseudo-labels of L_bce are made. */
    public enum PseudoLabels {
        /**
         * Adaptive (default): a pair is positive when each is among the other's nearest
         * {@code adaptiveNeighbourFraction * batch/C_u} unlabeled batch rows (cosine on detached
         * features), so the threshold follows the data's scale.
         */
        ADAPTIVE,
        /** The reference: positive iff cosine similarity &ge; {@code cosineThreshold} (0.95). */
        COSINE,
        /** AutoNovel's rank statistics: positive iff the top-{@code rankStatsTopK} feature dimensions coincide. */
        RANK_STATS
    }

    /** The discovery learning-rate schedule (after the warm-up). */
    public enum LrSchedule {
        /** Cosine decay to 0 over the discovery epochs (default; suits short schedules). */
        COSINE,
        /** Multiply by {@code lrDecayFactor} after {@code lrDecayAt} of the epochs (the reference: ×0.1 at 170/200). */
        STEP
    }

    /** How the novel head φ_u starts the discovery stage. */
    public enum NovelHeadInit {
        /** Random initialisation (the reference). */
        RANDOM,
        /**
         * From k-means on the unlabeled rows' embeddings z (as DTC, Han et al., ICCV 2019, initialises its
         * cluster centres): the rows of φ_u's weight are the unit-norm centroids, so the head starts out
         * assigning each row to its nearest centroid by cosine.
         */
        KMEANS
    }

    /** Which discovery epoch's weights the model keeps. */
    public enum ModelSelection {
        /**
         * The last epoch (the reference, and the default: with the warm-up and cosine schedule, discovery
         * converges, and on Fashion-MNIST the last epoch scored at least as well as the label-free pick).
         */
        LAST,
        /**
         * The epoch with the best label-free score: cluster separation of the novel head's assignments
         * in the embedding (mean cosine silhouette on a fixed subsample of unlabeled rows), zero if a
         * cluster is empty. Uses no hidden labels.
         */
        LABEL_FREE
    }

    private final long seed;
    private final DeviceChoice device;
    private final int numNovelClasses;
    private final EncoderType encoder;
    private final int[] mlpHiddenSizes;
    private final int embeddingDim;
    private final int batchSize;
    private final boolean freezeEarlyLayers;

    private final PretrainMethod pretrainMethod;
    private final int pretrainEpochs;
    private final double pretrainLearningRate;
    private final double pretrainTemperature;
    private final int projectionDim;
    private final double neighbourPositives;
    private final int neighbourCount;

    private final int supervisedEpochs;
    private final double supervisedLearningRate;

    private final int discoveryEpochs;
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final double lrDecayAt;
    private final int warmupEpochs;
    private final LrSchedule lrSchedule;
    private final double lrDecayFactor;

    private final PseudoLabels pseudoLabels;
    private final double cosineThreshold;
    private final int rankStatsTopK;
    private final double adaptiveNeighbourFraction;

    private final double bceWeight;
    private final double entropyWeight;
    private final double rampUpCoefficient;
    private final double rampUpLength;

    private final double nclWeight;
    private final int unlabeledQueueSize;
    private final double nclTemperature;
    private final double nclAlpha;
    private final int nclTopK;

    private final double sclWeight;
    private final int labeledQueueSize;

    private final boolean hardNegatives;
    private final int hngStartEpoch;
    private final int hngEasyNegatives;
    private final int hngRounds;
    private final double[] hngMixing;
    private final int hngKept;

    private final ModelSelection modelSelection;
    private final int selectionSampleSize;
    private final NovelHeadInit novelHeadInit;

    private final int imagePadding;
    private final boolean horizontalFlip;
    private final double cropScaleMin;
    private final double tabularNoise;
    private final double tabularCorruption;

    private final ContrastiveStrategy pretrainObjective;
    private final ContrastiveStrategy unlabeledObjective;
    private final ContrastiveStrategy labeledObjective;
    private final FalseNegativeHandling falseNegatives;
    private final int falseNegativeTopK;
    private final double falseNegativeThreshold;
    private final double debiasTauPlus;
    private final double hardnessBeta;
    private final int ssclHardest;
    private final int ssclSynthetic;
    private final double[] ssclMixing;
    private final double ssclContrast;
    private final int mochiHardest;
    private final int mochiSynthetic;
    private final int mochiQueryMixes;

    private NclOptions(Builder b) {
        seed = b.seed;
        device = b.device;
        numNovelClasses = b.numNovelClasses;
        encoder = b.encoder;
        mlpHiddenSizes = b.mlpHiddenSizes.clone();
        embeddingDim = b.embeddingDim;
        batchSize = b.batchSize;
        freezeEarlyLayers = b.freezeEarlyLayers;
        pretrainMethod = b.pretrainMethod;
        pretrainEpochs = b.pretrainEpochs;
        pretrainLearningRate = b.pretrainLearningRate;
        pretrainTemperature = b.pretrainTemperature;
        projectionDim = b.projectionDim;
        neighbourPositives = b.neighbourPositives;
        neighbourCount = b.neighbourCount;
        supervisedEpochs = b.supervisedEpochs;
        supervisedLearningRate = b.supervisedLearningRate;
        discoveryEpochs = b.discoveryEpochs;
        learningRate = b.learningRate;
        momentum = b.momentum;
        weightDecay = b.weightDecay;
        lrDecayAt = b.lrDecayAt;
        warmupEpochs = b.warmupEpochs;
        lrSchedule = b.lrSchedule;
        lrDecayFactor = b.lrDecayFactor;
        pseudoLabels = b.pseudoLabels;
        cosineThreshold = b.cosineThreshold;
        rankStatsTopK = b.rankStatsTopK;
        adaptiveNeighbourFraction = b.adaptiveNeighbourFraction;
        bceWeight = b.bceWeight;
        entropyWeight = b.entropyWeight;
        rampUpCoefficient = b.rampUpCoefficient;
        rampUpLength = b.rampUpLength;
        nclWeight = b.nclWeight;
        unlabeledQueueSize = b.unlabeledQueueSize;
        nclTemperature = b.nclTemperature;
        nclAlpha = b.nclAlpha;
        nclTopK = b.nclTopK;
        sclWeight = b.sclWeight;
        labeledQueueSize = b.labeledQueueSize;
        hardNegatives = b.hardNegatives;
        hngStartEpoch = b.hngStartEpoch;
        hngEasyNegatives = b.hngEasyNegatives;
        hngRounds = b.hngRounds;
        hngMixing = b.hngMixing.clone();
        hngKept = b.hngKept;
        modelSelection = b.modelSelection;
        selectionSampleSize = b.selectionSampleSize;
        novelHeadInit = b.novelHeadInit;
        imagePadding = b.imagePadding;
        horizontalFlip = b.horizontalFlip;
        cropScaleMin = b.cropScaleMin;
        tabularNoise = b.tabularNoise;
        tabularCorruption = b.tabularCorruption;
        pretrainObjective = b.pretrainObjective;
        unlabeledObjective = b.unlabeledObjective;
        labeledObjective = b.labeledObjective;
        falseNegatives = b.falseNegatives;
        falseNegativeTopK = b.falseNegativeTopK;
        falseNegativeThreshold = b.falseNegativeThreshold;
        debiasTauPlus = b.debiasTauPlus;
        hardnessBeta = b.hardnessBeta;
        ssclHardest = b.ssclHardest;
        ssclSynthetic = b.ssclSynthetic;
        ssclMixing = b.ssclMixing.clone();
        ssclContrast = b.ssclContrast;
        mochiHardest = b.mochiHardest;
        mochiSynthetic = b.mochiSynthetic;
        mochiQueryMixes = b.mochiQueryMixes;
    }

    /** A builder with every default set; the number of novel classes C_u has no default. */
    public static Builder builder(int numNovelClasses) {
        return new Builder().numNovelClasses(numNovelClasses);
    }

    /** A builder holding this object's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.device = device;
        b.numNovelClasses = numNovelClasses;
        b.encoder = encoder;
        b.mlpHiddenSizes = mlpHiddenSizes.clone();
        b.embeddingDim = embeddingDim;
        b.batchSize = batchSize;
        b.freezeEarlyLayers = freezeEarlyLayers;
        b.pretrainMethod = pretrainMethod;
        b.pretrainEpochs = pretrainEpochs;
        b.pretrainLearningRate = pretrainLearningRate;
        b.pretrainTemperature = pretrainTemperature;
        b.projectionDim = projectionDim;
        b.neighbourPositives = neighbourPositives;
        b.neighbourCount = neighbourCount;
        b.supervisedEpochs = supervisedEpochs;
        b.supervisedLearningRate = supervisedLearningRate;
        b.discoveryEpochs = discoveryEpochs;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.lrDecayAt = lrDecayAt;
        b.warmupEpochs = warmupEpochs;
        b.lrSchedule = lrSchedule;
        b.lrDecayFactor = lrDecayFactor;
        b.pseudoLabels = pseudoLabels;
        b.cosineThreshold = cosineThreshold;
        b.rankStatsTopK = rankStatsTopK;
        b.adaptiveNeighbourFraction = adaptiveNeighbourFraction;
        b.bceWeight = bceWeight;
        b.entropyWeight = entropyWeight;
        b.rampUpCoefficient = rampUpCoefficient;
        b.rampUpLength = rampUpLength;
        b.nclWeight = nclWeight;
        b.unlabeledQueueSize = unlabeledQueueSize;
        b.nclTemperature = nclTemperature;
        b.nclAlpha = nclAlpha;
        b.nclTopK = nclTopK;
        b.sclWeight = sclWeight;
        b.labeledQueueSize = labeledQueueSize;
        b.hardNegatives = hardNegatives;
        b.hngStartEpoch = hngStartEpoch;
        b.hngEasyNegatives = hngEasyNegatives;
        b.hngRounds = hngRounds;
        b.hngMixing = hngMixing.clone();
        b.hngKept = hngKept;
        b.modelSelection = modelSelection;
        b.selectionSampleSize = selectionSampleSize;
        b.novelHeadInit = novelHeadInit;
        b.imagePadding = imagePadding;
        b.horizontalFlip = horizontalFlip;
        b.cropScaleMin = cropScaleMin;
        b.tabularNoise = tabularNoise;
        b.tabularCorruption = tabularCorruption;
        b.pretrainObjective = pretrainObjective;
        b.unlabeledObjective = unlabeledObjective;
        b.labeledObjective = labeledObjective;
        b.falseNegatives = falseNegatives;
        b.falseNegativeTopK = falseNegativeTopK;
        b.falseNegativeThreshold = falseNegativeThreshold;
        b.debiasTauPlus = debiasTauPlus;
        b.hardnessBeta = hardnessBeta;
        b.ssclHardest = ssclHardest;
        b.ssclSynthetic = ssclSynthetic;
        b.ssclMixing = ssclMixing.clone();
        b.ssclContrast = ssclContrast;
        b.mochiHardest = mochiHardest;
        b.mochiSynthetic = mochiSynthetic;
        b.mochiQueryMixes = mochiQueryMixes;
        return b;
    }

    /**
     * The reference recipe of the authors' code (CIFAR-10 settings): RotNet pretraining, fixed cosine
     * threshold 0.95, last-epoch model, 200 discovery epochs with SGD 0.1 decayed at epoch 170,
     * batch 128, ramp-up c = 5, T = 50, HNG from epoch 3, early layers frozen.
     */
    public static Builder referenceBuilder(int numNovelClasses) {
        return builder(numNovelClasses)
                .encoder(EncoderType.RESNET18)
                .pretrainMethod(PretrainMethod.ROTNET)
                .pretrainEpochs(200)
                .supervisedEpochs(100)
                .supervisedLearningRate(0.1)
                .discoveryEpochs(200)
                .learningRate(0.1)
                .lrDecayAt(170.0 / 200.0)
                .warmupEpochs(0)
                .lrSchedule(LrSchedule.STEP)
                .batchSize(128)
                .pseudoLabels(PseudoLabels.COSINE)
                .rampUpLength(50)
                .freezeEarlyLayers(true)
                .modelSelection(ModelSelection.LAST)
                .entropyWeight(0)
                .novelHeadInit(NovelHeadInit.RANDOM)
                .imagePadding(4)
                .cropScaleMin(1.0)
                .neighbourPositives(0);
    }

    // ---- accessors -------------------------------------------------------------------------

    /** Seed of every random choice (initialisation, batches, augmentation). */
    public long seed() { return seed; }
    /** Device choice. */
    public DeviceChoice device() { return device; }
    /** Number of novel classes C_u. */
    public int numNovelClasses() { return numNovelClasses; }
    /** Encoder type. */
    public EncoderType encoder() { return encoder; }
    /** Hidden layer widths of the MLP encoder. */
    public int[] mlpHiddenSizes() { return mlpHiddenSizes.clone(); }
    /** Width D of the feature f (MLP and small CNN; ResNet-18 has 512). */
    public int embeddingDim() { return embeddingDim; }
    /** Rows per batch (labeled and unlabeled mixed). */
    public int batchSize() { return batchSize; }
    /** Freeze all but the last encoder block during discovery, as the reference code does. */
    public boolean freezeEarlyLayers() { return freezeEarlyLayers; }
    /** Stage-1 method. */
    public PretrainMethod pretrainMethod() { return pretrainMethod; }
    /** Stage-1 epochs. */
    public int pretrainEpochs() { return pretrainEpochs; }
    /** Stage-1 learning rate (SGD with momentum, cosine decay). */
    public double pretrainLearningRate() { return pretrainLearningRate; }
    /** Stage-1 InfoNCE temperature. */
    public double pretrainTemperature() { return pretrainTemperature; }
    /** Width of the projection head used only in contrastive pretraining. */
    public int projectionDim() { return projectionDim; }
    /**
     * Probability that the second view of a row in contrastive pretraining is an augmented view of one of
     * its {@link #neighbourCount} nearest neighbours in the input space instead of the row itself (default 0.5;
     * 0 = SimCLR's two views of the same row). Neighbours are mined once before pretraining, by cosine similarity of the
     * standardised rows: unlabeled rows among the unlabeled rows, labeled rows among the rows of their own
     * known class (nearest-neighbour positives as in NNCLR, Dwibedi et al., ICCV 2021, with SCAN's
     * neighbour mining, Van Gansbeke et al., ECCV 2020).
     */
    public double neighbourPositives() { return neighbourPositives; }
    /** Neighbours mined per row for {@link #neighbourPositives}. */
    public int neighbourCount() { return neighbourCount; }
    /** Stage-2 epochs (cross-entropy of φ_l on labeled rows). */
    public int supervisedEpochs() { return supervisedEpochs; }
    /** Stage-2 learning rate. */
    public double supervisedLearningRate() { return supervisedLearningRate; }
    /** Stage-3 (discovery) epochs. */
    public int discoveryEpochs() { return discoveryEpochs; }
    /** Stage-3 learning rate. */
    public double learningRate() { return learningRate; }
    /** SGD momentum (all stages). */
    public double momentum() { return momentum; }
    /** Weight decay (all stages). */
    public double weightDecay() { return weightDecay; }
    /** STEP schedule: fraction of the discovery epochs after which the learning rate is multiplied by {@link #lrDecayFactor()}. */
    public double lrDecayAt() { return lrDecayAt; }
    /**
     * Discovery epochs over which the learning rate rises linearly from 0 (0 = none, the reference):
     * the new loss terms and the randomly initialised queues otherwise jolt the pretrained network.
     */
    public int warmupEpochs() { return warmupEpochs; }
    /** The discovery learning-rate schedule. */
    public LrSchedule lrSchedule() { return lrSchedule; }
    /** Learning-rate factor applied at {@link #lrDecayAt()}. */
    public double lrDecayFactor() { return lrDecayFactor; }
    /** Pseudo-label rule of L_bce. */
    public PseudoLabels pseudoLabels() { return pseudoLabels; }
    /** λ of the cosine rule. */
    public double cosineThreshold() { return cosineThreshold; }
    /** Top-k of the rank-statistics rule. */
    public int rankStatsTopK() { return rankStatsTopK; }
    /** ρ of the adaptive rule: neighbours per row = ρ · (unlabeled rows in batch) / C_u. */
    public double adaptiveNeighbourFraction() { return adaptiveNeighbourFraction; }
    /** Weight of L_bce. */
    public double bceWeight() { return bceWeight; }
    /**
     * Weight of the balance term −H(mean over the batch's unlabeled rows of softmax φ_u), which keeps
     * the novel clusters from merging (SCAN, Van Gansbeke et al., ECCV 2020). 0 = off (the reference).
     */
    public double entropyWeight() { return entropyWeight; }
    /** c of the consistency ramp-up ω(t) = c·exp(−5(1 − min(t,T)/T)²). */
    public double rampUpCoefficient() { return rampUpCoefficient; }
    /** T of the ramp-up, in epochs. */
    public double rampUpLength() { return rampUpLength; }
    /** w_u, weight of L_ncl. */
    public double nclWeight() { return nclWeight; }
    /** K of the unlabeled memory queue M_u. */
    public int unlabeledQueueSize() { return unlabeledQueueSize; }
    /** τ of L_ncl and L_scl. */
    public double nclTemperature() { return nclTemperature; }
    /** α of L_ncl (weight of the view's own positive). */
    public double nclAlpha() { return nclAlpha; }
    /** Top-k pseudo-positives of L_ncl; 0 = K / (2·C_u). */
    public int nclTopK() { return nclTopK; }
    /** The top-k actually used. */
    public int effectiveNclTopK() {
        return nclTopK > 0 ? nclTopK : Math.max(1, unlabeledQueueSize / (2 * numNovelClasses));
    }
    /** w_l, weight of L_scl. */
    public double sclWeight() { return sclWeight; }
    /** K of the labeled memory queue M_l. */
    public int labeledQueueSize() { return labeledQueueSize; }
    /** Hard negative generation on or off. */
    public boolean hardNegatives() { return hardNegatives; }
    /** First discovery epoch (0-based) with hard negatives. */
    public int hngStartEpoch() { return hngStartEpoch; }
    /** Easy negatives n taken per query; 0 = 50 when C_u &le; 5, else 400. */
    public int hngEasyNegatives() { return hngEasyNegatives; }
    /** The n actually used. */
    public int effectiveHngEasyNegatives() {
        return hngEasyNegatives > 0 ? hngEasyNegatives : (numNovelClasses <= 5 ? 50 : 400);
    }
    /** Mixing rounds of HNG. */
    public int hngRounds() { return hngRounds; }
    /** Mixing factors μ of HNG. */
    public double[] hngMixing() { return hngMixing.clone(); }
    /** Number N of generated negatives kept (the hardest). */
    public int hngKept() { return hngKept; }
    /** Model-selection rule. */
    public ModelSelection modelSelection() { return modelSelection; }
    /** Unlabeled rows scored by the label-free selection. */
    public int selectionSampleSize() { return selectionSampleSize; }
    /** How φ_u is initialised before discovery. */
    public NovelHeadInit novelHeadInit() { return novelHeadInit; }
    /** Image augmentation: maximum translation in pixels (reflect padding). */
    public int imagePadding() { return imagePadding; }
    /** Image augmentation: random horizontal flip. */
    public boolean horizontalFlip() { return horizontalFlip; }
    /** Pretraining image augmentation: smallest area fraction of a random resized crop (1 = none). */
    public double cropScaleMin() { return cropScaleMin; }
    /** Tabular augmentation: standard deviation of Gaussian noise (standardised units). */
    public double tabularNoise() { return tabularNoise; }
    /** Tabular augmentation: probability that a value is replaced by the same feature of a random row. */
    public double tabularCorruption() { return tabularCorruption; }
    /** Contrastive objective of the pretraining stage ({@link ContrastiveStrategy}; default INFONCE). */
    public ContrastiveStrategy pretrainObjective() { return pretrainObjective; }
    /** Contrastive objective of L_ncl (default NCL: NCL's targets, hard negatives per {@link #hardNegatives()}). */
    public ContrastiveStrategy unlabeledObjective() { return unlabeledObjective; }
    /** Contrastive objective of L_scl (default SUPCON, NCL's L_scl). */
    public ContrastiveStrategy labeledObjective() { return labeledObjective; }
    /** False-negative handling in pretraining and L_ncl (FNC, Huynh et al., WACV 2022; default NONE). */
    public FalseNegativeHandling falseNegatives() { return falseNegatives; }
    /** False-negative candidates: rank limit among the anchor's negatives (0 = none). */
    public int falseNegativeTopK() { return falseNegativeTopK; }
    /** False-negative candidates: similarity above this (−1 = none). */
    public double falseNegativeThreshold() { return falseNegativeThreshold; }
    /** τ⁺, the class prior of DCL's debiasing (DCL, HCL, SSCL). */
    public double debiasTauPlus() { return debiasTauPlus; }
    /** β, HCL's hardness concentration (HCL, SSCL). */
    public double hardnessBeta() { return hardnessBeta; }
    /** SSCL: the s hardest negatives that are mixed. */
    public int ssclHardest() { return ssclHardest; }
    /** SSCL: the k synthetic negatives added per anchor. */
    public int ssclSynthetic() { return ssclSynthetic; }
    /** SSCL: the range [low, high] of the uniform mixing coefficient a. */
    public double[] ssclMixing() { return ssclMixing.clone(); }
    /** SSCL: contrast control c (synthetic negatives drawn ∝ exp(c·q·h/t); 0 = uniform). */
    public double ssclContrast() { return ssclContrast; }
    /** MoCHi: the N hardest negatives that are mixed. */
    public int mochiHardest() { return mochiHardest; }
    /** MoCHi: s, pairwise mixtures per anchor. */
    public int mochiSynthetic() { return mochiSynthetic; }
    /** MoCHi: s', mixtures with the query per anchor. */
    public int mochiQueryMixes() { return mochiQueryMixes; }

    /** Every setting by name, in a stable order, for provenance and display. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(seed));
        m.put("device", device.name());
        m.put("numNovelClasses", Integer.toString(numNovelClasses));
        m.put("encoder", encoder.name());
        m.put("mlpHiddenSizes", Arrays.toString(mlpHiddenSizes));
        m.put("embeddingDim", Integer.toString(embeddingDim));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("freezeEarlyLayers", Boolean.toString(freezeEarlyLayers));
        m.put("pretrainMethod", pretrainMethod.name());
        m.put("pretrainEpochs", Integer.toString(pretrainEpochs));
        m.put("pretrainLearningRate", Double.toString(pretrainLearningRate));
        m.put("pretrainTemperature", Double.toString(pretrainTemperature));
        m.put("projectionDim", Integer.toString(projectionDim));
        m.put("neighbourPositives", Double.toString(neighbourPositives));
        m.put("neighbourCount", Integer.toString(neighbourCount));
        m.put("supervisedEpochs", Integer.toString(supervisedEpochs));
        m.put("supervisedLearningRate", Double.toString(supervisedLearningRate));
        m.put("discoveryEpochs", Integer.toString(discoveryEpochs));
        m.put("learningRate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("weightDecay", Double.toString(weightDecay));
        m.put("lrDecayAt", Double.toString(lrDecayAt));
        m.put("warmupEpochs", Integer.toString(warmupEpochs));
        m.put("lrSchedule", lrSchedule.name());
        m.put("lrDecayFactor", Double.toString(lrDecayFactor));
        m.put("pseudoLabels", pseudoLabels.name());
        m.put("cosineThreshold", Double.toString(cosineThreshold));
        m.put("rankStatsTopK", Integer.toString(rankStatsTopK));
        m.put("adaptiveNeighbourFraction", Double.toString(adaptiveNeighbourFraction));
        m.put("bceWeight", Double.toString(bceWeight));
        m.put("entropyWeight", Double.toString(entropyWeight));
        m.put("rampUpCoefficient", Double.toString(rampUpCoefficient));
        m.put("rampUpLength", Double.toString(rampUpLength));
        m.put("nclWeight", Double.toString(nclWeight));
        m.put("unlabeledQueueSize", Integer.toString(unlabeledQueueSize));
        m.put("nclTemperature", Double.toString(nclTemperature));
        m.put("nclAlpha", Double.toString(nclAlpha));
        m.put("nclTopK", Integer.toString(nclTopK));
        m.put("sclWeight", Double.toString(sclWeight));
        m.put("labeledQueueSize", Integer.toString(labeledQueueSize));
        m.put("hardNegatives", Boolean.toString(hardNegatives));
        m.put("hngStartEpoch", Integer.toString(hngStartEpoch));
        m.put("hngEasyNegatives", Integer.toString(hngEasyNegatives));
        m.put("hngRounds", Integer.toString(hngRounds));
        m.put("hngMixing", Arrays.toString(hngMixing));
        m.put("hngKept", Integer.toString(hngKept));
        m.put("modelSelection", modelSelection.name());
        m.put("selectionSampleSize", Integer.toString(selectionSampleSize));
        m.put("novelHeadInit", novelHeadInit.name());
        m.put("imagePadding", Integer.toString(imagePadding));
        m.put("horizontalFlip", Boolean.toString(horizontalFlip));
        m.put("cropScaleMin", Double.toString(cropScaleMin));
        m.put("tabularNoise", Double.toString(tabularNoise));
        m.put("tabularCorruption", Double.toString(tabularCorruption));
        m.put("pretrainObjective", pretrainObjective.name());
        m.put("unlabeledObjective", unlabeledObjective.name());
        m.put("labeledObjective", labeledObjective.name());
        m.put("falseNegatives", falseNegatives.name());
        m.put("falseNegativeTopK", Integer.toString(falseNegativeTopK));
        m.put("falseNegativeThreshold", Double.toString(falseNegativeThreshold));
        m.put("debiasTauPlus", Double.toString(debiasTauPlus));
        m.put("hardnessBeta", Double.toString(hardnessBeta));
        m.put("ssclHardest", Integer.toString(ssclHardest));
        m.put("ssclSynthetic", Integer.toString(ssclSynthetic));
        m.put("ssclMixing", Arrays.toString(ssclMixing));
        m.put("ssclContrast", Double.toString(ssclContrast));
        m.put("mochiHardest", Integer.toString(mochiHardest));
        m.put("mochiSynthetic", Integer.toString(mochiSynthetic));
        m.put("mochiQueryMixes", Integer.toString(mochiQueryMixes));
        return m;
    }

    /**
     * Options added after the first model-file format, with the value that reproduces the behaviour of
     * models written before they existed; {@link #fromMap} fills them in when a saved map lacks them.
     */
    private static final Map<String, String> ADDED_LATER = Map.ofEntries(
            Map.entry("entropyWeight", "0.0"), Map.entry("warmupEpochs", "0"), Map.entry("lrSchedule", "STEP"),
            Map.entry("pretrainObjective", "INFONCE"), Map.entry("unlabeledObjective", "NCL"),
            Map.entry("labeledObjective", "SUPCON"), Map.entry("falseNegatives", "NONE"),
            Map.entry("falseNegativeTopK", "10"), Map.entry("falseNegativeThreshold", "0.7"),
            Map.entry("debiasTauPlus", "0.1"), Map.entry("hardnessBeta", "1.0"), Map.entry("ssclHardest", "64"),
            Map.entry("ssclSynthetic", "32"), Map.entry("ssclMixing", "[0.0, 1.0]"), Map.entry("ssclContrast", "1.0"),
            Map.entry("mochiHardest", "1024"), Map.entry("mochiSynthetic", "1024"), Map.entry("mochiQueryMixes", "128"),
            Map.entry("neighbourPositives", "0.0"), Map.entry("neighbourCount", "10"));

    /** Rebuilds options from {@link #toMap()} output (used when loading a saved model). */
    public static NclOptions fromMap(Map<String, String> saved) {
        Map<String, String> m = new LinkedHashMap<>(saved);
        ADDED_LATER.forEach(m::putIfAbsent);
        for (String name : NAMES) {
            req(m, name);
        }
        Builder b = new Builder();
        m.forEach(b::set);
        return b.build();
    }

    /** The name of every option, in the order of {@link #toMap()}; each one is accepted by {@link Builder#set}. */
    public static List<String> names() {
        return NAMES;
    }

    /** Every option's default in text form (C_u = 1); its form tells {@link Builder#set}'s errors what is expected. */
    private static final Map<String, String> DEFAULTS = java.util.Collections.unmodifiableMap(builder(1).build().toMap());

    private static final List<String> NAMES = List.copyOf(DEFAULTS.keySet());

    private static String req(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("option '" + key + "' is missing");
        }
        return v;
    }

    private static int[] parseInts(String s) {
        return Arrays.stream(parseList(s)).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] parseDoubles(String s) {
        return Arrays.stream(parseList(s)).mapToDouble(Double::parseDouble).toArray();
    }

    private static boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("not a boolean: " + s);
    }

    private static String[] parseList(String s) {
        String t = s.trim();
        if (t.startsWith("[")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.isBlank() ? new String[0] : Arrays.stream(t.split(",")).map(String::trim).toArray(String[]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NclOptions other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "NclOptions" + toMap();
    }

    /** Mutable builder; {@link #build()} validates. Defaults are documented on each setter. */
    public static final class Builder {
        private long seed = 1L;
        private DeviceChoice device = DeviceChoice.AUTO;
        private int numNovelClasses;
        private EncoderType encoder = EncoderType.AUTO;
        private int[] mlpHiddenSizes = {512, 512};
        private int embeddingDim = 128;
        private int batchSize = 256;
        private boolean freezeEarlyLayers = false;
        private PretrainMethod pretrainMethod = PretrainMethod.CONTRASTIVE;
        private int pretrainEpochs = 8;
        private double pretrainLearningRate = 0.1;
        private double pretrainTemperature = 0.5;
        private int projectionDim = 128;
        private double neighbourPositives = 0.5;
        private int neighbourCount = 10;
        private int supervisedEpochs = 2;
        private double supervisedLearningRate = 0.1;
        private int discoveryEpochs = 12;
        private double learningRate = 0.1;
        private double momentum = 0.9;
        private double weightDecay = 1e-4;
        private double lrDecayAt = 0.85;
        private int warmupEpochs = 1;
        private LrSchedule lrSchedule = LrSchedule.COSINE;
        private double lrDecayFactor = 0.1;
        private PseudoLabels pseudoLabels = PseudoLabels.ADAPTIVE;
        private double cosineThreshold = 0.95;
        private int rankStatsTopK = 5;
        private double adaptiveNeighbourFraction = 0.5;
        private double bceWeight = 1.0;
        private double entropyWeight = 1.0;
        private double rampUpCoefficient = 5.0;
        private double rampUpLength = 50.0;
        private double nclWeight = 1.0;
        private int unlabeledQueueSize = 2000;
        private double nclTemperature = 0.05;
        private double nclAlpha = 0.2;
        private int nclTopK = 0;
        private double sclWeight = 0.1;
        private int labeledQueueSize = 2000;
        private boolean hardNegatives = true;
        private int hngStartEpoch = 3;
        private int hngEasyNegatives = 0;
        private int hngRounds = 5;
        private double[] hngMixing = {1.0 / 3.0, 2.0 / 3.0};
        private int hngKept = 400;
        private ModelSelection modelSelection = ModelSelection.LAST;
        private int selectionSampleSize = 2000;
        private NovelHeadInit novelHeadInit = NovelHeadInit.KMEANS;
        private int imagePadding = 4;
        private boolean horizontalFlip = true;
        private double cropScaleMin = 0.5;
        private double tabularNoise = 0.1;
        private double tabularCorruption = 0.3;
        private ContrastiveStrategy pretrainObjective = ContrastiveStrategy.INFONCE;
        private ContrastiveStrategy unlabeledObjective = ContrastiveStrategy.NCL;
        private ContrastiveStrategy labeledObjective = ContrastiveStrategy.SUPCON;
        private FalseNegativeHandling falseNegatives = FalseNegativeHandling.NONE;
        private int falseNegativeTopK = 10;
        private double falseNegativeThreshold = 0.7;
        private double debiasTauPlus = 0.1;
        private double hardnessBeta = 1.0;
        private int ssclHardest = 64;
        private int ssclSynthetic = 32;
        private double[] ssclMixing = {0.0, 1.0};
        private double ssclContrast = 1.0;
        private int mochiHardest = 1024;
        private int mochiSynthetic = 1024;
        private int mochiQueryMixes = 128;

        private Builder() {
        }

        /** Seed (default 1). */
        public Builder seed(long v) { seed = v; return this; }
        /** Device (default AUTO). */
        public Builder device(DeviceChoice v) { device = v; return this; }
        /** C_u, required. */
        public Builder numNovelClasses(int v) { numNovelClasses = v; return this; }
        /** Encoder (default AUTO). */
        public Builder encoder(EncoderType v) { encoder = v; return this; }
        /** MLP hidden widths (default [512, 512]). */
        public Builder mlpHiddenSizes(int... v) { mlpHiddenSizes = v.clone(); return this; }
        /** Feature width D (default 128). */
        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        /** Batch size (default 256; reference 128). */
        public Builder batchSize(int v) { batchSize = v; return this; }
        /** Freeze early encoder blocks in discovery (default false; reference true). */
        public Builder freezeEarlyLayers(boolean v) { freezeEarlyLayers = v; return this; }
        /** Pretraining method (default CONTRASTIVE; reference ROTNET). */
        public Builder pretrainMethod(PretrainMethod v) { pretrainMethod = v; return this; }
        /** Pretraining epochs (default 8). */
        public Builder pretrainEpochs(int v) { pretrainEpochs = v; return this; }
        /** Pretraining learning rate (default 0.1). */
        public Builder pretrainLearningRate(double v) { pretrainLearningRate = v; return this; }
        /** Pretraining temperature (default 0.5, SimCLR). */
        public Builder pretrainTemperature(double v) { pretrainTemperature = v; return this; }
        /** Projection head width (default 128). */
        public Builder projectionDim(int v) { projectionDim = v; return this; }
        /** Probability of a nearest-neighbour second view in contrastive pretraining (default 0.5; 0 = off, SimCLR's views). */
        public Builder neighbourPositives(double v) { neighbourPositives = v; return this; }
        /** Neighbours mined per row for neighbour positives (default 10). */
        public Builder neighbourCount(int v) { neighbourCount = v; return this; }
        /** Supervised epochs (default 2; reference 100). */
        public Builder supervisedEpochs(int v) { supervisedEpochs = v; return this; }
        /** Supervised learning rate (default 0.1, reference). */
        public Builder supervisedLearningRate(double v) { supervisedLearningRate = v; return this; }
        /** Discovery epochs (default 12; reference 200). */
        public Builder discoveryEpochs(int v) { discoveryEpochs = v; return this; }
        /** Discovery learning rate (default 0.1, reference). */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /** SGD momentum (default 0.9, reference). */
        public Builder momentum(double v) { momentum = v; return this; }
        /** Weight decay (default 1e-4, reference). */
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        /** Fraction of discovery epochs before the decay (default 0.85 = 170/200, reference). */
        public Builder lrDecayAt(double v) { lrDecayAt = v; return this; }
        /** Discovery warm-up epochs (default 1; reference 0). */
        public Builder warmupEpochs(int v) { warmupEpochs = v; return this; }
        /** Discovery schedule (default COSINE; reference STEP). */
        public Builder lrSchedule(LrSchedule v) { lrSchedule = v; return this; }
        /** Decay factor (default 0.1, reference). */
        public Builder lrDecayFactor(double v) { lrDecayFactor = v; return this; }
        /** Pseudo-label rule (default ADAPTIVE; reference COSINE). */
        public Builder pseudoLabels(PseudoLabels v) { pseudoLabels = v; return this; }
        /** λ (default 0.95, reference). */
        public Builder cosineThreshold(double v) { cosineThreshold = v; return this; }
        /** Rank-statistics top-k (default 5, AutoNovel). */
        public Builder rankStatsTopK(int v) { rankStatsTopK = v; return this; }
        /** ρ of the adaptive rule (default 0.5). */
        public Builder adaptiveNeighbourFraction(double v) { adaptiveNeighbourFraction = v; return this; }
        /** Weight of L_bce (default 1, reference). */
        public Builder bceWeight(double v) { bceWeight = v; return this; }
        /** Balance-term weight (default 1; reference 0). */
        public Builder entropyWeight(double v) { entropyWeight = v; return this; }
        /** Ramp-up c (default 5, reference CIFAR-10). */
        public Builder rampUpCoefficient(double v) { rampUpCoefficient = v; return this; }
        /** Ramp-up T in epochs (default 50, reference CIFAR-10). */
        public Builder rampUpLength(double v) { rampUpLength = v; return this; }
        /** w_u (default 1, reference). */
        public Builder nclWeight(double v) { nclWeight = v; return this; }
        /** K of M_u (default 2000, reference). */
        public Builder unlabeledQueueSize(int v) { unlabeledQueueSize = v; return this; }
        /** τ (default 0.05, reference). */
        public Builder nclTemperature(double v) { nclTemperature = v; return this; }
        /** α (default 0.2, reference). */
        public Builder nclAlpha(double v) { nclAlpha = v; return this; }
        /** Top-k (default 0 = K/(2·C_u), reference). */
        public Builder nclTopK(int v) { nclTopK = v; return this; }
        /** w_l (default 0.1, reference). */
        public Builder sclWeight(double v) { sclWeight = v; return this; }
        /** K of M_l (default 2000, reference). */
        public Builder labeledQueueSize(int v) { labeledQueueSize = v; return this; }
        /** HNG on/off (default true, reference). */
        public Builder hardNegatives(boolean v) { hardNegatives = v; return this; }
        /** HNG start epoch (default 3, reference). */
        public Builder hngStartEpoch(int v) { hngStartEpoch = v; return this; }
        /** Easy negatives n (default 0 = 50 for C_u &le; 5 else 400, reference). */
        public Builder hngEasyNegatives(int v) { hngEasyNegatives = v; return this; }
        /** HNG rounds (default 5, reference). */
        public Builder hngRounds(int v) { hngRounds = v; return this; }
        /** HNG μ values (default {1/3, 2/3}, reference). */
        public Builder hngMixing(double... v) { hngMixing = v.clone(); return this; }
        /** Generated negatives kept N (default 400, reference). */
        public Builder hngKept(int v) { hngKept = v; return this; }
        /** Model selection (default LAST, as the reference; LABEL_FREE keeps the best-scoring epoch). */
        public Builder modelSelection(ModelSelection v) { modelSelection = v; return this; }
        /** Rows scored by model selection (default 2000). */
        public Builder selectionSampleSize(int v) { selectionSampleSize = v; return this; }
        /** Novel head initialisation (default KMEANS; reference RANDOM). */
        public Builder novelHeadInit(NovelHeadInit v) { novelHeadInit = v; return this; }
        /** Translation in pixels (default 4, reference). */
        public Builder imagePadding(int v) { imagePadding = v; return this; }
        /** Horizontal flip (default true, reference). */
        public Builder horizontalFlip(boolean v) { horizontalFlip = v; return this; }
        /** Pretraining crop scale minimum (default 0.5; 1 disables the resized crop). */
        public Builder cropScaleMin(double v) { cropScaleMin = v; return this; }
        /** Tabular noise (default 0.1). */
        public Builder tabularNoise(double v) { tabularNoise = v; return this; }
        /** Tabular corruption rate (default 0.3). */
        public Builder tabularCorruption(double v) { tabularCorruption = v; return this; }
        /**
         * Contrastive objective of pretraining (default INFONCE, the behaviour before this option; also SUPCON with
         * the labeled rows' labels, DCL, HCL, SSCL, MOCHI). See {@link ContrastiveStrategy} for papers and defaults.
         */
        public Builder pretrainObjective(ContrastiveStrategy v) { pretrainObjective = v; return this; }
        /**
         * Contrastive objective of L_ncl (default NCL: NCL's targets with hard negatives per {@code hardNegatives};
         * HNG forces them on; INFONCE, SUPCON, DCL, HCL, SSCL, MOCHI swap the estimator or negatives).
         */
        public Builder unlabeledObjective(ContrastiveStrategy v) { unlabeledObjective = v; return this; }
        /** Contrastive objective of L_scl (default SUPCON, NCL's L_scl; also INFONCE, DCL, HCL, SSCL, MOCHI). */
        public Builder labeledObjective(ContrastiveStrategy v) { labeledObjective = v; return this; }
        /** False-negative handling in pretraining and L_ncl (default NONE; ELIMINATE or ATTRACT, FNC). */
        public Builder falseNegatives(FalseNegativeHandling v) { falseNegatives = v; return this; }
        /** Rank limit of false-negative candidates (default 10, FNC; 0 = threshold only). */
        public Builder falseNegativeTopK(int v) { falseNegativeTopK = v; return this; }
        /** Similarity limit of false-negative candidates (default 0.7; −1 = top-k only). */
        public Builder falseNegativeThreshold(double v) { falseNegativeThreshold = v; return this; }
        /** τ⁺ of DCL/HCL/SSCL (default 0.1, Chuang et al. 2020). */
        public Builder debiasTauPlus(double v) { debiasTauPlus = v; return this; }
        /** β of HCL/SSCL (default 1, Robinson et al. 2021). */
        public Builder hardnessBeta(double v) { hardnessBeta = v; return this; }
        /** SSCL's s hardest negatives (default 64, authors' snapshot). */
        public Builder ssclHardest(int v) { ssclHardest = v; return this; }
        /** SSCL's k synthetic negatives (default 32, authors' snapshot). */
        public Builder ssclSynthetic(int v) { ssclSynthetic = v; return this; }
        /** SSCL's range [low, high] of the uniform mixing coefficient (default [0, 1]). */
        public Builder ssclMixing(double... v) { ssclMixing = v.clone(); return this; }
        /** SSCL's contrast control c (default 1; 0 = uniform draws, larger = harder). */
        public Builder ssclContrast(double v) { ssclContrast = v; return this; }
        /** MoCHi's N hardest negatives (default 1024). */
        public Builder mochiHardest(int v) { mochiHardest = v; return this; }
        /** MoCHi's s pairwise mixtures (default 1024). */
        public Builder mochiSynthetic(int v) { mochiSynthetic = v; return this; }
        /** MoCHi's s' query mixtures (default 128; 0 = none). */
        public Builder mochiQueryMixes(int v) { mochiQueryMixes = v; return this; }

        /**
         * Sets one option by its name in {@link NclOptions#toMap()} from its text form (numbers, enum
         * constant names, {@code true/false}, lists as {@code [a, b]} or {@code a,b}); this is how the
         * adapters and the command line pass settings through without a field per option.
         *
         * @throws IllegalArgumentException naming the option and the expected form if the name is unknown or
         *                                  the value does not parse
         */
        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                throw new IllegalArgumentException("option '" + name + "' has no value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; known options: " + String.join(", ", NAMES));
            }
            try {
                setParsed(name, value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '" + name + "': cannot use '" + value + "' ("
                        + expectedForm(name) + ")", e);
            }
            return this;
        }

        private void setParsed(String name, String value) {
            switch (name) {
                case "numNovelClasses" -> numNovelClasses(Integer.parseInt(value));
                case "seed" -> seed(Long.parseLong(value));
                case "device" -> device(DeviceChoice.valueOf(value.toUpperCase(Locale.ROOT)));
                case "encoder" -> encoder(EncoderType.valueOf(value.toUpperCase(Locale.ROOT)));
                case "mlpHiddenSizes" -> mlpHiddenSizes(parseInts(value));
                case "embeddingDim" -> embeddingDim(Integer.parseInt(value));
                case "batchSize" -> batchSize(Integer.parseInt(value));
                case "freezeEarlyLayers" -> freezeEarlyLayers(parseBoolean(value));
                case "pretrainMethod" -> pretrainMethod(PretrainMethod.valueOf(value.toUpperCase(Locale.ROOT)));
                case "pretrainEpochs" -> pretrainEpochs(Integer.parseInt(value));
                case "pretrainLearningRate" -> pretrainLearningRate(Double.parseDouble(value));
                case "pretrainTemperature" -> pretrainTemperature(Double.parseDouble(value));
                case "projectionDim" -> projectionDim(Integer.parseInt(value));
                case "neighbourPositives" -> neighbourPositives(Double.parseDouble(value));
                case "neighbourCount" -> neighbourCount(Integer.parseInt(value));
                case "supervisedEpochs" -> supervisedEpochs(Integer.parseInt(value));
                case "supervisedLearningRate" -> supervisedLearningRate(Double.parseDouble(value));
                case "discoveryEpochs" -> discoveryEpochs(Integer.parseInt(value));
                case "learningRate" -> learningRate(Double.parseDouble(value));
                case "momentum" -> momentum(Double.parseDouble(value));
                case "weightDecay" -> weightDecay(Double.parseDouble(value));
                case "lrDecayAt" -> lrDecayAt(Double.parseDouble(value));
                case "warmupEpochs" -> warmupEpochs(Integer.parseInt(value));
                case "lrSchedule" -> lrSchedule(LrSchedule.valueOf(value.toUpperCase(Locale.ROOT)));
                case "lrDecayFactor" -> lrDecayFactor(Double.parseDouble(value));
                case "pseudoLabels" -> pseudoLabels(PseudoLabels.valueOf(value.toUpperCase(Locale.ROOT)));
                case "cosineThreshold" -> cosineThreshold(Double.parseDouble(value));
                case "rankStatsTopK" -> rankStatsTopK(Integer.parseInt(value));
                case "adaptiveNeighbourFraction" -> adaptiveNeighbourFraction(Double.parseDouble(value));
                case "bceWeight" -> bceWeight(Double.parseDouble(value));
                case "entropyWeight" -> entropyWeight(Double.parseDouble(value));
                case "rampUpCoefficient" -> rampUpCoefficient(Double.parseDouble(value));
                case "rampUpLength" -> rampUpLength(Double.parseDouble(value));
                case "nclWeight" -> nclWeight(Double.parseDouble(value));
                case "unlabeledQueueSize" -> unlabeledQueueSize(Integer.parseInt(value));
                case "nclTemperature" -> nclTemperature(Double.parseDouble(value));
                case "nclAlpha" -> nclAlpha(Double.parseDouble(value));
                case "nclTopK" -> nclTopK(Integer.parseInt(value));
                case "sclWeight" -> sclWeight(Double.parseDouble(value));
                case "labeledQueueSize" -> labeledQueueSize(Integer.parseInt(value));
                case "hardNegatives" -> hardNegatives(parseBoolean(value));
                case "hngStartEpoch" -> hngStartEpoch(Integer.parseInt(value));
                case "hngEasyNegatives" -> hngEasyNegatives(Integer.parseInt(value));
                case "hngRounds" -> hngRounds(Integer.parseInt(value));
                case "hngMixing" -> hngMixing(parseDoubles(value));
                case "hngKept" -> hngKept(Integer.parseInt(value));
                case "modelSelection" -> modelSelection(ModelSelection.valueOf(value.toUpperCase(Locale.ROOT)));
                case "selectionSampleSize" -> selectionSampleSize(Integer.parseInt(value));
                case "novelHeadInit" -> novelHeadInit(NovelHeadInit.valueOf(value.toUpperCase(Locale.ROOT)));
                case "imagePadding" -> imagePadding(Integer.parseInt(value));
                case "horizontalFlip" -> horizontalFlip(parseBoolean(value));
                case "cropScaleMin" -> cropScaleMin(Double.parseDouble(value));
                case "tabularNoise" -> tabularNoise(Double.parseDouble(value));
                case "tabularCorruption" -> tabularCorruption(Double.parseDouble(value));
                case "pretrainObjective" -> pretrainObjective(ContrastiveStrategy.valueOf(value.toUpperCase(Locale.ROOT)));
                case "unlabeledObjective" -> unlabeledObjective(ContrastiveStrategy.valueOf(value.toUpperCase(Locale.ROOT)));
                case "labeledObjective" -> labeledObjective(ContrastiveStrategy.valueOf(value.toUpperCase(Locale.ROOT)));
                case "falseNegatives" -> falseNegatives(FalseNegativeHandling.valueOf(value.toUpperCase(Locale.ROOT)));
                case "falseNegativeTopK" -> falseNegativeTopK(Integer.parseInt(value));
                case "falseNegativeThreshold" -> falseNegativeThreshold(Double.parseDouble(value));
                case "debiasTauPlus" -> debiasTauPlus(Double.parseDouble(value));
                case "hardnessBeta" -> hardnessBeta(Double.parseDouble(value));
                case "ssclHardest" -> ssclHardest(Integer.parseInt(value));
                case "ssclSynthetic" -> ssclSynthetic(Integer.parseInt(value));
                case "ssclMixing" -> ssclMixing(parseDoubles(value));
                case "ssclContrast" -> ssclContrast(Double.parseDouble(value));
                case "mochiHardest" -> mochiHardest(Integer.parseInt(value));
                case "mochiSynthetic" -> mochiSynthetic(Integer.parseInt(value));
                case "mochiQueryMixes" -> mochiQueryMixes(Integer.parseInt(value));
                default -> throw new IllegalStateException("option '" + name + "' has no setter");
            }
        }

        private static String expectedForm(String name) {
            Enum<?>[] choices = switch (name) {
                case "device" -> DeviceChoice.values();
                case "encoder" -> EncoderType.values();
                case "pretrainMethod" -> PretrainMethod.values();
                case "lrSchedule" -> LrSchedule.values();
                case "pseudoLabels" -> PseudoLabels.values();
                case "modelSelection" -> ModelSelection.values();
                case "novelHeadInit" -> NovelHeadInit.values();
                case "pretrainObjective", "unlabeledObjective", "labeledObjective" -> ContrastiveStrategy.values();
                case "falseNegatives" -> FalseNegativeHandling.values();
                default -> null;
            };
            if (choices != null) {
                return choices(choices);
            }
            if (name.equals("ssclMixing")) {
                return "expected two numbers low, high such as [0, 1]";
            }
            String example = DEFAULTS.get(name);
            if (example.equals("true") || example.equals("false")) {
                return "expected true or false";
            }
            if (example.startsWith("[")) {
                return Arrays.stream(parseList(example)).allMatch(Builder::isInteger)
                        ? "expected a list of integers such as " + example : "expected a list of numbers such as [0.33, 0.67]";
            }
            return isInteger(example) ? "expected an integer" : "expected a number";
        }

        private static boolean isInteger(String text) {
            try {
                Long.parseLong(text);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static String choices(Enum<?>[] values) {
            return "expected one of " + Arrays.stream(values).map(Enum::name).collect(java.util.stream.Collectors.joining(", "));
        }

        /** Validates every value and builds. */
        public NclOptions build() {
            atLeast("numNovelClasses", numNovelClasses, 1);
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(encoder, "encoder");
            Objects.requireNonNull(pretrainMethod, "pretrainMethod");
            Objects.requireNonNull(pseudoLabels, "pseudoLabels");
            Objects.requireNonNull(modelSelection, "modelSelection");
            Objects.requireNonNull(novelHeadInit, "novelHeadInit");
            Objects.requireNonNull(lrSchedule, "lrSchedule");
            if (mlpHiddenSizes.length == 0) {
                throw new IllegalArgumentException("option 'mlpHiddenSizes' must list at least one width");
            }
            for (int w : mlpHiddenSizes) {
                atLeast("mlpHiddenSizes", w, 1);
            }
            atLeast("embeddingDim", embeddingDim, 2);
            atLeast("batchSize", batchSize, 4);
            atLeast("pretrainEpochs", pretrainEpochs, 0);
            positive("pretrainLearningRate", pretrainLearningRate);
            positive("pretrainTemperature", pretrainTemperature);
            atLeast("projectionDim", projectionDim, 2);
            inRange("neighbourPositives", neighbourPositives, 0, 1, true);
            atLeast("neighbourCount", neighbourCount, 1);
            atLeast("supervisedEpochs", supervisedEpochs, 0);
            positive("supervisedLearningRate", supervisedLearningRate);
            atLeast("discoveryEpochs", discoveryEpochs, 1);
            positive("learningRate", learningRate);
            inRange("momentum", momentum, 0, 1, false);
            nonNegative("weightDecay", weightDecay);
            inRange("lrDecayAt", lrDecayAt, 0, 1, true);
            atLeast("warmupEpochs", warmupEpochs, 0);
            inRange("lrDecayFactor", lrDecayFactor, 0, 1, true);
            if (lrDecayFactor == 0) {
                throw new IllegalArgumentException("option 'lrDecayFactor' must be in (0, 1], got 0");
            }
            inRange("cosineThreshold", cosineThreshold, -1, 1, true);
            atLeast("rankStatsTopK", rankStatsTopK, 1);
            if (pseudoLabels == PseudoLabels.RANK_STATS && rankStatsTopK > embeddingDim) {
                throw new IllegalArgumentException("option 'rankStatsTopK' (" + rankStatsTopK
                        + ") must not exceed 'embeddingDim' (" + embeddingDim + ")");
            }
            inRange("adaptiveNeighbourFraction", adaptiveNeighbourFraction, 0, 1, true);
            if (adaptiveNeighbourFraction == 0) {
                throw new IllegalArgumentException("option 'adaptiveNeighbourFraction' must be in (0, 1], got 0");
            }
            nonNegative("bceWeight", bceWeight);
            nonNegative("entropyWeight", entropyWeight);
            nonNegative("rampUpCoefficient", rampUpCoefficient);
            positive("rampUpLength", rampUpLength);
            nonNegative("nclWeight", nclWeight);
            atLeast("unlabeledQueueSize", unlabeledQueueSize, 1);
            positive("nclTemperature", nclTemperature);
            inRange("nclAlpha", nclAlpha, 0, 1, true);
            atLeast("nclTopK", nclTopK, 0);
            if (nclTopK > unlabeledQueueSize + 1) {
                throw new IllegalArgumentException("option 'nclTopK' (" + nclTopK
                        + ") must not exceed 'unlabeledQueueSize' + 1 (" + (unlabeledQueueSize + 1) + ")");
            }
            nonNegative("sclWeight", sclWeight);
            atLeast("labeledQueueSize", labeledQueueSize, 1);
            atLeast("hngStartEpoch", hngStartEpoch, 0);
            atLeast("hngEasyNegatives", hngEasyNegatives, 0);
            if (hngEasyNegatives > unlabeledQueueSize) {
                throw new IllegalArgumentException("option 'hngEasyNegatives' (" + hngEasyNegatives
                        + ") must not exceed 'unlabeledQueueSize' (" + unlabeledQueueSize + ")");
            }
            atLeast("hngRounds", hngRounds, 1);
            if (hngMixing.length == 0) {
                throw new IllegalArgumentException("option 'hngMixing' must list at least one factor μ");
            }
            for (double mu : hngMixing) {
                inRange("hngMixing", mu, 0, 1, false);
                if (mu == 0) {
                    throw new IllegalArgumentException("option 'hngMixing' values must be in (0, 1), got 0");
                }
            }
            atLeast("hngKept", hngKept, 1);
            atLeast("selectionSampleSize", selectionSampleSize, 10);
            atLeast("imagePadding", imagePadding, 0);
            inRange("cropScaleMin", cropScaleMin, 0, 1, true);
            if (cropScaleMin < 0.05) {
                throw new IllegalArgumentException("option 'cropScaleMin' must be in [0.05, 1], got " + cropScaleMin);
            }
            nonNegative("tabularNoise", tabularNoise);
            inRange("tabularCorruption", tabularCorruption, 0, 1, false);
            validateContrastive();
            return new NclOptions(this);
        }

        private void validateContrastive() {
            objectiveAt(ContrastiveSite.PRETRAIN, pretrainObjective);
            objectiveAt(ContrastiveSite.UNLABELED, unlabeledObjective);
            objectiveAt(ContrastiveSite.LABELED, labeledObjective);
            Objects.requireNonNull(falseNegatives, "falseNegatives");
            atLeast("falseNegativeTopK", falseNegativeTopK, 0);
            inRange("falseNegativeThreshold", falseNegativeThreshold, -1, 1, true);
            inRange("debiasTauPlus", debiasTauPlus, 0, 1, false);
            nonNegative("hardnessBeta", hardnessBeta);
            atLeast("ssclHardest", ssclHardest, 1);
            atLeast("ssclSynthetic", ssclSynthetic, 1);
            if (ssclMixing.length != 2 || !(ssclMixing[0] >= 0 && ssclMixing[0] <= ssclMixing[1] && ssclMixing[1] <= 1)) {
                throw new IllegalArgumentException("option 'ssclMixing' must be two numbers 0 <= low <= high <= 1, got "
                        + Arrays.toString(ssclMixing));
            }
            nonNegative("ssclContrast", ssclContrast);
            atLeast("mochiHardest", mochiHardest, 1);
            atLeast("mochiSynthetic", mochiSynthetic, 0);
            atLeast("mochiQueryMixes", mochiQueryMixes, 0);
            if (mochiSynthetic + mochiQueryMixes == 0) {
                throw new IllegalArgumentException("options 'mochiSynthetic' and 'mochiQueryMixes' are both 0: MoCHi needs "
                        + "at least one synthetic negative");
            }
        }

        private static void objectiveAt(ContrastiveSite site, ContrastiveStrategy s) {
            if (s == null) {
                throw new IllegalArgumentException("option '" + site.option() + "' must not be null");
            }
            if (!s.supports(site)) {
                String allowed = Arrays.stream(ContrastiveStrategy.values()).filter(v -> v.supports(site)).map(Enum::name)
                        .collect(java.util.stream.Collectors.joining(", "));
                throw new IllegalArgumentException("option '" + site.option() + "' = " + s + " is not available there "
                        + "(NCL and HNG need NCL's unlabeled and labeled queues, so they serve only 'unlabeledObjective'); "
                        + "expected one of " + allowed);
            }
        }

        private static void atLeast(String name, long v, long min) {
            if (v < min) {
                throw new IllegalArgumentException("option '" + name + "' must be at least " + min + ", got " + v);
            }
        }

        private static void positive(String name, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("option '" + name + "' must be a positive finite number, got " + v);
            }
        }

        private static void nonNegative(String name, double v) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("option '" + name + "' must be a finite number >= 0, got " + v);
            }
        }

        private static void inRange(String name, double v, double lo, double hi, boolean hiInclusive) {
            boolean ok = v >= lo && (hiInclusive ? v <= hi : v < hi);
            if (!ok || Double.isNaN(v)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "option '%s' must be in [%s, %s%s, got %s",
                        name, lo, hi, hiInclusive ? "]" : ")", v));
            }
        }
    }
}
