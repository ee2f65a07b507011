package weka.clusterers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.NclModel;
import org.ncl.core.NclOptions;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclTrainer;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingCancelledException;
import org.ncl.core.data.DiscoveryData;
import org.ncl.weka.ContextLoader;
import org.ncl.weka.InstancesEncoding;
import org.ncl.weka.ModelBytes;
import org.ncl.weka.NovelClusterReport;
import org.ncl.weka.TrainingLog;
import weka.core.BatchPredictor;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.logging.Logger;

/**
 * Novel class discovery with Neighborhood Contrastive Learning (Zhong, Fini, Roy, Luo, Ricci, Sebe,
 * "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021) as a Weka clusterer.
 *
 * <p>A thin adapter over {@code org.ncl.core}: the instances are encoded by
 * {@link InstancesEncoding} (numeric attributes as they are, nominal ones one-hot, missing values
 * imputed with training means / modes), the known labels come from the nominal attribute named by
 * {@link #setKnownLabelAttribute(String)} (a missing value marks an unlabeled instance), and
 * {@link NclTrainer} trains the model. The clusters are the known classes (named by their label
 * values) followed by the novel clusters {@code novel-0 .. novel-(k-1)}; {@link #getClusterNames()}
 * gives the names. Without a known-label attribute every instance is unlabeled and NCL is a plain deep
 * clusterer with {@link #getNumNovelClasses()} clusters.
 *
 * <p>The trained core model is kept as the bytes of its model file inside the clusterer, so Weka's
 * model files (Java serialisation) carry it; it is reloaded lazily after deserialisation. Every DJL call
 * runs with the thread context class loader switched to this class's loader ({@link ContextLoader}),
 * which DJL needs inside a Weka package. Training polls the thread's interrupt flag, so the Explorer's
 * Stop button ends it within one training step.
 */
