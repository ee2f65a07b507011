// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_TARGETS;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.PRETRAIN_EPOCHS;
import static org.ncl.core.options.NclOptions.PRETRAIN_METHOD;
import static org.ncl.core.options.NclOptions.PROJECTION_DIM;
import static org.ncl.core.options.NclOptions.SEED;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.SequentialBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.Standardizer;
import org.ncl.core.nn.Encoders;
import org.ncl.core.nn.Inference;
import org.ncl.core.nn.NclNetwork;
import org.ncl.core.nn.TrainingNetwork;
import org.ncl.core.options.DiscoveryTargets;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.PretrainMethod;
import org.ncl.core.progress.Checkpoint;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingCancelledException;
import org.ncl.core.progress.TrainingListener;
import org.ncl.core.train.ClusterTargets;
import org.ncl.core.train.DiscoveryStage;
import org.ncl.core.train.PretrainStage;
import org.ncl.core.train.SupervisedStage;
import org.ncl.core.train.TaskAgnosticCalibration;
import org.ncl.core.train.TrainingContext;

/**
 * Trains an {@link NclModel}: Neighborhood Contrastive Learning for novel class discovery (Zhong,
 * Fini, Roy, Luo, Ricci, Sebe, CVPR 2021) in three stages — self-supervised pretraining on all rows,
 * supervised training of the known-class head, and discovery with the full objective
 * ({@link org.ncl.core.loss.NclLoss}).
 *
 * <p>Data flow: {@link DiscoveryData} → input checks ({@link #validate}, the core's one input
 * validation) → {@link Standardizer} fitted on the training rows → {@link TrainingContext}
 * (standardised rows, seeded random source, augmenter) → {@link PretrainStage}, {@link SupervisedStage}, {@link DiscoveryStage} → {@link NclModel} with
 * network, standardiser, class names and {@link NclProvenance}.
 *
 * <p>The same options (including the seed) and data give the same model on CPU. Ground truth in the
 * data is used only for the metrics reported to the listener.
 *
 * <p>Rules that depend on the data, not on the caller, live here so that every adapter (command line,
 * Tribuo, Weka) trains the same data the same way: without labeled rows (no known classes: plain
 * clustering) hard negative generation is switched off ({@link #effectiveOptions}), which the listener is
 * told ({@link #HARD_NEGATIVES_OFF}) and the model's options record.
 */
public final class NclTrainer {

    /**
     * What the listener is told when {@link #effectiveOptions} switches hard negatives off because the data
     * has no labeled rows.
     */
    public static final String HARD_NEGATIVES_OFF =
            "hard negatives: off (option 'hardNegatives' = false), because there "
                    + "are no labeled rows: hard negative generation mixes features of labeled rows into the negatives of the "
                    + "unlabeled rows";

    /** The reserved names of the novel clusters, {@code novel-0, novel-1, ...} ({@link NclModel#novelName}). */
    private static final java.util.regex.Pattern RESERVED = java.util.regex.Pattern.compile("novel-\\d+");

    private final NclOptions options;
    private final boolean knownClassesRequired;

    /** A trainer with these options. */
    public NclTrainer(NclOptions options) {
        this(options, false);
    }

    private NclTrainer(NclOptions options, boolean knownClassesRequired) {
        this.options = Objects.requireNonNull(options, "options");
        this.knownClassesRequired = knownClassesRequired;
    }

    /**
     * A trainer like this one that also rejects data without labeled rows
     * ({@link InvalidInputException.Problem#NO_LABELED_ROWS}), which this one would cluster without known classes:
     * for callers whose user named a source of known labels (Weka's known-label attribute, Tribuo's labels), so that
     * a source that labels nothing is an error, not plain clustering.
     *
     * @return the new trainer
     */
    public NclTrainer requiringKnownClasses() {
        return new NclTrainer(options, true);
    }

    /** Whether this trainer rejects data without labeled rows, see {@link #requiringKnownClasses()}. */
    public boolean knownClassesRequired() {
        return knownClassesRequired;
    }

    /**
     * The options training uses on data with or without labeled rows: {@code options} themselves, except that
     * without labeled rows hard negative generation ({@code hardNegatives}), which mixes features of labeled rows
     * into the negatives, is switched off.
     *
     * @param options the options asked for
     * @param hasLabeledRows whether the training data has labeled rows
     * @return {@code options} when nothing changes, else a changed copy
     */
    public static NclOptions effectiveOptions(NclOptions options, boolean hasLabeledRows) {
        Objects.requireNonNull(options, "options");
        if (hasLabeledRows || !options.get(HARD_NEGATIVES)) {
            return options;
        }
        return options.toBuilder().set(HARD_NEGATIVES, false).build();
    }

