// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.ncl.core.options.NclOptions.BATCH_SIZE;
import static org.ncl.core.options.NclOptions.MOMENTUM;
import static org.ncl.core.options.NclOptions.WEIGHT_DECAY;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.ncl.core.nn.Inference;
import org.ncl.core.nn.TrainingNetwork;
import org.ncl.core.options.NclOptions;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.progress.TrainingCancelledException;
import org.ncl.core.progress.TrainingListener;

/**
 * What the stages share: the network being trained, the standardised training rows, the seeded
 * random source, the augmenter, the listener, the after-epoch callback and the cancellation check.
 * Also the mechanics of one optimisation step: parameters are updated through DJL's
 * {@link ParameterStore} and {@link LocalParameterServer} with an SGD optimizer, and gradients are
 * zeroed after each update.
 */
public final class TrainingContext {

    final NclOptions options;
    final NDManager manager;
    final Device device;
    final TrainingNetwork network;
    final float[] rows;
    final int[] shape;
    final int size;
    final int numRows;
    final int[] knownLabels;
    final int[] groundTruth;
    final SplittableRandom random;
    final Augmenter augmenter;
    final TrainingListener listener;
    final Consumer<EpochReport> afterEpoch;
    private final BooleanSupplier cancelled;

    /**
     * A context over standardised {@code rows}; {@code groundTruth} (nullable) is used only for reported metrics.
     * {@code afterEpoch} receives each epoch's report after the listener's
     * {@link TrainingListener#onEpoch} (the trainer offers checkpoints there), apart from the listener.
     */
    public TrainingContext(
            NclOptions options,
            NDManager manager,
            Device device,
            TrainingNetwork network,
            float[] rows,
            int[] shape,
            int[] knownLabels,
            int[] groundTruth,
            SplittableRandom random,
            TrainingListener listener,
            BooleanSupplier cancelled,
            Consumer<EpochReport> afterEpoch) {
        this.options = options;
        this.manager = manager;
        this.device = device;
        this.network = network;
        this.rows = rows;
        this.shape = shape.clone();
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        this.size = s;
        this.numRows = knownLabels.length;
        this.knownLabels = knownLabels;
        this.groundTruth = groundTruth;
        this.random = random;
        this.augmenter = new Augmenter(shape, options, rows);
        this.listener = listener;
        this.cancelled = cancelled;
        this.afterEpoch = java.util.Objects.requireNonNull(afterEpoch, "afterEpoch");
    }

    /**
     * A parameter store whose updates use SGD with the options' momentum and weight decay and this learning-rate
     * schedule; the optimizer's state (the momentum of each parameter) goes into {@code optimizerState}, which the
     * caller closes when it is done with the store.
     */
    ParameterStore parameterStore(Tracker learningRate, NDManager optimizerState) {
        Optimizer sgd = new ManagedStateSgd(
                Optimizer.sgd()
                        .setLearningRateTracker(learningRate)
                        .optMomentum(options.get(MOMENTUM).floatValue())
                        .optWeightDecays(options.get(WEIGHT_DECAY).floatValue()),
                optimizerState);
        ParameterStore ps = new ParameterStore(manager, false);
        ps.setParameterServer(new LocalParameterServer(sgd), new Device[] {device});
        return ps;
    }

    /** Applies the optimizer to every trainable parameter and zeroes all gradients. */
    void update(ParameterStore ps) {
        ps.updateAllParameters();
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray array = p.getValue().getArray();
            if (array.hasGradient()) {
                try (NDArray grad = array.getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }

    /** Throws if the thread was interrupted or the caller asked to stop. */
    void checkCancelled(Stage stage, int epoch) {
        if (Thread.currentThread().isInterrupted() || (cancelled != null && cancelled.getAsBoolean())) {
            throw new TrainingCancelledException("training cancelled during " + stage + " epoch " + (epoch + 1));
        }
    }

    /** A shuffle of {@code ids} with the training random source. */
    int[] shuffled(int[] ids) {
        return shuffled(ids, random);
    }

    /** A shuffle of {@code ids} with {@code random} (Fisher-Yates). */
    static int[] shuffled(int[] ids, SplittableRandom random) {
        int[] out = ids.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** Up to {@code max} of {@code ids}, drawn without replacement and sorted; all of them (no draws) when there are no more. */
    static int[] sample(SplittableRandom random, int[] ids, int max) {
        if (ids.length <= max) {
            return ids.clone();
        }
        int[] s = Arrays.copyOf(shuffled(ids, random), max);
        Arrays.sort(s);
        return s;
    }

    /** Number of batches of an epoch over {@code count} rows (the last partial batch is dropped unless it is the only one). */
    int stepsPerEpoch(int count) {
        return Math.max(1, count / options.get(BATCH_SIZE));
    }

    /** Rows {@code ids[from..from+b)} of one epoch's order. */
    static int[] slice(int[] ids, int from, int b) {
        int[] out = new int[Math.min(b, ids.length - from)];
        System.arraycopy(ids, from, out, 0, out.length);
        return out;
    }

    /**
     * Two augmented views of the given rows stacked as one batch [view1; view2] of 2b rows.
     * {@code strong} adds the random resized crop of contrastive pretraining.
     */
    NDArray twoViews(NDManager step, int[] batch, boolean strong) {
        return twoViews(step, batch, strong, null, 0);
    }

    /**
     * As {@link #twoViews(NDManager, int[], boolean)}, but with probability {@code p} a row's second view is
     * taken from one of its {@code neighbours} (chosen uniformly) instead of the row itself.
     */
    NDArray twoViews(NDManager step, int[] batch, boolean strong, int[][] neighbours, double p) {
        int b = batch.length;
        float[] x = new float[2 * b * size];
        for (int i = 0; i < b; i++) {
            augmenter.augment(rows, batch[i] * size, x, i * size, strong, random);
            int second = batch[i];
            if (neighbours != null && p > 0 && random.nextDouble() < p) {
                int[] nb = neighbours[second];
                second = nb[random.nextInt(nb.length)];
            }
            augmenter.augment(rows, second * size, x, (b + i) * size, strong, random);
        }
        return step.create(x, batchShape(2 * b));
    }

    /** One augmented view of the given rows. */
    NDArray oneView(NDManager step, int[] batch) {
        float[] x = new float[batch.length * size];
        for (int i = 0; i < batch.length; i++) {
            augmenter.augment(rows, batch[i] * size, x, i * size, false, random);
        }
        return step.create(x, batchShape(batch.length));
    }

    Shape batchShape(int b) {
        return Inference.batchShape(b, shape);
    }

    /** The network on the given rows in evaluation mode. */
    Inference.Outputs infer(int[] ids) {
        float[] x = new float[ids.length * size];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(rows, ids[i] * size, x, i * size, size);
        }
        return Inference.run(network.network(), manager, device, x, shape, 512);
    }
}
