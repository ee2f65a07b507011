// SPDX-License-Identifier: GPL-3.0-or-later
package weka.clusterers;

import static org.ncl.core.options.NclOptions.DEVICE;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ncl.core.Djl;
import org.ncl.core.InvalidInputException;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.NclProvenance;
import org.ncl.core.NclTrainer;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.evaluation.DiscoveryEvaluation;
import org.ncl.core.evaluation.EvaluationResult;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.Setting;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingCancelledException;
import org.ncl.weka.ContextLoader;
import org.ncl.weka.InstancesEncoding;
import org.ncl.weka.NovelClusterReport;
import org.ncl.weka.TrainingLog;
import weka.core.BatchPredictor;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
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
public class NCL extends RandomizableClusterer
        implements NumberOfClustersRequestable, TechnicalInformationHandler, BatchPredictor {

    private static final long serialVersionUID = 4711956235172370543L;

    /** The number of novel classes of a new clusterer (the core has no default: it is the data's to say). */
    private static final int DEFAULT_NOVEL_CLASSES = 5;

    /** Encoder choices (the core's {@link EncoderType}; AUTO is an MLP for attribute vectors). */
    public static final Tag[] TAGS_ENCODER = tags(EncoderType.values());

    /** Device choices (the core's {@link DeviceChoice}). */
    public static final Tag[] TAGS_DEVICE = tags(DeviceChoice.values());

    private static final Pattern CORE_OPTION_SEPARATOR = Pattern.compile("[,;](?=\\s*[A-Za-z][A-Za-z0-9]*\\s*=)");

    // ---- options ----------------------------------------------------------------------------

    /**
     * Core settings shown as properties in the Explorer, each under its Weka property name (the core's name except
     * where Weka already uses it: Weka's batchSize is the prediction batch). Every other core setting is still an
     * option on the command line (its name in kebab case) and in {@link #setCoreOptions}.
     */
    private static final Map<Setting<?>, String> EXPLORER_NAMES = explorerNames();

    private String m_knownLabelAttribute;
    private String m_groundTruthAttribute;
    /** Core settings that differ from the core's defaults, in text form, by core name (seed excepted). */
    private LinkedHashMap<String, String> m_settings;

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
        m_settings = new LinkedHashMap<>();
        m_settings.put(NclOptions.NUM_NOVEL_CLASSES.name(), Integer.toString(DEFAULT_NOVEL_CLASSES));
        m_coreOptions = "";
        m_batchSize = "512";
        m_SeedDefault = NclOptions.SEED.defaultValue().intValue();
        setSeed(m_SeedDefault);
        setDebug(false);
        setDoNotCheckCapabilities(false);
    }

    /** The encoders and devices of version 0.1, by the ordinals it stored ({@code m_encoder}, {@code m_device}). */
    private static final List<String> VERSION_01_ENCODERS = List.of("AUTO", "MLP", "SMALL_CNN", "RESNET18");

    private static final List<String> VERSION_01_DEVICES = List.of("AUTO", "CPU", "GPU");

    /**
     * Reads a serialised clusterer, also one saved by version 0.1 (commit 4ea68b9). Weka saves models by Java
     * serialisation, and the serialVersionUID is unchanged, but version 0.1 kept every core option in a field of its
     * own ({@code m_numNovelClasses}, {@code m_pretrainEpochs}, ..., {@code m_encoder} and {@code m_device} as
     * ordinals) where this version keeps {@code m_settings}: read by default such a model has no settings and
     * {@link #getOptions()} and {@link #toString()} fail. The old fields are still in the stream, and
     * {@link ObjectInputStream.GetField} reads them although the class no longer declares them; they become settings
     * by the setters' rules (a value equal to the core's default is not kept, the number of novel classes always is).
     */
    @SuppressWarnings("unchecked")
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        ObjectInputStream.GetField fields = in.readFields();
        m_knownLabelAttribute = (String) fields.get("m_knownLabelAttribute", "");
        m_groundTruthAttribute = (String) fields.get("m_groundTruthAttribute", "");
        m_coreOptions = (String) fields.get("m_coreOptions", "");
        m_batchSize = (String) fields.get("m_batchSize", "512");
        m_encoding = (InstancesEncoding) fields.get("m_encoding", null);
        m_modelBytes = (byte[]) fields.get("m_modelBytes", null);
        m_clusterNames = (List<String>) fields.get("m_clusterNames", null);
        m_summary = (String) fields.get("m_summary", null);
        if (!fields.defaulted("m_settings")) {
            m_settings = (LinkedHashMap<String, String>) fields.get("m_settings", null);
            return;
        }
        // version 0.1: one field per option
        m_settings = new LinkedHashMap<>();
        setNumNovelClasses(version01Int(fields, "m_numNovelClasses", DEFAULT_NOVEL_CLASSES));
        setPretrainEpochs(version01Int(fields, "m_pretrainEpochs", NclOptions.PRETRAIN_EPOCHS.defaultValue()));
        setSupervisedEpochs(version01Int(fields, "m_supervisedEpochs", NclOptions.SUPERVISED_EPOCHS.defaultValue()));
        setDiscoveryEpochs(version01Int(fields, "m_discoveryEpochs", NclOptions.DISCOVERY_EPOCHS.defaultValue()));
        setSetting(
                NclOptions.ENCODER,
                EncoderType.valueOf(version01Choice(
                        fields,
                        "m_encoder",
                        VERSION_01_ENCODERS,
                        NclOptions.ENCODER.defaultValue().name())));
        setTrainingBatchSize(version01Int(fields, "m_trainingBatchSize", NclOptions.BATCH_SIZE.defaultValue()));
        setLearningRate(version01Double(fields, "m_learningRate", NclOptions.LEARNING_RATE.defaultValue()));
        setSetting(
                NclOptions.DEVICE,
                DeviceChoice.valueOf(version01Choice(
                        fields,
                        "m_device",
                        VERSION_01_DEVICES,
                        NclOptions.DEVICE.defaultValue().name())));
        setBceWeight(version01Double(fields, "m_bceWeight", NclOptions.BCE_WEIGHT.defaultValue()));
        setNclWeight(version01Double(fields, "m_nclWeight", NclOptions.NCL_WEIGHT.defaultValue()));
        setSclWeight(version01Double(fields, "m_sclWeight", NclOptions.SCL_WEIGHT.defaultValue()));
    }

    /** An int field of a version 0.1 stream, or {@code absent} where the stream has no such field. */
    private static int version01Int(ObjectInputStream.GetField fields, String name, int absent) throws IOException {
        return fields.getObjectStreamClass().getField(name) == null ? absent : fields.get(name, absent);
    }

    /** A double field of a version 0.1 stream, or {@code absent} where the stream has no such field. */
    private static double version01Double(ObjectInputStream.GetField fields, String name, double absent)
            throws IOException {
        return fields.getObjectStreamClass().getField(name) == null ? absent : fields.get(name, absent);
    }

    /** The name of the choice whose ordinal a version 0.1 stream stored, or {@code absent} where it has no such field. */
    private static String version01Choice(
            ObjectInputStream.GetField fields, String name, List<String> names, String absent) throws IOException {
        if (fields.getObjectStreamClass().getField(name) == null) {
            return absent;
        }
        int ordinal = fields.get(name, 0);
        if (ordinal < 0 || ordinal >= names.size()) {
            throw new InvalidObjectException(
                    "NCL of version 0.1: " + name + " = " + ordinal + " is not an ordinal of " + names);
        }
        return names.get(ordinal);
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
                + "Hungarian-matched accuracy, NMI and ARI of the novel clusters and of all clusters (task-agnostic); "
                + "use it instead of 'classes to clusters', which is exponential in the number of clusters.\n\n"
                + "Trains with DJL on PyTorch (CPU natives included; see the package documentation for a GPU).\n\n"
                + "For more information see:\n\n" + getTechnicalInformation().toString();
    }

    @Override
    public TechnicalInformation getTechnicalInformation() {
        TechnicalInformation result = new TechnicalInformation(Type.INPROCEEDINGS);
        result.setValue(
                Field.AUTHOR,
                "Zhun Zhong and Enrico Fini and Subhankar Roy and Zhiming Luo and Elisa Ricci and Nicu Sebe");
        result.setValue(Field.TITLE, "Neighborhood Contrastive Learning for Novel Class Discovery");
        result.setValue(Field.BOOKTITLE, "IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)");
        result.setValue(Field.YEAR, "2021");
        result.setValue(Field.PAGES, "10867-10875");
        return result;
    }

    // ---- options: getters carry the metadata the Explorer and the command line use ------------

    @OptionMetadata(
            displayName = "knownLabelAttribute",
            description =
                    "Name of the nominal attribute with the labels of the "
                            + "known classes; a missing value marks an unlabeled instance. Empty: no known classes (plain clustering).",
            commandLineParamName = "known-label",
            commandLineParamSynopsis = "-known-label <attribute name>",
            displayOrder = 1)
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

    @OptionMetadata(
            displayName = "groundTruthAttribute",
            description =
                    "Optional name of a nominal attribute with the true "
                            + "class of every instance, used only to report the quality of the novel clusters (never for training).",
            commandLineParamName = "ground-truth",
            commandLineParamSynopsis = "-ground-truth <attribute name>",
            displayOrder = 2)
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

    public int getNumNovelClasses() {
        return setting(NclOptions.NUM_NOVEL_CLASSES);
    }

    public void setNumNovelClasses(int n) {
        setSetting(NclOptions.NUM_NOVEL_CLASSES, n);
    }

    public String numNovelClassesTipText() {
        return tip(NclOptions.NUM_NOVEL_CLASSES);
    }

    /** Sets the number of novel clusters (the known classes come on top of them). */
    @Override
    public void setNumClusters(int numClusters) throws Exception {
        if (numClusters < 1) {
            throw new IllegalArgumentException("the number of novel clusters must be at least 1, got " + numClusters);
        }
        setNumNovelClasses(numClusters);
    }

    public int getPretrainEpochs() {
        return setting(NclOptions.PRETRAIN_EPOCHS);
    }

    public void setPretrainEpochs(int epochs) {
        setSetting(NclOptions.PRETRAIN_EPOCHS, epochs);
    }

    public String pretrainEpochsTipText() {
        return tip(NclOptions.PRETRAIN_EPOCHS);
    }

    public int getSupervisedEpochs() {
        return setting(NclOptions.SUPERVISED_EPOCHS);
    }

    public void setSupervisedEpochs(int epochs) {
        setSetting(NclOptions.SUPERVISED_EPOCHS, epochs);
    }

    public String supervisedEpochsTipText() {
        return tip(NclOptions.SUPERVISED_EPOCHS);
    }

    public int getDiscoveryEpochs() {
        return setting(NclOptions.DISCOVERY_EPOCHS);
    }

    public void setDiscoveryEpochs(int epochs) {
        setSetting(NclOptions.DISCOVERY_EPOCHS, epochs);
    }

    public String discoveryEpochsTipText() {
        return tip(NclOptions.DISCOVERY_EPOCHS);
    }

    public SelectedTag getEncoder() {
        return new SelectedTag(setting(NclOptions.ENCODER).ordinal(), TAGS_ENCODER);
    }

    public void setEncoder(SelectedTag encoder) {
        setSetting(NclOptions.ENCODER, EncoderType.values()[tagIndex(TAGS_ENCODER, encoder, "encoder")]);
    }

    public String encoderTipText() {
        return tip(NclOptions.ENCODER);
    }

    public int getTrainingBatchSize() {
        return setting(NclOptions.BATCH_SIZE);
    }

    public void setTrainingBatchSize(int size) {
        setSetting(NclOptions.BATCH_SIZE, size);
    }

    public String trainingBatchSizeTipText() {
        return tip(NclOptions.BATCH_SIZE);
    }

    public double getLearningRate() {
        return setting(NclOptions.LEARNING_RATE);
    }

    public void setLearningRate(double rate) {
        setSetting(NclOptions.LEARNING_RATE, rate);
    }

    public String learningRateTipText() {
        return tip(NclOptions.LEARNING_RATE);
    }

    public SelectedTag getDevice() {
        return new SelectedTag(setting(NclOptions.DEVICE).ordinal(), TAGS_DEVICE);
    }

    public void setDevice(SelectedTag device) {
        setSetting(NclOptions.DEVICE, DeviceChoice.values()[tagIndex(TAGS_DEVICE, device, "device")]);
    }

    public String deviceTipText() {
        return tip(NclOptions.DEVICE) + " The output and the log say what was found.";
    }

    public double getBceWeight() {
        return setting(NclOptions.BCE_WEIGHT);
    }

    public void setBceWeight(double w) {
        setSetting(NclOptions.BCE_WEIGHT, w);
    }

    public String bceWeightTipText() {
        return tip(NclOptions.BCE_WEIGHT);
    }

    public double getNclWeight() {
        return setting(NclOptions.NCL_WEIGHT);
    }

    public void setNclWeight(double w) {
        setSetting(NclOptions.NCL_WEIGHT, w);
    }

    public String nclWeightTipText() {
        return tip(NclOptions.NCL_WEIGHT);
    }

    public double getSclWeight() {
        return setting(NclOptions.SCL_WEIGHT);
    }

    public void setSclWeight(double w) {
        setSetting(NclOptions.SCL_WEIGHT, w);
    }

    public String sclWeightTipText() {
        return tip(NclOptions.SCL_WEIGHT);
    }

    // ---- core settings: stored as text, described by their declarations --------------------------

    private static Map<Setting<?>, String> explorerNames() {
        Map<Setting<?>, String> m = new LinkedHashMap<>();
        for (Setting<?> s : List.of(
                NclOptions.NUM_NOVEL_CLASSES,
                NclOptions.PRETRAIN_EPOCHS,
                NclOptions.SUPERVISED_EPOCHS,
                NclOptions.DISCOVERY_EPOCHS,
                NclOptions.ENCODER,
                NclOptions.BATCH_SIZE,
                NclOptions.LEARNING_RATE,
                NclOptions.DEVICE,
                NclOptions.BCE_WEIGHT,
                NclOptions.NCL_WEIGHT,
                NclOptions.SCL_WEIGHT)) {
            m.put(s, s == NclOptions.BATCH_SIZE ? "trainingBatchSize" : s.name());
        }
        return Collections.unmodifiableMap(m);
    }

    /** The command-line flag of a core setting: its name in kebab case ({@code -num-novel} for the novel classes). */
    public static String flag(Setting<?> s) {
        if (s == NclOptions.NUM_NOVEL_CLASSES) {
            return "num-novel";
        }
        String name = EXPLORER_NAMES.getOrDefault(s, s.name());
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private <T> T setting(Setting<T> s) {
        String text = m_settings.get(s.name());
        return text == null ? s.defaultValue() : s.parse(text);
    }

    private <T> void setSetting(Setting<T> s, T value) {
        storeText(s, s.format(value));
    }

    /** Keeps a setting's text form, unless it is the default (the number of novel classes is always kept). */
    private void storeText(Setting<?> s, String text) {
        if (s != NclOptions.NUM_NOVEL_CLASSES && text.equals(s.defaultText())) {
            m_settings.remove(s.name());
        } else {
            m_settings.put(s.name(), text);
        }
    }

    private static String tip(Setting<?> s) {
        return s.citedDescription() + " Default: " + (s.required() ? DEFAULT_NOVEL_CLASSES : s.defaultText()) + ".";
    }

    /** Every core setting except the seed (Weka's -S) is an option, with the declaration's description. */
    @Override
    public Enumeration<Option> listOptions() {
        Vector<Option> options = new Vector<>();
        for (Setting<?> s : NclOptions.settings()) {
            if (s != NclOptions.SEED) {
                options.add(new Option(
                        "\t" + tip(s) + " (" + s.range() + ")",
                        flag(s),
                        1,
                        "-" + flag(s) + " <" + s.expectedForm().replaceAll("^(an?|one of) ", "") + ">"));
            }
        }
        options.addAll(Collections.list(super.listOptions()));
        return options.elements();
    }

    /** The core settings that differ from their defaults (and the number of novel classes), then the rest. */
    @Override
    public String[] getOptions() {
        List<String> options = new ArrayList<>();
        for (Setting<?> s : NclOptions.settings()) {
            String text = m_settings.get(s.name());
            if (text != null) {
                options.add("-" + flag(s));
                options.add(text);
            }
        }
        options.addAll(Arrays.asList(super.getOptions()));
        return options.toArray(new String[0]);
    }

    @OptionMetadata(
            displayName = "coreOptions",
            description = "Further options of the NCL core as name=value pairs "
                    + "separated by commas, e.g. 'mlpHiddenSizes=[256, 256], hardNegatives=false'; applied last, so they override "
                    + "the options above.",
            commandLineParamName = "core-options",
            commandLineParamSynopsis = "-core-options <name=value,name=value,...>",
            displayOrder = 14)
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

    @OptionMetadata(
            displayName = "batchSize",
            description = "Instances per batch when predicting many instances at once.",
            commandLineParamName = "batch-size",
            commandLineParamSynopsis = "-batch-size <int>",
            displayOrder = 15)
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
        for (Setting<?> s : NclOptions.settings()) {
            if (s == NclOptions.SEED) {
                continue; // Weka's -S
            }
            String text = Utils.getOption(flag(s), options);
            if (!text.isEmpty()) {
                storeText(s, formatted(s, text));
            }
        }
        super.setOptions(options);
        coreOptions(); // report a bad core option now, naming it
    }

    @Override
    public String seedTipText() {
        return "The random seed of the whole training run (the same seed and data give the same clusters on a CPU).";
    }

    // ---- the core options ---------------------------------------------------------------------

    /**
     * The core options these settings give. Training may change them to fit the data, by the core's rules (without
     * labeled instances hard negatives are off, see {@link NclTrainer#effectiveOptions}); the trained model records the
     * options it was trained with.
     *
     * @throws IllegalArgumentException naming the option on a bad value
     */
    public NclOptions coreOptions() {
        NclOptions.Builder b = NclOptions.builder(getNumNovelClasses());
        Map<String, String> settings = new LinkedHashMap<>(m_settings);
        settings.put("seed", Integer.toString(getSeed()));
        settings.putAll(parseCoreOptions(m_coreOptions));
        settings.forEach(b::set);
        return b.build();
    }

    private static <T> String formatted(Setting<T> s, String text) {
        try {
            return s.format(s.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (Weka option -" + flag(s) + ")", e);
        }
    }

    /**
     * The core options these settings give on data with or without known classes: {@link #coreOptions()} as the
     * core's trainer will use them ({@link NclTrainer#effectiveOptions}).
     *
     * @param noKnownClasses whether the data has no known classes (no labeled instances)
     * @throws IllegalArgumentException naming the option on a bad value
     * @deprecated the rule is the core's; use {@link #coreOptions()} and {@link NclTrainer#effectiveOptions}
     */
    @Deprecated
    public NclOptions coreOptions(boolean noKnownClasses) {
        return NclTrainer.effectiveOptions(coreOptions(), !noKnownClasses);
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
                throw new IllegalArgumentException(
                        "option 'coreOptions': '" + pair.trim() + "' is not a name=value pair "
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
        String knownName = encoding.knownLabelAttribute();
        NclOptions options = coreOptions();
        DiscoveryData input = encoding.toDiscoveryData(data);
        // whether the instances make a discovery task is the core's check (NclTrainer.validate, run by train); a named
        // known-label attribute must label instances, without one NCL clusters every instance
        NclTrainer trainer =
                knownName.isEmpty() ? new NclTrainer(options) : new NclTrainer(options).requiringKnownClasses();

        TrainingLog log = new TrainingLog(getDebug());
        if (knownName.isEmpty()) {
            log.note("no known-label attribute: every instance is unlabeled; clustering into " + getNumNovelClasses()
                    + " clusters");
        }
        if (!encoding.unusedKnownValues().isEmpty()) {
            log.note("values of '" + knownName + "' that label no instance are not known classes: "
                    + encoding.unusedKnownValues());
        }
        Thread trainingThread = Thread.currentThread();
        BooleanSupplier cancelled = trainingThread::isInterrupted;
        NclModel model;
        try {
            model = ContextLoader.call(NCL.class.getClassLoader(), () -> trainer.train(input, log, cancelled));
        } catch (TrainingCancelledException e) {
            Logger.log(Logger.Level.INFO, "NCL: " + e.getMessage());
            throw new Exception("NCL was stopped: " + e.getMessage(), e);
        } catch (InvalidInputException e) {
            throw inWekaTerms(e, knownName, options);
        }
        try {
            float[] rows = encoding.features(data);
            List<NclPrediction> predictions = ContextLoader.call(NCL.class.getClassLoader(), () -> model.predict(rows));
            m_modelBytes = ContextLoader.call(NCL.class.getClassLoader(), () -> modelBytes(model));
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
        Logger.log(
                Logger.Level.INFO,
                "NCL: trained " + m_clusterNames.size() + " clusters " + m_clusterNames + " on " + data.numInstances()
                        + " instances");
    }

    private String summarise(
            Instances data,
            InstancesEncoding encoding,
            NclOptions options,
            NclModel model,
            List<NclPrediction> predictions,
            int[] labels,
            TrainingLog log)
            throws Exception {
        StringBuilder s = new StringBuilder();
        int numKnown = encoding.knownClassNames().size();
        int n = data.numInstances();
        long labeled = Arrays.stream(labels).filter(l -> l >= 0).count();
        s.append(String.format(
                Locale.ROOT,
                "Training data: %d instances, %d labeled (known-label attribute %s), %d unlabeled%n",
                n,
                labeled,
                encoding.knownLabelAttribute().isEmpty() ? "none" : "'" + encoding.knownLabelAttribute() + "'",
                n - labeled));
        s.append(String.format(
                Locale.ROOT,
                "Features: %d attributes (%d nominal, one-hot) -> %d columns; %d missing values imputed "
                        + "(training means / modes)%n",
                encoding.featureAttributeNames().size(),
                encoding.numNominalFeatures(),
                encoding.numColumns(),
                encoding.imputedValues()));
        s.append("Device: ").append(deviceReport(options, model)).append('\n');
        model.provenance()
                .choices()
                .forEach((name, value) -> s.append("Chosen by the trainer: ")
                        .append(name)
                        .append(" = ")
                        .append(value)
                        .append('\n'));
        s.append(String.format(
                Locale.ROOT,
                "Encoder: %s; epochs pretrain/supervised/discovery: %d/%d/%d; seed %d%n",
                model.encoderType(),
                options.get(NclOptions.PRETRAIN_EPOCHS),
                numKnown == 0 ? 0 : options.get(NclOptions.SUPERVISED_EPOCHS),
                options.get(NclOptions.DISCOVERY_EPOCHS),
                options.get(NclOptions.SEED)));
        s.append('\n');

        int[] sizes = new int[m_clusterNames.size()];
        for (NclPrediction p : predictions) {
            sizes[p.index()]++;
        }
        EvaluationResult scores = evaluate(encoding, data, predictions, labels);
        NovelClusterReport report = encoding.hasGroundTruth()
                ? NovelClusterReport.of(
                        scores, encoding.groundTruthNames(), options.numNovelClasses(), encoding.groundTruthAttribute())
                : null;
        s.append("Clusters (training instances assigned to each):\n");
        int width = m_clusterNames.stream().mapToInt(String::length).max().orElse(8);
        for (int c = 0; c < sizes.length; c++) {
            String kind = c < numKnown ? "known class" : "novel cluster";
            if (c >= numKnown && report != null && report.matchedClass().get(c - numKnown) != null) {
                kind += ", matched to '" + report.matchedClass().get(c - numKnown) + "' by the ground truth";
            }
            s.append(String.format(
                    Locale.ROOT, "  %2d  %-" + width + "s  %6d  (%s)%n", c, m_clusterNames.get(c), sizes[c], kind));
        }
        s.append('\n');
        if (scores.knownRows() > 0) {
            s.append(String.format(
                    Locale.ROOT,
                    "Labeled training instances assigned to their own known class: %.4f%n",
                    scores.knownJointAccuracy()));
        }
        if (report != null) {
            s.append(report.describe());
        } else if (encoding.hasGroundTruth()) {
            s.append("Ground truth '")
                    .append(encoding.groundTruthAttribute())
                    .append("': no unlabeled instance has a value\n");
        }
        scores.taskAgnosticScores()
                .ifPresent(all -> s.append(String.format(
                        Locale.ROOT,
                        "All clusters against ground truth "
                                + "'%s' on %d training instances (task-agnostic: the assigned cluster, Hungarian-matched over all %d clusters):"
                                + "%n  ACC %.4f   NMI %.4f (arithmetic-mean normalisation)   ARI %.4f%n",
                        encoding.groundTruthAttribute(),
                        all.n(),
                        m_clusterNames.size(),
                        all.accuracy(),
                        all.nmi(),
                        all.ari())));
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

    /**
     * The core's evaluation ({@link DiscoveryEvaluation}) of the training instances: labeled instances are the
     * known-class rows, the ground-truth attribute (if any) gives the true classes, known classes matched to its
     * values by name.
     */
    private static EvaluationResult evaluate(
            InstancesEncoding encoding, Instances data, List<NclPrediction> predictions, int[] labels) {
        int[] truth = null;
        int[] knownClassTruth = null;
        if (encoding.hasGroundTruth()) {
            truth = encoding.groundTruth(data);
            List<String> known = encoding.knownClassNames();
            knownClassTruth = new int[known.size()];
            for (int j = 0; j < known.size(); j++) {
                knownClassTruth[j] = encoding.groundTruthNames().indexOf(known.get(j));
            }
        }
        return DiscoveryEvaluation.evaluate(predictions, labels, truth, knownClassTruth);
    }

    /**
     * The core's rejection of the training data ({@link NclTrainer#validate}) in Weka's terms: instances, the
     * known-label attribute, option flags. The core checks; this only rewords.
     */
    private static InvalidInputException inWekaTerms(InvalidInputException e, String knownName, NclOptions options) {
        String attribute = "the known-label attribute '" + knownName + "'";
        return switch (e.problem()) {
            case NO_LABELED_ROWS ->
                e.withMessage(
                        attribute + " labels no instance (all its values are missing): label the "
                                + "instances of the known classes, or clear the option (-known-label) to cluster without known classes");
            case NO_UNLABELED_ROWS ->
                e.withMessage("no unlabeled instances: " + attribute + " labels every instance, so there "
                        + "is nothing to discover; mark the instances to cluster with a missing value '?'");
            case SINGLE_KNOWN_CLASS ->
                e.withMessage(attribute + " labels instances of only one class ["
                        + e.knownClass().orElse("?")
                        + "]: NCL needs at least 2 known classes (or clear the option to cluster "
                        + "without known classes)");
            case RESERVED_CLASS_NAME ->
                e.withMessage(attribute + " has the value '" + e.knownClass().orElse("?") + "' (instance "
                        + (e.row().orElse(-1) + 1)
                        + " is the first), a name reserved for the novel clusters (novel-0, novel-1, "
                        + "...); rename the value");
            case TOO_MANY_NOVEL_CLASSES ->
                e.withMessage("option 'numNovelClasses' (-" + flag(NclOptions.NUM_NOVEL_CLASSES) + ") = "
                        + options.numNovelClasses() + " is more than the "
                        + e.unlabeledRows().orElse(0)
                        + " unlabeled training instances");
            default ->
                e.option()
                        .map(o -> e.withMessage(e.getMessage()
                                .replace(
                                        "option '" + o + "'",
                                        "option '" + o + "' (-" + flag(NclOptions.setting(o)) + ")")))
                        .orElse(e);
        };
    }

    /** The command-line flag of a core option, e.g. {@code (-num-novel)}, or {@code (in -core-options)}. */
    /** An epoch's losses and metrics without its timings (the output must not change between identical runs). */
    private static String describe(EpochReport r) {
        StringBuilder s = new StringBuilder(
                String.format(Locale.ROOT, "%-10s epoch %d/%d ", r.stage(), r.epoch() + 1, r.epochs()));
        new java.util.TreeMap<>(r.losses()).forEach((k, v) -> s.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
        if (!r.metrics().isEmpty()) {
            s.append("  |");
            new java.util.TreeMap<>(r.metrics())
                    .forEach((k, v) -> s.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
        }
        return s.toString();
    }

    /**
     * The device asked for and the one the model was trained on, with the engine and its threads, all from the
     * model's provenance; the number of GPUs visible comes from the engine (the same process trained the model).
     */
    private static String deviceReport(NclOptions options, NclModel model) throws Exception {
        NclProvenance p = model.provenance();
        int gpus = ContextLoader.call(
                NCL.class.getClassLoader(), () -> Djl.engine().getGpuCount());
        StringBuilder s = new StringBuilder("requested ")
                .append(options.get(DEVICE))
                .append("; found ")
                .append(p.device())
                .append(" (")
                .append(p.engine())
                .append(", ")
                .append(gpus)
                .append(" GPU(s) visible, ")
                .append(p.threads())
                .append(" threads)");
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
            m_model = ContextLoader.call(
                    NCL.class.getClassLoader(),
                    () -> NclModel.load(new ByteArrayInputStream(m_modelBytes), "the model inside the NCL clusterer"));
        }
        return m_model;
    }

    /** The bytes of the core model's file, kept in the clusterer so that Weka's serialised model carries the network. */
    private static byte[] modelBytes(NclModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.save(bytes);
        return bytes.toByteArray();
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
            throw new IllegalArgumentException(
                    "option 'batchSize' (-batch-size) is '" + m_batchSize + "', not an integer", e);
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

    // ---- the safe model format -----------------------------------------------------------------

    private static final String SAFE_FORMAT = "ncl-weka-clusterer";
    private static final String SAFE_JSON_ENTRY = "ncl-weka.json";
    private static final String SAFE_MODEL_ENTRY = "model.ncl";

    /**
     * Saves the trained clusterer in a format that does not use Java serialisation, so that {@link #loadSafe} can read
     * files from anywhere (Weka's {@code .model} files are Java serialisation, which can run code while loading: load
     * those only from trusted sources). The file is a zip of two entries: {@code ncl-weka.json} (the options as
     * {@link #getOptions()} gives them, the cluster names, the summary and the {@link InstancesEncoding} as JSON) and
     * {@code model.ncl} (the core's model file, {@link NclModel#save(java.io.OutputStream)}). Written atomically.
     *
     * @throws IOException naming the file if no model is built or writing fails
     */
    public void saveSafe(Path path) throws IOException {
        if (m_modelBytes == null || m_encoding == null) {
            throw new IOException(path + ": NCL has no model to save (call buildClusterer first)");
        }
        JsonObject json = new JsonObject();
        json.addProperty("format", SAFE_FORMAT);
        json.addProperty("formatVersion", 1);
        JsonArray options = new JsonArray();
        for (String o : getOptions()) {
            options.add(o);
        }
        json.add("options", options);
        JsonArray names = new JsonArray();
        m_clusterNames.forEach(names::add);
        json.add("clusterNames", names);
        json.addProperty("summary", m_summary);
        json.add("encoding", m_encoding.toJson());
        byte[] jsonBytes =
                new GsonBuilder().setPrettyPrinting().create().toJson(json).getBytes(StandardCharsets.UTF_8);
        Path target = path.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
                zip.putNextEntry(new ZipEntry(SAFE_JSON_ENTRY));
                zip.write(jsonBytes);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(SAFE_MODEL_ENTRY));
                zip.write(m_modelBytes);
                zip.closeEntry();
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException(path + ": could not save the NCL clusterer: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a clusterer that {@link #saveSafe} wrote, without Java deserialisation: the options are set with
     * {@link #setOptions}, the encoding and the core model are read from their own formats and checked against each
     * other.
     *
     * @throws IOException naming the file if it cannot be read or is not a valid saved clusterer
     */
    public static NCL loadSafe(Path path) throws IOException {
        byte[] jsonBytes = null;
        byte[] modelBytes = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(SAFE_JSON_ENTRY) && jsonBytes == null) {
                    jsonBytes = zip.readAllBytes();
                } else if (e.getName().equals(SAFE_MODEL_ENTRY) && modelBytes == null) {
                    modelBytes = zip.readAllBytes();
                } else {
                    throw new IOException("unexpected or repeated entry '" + e.getName() + "'");
                }
            }
        } catch (IOException e) {
            throw new IOException(path + ": not a saved NCL clusterer (" + e.getMessage() + ")", e);
        }
        if (jsonBytes == null || modelBytes == null) {
            throw new IOException(path + ": not a saved NCL clusterer (a zip with entries " + SAFE_JSON_ENTRY + " and "
                    + SAFE_MODEL_ENTRY + " expected)");
        }
        NCL ncl = new NCL();
        List<String> clusterNames = new ArrayList<>();
        JsonObject json;
        String[] options;
        String summary;
        JsonObject encodingJson;
        try {
            json = JsonParser.parseString(new String(jsonBytes, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            if (!SAFE_FORMAT.equals(json.get("format").getAsString())
                    || json.get("formatVersion").getAsInt() != 1) {
                throw new IllegalArgumentException("format '" + json.get("format") + "' version "
                        + json.get("formatVersion") + " is not '" + SAFE_FORMAT + "' version 1");
            }
            JsonArray array = json.getAsJsonArray("options");
            options = new String[array.size()];
            for (int i = 0; i < options.length; i++) {
                options[i] = array.get(i).getAsString();
            }
            for (JsonElement e : json.getAsJsonArray("clusterNames")) {
                clusterNames.add(e.getAsString());
            }
            summary = json.get("summary").getAsString();
            encodingJson = json.getAsJsonObject("encoding");
        } catch (RuntimeException e) {
            throw new IOException(path + ": entry " + SAFE_JSON_ENTRY + " is damaged: " + e, e);
        }
        try {
            ncl.setOptions(options);
        } catch (Exception e) {
            throw new IOException(path + ": the saved options are not valid: " + e.getMessage(), e);
        }
        InstancesEncoding encoding =
                InstancesEncoding.fromJson(encodingJson, path + " (entry " + SAFE_JSON_ENTRY + ")");
        byte[] bytes = modelBytes;
        String source = path + " (entry " + SAFE_MODEL_ENTRY + ")";
        NclModel model;
        try {
            model = ContextLoader.call(
                    NCL.class.getClassLoader(), () -> NclModel.load(new ByteArrayInputStream(bytes), source));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        int modelColumns = Arrays.stream(model.sampleShape()).reduce(1, (a, b) -> a * b);
        String mismatch = !model.outputNames().equals(clusterNames)
                ? "the model's clusters " + model.outputNames() + " are not the saved " + clusterNames
                : modelColumns != encoding.numColumns()
                        ? "the model takes " + modelColumns + " features, the encoding gives " + encoding.numColumns()
                        : !model.knownClassNames().equals(encoding.knownClassNames())
                                ? "the model's known classes " + model.knownClassNames() + " are not the encoding's "
                                        + encoding.knownClassNames()
                                : null;
        if (mismatch != null) {
            model.close();
            throw new IOException(path + ": the parts do not match: " + mismatch);
        }
        ncl.m_encoding = encoding;
        ncl.m_modelBytes = modelBytes;
        ncl.m_clusterNames = clusterNames;
        ncl.m_summary = summary;
        ncl.m_model = model;
        return ncl;
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