    /** The options as asked for (training uses {@link #effectiveOptions} of them). */
    public NclOptions options() {
        return options;
    }

    /** Trains without a listener. */
    public NclModel train(DiscoveryData data) {
        return train(data, TrainingListener.NONE, null);
    }

    /** Trains, reporting to {@code listener}. */
    public NclModel train(DiscoveryData data, TrainingListener listener) {
        return train(data, listener, null);
    }

    /**
     * Trains, reporting to {@code listener} and stopping with a {@link TrainingCancelledException} when
     * the thread is interrupted or {@code cancelled} returns true.
     *
     * @throws InvalidInputException before any training, if {@link #validate} rejects the data
     */
    public NclModel train(DiscoveryData data, TrainingListener listener, BooleanSupplier cancelled) {
        Objects.requireNonNull(data, "data");
        TrainingListener out = listener == null ? TrainingListener.NONE : listener;
        EncoderType encoderType = check(data);
        NclOptions options = effectiveOptions(this.options, data.labeledRows().length > 0);
        if (options != this.options) {
            out.onMessage(HARD_NEGATIVES_OFF);
        }
        Engine engine = Djl.engine();
        Device device = Djl.device(options.get(DEVICE));
        out.onMessage("device: " + device + " (" + engine.getEngineName() + " " + engine.getVersion() + ", "
                + engine.getGpuCount() + " GPU(s) visible, " + Djl.threads() + " threads)");
        engine.setRandomSeed(options.get(SEED).intValue());
        SplittableRandom random = new SplittableRandom(options.get(SEED));

        Standardizer standardizer = Standardizer.fit(data);
        float[] rows = standardizer.apply(data.features());
        int[] shape = data.sampleShape();
        int[] knownLabels = data.knownLabels();
        int numKnown = data.numKnownClasses();

        NDManager manager = NDManager.newBaseManager(device, engine.getEngineName());
        boolean success = false;
        try {
            SequentialBlock encoder = Encoders.create(encoderType, shape, options);
            NclNetwork network = new NclNetwork(encoder, numKnown, options.numNovelClasses());
            int featureDim = Encoders.outputDim(encoderType, options);
            TrainingNetwork training = new TrainingNetwork(network, featureDim, options.get(PROJECTION_DIM));
            training.initialize(manager, DataType.FLOAT32, Inference.batchShape(2, shape));
            // the model of the network as it is now, with a novel-logit offset and provenance
            BiFunction<Float, NclProvenance, NclModel> modelNow = (novelOffset, provenance) -> new NclModel(
                    options,
                    encoderType,
                    shape,
                    data.featureNames(),
                    data.knownClassNames(),
                    standardizer,
                    network,
                    novelOffset,
                    manager,
                    device,
                    provenance);
            CheckpointOffer checkpoints = new CheckpointOffer(
                    out::onCheckpoint,
                    (report, soFar) -> new Checkpoint(
                            report.stage(),
                            report.epoch(),
                            report.epochs(),
                            path -> modelNow.apply(
                                            0f,
                                            provenance(
                                                    options,
                                                    engine,
                                                    device,
                                                    encoderType,
                                                    data,
                                                    soFar,
                                                    report.epoch(),
                                                    report.selectionScore(),
                                                    Map.of(),
                                                    Map.of()))
                                    .save(path)));
            TrainingContext ctx = new TrainingContext(
                    options,
                    manager,
                    device,
                    training,
                    rows,
                    shape,
                    knownLabels,
                    data.groundTruth(),
                    random,
                    out,
                    cancelled,
                    checkpoints);

            List<EpochReport> history = new ArrayList<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            history.addAll(PretrainStage.run(ctx));
            long t1 = System.nanoTime();
            history.addAll(SupervisedStage.run(ctx, data.labeledRows()));
            long t2 = System.nanoTime();
            Map<String, String> choices = new LinkedHashMap<>();
            int[] targets = null;
            if (clusterTargets(options, encoderType)) {
                ClusterTargets.Choice choice = ClusterTargets.choose(
                        rows,
                        data.numFeatures(),
                        featureScale(standardizer, data.numFeatures()),
                        knownLabels,
                        options.numNovelClasses(),
                        options.get(SEED));
                choices.putAll(choice.describe());
                targets = choice.targets();
                out.onMessage("discovery targets: " + choice.chosen() + ", chosen on the labeled rows "
                        + choice.describe().getOrDefault("discoveryTargets.knownClassAccuracy", "(no labeled rows)"));
            }
            DiscoveryStage.Outcome discovery = DiscoveryStage.run(ctx, targets);
            history.addAll(discovery.reports());
            TaskAgnosticCalibration.Fit calibration =
                    TaskAgnosticCalibration.fit(ctx, data.labeledRows(), data.unlabeledRows());
            float novelOffset = calibration.usableOffset();
            out.onMessage(String.format(
                    java.util.Locale.ROOT,
                    "task-agnostic calibration: best novel logit offset %.4f separates "
                            + "labeled from unlabeled training rows with balanced accuracy %.4f; using offset %.4f",
                    calibration.offset(),
                    calibration.balancedAccuracy(),
                    novelOffset));
            long t3 = System.nanoTime();
            seconds.put(Stage.PRETRAIN.name(), (t1 - t0) / 1e9);
            seconds.put(Stage.SUPERVISED.name(), (t2 - t1) / 1e9);
            seconds.put(Stage.DISCOVERY.name(), (t3 - t2) / 1e9);

            NclProvenance provenance = provenance(
                    options,
                    engine,
                    device,
                    encoderType,
                    data,
                    history,
                    discovery.selectedEpoch(),
                    discovery.selectionScore(),
                    seconds,
                    choices);
            NclModel model = modelNow.apply(novelOffset, provenance);
            success = true;
            return model;
        } finally {
            if (!success) {
                manager.close();
            }
        }
    }

