// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.progress;

/**
 * Receives progress from {@link org.ncl.core.NclTrainer}: the start of each stage, each step, and each epoch's
 * {@link EpochReport}. Every method has an empty default. Calls come from the training thread.
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /** A stage starts with {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    default void onStageStart(Stage stage, int epochs, int stepsPerEpoch) {}

    /** A step finished. */
    default void onStep(Stage stage, int epoch, int step, int stepsPerEpoch) {}

    /**
     * A step finished; {@code runningLosses} holds the mean of each loss term over the epoch's steps so far
     * (the key {@code total} last). Default: calls {@link #onStep(Stage, int, int, int)}.
     */
    default void onStep(
            Stage stage, int epoch, int step, int stepsPerEpoch, java.util.Map<String, Double> runningLosses) {
        onStep(stage, epoch, step, stepsPerEpoch);
    }

    /** An epoch finished. */
    default void onEpoch(EpochReport report) {}

    /** A free-form message (device chosen, model selected, collapse warnings ...). */
    default void onMessage(String message) {}

    /**
     * The discovery stage collapsed at the end of an epoch ({@link CollapseReport}: one cluster, low
     * cluster-size entropy or a falling embedding spread). Called after {@link #onMessage} with the same
     * warning, before {@link #onEpoch} of that epoch. Default: nothing.
     */
    default void onCollapse(CollapseReport report) {}

    /**
     * A discovery epoch ended (after {@link #onEpoch}); {@link Checkpoint#save} writes the model of that
     * epoch. Called on the training thread, which waits for it. Default: nothing.
     */
    default void onCheckpoint(Checkpoint checkpoint) {}

    /** A listener that passes every event to this one, then to {@code other}. */
    default TrainingListener and(TrainingListener other) {
        java.util.Objects.requireNonNull(other, "other");
        TrainingListener first = this;
        return new TrainingListener() {
            @Override
            public void onStageStart(Stage stage, int epochs, int stepsPerEpoch) {
                first.onStageStart(stage, epochs, stepsPerEpoch);
                other.onStageStart(stage, epochs, stepsPerEpoch);
            }

            @Override
            public void onStep(Stage stage, int epoch, int step, int stepsPerEpoch) {
                first.onStep(stage, epoch, step, stepsPerEpoch);
                other.onStep(stage, epoch, step, stepsPerEpoch);
            }

            @Override
            public void onStep(
                    Stage stage, int epoch, int step, int stepsPerEpoch, java.util.Map<String, Double> runningLosses) {
                first.onStep(stage, epoch, step, stepsPerEpoch, runningLosses);
                other.onStep(stage, epoch, step, stepsPerEpoch, runningLosses);
            }

            @Override
            public void onEpoch(EpochReport report) {
                first.onEpoch(report);
                other.onEpoch(report);
            }

            @Override
            public void onMessage(String message) {
                first.onMessage(message);
                other.onMessage(message);
            }

            @Override
            public void onCollapse(CollapseReport report) {
                first.onCollapse(report);
                other.onCollapse(report);
            }

            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                first.onCheckpoint(checkpoint);
                other.onCheckpoint(checkpoint);
            }
        };
    }
}
