package org.ncl.core;

/**
 * Receives progress from {@link NclTrainer}: the start of each stage, each step, and each epoch's
 * {@link EpochReport}. Every method has an empty default. Calls come from the training thread.
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /** A stage starts with {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    default void onStageStart(Stage stage, int epochs, int stepsPerEpoch) {
    }

    /** A step finished. */
    default void onStep(Stage stage, int epoch, int step, int stepsPerEpoch) {
    }

    /** An epoch finished. */
    default void onEpoch(EpochReport report) {
    }

    /** A free-form message (device chosen, model selected, collapse warnings ...). */
    default void onMessage(String message) {
    }

    /**
     * The discovery stage collapsed at the end of an epoch ({@link CollapseReport}: one cluster, low
     * cluster-size entropy or a falling embedding spread). Called after {@link #onMessage} with the same
     * warning, before {@link #onEpoch} of that epoch. Default: nothing.
     */
    default void onCollapse(CollapseReport report) {
    }
}