    private static NclProvenance provenance(
            NclOptions options,
            Engine engine,
            Device device,
            EncoderType encoderType,
            DiscoveryData data,
            List<EpochReport> history,
            int selectedEpoch,
            double selectionScore,
            Map<String, Double> seconds,
            Map<String, String> choices) {
        return new NclProvenance(
                NclProvenance.NCL_VERSION,
                Engine.getDjlVersion(),
                engine.getEngineName() + " " + engine.getVersion(),
                device.toString(),
                Djl.threads(),
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Instant.now().toString(),
                options.toMap(),
                encoderType.name(),
                summary(options, data),
                history,
                selectedEpoch,
                selectionScore,
                seconds,
                choices);
    }

    /** Whether discovery gets cluster targets: CLUSTERED, or AUTO on tables. */
    private static boolean clusterTargets(NclOptions options, EncoderType encoder) {
        DiscoveryTargets t = options.get(DISCOVERY_TARGETS);
        return t == DiscoveryTargets.CLUSTERED || (t == DiscoveryTargets.AUTO && encoder == EncoderType.MLP);
    }

    /** The standard deviation behind each standardised value (images have one per channel). */
    private static float[] featureScale(Standardizer standardizer, int features) {
        float[] std = standardizer.std();
        float[] out = new float[features];
        int per = features / std.length;
        for (int j = 0; j < features; j++) {
            out[j] = std[j / per];
        }
        return out;
    }

    private static NclProvenance.DataSummary summary(NclOptions options, DiscoveryData data) {
        int labeled = data.labeledRows().length;
        return new NclProvenance.DataSummary(
                data.numRows(),
                data.numFeatures(),
                Arrays.stream(data.sampleShape()).boxed().collect(Collectors.toList()),
                labeled,
                data.numRows() - labeled,
                data.knownClassNames(),
                options.numNovelClasses(),
                data.sha256());
    }

    /**
     * Checks training data against the task and this trainer's options: the core's one input validation, run by
     * {@link #train} before anything else. Adapters catch its exception and may reword it in their own terms, but do
     * not repeat the checks. The data's own values (finite, labels in range, shape) were checked when it was built.
     *
     * <p>In order: known classes but no labeled row (or none at all when {@link #requiringKnownClasses() required});
     * no unlabeled row; a single known class; a known class without labeled rows; a known class named like a novel
     * cluster ({@code novel-0, novel-1, ...}); more novel classes than unlabeled rows; an encoder or a pretraining
     * method that does not fit the rows' shape. Zero known classes (no class names, every row unlabeled) is plain
     * clustering, which is valid unless known classes are required.
     *
     * @param data the training data
     * @throws InvalidInputException saying what is wrong and, when known, the row, known class or option
     */
    public void validate(DiscoveryData data) {
        check(Objects.requireNonNull(data, "data"));
    }

