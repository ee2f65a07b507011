package org.ncl.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.lang.reflect.Field;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.NclOptions;
import org.ncl.core.NclOptions.DeviceChoice;
import org.ncl.core.NclOptions.EncoderType;
import org.ncl.core.NclOptions.LrSchedule;
import org.ncl.core.NclOptions.ModelSelection;
import org.ncl.core.NclOptions.NovelHeadInit;
import org.ncl.core.NclOptions.PretrainMethod;
import org.ncl.core.NclOptions.PseudoLabels;
import org.ncl.core.NclProvenance;
import org.ncl.core.progress.TrainingListener;
import org.ncl.core.data.DiscoveryData;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Neighborhood Contrastive Learning for novel class discovery (Zhong, Fini, Roy, Luo, Ricci, Sebe,
 * "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021) as a Tribuo
 * {@link Trainer}: the rows of the dataset whose output equals {@link org.tribuo.classification.LabelFactory#UNKNOWN_LABEL}
 * are the unlabeled set, the labeled rows define the known classes, and the trained {@link NclModel}
 * predicts a known label or one of {@code novel-0 .. novel-(k-1)}.
 *
 * <p>A thin adapter: {@link #train} turns the dataset into the core's {@link DiscoveryData} (dense rows over the
 * dataset's feature map in feature-id order; a feature absent from an example is 0, as everywhere in Tribuo;
 * known class names sorted) and calls {@link org.ncl.core.NclTrainer}; all training logic lives in the core.
 *
 * <p>Configuration: one {@code @Config} field per core option of {@link NclOptions} (same names, same defaults,
 * lists as text such as {@code "512,512"}), plus {@link #coreOptions} for options without a field of their own
 * (options added to the core later work through it with no change here), plus {@code imageShape} for image rows.
 * {@link #postConfig()} builds the {@link NclOptions}, so a bad value fails at configuration time with the core's
 * message naming the option. The core's own {@code seed} option is not a field: as in Tribuo's {@code KMeansTrainer},
 * {@code seed} seeds a {@link SplittableRandom} that is split once per {@code train} call; the core seed of call i
 * is {@code nextLong()} of the i-th split (recorded in the model's run provenance as {@value #CORE_SEED}), so a run
 * is replayed from provenance with {@link #setInvocationCount(int)}.
 */
public final class NclTrainer implements Trainer<Label> {

    private static final Logger logger = Logger.getLogger(NclTrainer.class.getName());

    /** Run-provenance key of the core seed used by a train call. */
    public static final String CORE_SEED = "ncl-core-seed";
    /** Run-provenance key prefix of the run's metrics and facts. */
    public static final String RUN_PREFIX = "ncl-";

    private static final NclOptions DEFAULTS = NclOptions.builder(1).build();

    @Config(mandatory = true, description = "Number of novel classes C_u to discover (the novel head's width).")
    private int numNovelClasses;

    @Config(description = "Seed of the trainer's random number generator; each train call draws its core seed from a split of it.")
    private long seed = Trainer.DEFAULT_SEED;

    @Config(description = "Shape of an image row as 'channels,height,width' (features taken in feature-id order, i.e. sorted by "
            + "name, must be the pixels in channel-row-column order); empty for vector rows.")
    private String imageShape = "";

    @Config(description = "Device: AUTO (CUDA if available), CPU or GPU.")
    private DeviceChoice device = DEFAULTS.device();
    @Config(description = "Encoder: AUTO (MLP for vectors, SMALL_CNN for images), MLP, SMALL_CNN or RESNET18 (the paper's CIFAR ResNet-18).")
    private EncoderType encoder = DEFAULTS.encoder();
    @Config(description = "Hidden layer widths of the MLP encoder, comma separated, e.g. '512,512'.")
    private String mlpHiddenSizes = joinInts(DEFAULTS.mlpHiddenSizes());
    @Config(description = "Width D of the feature f (MLP and SMALL_CNN; RESNET18 has 512).")
    private int embeddingDim = DEFAULTS.embeddingDim();
    @Config(description = "Rows per batch (labeled and unlabeled mixed).")
    private int batchSize = DEFAULTS.batchSize();
    @Config(description = "Freeze all but the last encoder block during discovery (the reference code does).")
    private boolean freezeEarlyLayers = DEFAULTS.freezeEarlyLayers();
    @Config(description = "Stage-1 self-supervised method: CONTRASTIVE, ROTNET (the paper's) or NONE.")
    private PretrainMethod pretrainMethod = DEFAULTS.pretrainMethod();
    @Config(description = "Stage-1 epochs.")
    private int pretrainEpochs = DEFAULTS.pretrainEpochs();
    @Config(description = "Stage-1 learning rate.")
    private double pretrainLearningRate = DEFAULTS.pretrainLearningRate();
    @Config(description = "Stage-1 InfoNCE temperature.")
    private double pretrainTemperature = DEFAULTS.pretrainTemperature();
    @Config(description = "Width of the projection head used only in contrastive pretraining.")
    private int projectionDim = DEFAULTS.projectionDim();
    @Config(description = "Stage-2 epochs (cross-entropy of the known head on labeled rows).")
    private int supervisedEpochs = DEFAULTS.supervisedEpochs();
    @Config(description = "Stage-2 learning rate.")
    private double supervisedLearningRate = DEFAULTS.supervisedLearningRate();
    @Config(description = "Stage-3 (discovery) epochs.")
    private int discoveryEpochs = DEFAULTS.discoveryEpochs();
    @Config(description = "Stage-3 learning rate.")
    private double learningRate = DEFAULTS.learningRate();
    @Config(description = "SGD momentum (all stages).")
    private double momentum = DEFAULTS.momentum();
    @Config(description = "Weight decay (all stages).")
    private double weightDecay = DEFAULTS.weightDecay();
    @Config(description = "STEP schedule: fraction of the discovery epochs after which the learning rate is multiplied by lrDecayFactor.")
    private double lrDecayAt = DEFAULTS.lrDecayAt();
    @Config(description = "Discovery warm-up epochs (linear learning-rate ramp from 0).")
    private int warmupEpochs = DEFAULTS.warmupEpochs();
    @Config(description = "Discovery learning-rate schedule: COSINE or STEP.")
    private LrSchedule lrSchedule = DEFAULTS.lrSchedule();
    @Config(description = "Learning-rate factor of the STEP schedule.")
    private double lrDecayFactor = DEFAULTS.lrDecayFactor();
    @Config(description = "Pairwise pseudo-labels of L_bce: ADAPTIVE, COSINE (the paper's threshold) or RANK_STATS.")
    private PseudoLabels pseudoLabels = DEFAULTS.pseudoLabels();
    @Config(description = "Threshold lambda of the COSINE pseudo-label rule.")
    private double cosineThreshold = DEFAULTS.cosineThreshold();
    @Config(description = "Top-k of the RANK_STATS pseudo-label rule.")
    private int rankStatsTopK = DEFAULTS.rankStatsTopK();
    @Config(description = "Neighbour fraction rho of the ADAPTIVE pseudo-label rule.")
    private double adaptiveNeighbourFraction = DEFAULTS.adaptiveNeighbourFraction();
    @Config(description = "Weight of L_bce.")
    private double bceWeight = DEFAULTS.bceWeight();
    @Config(description = "Weight of the cluster-balance (entropy) term; 0 = off (the reference).")
    private double entropyWeight = DEFAULTS.entropyWeight();
    @Config(description = "Coefficient c of the consistency ramp-up.")
    private double rampUpCoefficient = DEFAULTS.rampUpCoefficient();
    @Config(description = "Length T of the consistency ramp-up, in epochs.")
    private double rampUpLength = DEFAULTS.rampUpLength();
    @Config(description = "Weight w_u of L_ncl.")
    private double nclWeight = DEFAULTS.nclWeight();
    @Config(description = "Size K of the unlabeled memory queue.")
    private int unlabeledQueueSize = DEFAULTS.unlabeledQueueSize();
    @Config(description = "Temperature tau of L_ncl and L_scl.")
    private double nclTemperature = DEFAULTS.nclTemperature();
    @Config(description = "Weight alpha of the view's own positive in L_ncl.")
    private double nclAlpha = DEFAULTS.nclAlpha();
    @Config(description = "Top-k pseudo-positives of L_ncl; 0 = K / (2 C_u).")
    private int nclTopK = DEFAULTS.nclTopK();
    @Config(description = "Weight w_l of L_scl.")
    private double sclWeight = DEFAULTS.sclWeight();
    @Config(description = "Size of the labeled memory queue.")
    private int labeledQueueSize = DEFAULTS.labeledQueueSize();
    @Config(description = "Hard negative generation on or off.")
    private boolean hardNegatives = DEFAULTS.hardNegatives();
    @Config(description = "First discovery epoch (0-based) with hard negatives.")
    private int hngStartEpoch = DEFAULTS.hngStartEpoch();
    @Config(description = "Easy negatives taken per query; 0 = 50 when C_u <= 5, else 400.")
    private int hngEasyNegatives = DEFAULTS.hngEasyNegatives();
    @Config(description = "Mixing rounds of hard negative generation.")
    private int hngRounds = DEFAULTS.hngRounds();
    @Config(description = "Mixing factors mu of hard negative generation, comma separated.")
    private String hngMixing = joinDoubles(DEFAULTS.hngMixing());
    @Config(description = "Generated negatives kept (the hardest).")
    private int hngKept = DEFAULTS.hngKept();
    @Config(description = "Which discovery epoch is kept: LAST or LABEL_FREE.")
    private ModelSelection modelSelection = DEFAULTS.modelSelection();
    @Config(description = "Unlabeled rows scored by the label-free model selection.")
    private int selectionSampleSize = DEFAULTS.selectionSampleSize();
    @Config(description = "Initialisation of the novel head: RANDOM or KMEANS.")
    private NovelHeadInit novelHeadInit = DEFAULTS.novelHeadInit();
    @Config(description = "Image augmentation: maximum translation in pixels.")
    private int imagePadding = DEFAULTS.imagePadding();
    @Config(description = "Image augmentation: random horizontal flip.")
    private boolean horizontalFlip = DEFAULTS.horizontalFlip();
    @Config(description = "Pretraining image augmentation: smallest area fraction of a random resized crop (1 = none).")
    private double cropScaleMin = DEFAULTS.cropScaleMin();
    @Config(description = "Tabular augmentation: standard deviation of Gaussian noise (standardised units).")
    private double tabularNoise = DEFAULTS.tabularNoise();
    @Config(description = "Tabular augmentation: probability that a value is replaced by the same feature of a random row.")
    private double tabularCorruption = DEFAULTS.tabularCorruption();

    @Config(description = "Further core options by name (see NclOptions.names()) in their text form, for options without a "
            + "field of their own; naming an option that has its own field is an error.")
    private Map<String, String> coreOptions = new HashMap<>();

    private SplittableRandom rng;
    private int trainInvocationCounter;
    private NclOptions options;
    private int[] shape;

    /** For OLCUT. */
    private NclTrainer() {
    }

    /**
     * A trainer with the core's default options.
     *
     * @param numNovelClasses the number of novel classes C_u
     * @param seed the trainer's seed
     */
    public NclTrainer(int numNovelClasses, long seed) {
        this.numNovelClasses = numNovelClasses;
        this.seed = seed;
        postConfig();
    }

    /**
     * A trainer with every setting of {@code options} except its seed (the core seed is derived from {@code seed}).
     *
     * @param options the core options (options without a field go to {@code coreOptions})
     * @param imageShape {@code "c,h,w"} for image rows, or empty for vectors
     * @param seed the trainer's seed
     */
    public NclTrainer(NclOptions options, String imageShape, long seed) {
        this(options, imageShape, seed, Map.of());
    }

    /**
     * As {@link #NclTrainer(NclOptions, String, long)}, plus core options by name in their text form (for options
     * without a field of their own, e.g. ones the core added after this adapter was written).
     *
     * @param options the core options
     * @param imageShape {@code "c,h,w"} for image rows, or empty for vectors
     * @param seed the trainer's seed
     * @param extraCoreOptions further options by name, applied last
     */
    public NclTrainer(NclOptions options, String imageShape, long seed, Map<String, String> extraCoreOptions) {
        this.seed = seed;
        this.imageShape = imageShape == null ? "" : imageShape;
        Map<String, Field> fields = optionFields();
        for (Map.Entry<String, String> e : options.toMap().entrySet()) {
            if (e.getKey().equals("seed")) {
                continue;
            }
            Field f = fields.get(e.getKey());
            if (f == null) {
                coreOptions.put(e.getKey(), e.getValue());
            } else {
                setField(f, e.getValue());
            }
        }
        this.coreOptions.putAll(extraCoreOptions);
        postConfig();
    }

    /**
     * Validates the configuration by building the core options. Used by OLCUT and the constructors.
     *
     * @throws PropertyException naming the option (the core's message) if a value is invalid
     */
    @Override
    public synchronized void postConfig() {
        this.rng = new SplittableRandom(seed);
        this.shape = parseShape(imageShape);
        NclOptions.Builder b = NclOptions.builder(numNovelClasses);
        Map<String, Field> fields = optionFields();
        try {
            for (Map.Entry<String, Field> e : fields.entrySet()) {
                b.set(e.getKey(), fieldText(e.getValue()));
            }
            for (Map.Entry<String, String> e : new TreeMap<>(coreOptions).entrySet()) {
                if (fields.containsKey(e.getKey()) || e.getKey().equals("numNovelClasses")) {
                    throw new IllegalArgumentException("option '" + e.getKey() + "' has its own configuration field '"
                            + e.getKey() + "'; set it there, not in coreOptions");
                }
                if (e.getKey().equals("seed")) {
                    throw new IllegalArgumentException("option 'seed' cannot be set in coreOptions: the core seed is derived "
                            + "from the trainer's 'seed' field and the invocation count");
                }
                b.set(e.getKey(), e.getValue());
            }
            this.options = b.build();
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "", e.getMessage());
        }
    }

    private static int[] parseShape(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.trim().replace("[", "").replace("]", "").split("[,x ]+");
        if (parts.length != 3) {
            throw new PropertyException("", "imageShape", "imageShape '" + text + "' must be 'channels,height,width' (three positive integers) or empty");
        }
        int[] s = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                s[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new PropertyException(e, "", "imageShape", "imageShape '" + text + "' must be 'channels,height,width' (three positive integers) or empty");
            }
            if (s[i] < 1) {
                throw new PropertyException("", "imageShape", "imageShape '" + text + "' must be 'channels,height,width' (three positive integers) or empty");
            }
        }
        return s;
    }

    /** The core options this trainer passes to the core (with the default seed; each train call sets its own). */
    public NclOptions coreOptionsResolved() {
        return options;
    }

    /** The image shape {@code [c, h, w]}, or null for vector rows. */
    public int[] imageShape() {
        return shape == null ? null : shape.clone();
    }

    /**
     * The core seed that train call number {@code invocation} (0-based) of a trainer with this {@code seed} uses:
     * {@code nextLong()} of the {@code (invocation+1)}-th split of {@code new SplittableRandom(seed)}.
     */
    public static long coreSeedFor(long seed, int invocation) {
        if (invocation < 0) {
            throw new IllegalArgumentException("invocation " + invocation + " is negative");
        }
        SplittableRandom r = new SplittableRandom(seed);
        SplittableRandom split = null;
        for (int i = 0; i <= invocation; i++) {
            split = r.split();
        }
        return split.nextLong();
    }

    @Override
    public NclModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public NclModel train(Dataset<Label> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public NclModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        TrainerProvenance trainerProvenance;
        long coreSeed;
        int invocation;
        synchronized (this) {
            if (invocationCount != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocationCount);
            }
            SplittableRandom localRNG = rng.split();
            coreSeed = localRNG.nextLong();
            trainerProvenance = getProvenance();
            invocation = trainInvocationCounter;
            trainInvocationCounter++;
        }
        DatasetConverter.Converted converted = DatasetConverter.toDiscoveryData(examples, shape);
        NclOptions runOptions = options.toBuilder().seed(coreSeed).build();
        org.ncl.core.NclModel core = new org.ncl.core.NclTrainer(runOptions).train(converted.data(), new LoggingListener(), null);
        boolean ok = false;
        try {
            Map<String, Provenance> run = new LinkedHashMap<>(runProvenance == null ? Map.of() : runProvenance);
            run.put(CORE_SEED, new LongProvenance(CORE_SEED, coreSeed));
            run.put(RUN_PREFIX + "train-invocation", new IntProvenance(RUN_PREFIX + "train-invocation", invocation));
            addRunMetrics(run, core);
            ModelProvenance provenance = new ModelProvenance(NclModel.class.getName(), OffsetDateTime.now(),
                    examples.getProvenance(), trainerProvenance, run);
            NclModel model = NclModel.create("ncl-model", provenance, examples.getFeatureIDMap(), core, converted.knownCounts());
            ok = true;
            return model;
        } finally {
            if (!ok) {
                core.close();
            }
        }
    }

    /** Adds the core's run facts and the last epoch's losses and metrics, all under {@value #RUN_PREFIX}. */
    static void addRunMetrics(Map<String, Provenance> run, org.ncl.core.NclModel core) {
        NclProvenance p = core.provenance();
        putString(run, "version", p.nclVersion());
        putString(run, "djl-version", p.djlVersion());
        putString(run, "engine", p.engine());
        putString(run, "device", p.device());
        putString(run, "encoder", p.encoder());
        putString(run, "data-sha256", p.data().sha256());
        run.put(RUN_PREFIX + "labeled-rows", new IntProvenance(RUN_PREFIX + "labeled-rows", p.data().labeledRows()));
        run.put(RUN_PREFIX + "unlabeled-rows", new IntProvenance(RUN_PREFIX + "unlabeled-rows", p.data().unlabeledRows()));
        run.put(RUN_PREFIX + "selected-epoch", new IntProvenance(RUN_PREFIX + "selected-epoch", p.selectedEpoch()));
        putDouble(run, "selection-score", p.selectionScore());
        putDouble(run, "novel-logit-offset", core.novelLogitOffset());
        for (Map.Entry<String, Double> e : p.stageSeconds().entrySet()) {
            putDouble(run, "seconds-" + e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        List<EpochReport> history = p.history();
        if (!history.isEmpty()) {
            EpochReport last = history.get(history.size() - 1);
            for (Map.Entry<String, Double> e : new TreeMap<>(last.losses()).entrySet()) {
                putDouble(run, "final-loss-" + e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Double> e : new TreeMap<>(last.metrics()).entrySet()) {
                putDouble(run, "final-metric-" + e.getKey(), e.getValue());
            }
        }
    }

    private static void putString(Map<String, Provenance> run, String key, String value) {
        if (value != null) {
            run.put(RUN_PREFIX + key, new StringProvenance(RUN_PREFIX + key, value));
        }
    }

    private static void putDouble(Map<String, Provenance> run, String key, double value) {
        if (Double.isFinite(value)) { // NaN means "not computed"; omitted so provenance stays marshallable
            run.put(RUN_PREFIX + key, new DoubleProvenance(RUN_PREFIX + key, value));
        }
    }

    @Override
    public synchronized int getInvocationCount() {
        return trainInvocationCounter;
    }

    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("The supplied invocationCount is less than zero.");
        }
        rng = new SplittableRandom(seed);
        for (trainInvocationCounter = 0; trainInvocationCounter < invocationCount; trainInvocationCounter++) {
            rng.split();
        }
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "NclTrainer(numNovelClasses=" + numNovelClasses + ",seed=" + seed + ",imageShape=" + imageShape
                + ",options=" + options.toMap() + ")";
    }

    // ---- option fields <-> core option names -----------------------------------------------------

    /** The @Config fields that carry a core option, by option name (numNovelClasses included). */
    static Map<String, Field> optionFields() {
        Set<String> names = Set.copyOf(NclOptions.names());
        Map<String, Field> out = new LinkedHashMap<>();
        for (Field f : NclTrainer.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Config.class) && names.contains(f.getName()) && !f.getName().equals("seed")) {
                out.put(f.getName(), f);
            }
        }
        return out;
    }

    private String fieldText(Field f) {
        try {
            Object v = f.get(this);
            if (v == null) {
                throw new IllegalArgumentException("option '" + f.getName() + "' has no value");
            }
            return v instanceof Enum<?> e ? e.name() : v.toString();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setField(Field f, String text) {
        try {
            Class<?> t = f.getType();
            if (t == int.class) {
                f.setInt(this, Integer.parseInt(text));
            } else if (t == long.class) {
                f.setLong(this, Long.parseLong(text));
            } else if (t == double.class) {
                f.setDouble(this, Double.parseDouble(text));
            } else if (t == boolean.class) {
                f.setBoolean(this, Boolean.parseBoolean(text));
            } else if (t.isEnum()) {
                f.set(this, enumValue(t, text));
            } else if (t == String.class) {
                f.set(this, text.replace("[", "").replace("]", "").trim());
            } else {
                throw new IllegalStateException("field " + f.getName() + " has unsupported type " + t);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> t, String text) {
        return Enum.valueOf((Class) t, text.toUpperCase(Locale.ROOT));
    }

    private static String joinInts(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private static String joinDoubles(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    /** Logs the core's progress messages and epoch reports at INFO / FINE. */
    private static final class LoggingListener implements TrainingListener {
        @Override
        public void onEpoch(EpochReport report) {
            logger.log(Level.INFO, report::toString);
        }

        @Override
        public void onMessage(String message) {
            logger.log(Level.FINE, message);
        }
    }
}
