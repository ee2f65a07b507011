package org.ncl.core;

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
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.ncl.core.NclOptions.EncoderType;
import org.ncl.core.NclOptions.PretrainMethod;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.data.Standardizer;
import org.ncl.core.nn.Encoders;
import org.ncl.core.nn.Inference;
import org.ncl.core.nn.NclNetwork;
import org.ncl.core.nn.TrainingNetwork;
import org.ncl.core.progress.Checkpoint;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingCancelledException;
import org.ncl.core.progress.TrainingListener;
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
 * <p>Data flow: {@link DiscoveryData} → input checks → {@link Standardizer} fitted on the training
 * rows → {@link TrainingContext} (standardised rows, seeded random source, augmenter) →
 * {@link PretrainStage}, {@link SupervisedStage}, {@link DiscoveryStage} → {@link NclModel} with
 * network, standardiser, class names and {@link NclProvenance}.
 *
 * <p>The same options (including the seed) and data give the same model on CPU. Ground truth in the
 * data is used only for the metrics reported to the listener.
 */
public final class NclTrainer {

    private final NclOptions options;

    /** A trainer with these options. */
    public NclTrainer(NclOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
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
     */
    public NclModel train(DiscoveryData data, TrainingListener listener, BooleanSupplier cancelled) {
        Objects.requireNonNull(data, "data");
        TrainingListener out = listener == null ? TrainingListener.NONE : listener;
        EncoderType encoderType = check(data);
        Engine engine = Djl.engine();
        Device device = Djl.device(options.device());
        out.onMessage("device: " + device + " (" + engine.getEngineName() + " " + engine.getVersion() + ", "
                + engine.getGpuCount() + " GPU(s) visible, " + Djl.threads() + " threads)");
        engine.setRandomSeed((int) options.seed());
        SplittableRandom random = new SplittableRandom(options.seed());

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
            TrainingNetwork training = new TrainingNetwork(network, featureDim, options.projectionDim());
            training.initialize(manager, DataType.FLOAT32, Inference.batchShape(2, shape));
            TrainingListener events = out.and(new CheckpointOffer(out, (report, soFar) -> new Checkpoint(report.stage(),
                    report.epoch(), report.epochs(), path -> new NclModel(options, encoderType, shape, data.featureNames(),
                    data.knownClassNames(), standardizer, network, 0f, manager, device,
                    provenance(engine, device, encoderType, data, soFar, report.epoch(), report.selectionScore(), Map.of()))
                    .save(path))));
            TrainingContext ctx = new TrainingContext(options, manager, device, training, rows, shape, knownLabels,
                    data.groundTruth(), random, events, cancelled);

            List<EpochReport> history = new ArrayList<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            history.addAll(PretrainStage.run(ctx));
            long t1 = System.nanoTime();
            history.addAll(SupervisedStage.run(ctx, data.labeledRows()));
            long t2 = System.nanoTime();
            DiscoveryStage.Outcome discovery = DiscoveryStage.run(ctx);
            history.addAll(discovery.reports());
            TaskAgnosticCalibration.Fit calibration = TaskAgnosticCalibration.fit(ctx, data.labeledRows(), data.unlabeledRows());
            float novelOffset = calibration.usableOffset();
            out.onMessage(String.format(java.util.Locale.ROOT, "task-agnostic calibration: best novel logit offset %.4f separates "
                    + "labeled from unlabeled training rows with balanced accuracy %.4f; using offset %.4f",
                    calibration.offset(), calibration.balancedAccuracy(), novelOffset));
            long t3 = System.nanoTime();
            seconds.put(Stage.PRETRAIN.name(), (t1 - t0) / 1e9);
            seconds.put(Stage.SUPERVISED.name(), (t2 - t1) / 1e9);
            seconds.put(Stage.DISCOVERY.name(), (t3 - t2) / 1e9);

            NclProvenance provenance = provenance(engine, device, encoderType, data, history, discovery.selectedEpoch(),
                    discovery.selectionScore(), seconds);
            NclModel model = new NclModel(options, encoderType, shape, data.featureNames(), data.knownClassNames(),
                    standardizer, network, novelOffset, manager, device, provenance);
            success = true;
            return model;
        } finally {
            if (!success) {
                manager.close();
            }
        }
    }

    private NclProvenance provenance(Engine engine, Device device, EncoderType encoderType, DiscoveryData data,
                                     List<EpochReport> history, int selectedEpoch, double selectionScore,
                                     Map<String, Double> seconds) {
        return new NclProvenance(NclProvenance.NCL_VERSION, Engine.getDjlVersion(),
                engine.getEngineName() + " " + engine.getVersion(), device.toString(), Djl.threads(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Instant.now().toString(), options.toMap(), encoderType.name(), summary(data), history,
                selectedEpoch, selectionScore, seconds);
    }

    private NclProvenance.DataSummary summary(DiscoveryData data) {
        int labeled = data.labeledRows().length;
        return new NclProvenance.DataSummary(data.numRows(), data.numFeatures(),
                Arrays.stream(data.sampleShape()).boxed().collect(Collectors.toList()), labeled, data.numRows() - labeled,
                data.knownClassNames(), options.numNovelClasses(), data.sha256());
    }

    /** Checks the data against the options; returns the encoder type to use. */
    private EncoderType check(DiscoveryData data) {
        int[] labeled = data.labeledRows();
        int unlabeled = data.numRows() - labeled.length;
        // Zero known classes (no class names, every row unlabeled) is plain clustering: the supervised
        // stage and the known head are left out and discovery runs on the unlabeled rows alone.
        boolean noKnownClasses = data.numKnownClasses() == 0;
        if (labeled.length == 0 && !noKnownClasses) {
            throw new IllegalArgumentException("no labeled rows: novel class discovery needs rows of the known classes "
                    + "with their labels (every row is unlabeled); give no known class names to cluster without known classes");
        }
        if (unlabeled == 0) {
            throw new IllegalArgumentException("no unlabeled rows: every row has a known label, so there is nothing to discover");
        }
        if (data.numKnownClasses() == 1) {
            throw new IllegalArgumentException("a single known class (" + data.knownClassNames()
                    + "): the known-class head needs at least 2 known classes");
        }
        int[] counts = new int[data.numKnownClasses()];
        for (int r : labeled) {
            counts[data.knownLabel(r)]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("known class '" + data.knownClassNames().get(c)
                        + "' has no labeled row; remove it from the class list or label some rows");
            }
        }
        if (options.numNovelClasses() > unlabeled) {
            throw new IllegalArgumentException("option 'numNovelClasses' = " + options.numNovelClasses()
                    + " is more than the " + unlabeled + " unlabeled rows");
        }
        EncoderType type = Encoders.resolve(options.encoder(), data.sampleShape());
        int[] shape = data.sampleShape();
        if (options.pretrainMethod() == PretrainMethod.ROTNET && options.pretrainEpochs() > 0
                && (shape.length != 3 || shape[1] != shape[2])) {
            throw new IllegalArgumentException("option 'pretrainMethod' = ROTNET needs square images, but rows have shape "
                    + Arrays.toString(shape) + "; use CONTRASTIVE");
        }
        return type;
    }
}