    /** Checks the data against the options ({@link #validate}); returns the encoder type to use. */
    private EncoderType check(DiscoveryData data) {
        int[] labeled = data.labeledRows();
        int unlabeled = data.numRows() - labeled.length;
        // Zero known classes (no class names, every row unlabeled) is plain clustering: the supervised
        // stage and the known head are left out and discovery runs on the unlabeled rows alone.
        boolean noKnownClasses = data.numKnownClasses() == 0;
        if (labeled.length == 0 && (!noKnownClasses || knownClassesRequired)) {
            throw invalid(
                    InvalidInputException.Problem.NO_LABELED_ROWS,
                    "no labeled rows: novel class discovery needs rows "
                            + "of the known classes with their labels (every row is unlabeled)"
                            + (knownClassesRequired
                                    ? ""
                                    : "; give no known class names to cluster without known classes"),
                    -1,
                    null,
                    null,
                    unlabeled);
        }
        if (unlabeled == 0) {
            throw invalid(
                    InvalidInputException.Problem.NO_UNLABELED_ROWS,
                    "no unlabeled rows: every row has a known label, so there is nothing to discover",
                    -1,
                    null,
                    null,
                    0);
        }
        if (data.numKnownClasses() == 1) {
            throw invalid(
                    InvalidInputException.Problem.SINGLE_KNOWN_CLASS,
                    "a single known class (" + data.knownClassNames()
                            + "): the known-class head needs at least 2 known classes",
                    -1,
                    data.knownClassNames().get(0),
                    null,
                    -1);
        }
        int[] counts = new int[data.numKnownClasses()];
        int[] firstRow = new int[data.numKnownClasses()];
        for (int r : labeled) {
            if (counts[data.knownLabel(r)]++ == 0) {
                firstRow[data.knownLabel(r)] = r;
            }
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw invalid(
                        InvalidInputException.Problem.KNOWN_CLASS_WITHOUT_ROWS,
                        "known class '" + data.knownClassNames().get(c)
                                + "' has no labeled row; remove it from the class list or label some rows",
                        -1,
                        data.knownClassNames().get(c),
                        null,
                        -1);
            }
        }
        for (int c = 0; c < counts.length; c++) {
            String name = data.knownClassNames().get(c);
            if (RESERVED.matcher(name).matches()) {
                throw invalid(
                        InvalidInputException.Problem.RESERVED_CLASS_NAME,
                        "known class '" + name + "' (first labeled "
                                + "row " + firstRow[c]
                                + ") has a name reserved for the novel clusters (novel-0, novel-1, ...); "
                                + "rename the class",
                        firstRow[c],
                        name,
                        null,
                        -1);
            }
        }
        if (options.numNovelClasses() > unlabeled) {
            throw invalid(
                    InvalidInputException.Problem.TOO_MANY_NOVEL_CLASSES,
                    "option 'numNovelClasses' = " + options.numNovelClasses() + " is more than the " + unlabeled
                            + " unlabeled rows",
                    -1,
                    null,
                    "numNovelClasses",
                    unlabeled);
        }
        int[] shape = data.sampleShape();
        EncoderType type;
        try {
            type = Encoders.resolve(options.get(ENCODER), shape);
        } catch (IllegalArgumentException e) {
            InvalidInputException x = invalid(
                    InvalidInputException.Problem.OPTION_DOES_NOT_FIT_DATA, e.getMessage(), -1, null, "encoder", -1);
            x.initCause(e);
            throw x;
        }
        if (options.get(PRETRAIN_METHOD) == PretrainMethod.ROTNET
                && options.get(PRETRAIN_EPOCHS) > 0
                && (shape.length != 3 || shape[1] != shape[2])) {
            throw invalid(
                    InvalidInputException.Problem.OPTION_DOES_NOT_FIT_DATA,
                    "option 'pretrainMethod' = ROTNET needs " + "square images, but rows have shape "
                            + Arrays.toString(shape) + "; use CONTRASTIVE",
                    -1,
                    null,
                    "pretrainMethod",
                    -1);
        }
        return type;
    }

    private static InvalidInputException invalid(
            InvalidInputException.Problem problem,
            String message,
            int row,
            String knownClass,
            String option,
            int unlabeledRows) {
        return new InvalidInputException(problem, message, row, knownClass, option, unlabeledRows);
    }
}