public class NCL extends RandomizableClusterer implements NumberOfClustersRequestable, TechnicalInformationHandler,
        BatchPredictor {

    private static final long serialVersionUID = 4711956235172370543L;

    /** The core's defaults, so the adapter's defaults never drift from them. */
    private static final NclOptions CORE_DEFAULTS = NclOptions.builder(5).build();

    /** Encoder choices (the core's {@link NclOptions.EncoderType}; AUTO is an MLP for attribute vectors). */
    public static final Tag[] TAGS_ENCODER = tags(NclOptions.EncoderType.values());

    /** Device choices (the core's {@link NclOptions.DeviceChoice}). */
    public static final Tag[] TAGS_DEVICE = tags(NclOptions.DeviceChoice.values());

    private static final Pattern CORE_OPTION_SEPARATOR = Pattern.compile("[,;](?=\\s*[A-Za-z][A-Za-z0-9]*\\s*=)");

    // ---- options ----------------------------------------------------------------------------
    private String m_knownLabelAttribute;
    private String m_groundTruthAttribute;
    private int m_numNovelClasses;
    private int m_pretrainEpochs;
    private int m_supervisedEpochs;
    private int m_discoveryEpochs;
    private int m_encoder;
    private int m_trainingBatchSize;
    private double m_learningRate;
    private int m_device;
    private double m_bceWeight;
    private double m_nclWeight;
    private double m_sclWeight;
    private String m_coreOptions;
    private String m_batchSize;

    // ---- the model ---------------------------------------------------------------------------
    private InstancesEncoding m_encoding;
    private byte[] m_modelBytes;
    private List<String> m_clusterNames;
    private String m_summary;
    private transient NclModel m_model;

    /** A clusterer with the default settings. */
    public NCL() {
        resetOptions();
    }

    /** Runs the clusterer from the command line, e.g. {@code weka.clusterers.NCL -t data.arff -known-label known}. */
    public static void main(String[] args) {
        runClusterer(new NCL(), args);
    }

    private static Tag[] tags(Enum<?>[] values) {
        Tag[] tags = new Tag[values.length];
        for (int i = 0; i < values.length; i++) {
            tags[i] = new Tag(i, values[i].name(), values[i].name());
        }
        return tags;
    }

    private static int tagIndex(Tag[] tags, SelectedTag selected, String option) {
        String name = selected.getSelectedTag().getIDStr();
        for (int i = 0; i < tags.length; i++) {
            if (tags[i].getIDStr().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("option '" + option + "': '" + name + "' is not one of "
                + Arrays.stream(tags).map(Tag::getIDStr).toList());
    }

    /** Sets every option to its default (the core's defaults; no known-label or ground-truth attribute; 5 novel classes). */
    public void resetOptions() {
        m_knownLabelAttribute = "";
        m_groundTruthAttribute = "";
        m_numNovelClasses = CORE_DEFAULTS.numNovelClasses();
        m_pretrainEpochs = CORE_DEFAULTS.pretrainEpochs();
        m_supervisedEpochs = CORE_DEFAULTS.supervisedEpochs();
        m_discoveryEpochs = CORE_DEFAULTS.discoveryEpochs();
        m_encoder = CORE_DEFAULTS.encoder().ordinal();
        m_trainingBatchSize = CORE_DEFAULTS.batchSize();
        m_learningRate = CORE_DEFAULTS.learningRate();
        m_device = CORE_DEFAULTS.device().ordinal();
        m_bceWeight = CORE_DEFAULTS.bceWeight();
        m_nclWeight = CORE_DEFAULTS.nclWeight();
        m_sclWeight = CORE_DEFAULTS.sclWeight();
        m_coreOptions = "";
        m_batchSize = "512";
        m_SeedDefault = (int) CORE_DEFAULTS.seed();
        setSeed(m_SeedDefault);
        setDebug(false);
        setDoNotCheckCapabilities(false);
    }

    /**
     * A short description for the Explorer.
     *
     * @return the description
     */
    public String globalInfo() {
        return "Novel class discovery with Neighborhood Contrastive Learning (NCL).\n\n"
                + "Name a nominal attribute that holds the labels of the known classes (a missing value '?' marks an "
                + "unlabeled instance) and set the number of novel classes: NCL learns a representation from all instances, "
                + "a classifier for the known classes and a clustering of the unlabeled instances into novel classes. "
                + "The clusters are the known classes (named by their labels) followed by novel-0 .. novel-(k-1). "
                + "Without a known-label attribute it is a plain deep clusterer with k clusters. The known-label and "
                + "ground-truth attributes are never used as features. With a ground-truth attribute the output reports "
                + "Hungarian-matched accuracy, NMI and ARI of the novel clusters (use it instead of 'classes to clusters', "
                + "which is exponential in the number of clusters).\n\n"
                + "Trains with DJL on PyTorch (CPU natives included; see the package documentation for a GPU).\n\n"
                + "For more information see:\n\n" + getTechnicalInformation().toString();
    }

    @Override
    public TechnicalInformation getTechnicalInformation() {
        TechnicalInformation result = new TechnicalInformation(Type.INPROCEEDINGS);
        result.setValue(Field.AUTHOR, "Zhun Zhong and Enrico Fini and Subhankar Roy and Zhiming Luo and Elisa Ricci and Nicu Sebe");
        result.setValue(Field.TITLE, "Neighborhood Contrastive Learning for Novel Class Discovery");
        result.setValue(Field.BOOKTITLE, "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)");
        result.setValue(Field.YEAR, "2021");
        result.setValue(Field.PAGES, "10867-10875");
        return result;
    }

    // ---- options: getters carry the metadata the Explorer and the command line use ------------

    @OptionMetadata(displayName = "knownLabelAttribute", description = "Name of the nominal attribute with the labels of the "
            + "known classes; a missing value marks an unlabeled instance. Empty: no known classes (plain clustering).",
            commandLineParamName = "known-label", commandLineParamSynopsis = "-known-label <attribute name>", displayOrder = 1)
    public String getKnownLabelAttribute() {
        return m_knownLabelAttribute;
    }

    public void setKnownLabelAttribute(String name) {
        m_knownLabelAttribute = name == null ? "" : name;
    }

    public String knownLabelAttributeTipText() {
        return "Name of the nominal attribute with the labels of the known classes; a missing value marks an unlabeled "
                + "instance. Empty: no known classes (plain clustering).";
    }

    @OptionMetadata(displayName = "groundTruthAttribute", description = "Optional name of a nominal attribute with the true "
            + "class of every instance, used only to report the quality of the novel clusters (never for training).",
            commandLineParamName = "ground-truth", commandLineParamSynopsis = "-ground-truth <attribute name>", displayOrder = 2)
    public String getGroundTruthAttribute() {
        return m_groundTruthAttribute;
    }

    public void setGroundTruthAttribute(String name) {
        m_groundTruthAttribute = name == null ? "" : name;
    }

    public String groundTruthAttributeTipText() {
        return "Optional name of a nominal attribute with the true class of every instance, used only to report the "
                + "quality of the novel clusters (never for training).";
    }

    @OptionMetadata(displayName = "numNovelClasses", description = "Number of novel classes (clusters) to discover among "
            + "the unlabeled instances.", commandLineParamName = "num-novel", commandLineParamSynopsis = "-num-novel <int>",
            displayOrder = 3)
    public int getNumNovelClasses() {
        return m_numNovelClasses;
    }

    public void setNumNovelClasses(int n) {
        m_numNovelClasses = n;
    }

    public String numNovelClassesTipText() {
        return "Number of novel classes (clusters) to discover among the unlabeled instances.";
    }

    /** Sets the number of novel clusters (the known classes come on top of them). */
    @Override
    public void setNumClusters(int numClusters) throws Exception {
        if (numClusters < 1) {
            throw new IllegalArgumentException("the number of novel clusters must be at least 1, got " + numClusters);
        }
        setNumNovelClasses(numClusters);
    }

    @OptionMetadata(displayName = "pretrainEpochs", description = "Epochs of stage 1, self-supervised pretraining on all "
            + "instances (0 = none).", commandLineParamName = "pretrain-epochs",
            commandLineParamSynopsis = "-pretrain-epochs <int>", displayOrder = 4)
    public int getPretrainEpochs() {
        return m_pretrainEpochs;
    }

    public void setPretrainEpochs(int epochs) {
        m_pretrainEpochs = epochs;
    }

    public String pretrainEpochsTipText() {
        return "Epochs of stage 1, self-supervised pretraining on all instances (0 = none).";
    }

    @OptionMetadata(displayName = "supervisedEpochs", description = "Epochs of stage 2, supervised training of the known-class "
            + "head on the labeled instances.", commandLineParamName = "supervised-epochs",
            commandLineParamSynopsis = "-supervised-epochs <int>", displayOrder = 5)
    public int getSupervisedEpochs() {
        return m_supervisedEpochs;
    }

    public void setSupervisedEpochs(int epochs) {
        m_supervisedEpochs = epochs;
    }

    public String supervisedEpochsTipText() {
        return "Epochs of stage 2, supervised training of the known-class head on the labeled instances.";
    }

    @OptionMetadata(displayName = "discoveryEpochs", description = "Epochs of stage 3, discovery with the full NCL objective.",
            commandLineParamName = "discovery-epochs", commandLineParamSynopsis = "-discovery-epochs <int>", displayOrder = 6)
    public int getDiscoveryEpochs() {
        return m_discoveryEpochs;
    }

    public void setDiscoveryEpochs(int epochs) {
        m_discoveryEpochs = epochs;
    }

    public String discoveryEpochsTipText() {
        return "Epochs of stage 3, discovery with the full NCL objective.";
    }

    @OptionMetadata(displayName = "encoder", description = "The encoder network (AUTO: an MLP for attribute vectors).",
            commandLineParamName = "encoder", commandLineParamSynopsis = "-encoder <AUTO|MLP|SMALL_CNN|RESNET18>", displayOrder = 7)
    public SelectedTag getEncoder() {
        return new SelectedTag(m_encoder, TAGS_ENCODER);
    }

    public void setEncoder(SelectedTag encoder) {
        m_encoder = tagIndex(TAGS_ENCODER, encoder, "encoder");
    }

    public String encoderTipText() {
        return "The encoder network (AUTO: an MLP for attribute vectors).";
    }

    @OptionMetadata(displayName = "trainingBatchSize", description = "Instances per training step.",
            commandLineParamName = "training-batch-size", commandLineParamSynopsis = "-training-batch-size <int>", displayOrder = 8)
    public int getTrainingBatchSize() {
        return m_trainingBatchSize;
    }

    public void setTrainingBatchSize(int size) {
        m_trainingBatchSize = size;
    }

    public String trainingBatchSizeTipText() {
        return "Instances per training step.";
    }

    @OptionMetadata(displayName = "learningRate", description = "Learning rate of the discovery stage (SGD).",
            commandLineParamName = "learning-rate", commandLineParamSynopsis = "-learning-rate <double>", displayOrder = 9)
    public double getLearningRate() {
        return m_learningRate;
    }

    public void setLearningRate(double rate) {
        m_learningRate = rate;
    }

    public String learningRateTipText() {
        return "Learning rate of the discovery stage (SGD).";
    }

    @OptionMetadata(displayName = "device", description = "Where to train: AUTO (a CUDA GPU if PyTorch finds one, else the CPU), "
            + "CPU or GPU. The output and the log say what was found.", commandLineParamName = "device",
            commandLineParamSynopsis = "-device <AUTO|CPU|GPU>", displayOrder = 10)
    public SelectedTag getDevice() {
        return new SelectedTag(m_device, TAGS_DEVICE);
    }

    public void setDevice(SelectedTag device) {
        m_device = tagIndex(TAGS_DEVICE, device, "device");
    }

    public String deviceTipText() {
        return "Where to train: AUTO (a CUDA GPU if PyTorch finds one, else the CPU), CPU or GPU. The output and the log "
                + "say what was found.";
    }

    @OptionMetadata(displayName = "bceWeight", description = "Weight of the pairwise pseudo-label loss L_bce.",
            commandLineParamName = "bce-weight", commandLineParamSynopsis = "-bce-weight <double>", displayOrder = 11)
    public double getBceWeight() {
        return m_bceWeight;
    }

    public void setBceWeight(double w) {
        m_bceWeight = w;
    }

    public String bceWeightTipText() {
        return "Weight of the pairwise pseudo-label loss L_bce.";
    }

    @OptionMetadata(displayName = "nclWeight", description = "Weight w_u of the neighborhood contrastive loss L_ncl "
            + "(unlabeled instances).", commandLineParamName = "ncl-weight", commandLineParamSynopsis = "-ncl-weight <double>",
            displayOrder = 12)
    public double getNclWeight() {
        return m_nclWeight;
    }

    public void setNclWeight(double w) {
        m_nclWeight = w;
    }

    public String nclWeightTipText() {
        return "Weight w_u of the neighborhood contrastive loss L_ncl (unlabeled instances).";
    }

    @OptionMetadata(displayName = "sclWeight", description = "Weight w_l of the supervised contrastive loss L_scl "
            + "(labeled instances).", commandLineParamName = "scl-weight", commandLineParamSynopsis = "-scl-weight <double>",
            displayOrder = 13)
    public double getSclWeight() {
        return m_sclWeight;
    }

    public void setSclWeight(double w) {
        m_sclWeight = w;
    }

    public String sclWeightTipText() {
        return "Weight w_l of the supervised contrastive loss L_scl (labeled instances).";
    }

    @OptionMetadata(displayName = "coreOptions", description = "Further options of the NCL core as name=value pairs "
            + "separated by commas, e.g. 'mlpHiddenSizes=[256, 256], hardNegatives=false'; applied last, so they override "
            + "the options above.", commandLineParamName = "core-options",
            commandLineParamSynopsis = "-core-options <name=value,name=value,...>", displayOrder = 14)
    public String getCoreOptions() {
        return m_coreOptions;
    }

    public void setCoreOptions(String options) {
        m_coreOptions = options == null ? "" : options;
    }

    public String coreOptionsTipText() {
        return "Further options of the NCL core as name=value pairs separated by commas, e.g. 'mlpHiddenSizes=[256, 256], "
                + "hardNegatives=false'; applied last, so they override the options above. Known names: "
                + String.join(", ", NclOptions.names());
    }

    @OptionMetadata(displayName = "batchSize", description = "Instances per batch when predicting many instances at once.",
            commandLineParamName = "batch-size", commandLineParamSynopsis = "-batch-size <int>", displayOrder = 15)
    @Override
    public String getBatchSize() {
        return m_batchSize;
    }

    @Override
    public void setBatchSize(String size) {
        m_batchSize = size == null ? "512" : size;
    }

    public String batchSizeTipText() {
        return "Instances per batch when predicting many instances at once.";
    }

    @Override
    public boolean implementsMoreEfficientBatchPrediction() {
        return true;
    }

    /** Parses the options; options that are not given get their defaults (so a scheme is fully described by its options). */
    @Override
    public void setOptions(String[] options) throws Exception {
        resetOptions();
        super.setOptions(options);
        coreOptions(false); // report a bad core option now, naming it
    }

    @Override
    public String seedTipText() {
        return "The random seed of the whole training run (the same seed and data give the same clusters on a CPU).";
    }

    // ---- the core options ---------------------------------------------------------------------

    /**
     * The core options these settings give.
     *
     * @param noKnownClasses whether the data has no known classes (hard negatives, which mix in labeled
     *                       features, are then switched off)
     * @throws IllegalArgumentException naming the option on a bad value
     */
    public NclOptions coreOptions(boolean noKnownClasses) {
        NclOptions.Builder b = NclOptions.builder(m_numNovelClasses);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("seed", Integer.toString(getSeed()));
        settings.put("pretrainEpochs", Integer.toString(m_pretrainEpochs));
        settings.put("supervisedEpochs", Integer.toString(m_supervisedEpochs));
        settings.put("discoveryEpochs", Integer.toString(m_discoveryEpochs));
        settings.put("encoder", TAGS_ENCODER[m_encoder].getIDStr());
        settings.put("batchSize", Integer.toString(m_trainingBatchSize));
        settings.put("learningRate", Double.toString(m_learningRate));
        settings.put("device", TAGS_DEVICE[m_device].getIDStr());
        settings.put("bceWeight", Double.toString(m_bceWeight));
        settings.put("nclWeight", Double.toString(m_nclWeight));
        settings.put("sclWeight", Double.toString(m_sclWeight));
        settings.putAll(parseCoreOptions(m_coreOptions));
        if (noKnownClasses) {
            settings.put("hardNegatives", "false");
        }
        settings.forEach(b::set);
        return b.build();
    }

    /**
     * Parses "name=value,name=value" (a comma inside a value such as {@code [256, 256]} is kept: a new pair
     * starts only where a name and '=' follow the comma; ';' also separates).
     *
     * @throws IllegalArgumentException naming the pair that has no '='
     */
    public static Map<String, String> parseCoreOptions(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : CORE_OPTION_SEPARATOR.split(text.trim())) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option 'coreOptions': '" + pair.trim() + "' is not a name=value pair "
                        + "(expected e.g. 'hardNegatives=false, mlpHiddenSizes=[256, 256]')");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    // ---- training -------------------------------------------------------------------------------

    @Override
    public Capabilities getCapabilities() {
        Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NOMINAL_ATTRIBUTES);
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        result.enable(Capability.NO_CLASS);
        result.setMinimumNumberInstances(1);
        return result;
    }

    @Override
    public void buildClusterer(Instances data) throws Exception {
        closeModel();
        m_encoding = null;
        m_modelBytes = null;
        m_clusterNames = null;
        m_summary = null;
        if (data.numInstances() == 0) {
            throw new IllegalArgumentException("no training instances: NCL needs instances to train on");
        }
        InstancesEncoding.checkAttributeTypes(data); // names the attribute, unlike the capabilities check
        getCapabilities().testWithFail(data);

        InstancesEncoding encoding = InstancesEncoding.fit(data, m_knownLabelAttribute, m_groundTruthAttribute);
        int[] labels = encoding.knownLabels(data);
        long labeled = Arrays.stream(labels).filter(l -> l >= 0).count();
        String knownName = encoding.knownLabelAttribute();
        if (!knownName.isEmpty() && labeled == 0) {
            throw new IllegalArgumentException("the known-label attribute '" + knownName + "' labels no instance (all its values "
                    + "are missing): label the instances of the known classes, or clear the option (-known-label) to cluster "
                    + "without known classes");
        }
        if (!knownName.isEmpty() && labeled == data.numInstances()) {
            throw new IllegalArgumentException("no unlabeled instances: the known-label attribute '" + knownName + "' labels every "
                    + "instance, so there is nothing to discover; mark the instances to cluster with a missing value '?'");
        }
        if (!knownName.isEmpty() && encoding.knownClassNames().size() < 2) {
            throw new IllegalArgumentException("the known-label attribute '" + knownName + "' labels instances of only one class "
                    + encoding.knownClassNames() + ": NCL needs at least 2 known classes (or clear the option to cluster without "
                    + "known classes)");
        }
        long unlabeled = data.numInstances() - labeled;
        if (m_numNovelClasses > unlabeled) {
            throw new IllegalArgumentException("option 'numNovelClasses' (-num-novel) = " + m_numNovelClasses + " is more than the "
                    + unlabeled + " unlabeled training instances");
        }
        boolean noKnown = encoding.knownClassNames().isEmpty();
        NclOptions options = coreOptions(noKnown);
        DiscoveryData input = encoding.toDiscoveryData(data);

        TrainingLog log = new TrainingLog(getDebug());
        if (noKnown) {
            log.note("no known-label attribute: every instance is unlabeled; clustering into " + m_numNovelClasses
                    + " clusters (hard negative generation, which mixes in labeled features, is off)");
        }
        if (!encoding.unusedKnownValues().isEmpty()) {
            log.note("values of '" + knownName + "' that label no instance are not known classes: " + encoding.unusedKnownValues());
        }
        Thread trainingThread = Thread.currentThread();
        BooleanSupplier cancelled = trainingThread::isInterrupted;
        NclModel model;
        try {
            model = ContextLoader.call(NCL.class.getClassLoader(),
                    () -> new NclTrainer(options).train(input, log, cancelled));
        } catch (TrainingCancelledException e) {
            Logger.log(Logger.Level.INFO, "NCL: " + e.getMessage());
            throw new Exception("NCL was stopped: " + e.getMessage(), e);
        }
        try {
            float[] rows = encoding.features(data);
            List<NclPrediction> predictions = ContextLoader.call(NCL.class.getClassLoader(), () -> model.predict(rows));
            m_modelBytes = ContextLoader.call(NCL.class.getClassLoader(), () -> ModelBytes.save(model));
            m_encoding = encoding;
            m_model = model;
            m_clusterNames = new ArrayList<>(model.outputNames());
            m_summary = summarise(data, encoding, options, model, predictions, labels, log);
        } catch (Exception | Error e) {
            m_model = null;
            m_encoding = null;
            m_modelBytes = null;
            model.close();
            throw e;
        }
        Logger.log(Logger.Level.INFO, "NCL: trained " + m_clusterNames.size() + " clusters " + m_clusterNames + " on "
                + data.numInstances() + " instances");
    }

    private String summarise(Instances data, InstancesEncoding encoding, NclOptions options, NclModel model,
                             List<NclPrediction> predictions, int[] labels, TrainingLog log) {
        StringBuilder s = new StringBuilder();
        int numKnown = encoding.knownClassNames().size();
        int n = data.numInstances();
        long labeled = Arrays.stream(labels).filter(l -> l >= 0).count();
        s.append(String.format(Locale.ROOT, "Training data: %d instances, %d labeled (known-label attribute %s), %d unlabeled%n",
                n, labeled, encoding.knownLabelAttribute().isEmpty() ? "none" : "'" + encoding.knownLabelAttribute() + "'",
                n - labeled));
        s.append(String.format(Locale.ROOT, "Features: %d attributes (%d nominal, one-hot) -> %d columns; %d missing values imputed "
                + "(training means / modes)%n", encoding.featureAttributeNames().size(), encoding.numNominalFeatures(),
                encoding.numColumns(), encoding.imputedValues()));
        s.append("Device: ").append(deviceReport(options, log)).append('\n');
        s.append(String.format(Locale.ROOT, "Encoder: %s; epochs pretrain/supervised/discovery: %d/%d/%d; seed %d%n",
                model.encoderType(), options.pretrainEpochs(), numKnown == 0 ? 0 : options.supervisedEpochs(),
                options.discoveryEpochs(), options.seed()));
        s.append('\n');

        int[] sizes = new int[m_clusterNames.size()];
        int[] novel = new int[n];
        int knownCorrect = 0;
        for (int i = 0; i < n; i++) {
            NclPrediction p = predictions.get(i);
            sizes[p.index()]++;
            novel[i] = p.novelCluster();
            if (labels[i] >= 0 && p.index() == labels[i]) {
                knownCorrect++;
            }
        }
        NovelClusterReport report = null;
        if (encoding.hasGroundTruth()) {
            boolean[] unlabeled = new boolean[n];
            for (int i = 0; i < n; i++) {
                unlabeled[i] = labels[i] < 0;
            }
            report = NovelClusterReport.of(encoding.groundTruth(data), novel, unlabeled, encoding.groundTruthNames(),
                    options.numNovelClasses(), encoding.groundTruthAttribute());
        }
        s.append("Clusters (training instances assigned to each):\n");
        int width = m_clusterNames.stream().mapToInt(String::length).max().orElse(8);
        for (int c = 0; c < sizes.length; c++) {
            String kind = c < numKnown ? "known class" : "novel cluster";
            if (c >= numKnown && report != null && report.matchedClass().get(c - numKnown) != null) {
                kind += ", matched to '" + report.matchedClass().get(c - numKnown) + "' by the ground truth";
            }
            s.append(String.format(Locale.ROOT, "  %2d  %-" + width + "s  %6d  (%s)%n", c, m_clusterNames.get(c), sizes[c], kind));
        }
        s.append('\n');
        if (labeled > 0) {
            s.append(String.format(Locale.ROOT, "Labeled training instances assigned to their own known class: %.4f%n",
                    knownCorrect / (double) labeled));
        }
        if (report != null) {
            s.append(report.describe());
        } else if (encoding.hasGroundTruth()) {
            s.append("Ground truth '").append(encoding.groundTruthAttribute()).append("': no unlabeled instance has a value\n");
        }
        s.append('\n');
        s.append("Training (last epoch of each stage):\n");
        Map<Stage, EpochReport> last = new LinkedHashMap<>();
        for (EpochReport r : model.provenance().history()) {
            last.put(r.stage(), r);
        }
        for (EpochReport r : last.values()) {
            s.append("  ").append(describe(r)).append('\n');
        }
        for (String m : log.messages()) {
            if (!m.startsWith("device:")) {
                s.append("  ").append(m).append('\n');
            }
        }
        return s.toString();
    }

    /** An epoch's losses and metrics without its timings (the output must not change between identical runs). */
    private static String describe(EpochReport r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-10s epoch %d/%d ", r.stage(), r.epoch() + 1, r.epochs()));
        new java.util.TreeMap<>(r.losses()).forEach((k, v) -> s.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
        if (!r.metrics().isEmpty()) {
            s.append("  |");
            new java.util.TreeMap<>(r.metrics()).forEach((k, v) -> s.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
        }
        return s.toString();
    }

    private String deviceReport(NclOptions options, TrainingLog log) {
        String found = log.first("device:");
        StringBuilder s = new StringBuilder("requested ").append(options.device()).append("; found ")
                .append(found.isEmpty() ? "(not reported)" : found.substring("device:".length()).trim());
        for (String variable : new String[] {"PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                s.append("; ").append(variable).append('=').append(value);
            }
        }
        return s.toString();
    }

    // ---- prediction -----------------------------------------------------------------------------

    private synchronized NclModel model() throws Exception {
        if (m_modelBytes == null || m_encoding == null) {
            throw new Exception("NCL: no model built yet (call buildClusterer first)");
        }
        if (m_model == null) {
            m_model = ContextLoader.call(NCL.class.getClassLoader(), () -> ModelBytes.load(m_modelBytes));
        }
        return m_model;
    }

    private List<NclPrediction> predict(float[] rows) throws Exception {
        NclModel model = model();
        return ContextLoader.call(NCL.class.getClassLoader(), () -> model.predict(rows));
    }

    @Override
    public int numberOfClusters() throws Exception {
        if (m_clusterNames == null) {
            throw new Exception("NCL: no model built yet (call buildClusterer first)");
        }
        return m_clusterNames.size();
    }

    /**
     * The name of every cluster, by cluster index: the known classes (values of the known-label attribute)
     * then {@code novel-0 .. novel-(k-1)}.
     *
     * @return the names (read-only)
     * @throws Exception if no model is built
     */
    public List<String> getClusterNames() throws Exception {
        numberOfClusters();
        return Collections.unmodifiableList(m_clusterNames);
    }

    @Override
    public int clusterInstance(Instance instance) throws Exception {
        return predict(encoding().features(instance)).get(0).index();
    }

    @Override
    public double[] distributionForInstance(Instance instance) throws Exception {
        return toDouble(predict(encoding().features(instance)).get(0).probabilities());
    }

    @Override
    public double[][] distributionsForInstances(Instances instances) throws Exception {
        InstancesEncoding encoding = encoding();
        encoding.checkCompatible(instances);
        int batch;
        try {
            batch = Integer.parseInt(m_batchSize.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option 'batchSize' (-batch-size) is '" + m_batchSize + "', not an integer", e);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("option 'batchSize' (-batch-size) must be at least 1, got " + batch);
        }
        double[][] out = new double[instances.numInstances()][];
        for (int start = 0; start < out.length; start += batch) {
            int end = Math.min(out.length, start + batch);
            Instances slice = new Instances(instances, start, end - start);
            List<NclPrediction> p = predict(encoding.features(slice));
            for (int i = start; i < end; i++) {
                out[i] = toDouble(p.get(i - start).probabilities());
            }
        }
        return out;
    }

    private InstancesEncoding encoding() throws Exception {
        if (m_encoding == null) {
            throw new Exception("NCL: no model built yet (call buildClusterer first)");
        }
        return m_encoding;
    }

    private static double[] toDouble(float[] p) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i];
        }
        return d;
    }

    /** Releases the native memory of the loaded core model (it is reloaded from the kept bytes when needed). */
    public synchronized void closeModel() {
        if (m_model != null) {
            m_model.close();
            m_model = null;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("NCL: novel class discovery with Neighborhood Contrastive Learning (Zhong et al., CVPR 2021)\n");
        s.append("====================================================================================\n\n");
        if (m_summary == null) {
            s.append("No model built yet.\n");
        } else {
            s.append("Options: ").append(Utils.joinOptions(getOptions())).append("\n\n");
            s.append(m_summary);
        }
        return s.toString();
    }

    @Override
    public String getRevision() {
        return "0.1.0";
    }
}
